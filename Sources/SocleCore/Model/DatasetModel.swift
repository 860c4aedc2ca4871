import Foundation

/// An organisation sharing the Socle instance (a commune, its CCAS, its EPCI…).
public struct Organisation: Codable, Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var name: String
    public init(id: Int64, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}

/// A dataset of the catalog; its data lives in revisions, one of which is current.
public struct Dataset: Codable, Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var organisationId: Int64
    public var currentRevision: Int?
    public var createdAt: Date
    public init(id: Int64, slug: String, title: String, organisationId: Int64,
                currentRevision: Int?, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.title = title
        self.organisationId = organisationId
        self.currentRevision = currentRevision
        self.createdAt = createdAt
    }
}

/// Status of a revision. Only `ready` revisions exist in the store: a failed load leaves nothing.
public enum RevisionStatus: String, Codable, Sendable {
    case ready, superseded
}

/// Where a revision's rows came from.
public struct SourceFileInfo: Codable, Sendable, Equatable {
    public var fileName: String
    public var size: Int64
    public var sha256: String
    public var format: String
    public var encoding: String?
    public var delimiter: String?
    public init(fileName: String, size: Int64, sha256: String, format: String,
                encoding: String?, delimiter: String?) {
        self.fileName = fileName
        self.size = size
        self.sha256 = sha256
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// One immutable load of a dataset, held in its own table.
public struct Revision: Codable, Sendable, Equatable {
    public var datasetId: Int64
    public var number: Int
    public var createdAt: Date
    public var source: SourceFileInfo
    public var rowCount: Int64
    public var columns: [ColumnSchema]
    public var warnings: [Notice]
    public var status: RevisionStatus
    public var tableName: String

    public init(datasetId: Int64, number: Int, createdAt: Date, source: SourceFileInfo,
                rowCount: Int64, columns: [ColumnSchema], warnings: [Notice],
                status: RevisionStatus, tableName: String) {
        self.datasetId = datasetId
        self.number = number
        self.createdAt = createdAt
        self.source = source
        self.rowCount = rowCount
        self.columns = columns
        self.warnings = warnings
        self.status = status
        self.tableName = tableName
    }

    public var layout: TableLayout { TableLayout(schema: columns) }
}
