/// What a column's values mean, beside how they are stored: a SIRET, a postcode, an amount in euros…
///
/// Decided at load time from the whole file (see `docs/ingestion.md`, "Semantic formats"). The raw
/// values are the names data.gouv.fr's column detector uses where one exists, so that a format
/// reads the same on both sides. Labels are in the `format.semantic.<raw>` catalog entries.
public enum SemanticFormat: String, Codable, Sendable, CaseIterable {
    // Identifiers (stored as codes, never as numbers).
    case siren, siret
    case codePostal = "code_postal"
    case codeCommuneInsee = "code_commune_insee"
    case codeDepartement = "code_departement"
    case codeRegion = "code_region"
    case uai
    case codeRna = "code_rna"
    case finess
    case codeApe = "insee_ape700"
    case tvaIntracom = "tva"
    case telFr = "tel_fr"
    case uuid
    // Contact and web.
    case email, url
    // Time.
    case year
    case date, dateFr = "date_fr"
    case datetimeIso = "datetime_iso"
    case jourDeLaSemaine = "jour_de_la_semaine"
    case moisDeLAnnee = "mois_de_lannee"
    // Place.
    case latitudeWgs = "latitude_wgs"
    case longitudeWgs = "longitude_wgs"
    case latlonWgs = "latlon_wgs"
    case geojson
    // Quantities and categories.
    case montant, pourcentage
    case booleen
    case sexe
    case json

    /// Formats whose values identify something: such a column is stored as a code, even when
    /// every value is made of digits, so that no one sums SIRET numbers.
    public var isIdentifier: Bool {
        switch self {
        case .siren, .siret, .codePostal, .codeCommuneInsee, .codeDepartement, .codeRegion, .uai, .codeRna,
             .finess, .codeApe, .tvaIntracom, .telFr, .uuid:
            return true
        default:
            return false
        }
    }

    /// The catalog key of the format's human name.
    public var labelKey: String { "format.semantic.\(rawValue)" }

    public func label(_ language: Language = .current) -> String {
        Catalog.shared.string(labelKey, language: language, args: [:])
    }
}
