import Foundation

/// The EU Publications Office authority tables the feed points into (data themes, frequencies, file types,
/// languages), restricted to the codes Socle can emit. Labels are the authority's own (facts, not UI text).
enum EUVocabulary {
    static let authority = "http://publications.europa.eu/resource/authority/"
    static let themeScheme = authority + "data-theme"
    static let frequencyScheme = authority + "frequency"
    static let fileTypeScheme = authority + "file-type"
    static let languageScheme = authority + "language"

    /// Data-theme code → (French label, English label).
    static let themes: [String: (fr: String, en: String)] = [
        "AGRI": ("Agriculture, pêche, sylviculture et alimentation", "Agriculture, fisheries, forestry and food"),
        "ECON": ("Économie et finances", "Economy and finance"),
        "EDUC": ("Éducation, culture et sport", "Education, culture and sport"),
        "ENER": ("Énergie", "Energy"),
        "ENVI": ("Environnement", "Environment"),
        "GOVE": ("Gouvernement et secteur public", "Government and public sector"),
        "HEAL": ("Santé", "Health"),
        "INTR": ("Questions internationales", "International issues"),
        "JUST": ("Justice, système juridique et sécurité publique", "Justice, legal system and public safety"),
        "OP_DATPRO": ("Données provisoires", "Provisional data"),
        "REGI": ("Régions et villes", "Regions and cities"),
        "SOCI": ("Population et société", "Population and society"),
        "TECH": ("Science et technologie", "Science and technology"),
        "TRAN": ("Transports", "Transport"),
    ]

    /// The title of the data-theme scheme (`dcat:themeTaxonomy` needs a titled `skos:ConceptScheme`).
    static let themeSchemeTitle = (fr: "Thème des données", en: "Data theme")

    /// Codes of the EU frequency table accepted as they are.
    static let frequencies: Set<String> = [
        "1MIN", "5MIN", "10MIN", "15MIN", "30MIN", "HOURLY", "BIHOURLY", "TRIHOURLY", "12HRS", "CONT",
        "UPDATE_CONT", "DAILY", "DAILY_2", "WEEKLY", "WEEKLY_2", "WEEKLY_3", "BIWEEKLY", "MONTHLY", "MONTHLY_2",
        "MONTHLY_3", "BIMONTHLY", "QUARTERLY", "ANNUAL", "ANNUAL_2", "ANNUAL_3", "BIENNIAL", "TRIENNIAL",
        "QUADRENNIAL", "QUINQUENNIAL", "DECENNIAL", "IRREG", "NEVER", "OTHER", "UNKNOWN", "OP_DATPRO",
    ]

    /// Socle or udata spellings that are not EU codes. `BIANNUAL` is read as "twice a year" (the sense
    /// Socle's forms give it), which the EU table calls `ANNUAL_2`; every two years would be `BIENNIAL`.
    static let frequencyAliases: [String: String] = [
        "BIANNUAL": "ANNUAL_2", "SEMIANNUAL": "ANNUAL_2", "SEMESTRIAL": "ANNUAL_2",
        "CONTINUOUS": "CONT", "PUNCTUAL": "NEVER", "IRREGULAR": "IRREG", "FORTNIGHTLY": "BIWEEKLY",
        "SEMIMONTHLY": "MONTHLY_2", "SEMIWEEKLY": "WEEKLY_2",
    ]

    /// Socle format name (upper-cased) → EU file-type code.
    static let fileTypes: [String: String] = [
        "CSV": "CSV", "TSV": "TSV", "JSON": "JSON", "GEOJSON": "GEOJSON", "XLSX": "XLSX", "XLS": "XLS",
        "ODS": "ODS", "XML": "XML", "PDF": "PDF", "ZIP": "ZIP", "SHP": "SHP", "KML": "KML", "GPKG": "GPKG",
        "PARQUET": "PARQUET", "TXT": "TXT", "HTML": "HTML", "RDF": "RDF_XML", "TTL": "RDF_TURTLE",
        "JSONLD": "JSON_LD", "JSON-LD": "JSON_LD",
    ]

    /// ISO 639-1 primary subtag → EU language code.
    static let languages: [String: String] = [
        "fr": "FRA", "en": "ENG", "de": "DEU", "es": "SPA", "it": "ITA", "nl": "NLD", "pt": "POR",
        "br": "BRE", "oc": "OCI", "co": "COS", "eu": "EUS", "ca": "CAT", "gsw": "GSW",
    ]

    /// The EU theme code for a Socle value (case-insensitive), or nil when it is not one.
    static func themeCode(_ raw: String) -> String? {
        let code = raw.trimmed.uppercased()
        return themes[code] == nil ? nil : code
    }

    /// The EU frequency code for a Socle value (case-insensitive; aliases above), or nil.
    static func frequencyCode(_ raw: String) -> String? {
        let code = raw.trimmed.uppercased()
        if frequencies.contains(code) { return code }
        return frequencyAliases[code]
    }

    /// The EU file-type code for a Socle format name, or nil.
    static func fileTypeCode(_ raw: String) -> String? {
        fileTypes[raw.trimmed.uppercased()]
    }

    /// The EU language code for a BCP 47 tag (`fr`, `fr-FR`), or nil.
    static func languageCode(_ tag: String) -> String? {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return languages[primary]
    }
}
