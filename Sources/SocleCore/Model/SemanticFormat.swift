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
    case codeEpci = "code_epci"
    case mongoObjectId = "mongo_object_id"
    case username
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
    case latitudeL93 = "latitude_l93"
    case longitudeL93 = "longitude_l93"
    case geojson
    // Quantities and categories.
    case montant, pourcentage
    case booleen
    /// An integer column of only 0 and 1.
    case binary
    case sexe
    case json
    // Names of places, checked against INSEE's official geographic code, and postal addresses.
    case commune, departement, region, adresse
    // Countries: ISO 3166-1 codes and French names.
    case isoCountryAlpha2 = "iso_country_code_alpha2"
    case isoCountryAlpha3 = "iso_country_code_alpha3"
    case isoCountryNumeric = "iso_country_code_numeric"
    case pays
    /// A date-time written as RFC 822 (HTTP, RSS): kept as text, the format says what it is.
    case datetimeRfc822 = "datetime_rfc822"
    /// A building of the Référentiel national des bâtiments.
    case idRnb = "id_rnb"
    // INSEE's socio-professional categories (PCS: a code like `37a`, or its label), cantons, FANTOIR street codes,
    // and the association codes of the former Import registry.
    case codeCspInsee = "code_csp_insee"
    case cspInsee = "csp_insee"
    case inseeCanton = "insee_canton"
    case codeFantoir = "code_fantoir"
    case codeImport = "code_import"

    /// Formats whose values identify something: such a column is stored as a code, even when
    /// every value is made of digits, so that no one sums SIRET numbers.
    public var isIdentifier: Bool {
        switch self {
        case .siren, .siret, .codePostal, .codeCommuneInsee, .codeDepartement, .codeRegion, .uai, .codeRna,
             .finess, .codeApe, .tvaIntracom, .telFr, .uuid, .codeEpci, .mongoObjectId, .isoCountryAlpha2,
             .isoCountryAlpha3, .isoCountryNumeric, .idRnb, .codeCspInsee, .codeFantoir, .codeImport:
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

extension ColumnFormat {
    /// The column's semantic format, when it has a known one.
    public var semanticFormat: SemanticFormat? { semantic.flatMap(SemanticFormat.init(rawValue:)) }

    /// "SIRET (établissement, clé vérifiée)", "Montant (unité : EUR)"…, or nil without a format.
    public func semanticDescription(_ language: Language = .current) -> String? {
        guard let f = semanticFormat else { return nil }
        let label = f.label(language)
        guard let unit else { return label }
        return Catalog.shared.string("format.semantic.with_unit", language: language, args: ["format": label, "unit": unit])
    }
}
