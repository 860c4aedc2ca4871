/// One downloadable form of a dataset (`dcat:Distribution`).
public struct FeedDistribution: Sendable, Equatable {
    public var title: String
    public var accessURL: String
    public var downloadURL: String
    /// `CSV`, `JSON`, `GeoJSON`, `XLSX`… (mapped to the EU file-type vocabulary; also names the IRI fragment).
    public var format: String
    /// IANA media type, e.g. `text/csv` (parameters such as `; charset=utf-8` are dropped).
    public var mediaType: String
    /// Licence Ouverte 2.0 or ODbL URL.
    public var licenceURL: String
    public var byteSize: Int64?
    /// Lowercase or uppercase hex SHA-256 of the file (64 digits); anything else is left out.
    public var sha256: String?
    /// What the columns hold, for people and harvesters (`dct:description`): the columns that have a
    /// semantic format, with it ("idBeneficiaire : SIRET… ; montant : Montant (unité : EUR)").
    public var columnsDescription: String?

    public init(title: String, accessURL: String, downloadURL: String, format: String, mediaType: String,
                licenceURL: String, byteSize: Int64? = nil, sha256: String? = nil) {
        self.title = title
        self.accessURL = accessURL
        self.downloadURL = downloadURL
        self.format = format
        self.mediaType = mediaType
        self.licenceURL = licenceURL
        self.byteSize = byteSize
        self.sha256 = sha256
    }
}
