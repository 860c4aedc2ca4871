import SocleCore

/// Columns that, without naming anyone, single people out once combined: age, sex, place, dates, position…
///
/// A heuristic on purpose generous: a false alarm costs the DPO one `--quasi` entry, a miss can publish
/// a unique combination (WP29 05/2014, "singling out").
enum QuasiIdentifierHints {
    /// Folded header words that suggest a quasi-identifier.
    static let headerWords: Set<String> = [
        "sexe", "sex", "genre", "gender", "civilite", "age", "ages", "naissance", "birth", "birthdate", "dob",
        "cp", "postal", "postcode", "zip", "zipcode", "commune", "ville", "city", "adresse", "address", "quartier",
        "iris", "residence", "domicile", "nationalite", "nationality", "profession", "metier", "emploi", "csp",
        "familiale", "matrimoniale", "enfants", "children", "lieu", "latitude", "longitude", "lat", "lon", "lng",
        "gps", "coordonnees", "geoloc", "geolocalisation", "position",
    ]
    static let categories: Set<DataCategory> = [.birthDate, .postalAddress, .location, .civilStatus, .familySituation]

    /// True when the column (as it stands in the output) looks like a quasi-identifier.
    static func looksLikeQuasiIdentifier(_ column: ColumnSchema, category: DataCategory?, generalised: Bool) -> Bool {
        if generalised { return true }
        if let category, categories.contains(category) { return true }
        switch column.type {
        case .date, .datetime, .geopoint, .geometry: return true
        default: break
        }
        let words = AnonymisationText.words(column.label) + AnonymisationText.words(column.name)
        return words.contains { headerWords.contains($0) }
    }
}
