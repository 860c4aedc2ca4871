import SocleCore

/// What a column's cleaned name suggests: an identifier code, a latitude or a longitude, a format.
struct ColumnHints: Sendable, Equatable {
    enum Code: Sendable, Equatable {
        case none
        /// A fixed-width administrative code (INSEE, postcode, SIREN…): lost leading zeros are detectable.
        case fixedWidth
        /// A generic identifier (`id`): its width may legitimately vary.
        case identifier
    }

    var code: Code = .none
    var latitude = false
    var longitude = false
    /// A name like a Lambert 93 X / Y coordinate (`x`, `x_l93`, `coord_x`, `xl93`…).
    var lambertX = false
    var lambertY = false
    /// The semantic format the name announces (`siret`, `code_postal`, `telephone`…), if any.
    var format: SemanticFormat?

    /// Tokens naming a code wherever they appear in the name.
    private static let codeTokens: Set<String> = [
        "code", "codes", "insee", "cog", "cp", "postal", "siren", "siret", "uai", "finess", "rna", "epci",
        "iris", "naf", "ape", "nic", "rne", "codgeo", "depcom", "coddep", "codcom", "codreg", "codarr",
        "codcan", "coddept", "codepostal", "codeinsee",
    ]
    /// Tokens naming a place code only when the name starts with them (`dep`, `com_code`…), so that
    /// "population_commune" stays a count.
    private static let leadingPlaceTokens: Set<String> = [
        "com", "dep", "dept", "departement", "reg", "region", "arr", "can", "canton", "commune", "ctcd",
        "circonscription", "circo",
    ]
    private static let identifierTokens: Set<String> = ["id", "ident", "identifiant"]
    /// `ylat` and `xlong` are the SCDL's own names (parking, car-pooling places, bike counters).
    private static let latitudeNames: Set<String> = ["lat", "latitude", "y_wgs84", "lat_wgs84", "latitude_wgs84", "wgs84_lat", "y_latitude",
                                                     "ylat", "y_lat"]
    private static let longitudeNames: Set<String> = [
        "lon", "lng", "long", "longitude", "x_wgs84", "lon_wgs84", "lng_wgs84", "longitude_wgs84", "wgs84_lon", "x_longitude",
        "xlong", "x_long",
    ]

    init(name: String) {
        let tokens = name.split(separator: "_").map(String.init)
        if tokens.contains(where: { Self.codeTokens.contains($0) || ($0.hasPrefix("cod") && $0.count <= 8) }) {
            code = .fixedWidth
        } else if let first = tokens.first, Self.leadingPlaceTokens.contains(first) {
            code = .fixedWidth
        } else if tokens.contains(where: { Self.identifierTokens.contains($0) }) {
            code = .identifier
        }
        latitude = Self.latitudeNames.contains(name)
            || tokens.first.map { $0 == "lat" || $0 == "latitude" } == true
            || tokens.last.map { $0 == "lat" || $0 == "latitude" } == true
        format = Self.formatHint(tokens)
        lambertX = tokens.contains("x") || tokens.contains("xl93") || tokens.contains("xlambert93")
        lambertY = tokens.contains("y") || tokens.contains("yl93") || tokens.contains("ylambert93")
        longitude = Self.longitudeNames.contains(name)
            || tokens.first.map { ["lon", "lng", "longitude"].contains($0) } == true
            || tokens.last.map { ["lon", "lng", "longitude"].contains($0) } == true
    }

    /// Name tokens announcing a format (any position), checked in order.
    private static let formatTokens: [(SemanticFormat, Set<String>)] = [
        (.siret, ["siret"]), (.codeEpci, ["epci"]), (.siren, ["siren"]), (.finess, ["finess"]), (.uai, ["uai", "rne"]),
        (.codeRna, ["rna", "waldec"]), (.codeApe, ["ape", "naf"]), (.tvaIntracom, ["tva"]),
        (.codePostal, ["postal", "cp", "postcode", "codepostal", "zipcode", "zip"]),
        (.codeCommuneInsee, ["insee", "codeinsee", "depcom", "codgeo", "cog", "codcom", "commune", "com"]),
        (.commune, ["ville", "localite", "city", "acheminement"]),
        (.pays, ["pays", "country", "nation", "payslieu", "paysorg", "iso3166"]),
        (.idRnb, ["rnb", "batid"]),
        (.codeCspInsee, ["csp", "pcs", "sociopro", "socioprofessionnelle", "socio"]),
        (.inseeCanton, ["canton"]),
        (.codeFantoir, ["fantoir", "cadastre1", "rivoli"]),
        (.codeImport, ["import"]),
        (.codeDepartement, ["dep", "dept", "departement", "coddep", "coddept"]),
        (.codeRegion, ["reg", "region", "codreg"]),
        (.telFr, ["tel", "telephone", "phone", "portable", "mobile", "fax"]),
        (.email, ["mail", "email", "courriel", "mel"]),
        (.url, ["url", "site", "web", "lien", "website", "internet"]),
        (.year, ["annee", "year", "an", "millesime", "exercice"]),
        (.sexe, ["sexe", "genre", "sex", "gender"]),
        (.jourDeLaSemaine, ["jour"]), (.moisDeLAnnee, ["mois"]),
    ]

    private static func formatHint(_ tokens: [String]) -> SemanticFormat? {
        for (f, names) in formatTokens where tokens.contains(where: { names.contains($0) }) { return f }
        return nil
    }
}
