/// How much a header alone says about a column.
enum HeaderStrength: Int, Comparable {
    /// Ambiguous ("nom", "name"): the values and the neighbours decide.
    case ambiguous = 0
    /// Personal only about people: needs a person context (neighbours) or non-numeric values.
    case contextual = 1
    /// Personal by itself ("prénom", "date de naissance", "NIR", "IBAN").
    case direct = 2
    static func < (a: HeaderStrength, b: HeaderStrength) -> Bool { a.rawValue < b.rawValue }
}

/// One hit of the header dictionary.
struct HeaderHit {
    let category: DataCategory
    let strength: HeaderStrength
    let phrase: String
}

/// The French and English header dictionary, matched on whole folded words.
enum HeaderDictionary {
    private static let rules: [(String, DataCategory, HeaderStrength)] = [
        // e-mail before address, IP before address.
        ("adresse mail", .email, .direct), ("adresse email", .email, .direct), ("adresse electronique", .email, .direct),
        ("adresse ip", .ipAddress, .direct), ("ip address", .ipAddress, .direct), ("ip", .ipAddress, .direct),
        ("courriel", .email, .direct), ("mel", .email, .direct), ("email", .email, .direct), ("e mail", .email, .direct),
        ("mail", .email, .direct),
        ("prenom", .identity, .direct), ("prenoms", .identity, .direct), ("first name", .identity, .direct),
        ("firstname", .identity, .direct), ("given name", .identity, .direct), ("last name", .identity, .direct),
        ("lastname", .identity, .direct), ("surname", .identity, .direct), ("family name", .identity, .direct),
        ("full name", .identity, .direct), ("nom de famille", .identity, .direct), ("nom de naissance", .identity, .direct),
        ("nom d usage", .identity, .direct), ("nom usage", .identity, .direct), ("nom marital", .identity, .direct),
        ("nom de jeune fille", .identity, .direct), ("patronyme", .identity, .direct), ("nom prenom", .identity, .direct),
        ("date de naissance", .birthDate, .direct), ("date naissance", .birthDate, .direct), ("ne le", .birthDate, .direct),
        ("date naiss", .birthDate, .direct), ("dt naissance", .birthDate, .direct), ("naissance", .birthDate, .contextual),
        ("nee le", .birthDate, .direct), ("ddn", .birthDate, .direct), ("birth date", .birthDate, .direct),
        ("birthdate", .birthDate, .direct), ("date of birth", .birthDate, .direct), ("dob", .birthDate, .direct),
        ("lieu de naissance", .civilStatus, .direct), ("lieu naissance", .civilStatus, .direct),
        ("place of birth", .civilStatus, .direct), ("civilite", .civilStatus, .direct), ("sexe", .civilStatus, .contextual),
        ("genre", .civilStatus, .contextual), ("gender", .civilStatus, .contextual), ("age", .birthDate, .contextual),
        ("nationalite", .civilStatus, .contextual),
        ("nir", .nir, .direct), ("secu", .nir, .direct), ("securite sociale", .nir, .direct),
        ("numero ss", .nir, .direct), ("n ss", .nir, .direct), ("no ss", .nir, .direct), ("num ss", .nir, .direct),
        ("nss", .nir, .direct), ("social security", .nir, .direct), ("insee personne", .nir, .direct),
        ("iban", .bankDetails, .direct), ("rib", .bankDetails, .direct), ("bic", .bankDetails, .contextual),
        ("coordonnees bancaires", .bankDetails, .direct), ("bank account", .bankDetails, .direct),
        ("immatriculation", .licensePlate, .direct), ("plaque", .licensePlate, .direct),
        ("license plate", .licensePlate, .direct), ("licence plate", .licensePlate, .direct),
        ("allocataire", .cafNumber, .direct), ("caf", .cafNumber, .contextual), ("numero allocataire", .cafNumber, .direct),
        ("telephone", .phone, .contextual), ("tel", .phone, .contextual), ("portable", .phone, .direct),
        ("mobile", .phone, .contextual), ("phone", .phone, .contextual), ("gsm", .phone, .direct),
        ("adresse", .postalAddress, .contextual), ("address", .postalAddress, .contextual),
        ("domicile", .postalAddress, .direct), ("adresse personnelle", .postalAddress, .direct),
        ("voie", .postalAddress, .contextual), ("rue", .postalAddress, .contextual),
        ("situation familiale", .familySituation, .direct), ("situation matrimoniale", .familySituation, .direct),
        ("enfants a charge", .familySituation, .direct), ("conjoint", .familySituation, .direct),
        ("filiation", .familySituation, .direct), ("composition du foyer", .familySituation, .direct),
        ("composition familiale", .familySituation, .direct), ("foyer", .familySituation, .contextual), ("nombre d enfants", .familySituation, .contextual),
        ("nb enfants", .familySituation, .contextual), ("enfants", .familySituation, .contextual),
        ("revenu", .income, .contextual), ("revenus", .income, .contextual), ("salaire", .income, .contextual),
        ("quotient familial", .income, .direct), ("qf", .income, .contextual), ("income", .income, .contextual), ("salary", .income, .contextual),
        ("revenu fiscal", .taxSituation, .direct), ("avis d imposition", .taxSituation, .direct),
        ("numero fiscal", .taxSituation, .direct), ("impot", .taxSituation, .contextual),
        ("patrimoine", .financialSituation, .contextual), ("dette", .financialSituation, .contextual),
        ("surendettement", .financialSituation, .direct), ("impaye", .financialSituation, .contextual),
        ("login", .connectionData, .direct), ("identifiant de connexion", .connectionData, .direct),
        ("mot de passe", .connectionData, .direct), ("password", .connectionData, .direct),
        ("user agent", .connectionData, .direct), ("derniere connexion", .connectionData, .direct),
        ("geolocalisation", .location, .contextual), ("position gps", .location, .contextual),
        ("carte d identite", .identityDocument, .direct), ("cni", .identityDocument, .direct),
        ("passeport", .identityDocument, .direct), ("titre de sejour", .identityDocument, .direct),
        ("permis de conduire", .identityDocument, .direct), ("photo", .photo, .contextual), ("photographie", .photo, .contextual),
        ("allergie", .health, .direct), ("allergies", .health, .direct), ("pai", .health, .direct),
        ("handicap", .health, .contextual), ("handicape", .health, .contextual), ("handicapes", .health, .contextual), ("maladie", .health, .direct), ("diagnostic", .health, .contextual),
        ("traitement medical", .health, .direct), ("pathologie", .health, .direct), ("sante", .health, .contextual),
        ("medical", .health, .contextual), ("medicale", .health, .contextual), ("mdph", .health, .direct),
        ("gir", .health, .contextual), ("dependance", .health, .contextual), ("vaccin", .health, .contextual),
        ("vaccins", .health, .contextual), ("vaccination", .health, .contextual),
        ("regime alimentaire", .religiousBelief, .contextual), ("religion", .religiousBelief, .direct),
        ("confession", .religiousBelief, .direct), ("culte", .religiousBelief, .contextual),
        ("syndicat", .tradeUnion, .contextual), ("syndical", .tradeUnion, .direct), ("syndicale", .tradeUnion, .direct),
        ("union membership", .tradeUnion, .direct), ("opinion politique", .politicalOpinion, .direct),
        ("appartenance politique", .politicalOpinion, .direct), ("parti politique", .politicalOpinion, .contextual),
        ("nuance politique", .politicalOpinion, .contextual), ("etiquette politique", .politicalOpinion, .contextual),
        ("tendance politique", .politicalOpinion, .contextual),
        ("origine ethnique", .ethnicOrigin, .direct), ("ethnie", .ethnicOrigin, .direct), ("ethnicity", .ethnicOrigin, .direct),
        ("orientation sexuelle", .sexLife, .direct), ("vie sexuelle", .sexLife, .direct), ("sexual orientation", .sexLife, .direct),
        ("condamnation", .offences, .direct), ("condamnations", .offences, .direct), ("infraction", .offences, .contextual),
        ("casier", .offences, .direct), ("casier judiciaire", .offences, .direct), ("delit", .offences, .contextual),
        ("conviction", .offences, .direct),
    ]

