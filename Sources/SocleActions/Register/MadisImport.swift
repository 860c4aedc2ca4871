import Foundation
import SocleCore
import SocleIngest

/// Import of a Madis CSV export of processing activities (« traitements »): the columns Madis writes
/// (`docs/register.md` has the mapping table), read with the ingestion's CSV reader (BOM, Windows-1252, `;`).
/// All or nothing: an unknown or missing column, or a value outside Madis's lists, refuses the whole file with
/// its line and column, before anything is written. Every activity comes in as a draft.
public struct MadisImport {
    /// What an import did (or would do, in a dry run).
    public struct Report: Encodable, Sendable {
        public struct Item: Encodable, Sendable {
            public var line: Int
            public var name: String
            public var id: Int64?
            public var archived: Bool
            public var completeness: Int
            public var missing: [String]
        }
        public var organisation: String
        public var dryRun: Bool
        public var activities: [Item]
    }

    /// Madis's column headers, in its order, and what Socle does with them (nil: kept out, said so in the docs).
    enum Field: String {
        case name, purpose, controller, active, legalBasis, legalJustification, categories
        case recipients, processors, people, estimatedPeople, software, paper, delayNumber, delayPeriod, delayComment, fate, collection
        case security, criterion
        case ignored
    }

    struct Column {
        var header: String
        var field: Field
        /// The value the field takes from a « Oui » (people, security, DPIA criteria).
        var value: String? = nil
    }

    static let columns: [Column] = {
        var c: [Column] = [
            Column(header: "Nom", field: .name),
            Column(header: "Collectivité - Nom", field: .ignored), Column(header: "Collectivité - SIREN", field: .ignored),
            Column(header: "Collectivité - Code INSEE", field: .ignored),
            Column(header: "En tant que", field: .ignored), Column(header: "Finalités", field: .purpose),
            Column(header: "Gestionnaire", field: .controller), Column(header: "Statut", field: .active),
            Column(header: "Base légale", field: .legalBasis), Column(header: "Justification de la base légale", field: .legalJustification),
            Column(header: "Observations", field: .ignored), Column(header: "Catégorie de données", field: .categories),
            Column(header: "Catégorie des données - Autres catégories", field: .ignored),
            Column(header: "Destination - Catégorie de destinataires", field: .recipients),
            Column(header: "Destination - Sous-traitants", field: .processors),
            Column(header: "Historique - Créateur", field: .ignored), Column(header: "Historique - Date de création", field: .ignored),
            Column(header: "Historique - Dernière mise à jour", field: .ignored),
        ]
        let people: [(String, PeopleCategory)] = [("Particuliers", .residents), ("Internautes", .residents), ("Agents", .agents),
                                                  ("Élus", .elected), ("Entreprises", .businesses), ("Partenaires", .partners), ("Autres", .other)]
        for (label, value) in people {
            c.append(Column(header: "Détails - Personnes concernées - \(label)", field: .people, value: value.rawValue))
            c.append(Column(header: "Détails - Personnes concernées - \(label) - Commentaire", field: .ignored))
        }
        c += [
            Column(header: "Détails - Nombre de concernées", field: .estimatedPeople), Column(header: "Détails - Logiciel", field: .software),
            Column(header: "Détails - Traitement papier", field: .paper),
            Column(header: "Détails - Délai de conservation - Nombre", field: .delayNumber),
            Column(header: "Détails - Délai de conservation - Période", field: .delayPeriod),
            Column(header: "Détails - Délai de conservation - Commentaire", field: .delayComment),
            Column(header: "Détails - Sort final", field: .fate), Column(header: "Détails - Origine des données", field: .ignored),
            Column(header: "Détails - Moyens de la collecte", field: .collection),
        ]
        let security: [(String, SecurityMeasure)] = [("Contrôle d'accès", .accessControl), ("Traçabilité", .traceability), ("Sauvegarde", .backup),
                                                     ("Mise à jour", .softwareProtection), ("Autres", .other)]
        let sec = "Mesures de sécurité et confidentialité"
        for (label, value) in security {
            c.append(Column(header: "\(sec) - \(label)", field: .security, value: value.rawValue))
            c.append(Column(header: "\(sec) - \(label) - Commentaire", field: value == .other ? .security : .ignored,
                            value: value == .other ? "otherComment" : nil))
        }
        c += [
            Column(header: "\(sec) - A tout moment il est possible de ressortir les personnes habilitées", field: .ignored),
            Column(header: "\(sec) - La personne ou la procédure qui permet d’ouvrir des comptes est clairement identifiée", field: .ignored),
            Column(header: "\(sec) - Les spécificités de sensibilisation liées à ce traitement sont délivrées", field: .ignored),
        ]
        let criteria: [(String, DPIACriterion)] = [("Surveillance systématique", .systematicMonitoring), ("Collecte à large échelle", .largeScale),
                                                   ("Personnes vulnérables", .vulnerablePeople), ("Croisement de données", .matching),
                                                   ("Évaluation ou notation", .evaluation), ("Décisions automatisées avec effet", .automatedDecision),
                                                   ("Exclusion automatique d'un service", .preventsRight), ("Usage innovant", .innovativeTechnology)]
        for (label, value) in criteria {
            c.append(Column(header: "Traitement spécifique - \(label)", field: .criterion, value: value.rawValue))
        }
        c.append(Column(header: "Nb Documents associés", field: .ignored))
        return c
    }()

