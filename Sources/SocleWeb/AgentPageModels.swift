import Foundation
import SocleCore

// Page models of the signed-in agents' pages: upload, job, ingest report, metadata edit, inventory.
// (Shared types and public pages are in PageModels.swift, administration in AdminPageModels.swift.)

/// `/upload` (GET shows; POST multipart `_csrf` first, then `dataset` (slug, or empty for a new
/// dataset with `title` and `organisation`), then `file`; answers 303 to `/jobs/{id}`).
public struct UploadPage: PageModel {
    /// Datasets the viewer may upload to (value: slug, label: title — organisation).
    public var datasets: [Choice]
    /// Organisations where the viewer may create a dataset (value: slug).
    public var organisations: [Choice]
    /// Pre-selected dataset (`/upload?dataset=slug`).
    public var selectedDataset: String?
    public var title: String
    public var organisation: String?
    public var maxBytes: Int64
    /// Localised messages by field name (`file`, `dataset`, `title`, `organisation`, `header_row`).
    public var errors: [String: String]
    /// The header row typed in the advanced options (kept when the form comes back with an error).
    public var headerRow = ""
    public init(datasets: [Choice], organisations: [Choice], selectedDataset: String? = nil, title: String = "",
                organisation: String? = nil, maxBytes: Int64 = 1 << 30, errors: [String: String] = [:]) {
        self.datasets = datasets
        self.organisations = organisations
        self.selectedDataset = selectedDataset
        self.title = title
        self.organisation = organisation
        self.maxBytes = maxBytes
        self.errors = errors
    }
}

/// `/jobs/{id}`: refreshes itself every 2 s (meta refresh, or the small script polling
/// `/api/v1/jobs/{id}` with the session cookie) until the job is done.
public struct JobPage: PageModel {
    public var id: Int64
    public var status: JobStatus
    /// 0…1.
    public var progress: Double
    public var rows: Int64
    public var datasetSlug: String?
    public var datasetTitle: String?
    public var fileName: String?
    /// The failure, rendered located in the chrome's language.
    public var error: SocleError?
    /// The revision the job created (links to its report when succeeded).
    public var revision: Int?
    public var createdAt: Date?
    public init(id: Int64, status: JobStatus, progress: Double = 0, rows: Int64 = 0, datasetSlug: String? = nil,
                datasetTitle: String? = nil, fileName: String? = nil, error: SocleError? = nil,
                revision: Int? = nil, createdAt: Date? = nil) {
        self.id = id
        self.status = status
        self.progress = progress
        self.rows = rows
        self.datasetSlug = datasetSlug
        self.datasetTitle = datasetTitle
        self.fileName = fileName
        self.error = error
        self.revision = revision
        self.createdAt = createdAt
    }
}

/// `/datasets/{slug}/revisions/{n}/report`: columns with their types and evidence, warnings.
public struct IngestReportPage: PageModel {
    public var datasetSlug: String
    public var datasetTitle: String
    public var revision: Revision
    public init(datasetSlug: String, datasetTitle: String, revision: Revision) {
        self.datasetSlug = datasetSlug
        self.datasetTitle = datasetTitle
        self.revision = revision
    }
}

/// The form fields of the metadata edit page (the raw values are the form field names).
public enum MetadataField: String, Sendable, CaseIterable {
    case slug, title, organisation, description, keywords, themes, ownerService, steward, contactPoint, licence
    case frequency, spatial, temporalStart, temporalEnd, conformsTo, origin, sourceSystem, accessLevel
    case classification, volume, processingActivity
}

/// `/datasets/{slug}/edit` (POST there), or `/datasets/new` to declare a source before any data
/// (`slug` nil: the form then asks for the organisation and an optional slug).
/// Form encoding: `keywords` and `spatial` are comma-separated text; `themes` is repeated (checkboxes);
/// `ownerService` is a service id or empty; `classification` may be empty (not yet classified).
public struct MetadataEditPage: PageModel {
    /// nil when declaring a new source.
    public var slug: String?
    public var title: String
    public var organisation: String?
    public var metadata: DatasetMetadata
    /// Organisations where the viewer may declare (only used when `slug` is nil).
    public var organisations: [Choice]
    /// Services of the dataset's organisation (value: service id).
    public var services: [Choice]
    /// Localised messages by `MetadataField` raw value, shown next to the fields.
    public var errors: [String: String]
    public init(slug: String?, title: String, organisation: String? = nil, metadata: DatasetMetadata,
                organisations: [Choice] = [], services: [Choice] = [], errors: [String: String] = [:]) {
        self.slug = slug
        self.title = title
        self.organisation = organisation
        self.metadata = metadata
        self.organisations = organisations
        self.services = services
        self.errors = errors
    }
}

/// A source as the inventory counts it.
public struct InventorySource: Sendable {
    public var slug: String
    public var title: String
    /// nil when no owner service is set.
    public var serviceName: String?
    public var metadata: DatasetMetadata
    /// Has a current revision.
    public var loaded: Bool
    public init(slug: String, title: String, serviceName: String?, metadata: DatasetMetadata, loaded: Bool) {
        self.slug = slug
        self.title = title
        self.serviceName = serviceName
        self.metadata = metadata
        self.loaded = loaded
    }
}

/// One organisation's sources in the inventory dashboard.
public struct InventoryOrganisation: Sendable {
    public var slug: String
    public var name: String
    public var sources: [InventorySource]
    public init(slug: String, name: String, sources: [InventorySource]) {
        self.slug = slug
        self.name = name
        self.sources = sources
    }
}

/// `/inventory`: the "état des lieux"; the renderer computes the figures (`InventoryStats`) per
/// organisation and per service, and what is missing per source. When `importOrganisations` is not
/// empty, the page offers the spreadsheet import (POST multipart `/inventory/import`: `_csrf`,
/// `organisation` (slug), `file`).
public struct InventoryPage: PageModel {
    public var organisations: [InventoryOrganisation]
    /// Organisations where the viewer may import an inventory spreadsheet (value: slug).
    public var importOrganisations: [Choice]
    public init(organisations: [InventoryOrganisation], importOrganisations: [Choice] = []) {
        self.organisations = organisations
        self.importOrganisations = importOrganisations
    }
}