    private static let compiled: [([String], DataCategory, HeaderStrength, String)] =
        rules.map { (TextFolding.words($0.0), $0.1, $0.2, $0.0) }

    /// Words after "nom"/"name" that make the column about a thing, not a person.
    static let thingWords: Set<String> = [
        "commune", "communes", "voie", "rue", "equipement", "site", "structure", "organisme", "attribuant", "acheteur",
        "etablissement", "departement", "region", "epci", "station", "ligne", "arret", "lieu", "projet", "fichier",
        "produit", "service", "association", "entreprise", "societe", "collectivite", "titulaire", "operateur",
        "amenageur", "enseigne", "parking", "gare", "ecole", "college", "lycee", "quartier", "canton", "pays",
        "ville", "zone", "programme", "jeu", "donnees", "dataset", "court", "long", "officiel", "recette", "plat",
        "menu", "voirie", "batiment", "salle", "parc", "marche", "lot", "acheminement", "prestataire", "fournisseur",
        "raison", "sociale", "liste", "nuance", "groupe", "commission", "seance", "deliberation", "exploitant",
    ]
    /// Words after "nom" that make the column about a person.
    static let personWords: Set<String> = [
        "agent", "eleve", "enfant", "usager", "parent", "responsable", "demandeur", "patient", "personne", "contact",
        "representant", "adherent", "candidat", "client", "habitant", "proprietaire", "locataire", "conducteur",
        "salarie", "allocataire", "famille", "naissance", "usage", "epoux", "epouse", "mere", "pere",
        "tuteur", "signataire", "declarant", "requerant", "redacteur", "auteur", "elu", "membre", "participant",
    ]