    /// Without these a row says nothing Socle can keep.
    static let required = ["Nom", "Finalités", "Base légale", "Catégorie de données"]

    /// Headers compared without case, accents, apostrophe style or repeated spaces (Madis writes
    /// « Décisions automatisées  avec  effet » with double spaces).
    static func key(_ s: String) -> String {
        let folded = s.replacingOccurrences(of: "’", with: "'").folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static let legalBases: [String: LegalBasis?] = [
        "a determiner": nil, "le consentement": .consent, "l'obligation legale": .legalObligation, "l'execution d'un contrat": .contract,
        "l'execution d'une mission d'interet public": .publicTask, "l'interet legitime": .legitimateInterest, "l'interet vital": .vitalInterest,
    ]
    static let collection: [String: CollectionMethod] = [
        "formulaire web": .webForm, "formulaire papier": .paperForm, "contrat": .contract, "liste recue": .receivedList,
        "document interne": .internalDocument, "entretien oral": .interview, "autre": .other,
    ]
    static let periods: [String: String] = ["jour(s)": "D", "jour": "D", "jours": "D", "mois": "M", "an(s)": "Y", "an": "Y", "ans": "Y", "annee(s)": "Y"]
    static let fates: [String: RetentionFate] = ["destruction": .destroy, "conservation": .transfer, "versement": .transfer, "tri": .sort]
    /// Madis's usual category names that do not read like Socle's labels.
    static let categoryAliases: [String: DataCategory] = [
        "etat civil": .civilStatus, "etat-civil": .civilStatus, "identite": .identity, "adresse postale": .postalAddress, "adresse": .postalAddress,
        "telephone": .phone, "numero de telephone": .phone, "email": .email, "adresse email": .email, "adresse mail": .email, "courriel": .email,
        "coordonnees bancaires": .bankDetails, "rib": .bankDetails, "situation financiere": .financialSituation, "patrimoine": .assets,
        "situation fiscale": .taxSituation, "revenus": .income, "adresse ip": .ipAddress, "donnees de connexion": .connectionData,
        "localisation": .location, "numero caf": .cafNumber, "numero d'allocataire caf": .cafNumber, "sante": .health,
        "numero de securite sociale": .nir, "nir": .nir, "numero de securite sociale (nir)": .nir, "pieces d'identite": .identityDocument,
        "piece d'identite": .identityDocument, "photos": .photo, "photos/videos": .photo, "photos / videos": .photo, "video": .photo,
        "appartenance syndicale": .tradeUnion, "opinions politiques": .politicalOpinion, "opinions philosophiques, politiques, religieuses": .religiousBelief,
        "convictions religieuses": .religiousBelief, "opinions religieuses": .religiousBelief, "origine raciale ou ethnique": .ethnicOrigin,
        "origines raciales ou ethniques": .ethnicOrigin, "vie sexuelle": .sexLife, "infractions": .offences,
        "infractions, condamnations": .offences, "condamnations": .offences, "situation familiale": .civilStatus, "filiation": .filiation,
        "date de naissance": .birthDate, "immatriculation": .licensePlate, "plaque d'immatriculation": .licensePlate,
    ]
}

extension RegisterActions {
    /// Reads a Madis export and creates its activities as drafts in the organisation (nothing with `dryRun`).
    public func importMadis(file: URL, displayName: String, organisation slug: String, dryRun: Bool = false,
                            by principal: Principal) async throws -> MadisImport.Report {
        ActionStrings.register()
        let org = try await organisation(slug, principal, .editRegister)
        var options = ReaderOptions(displayName: displayName, onRagged: .pad)
        options.format = .csv
        let reader = try ReaderFactory.open(file, options: options)
        let known = Dictionary(MadisImport.columns.map { (MadisImport.key($0.header), $0) }, uniquingKeysWith: { a, _ in a })
        let labels = reader.labels
        let found = labels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let unknown = found.filter { !$0.isEmpty && known[MadisImport.key($0)] == nil }
        let present = Set(found.map(MadisImport.key))
        let missing = MadisImport.required.filter { !present.contains(MadisImport.key($0)) }
        if !unknown.isEmpty || !missing.isEmpty {
            throw SocleError(.invalidInput, code: "register.import.columns",
                             args: ["missing": missing.isEmpty ? "—" : missing.joined(separator: " ; "),
                                    "unknown": unknown.isEmpty ? "—" : unknown.prefix(20).joined(separator: " ; "),
                                    "expected": MadisImport.columns.map(\.header).joined(separator: " ; "),
                                    "found": found.prefix(80).joined(separator: " ; ")],
                             location: SourceLocation(file: displayName, line: 1))
        }
        let columns = found.map { known[MadisImport.key($0)] }
        var plans: [(line: Int, activity: ProcessingActivity, active: Bool)] = []
        while let batch = try reader.nextBatch(maxRows: 500) {
            for r in 0..<batch.rowCount {
                var cells: [(MadisImport.Column, String)] = []
                for c in 0..<min(columns.count, batch.columnCount) {
                    guard let col = columns[c], let v = batch.string(row: r, column: c)?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { continue }
                    cells.append((col, v))
                }
                if cells.isEmpty { continue }
                let line = batch.lines[r]
                let (activity, active) = try madisActivity(cells, line: line, file: displayName)
                do {
                    plans.append((line, try await validated(activity, in: org, previous: nil, by: principal), active))
                } catch let e as SocleError {
                    throw SocleError(e.kind, code: e.code, args: e.args, location: SourceLocation(file: displayName, line: line))
                }
                if plans.count > 2_000 { throw tooMany("activities") }
            }
        }
        var items: [MadisImport.Report.Item] = []
        for p in plans {
            var id: Int64?
            if !dryRun {
                var e = try await create(p.activity, in: org, action: "register.activity.import", by: principal, details: ["source": "madis", "line": String(p.line)])
                if !p.active { e = try await update(e, body: e.body, archived: true, action: "register.activity.archive", by: principal) }
                id = e.id
            }
            items.append(.init(line: p.line, name: p.activity.name, id: id, archived: !p.active, completeness: p.activity.completeness,
                               missing: p.activity.missing))
        }
        return MadisImport.Report(organisation: org.slug, dryRun: dryRun, activities: items)
    }

    /// One row of the export as an activity (a draft); values outside Madis's lists are refused where they are.
    func madisActivity(_ cells: [(MadisImport.Column, String)], line: Int, file: String) throws -> (ProcessingActivity, Bool) {
        var a = ProcessingActivity(name: "", purpose: "")
        var active = true
        var justification: String?
        var delay: (number: String?, period: String?, comment: String?, fate: RetentionFate?) = (nil, nil, nil, nil)
        var criteria: [DPIACriterion] = []
        var paper = false
        func bad(_ col: MadisImport.Column, _ value: String, _ allowed: [String]) -> SocleError {
            SocleError(.invalidInput, code: "register.bad_value",
                       args: ["field": col.header, "value": String(value.prefix(60)), "known": allowed.joined(separator: ", ")],
                       location: SourceLocation(file: file, line: line, column: col.header))
        }
        func yes(_ col: MadisImport.Column, _ v: String) throws -> Bool {
            switch MadisImport.key(v) {
            case "oui", "yes", "1", "actif", "vrai", "true", "x": return true
            case "non", "no", "0", "inactif", "faux", "false": return false
            default: throw bad(col, v, ["Oui", "Non"])
            }
        }
        func parts(_ v: String) -> [String] {
            v.components(separatedBy: " - ").flatMap { $0.components(separatedBy: ",") }.flatMap { $0.components(separatedBy: ";") }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for (col, v) in cells {
            switch col.field {
            case .ignored: continue
            case .name: a.name = v
            case .purpose: a.purpose = v
            case .controller: a.controller = RegisterContact(name: v)
            case .active: active = try yes(col, v)
            case .legalBasis:
                guard let basis = MadisImport.legalBases[MadisImport.key(v)] else {
                    throw bad(col, v, ["À déterminer", "Le consentement", "L'obligation légale", "L'exécution d'un contrat",
                                       "L'exécution d'une mission d'intérêt public", "L'intérêt légitime", "L'intérêt vital"])
                }
                if let basis { a.legalBases = [basis] }
            case .legalJustification: justification = v
            case .categories:
                // Madis joins its categories with « - »; a name may itself hold a dash (« Photos - vidéos »): try the whole first.
                for name in v.components(separatedBy: " - ").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) {
                    guard let c = Self.madisCategory(name) else {
                        throw bad(col, name, DataCategory.allCases.map { $0.label(.french) })
                    }
                    a.categories.append(c)
                }
            case .recipients: a.recipients.append(Recipient(kind: .partner, name: String(v.prefix(200))))
            case .processors:
                for name in v.components(separatedBy: " - ").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) {
                    a.recipients.append(Recipient(kind: .processor, name: String(name.prefix(200))))
                }
            case .people:
                if try yes(col, v), let p = col.value.flatMap(PeopleCategory.init(rawValue:)) { a.people.append(p) }
            case .estimatedPeople:
                guard let n = Int(v.filter { !$0.isWhitespace && $0 != "\u{202F}" && $0 != "\u{00A0}" }), n >= 0 else {
                    throw SocleError(.invalidInput, code: "register.bad_number", args: ["field": col.header, "value": String(v.prefix(40))],
                                     location: SourceLocation(file: file, line: line, column: col.header))
                }
                a.estimatedPeople = n
            case .software: a.software = v
            case .paper: paper = try yes(col, v)
            case .delayNumber: delay.number = v
            case .delayPeriod: delay.period = v
            case .delayComment: delay.comment = v
            case .fate:
                guard let f = MadisImport.fates[MadisImport.key(v)] else { throw bad(col, v, ["Destruction", "Conservation", "Versement", "Tri"]) }
                delay.fate = f
            case .collection:
                for part in parts(v) {
                    guard let m = MadisImport.collection[MadisImport.key(part)] else {
                        throw bad(col, part, ["Formulaire web", "Formulaire papier", "Contrat", "Liste reçue", "Document interne", "Entretien oral", "Autre"])
                    }
                    a.collection.append(m)
                }
            case .security:
                if col.value == "otherComment" { a.otherSecurity = v; continue }
                if try yes(col, v), let m = col.value.flatMap(SecurityMeasure.init(rawValue:)) { a.security.append(m) }
            case .criterion:
                if try yes(col, v), let c = col.value.flatMap(DPIACriterion.init(rawValue:)) { criteria.append(c) }
            }
        }
        if a.name.isBlank {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "Nom"], location: SourceLocation(file: file, line: line, column: "Nom"))
        }
        if a.legalBases.contains(.legitimateInterest) { a.legitimateInterest = justification }
        if paper { a.software = [a.software, Catalog.shared.string("register.import.paper", language: .french)].compactMap { $0 }.joined(separator: " ; ") }
        if let n = delay.number, !n.isBlank {
            let col = MadisImport.columns.first { $0.field == .delayNumber }!
            guard let count = Int(n), count > 0 else { throw bad(col, n, ["1, 2, 3…"]) }
            let periodCol = MadisImport.columns.first { $0.field == .delayPeriod }!
            guard let unit = MadisImport.periods[MadisImport.key(delay.period ?? "")] else {
                throw bad(periodCol, delay.period ?? "", ["Jour(s)", "Mois", "An(s)"])
            }
            a.retention = [RetentionRule(category: nil, duration: "P\(count)\(unit)",
                                         startEvent: delay.comment ?? Catalog.shared.string("register.import.start_event", language: .french),
                                         fate: delay.fate ?? .destroy)]
        }
        if !criteria.isEmpty { a.dpia = DPIAScreening(criteria: criteria) }
        a.status = .draft
        return (a, active)
    }

    /// A Madis category name as one of Socle's: its French label, else a usual Madis spelling.
    static func madisCategory(_ name: String) -> DataCategory? {
        let k = MadisImport.key(name)
        if let c = DataCategory.allCases.first(where: { MadisImport.key($0.label(.french)) == k || $0.rawValue.lowercased() == k }) { return c }
        return MadisImport.categoryAliases[k]
    }
}