    /// True for a first-name header ("Prénom", "first name"): a "nom" column beside it holds surnames.
    static func isFirstNameHeader(_ label: String) -> Bool {
        let words = TextFolding.words(label)
        return [["prenom"], ["prenoms"], ["first", "name"], ["firstname"], ["given", "name"]]
            .contains { TextFolding.contains(words, phrase: $0) }
    }

    /// Every rule that matches the header, strongest first; "nom"/"name" handled with its qualifiers.
    static func hits(for label: String, name: String = "") -> [HeaderHit] {
        var words = TextFolding.words(label)
        if words.isEmpty { words = TextFolding.words(name) }
        var out: [HeaderHit] = []
        var taken = Set<DataCategory>()
        for (phrase, cat, strength, text) in compiled where TextFolding.contains(words, phrase: phrase) {
            if taken.contains(cat) { continue }
            // "adresse" alone should not fire when an e-mail/IP phrase already did.
            if cat == .postalAddress && (taken.contains(.email) || taken.contains(.ipAddress)) { continue }
            taken.insert(cat)
            out.append(HeaderHit(category: cat, strength: strength, phrase: text))
        }
        if !taken.contains(.identity), words.contains("nom") || words.contains("name") || words.contains("noms") {
            let others = words.filter { !["nom", "noms", "name", "de", "du", "d", "la", "le", "l", "des", "the", "of"].contains($0) }
            if others.contains(where: { personWords.contains($0) }) {
                out.append(HeaderHit(category: .identity, strength: .direct, phrase: "nom"))
            } else if !others.contains(where: { thingWords.contains($0) }) {
                out.append(HeaderHit(category: .identity, strength: .ambiguous, phrase: "nom"))
            }
        }
        return out.sorted { $0.strength > $1.strength }
    }
}
