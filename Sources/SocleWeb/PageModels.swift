import Foundation
import SocleCore

// The public contract of the portal: one view model per page, plain data the server fills from the
// stores; `PageRenderer.render(_:chrome:)` turns a model into a full HTML document. Every label comes
// from `Resources/strings/web.json`; enum values (statuses, licences, roles…) are labelled here, so
// models carry the Core enums and the renderer localises them. Paths the pages link to and post to
// are in `PortalPaths` (PortalPaths.swift). Every form carries the hidden field `_csrf`.

/// A page of the portal. Only the models declared in this module can be rendered.
public protocol PageModel: Sendable {}

/// What surrounds every page: language, who is signed in, CSRF token, flash messages, current path.
public struct Chrome: Sendable {
    public var language: Language
    /// Shown in the header ("Territoire de Vire Normandie").
    public var territoryName: String
    /// nil for an anonymous visitor.
    public var viewer: Viewer?
    /// Put in every form as the hidden field `_csrf` (the session's token; any value for anonymous).
    public var csrfToken: String
    public var flash: [Flash]
    /// Path and query of the current request ("/catalog?q=ecoles"); marks the current navigation
    /// entry and builds the language switch link (the same path with `lang=en|fr`).
    public var currentPath: String

    public init(language: Language = .french, territoryName: String, viewer: Viewer? = nil, csrfToken: String,
                flash: [Flash] = [], currentPath: String = "/") {
        self.language = language
        self.territoryName = territoryName
        self.viewer = viewer
        self.csrfToken = csrfToken
        self.flash = flash
        self.currentPath = currentPath
    }
}

/// The signed-in person, as the navigation needs it.
public struct Viewer: Sendable {
    public var displayName: String
    /// Every role the person holds, in any organisation. Navigation: Téléverser for agent/steward/admin,
    /// Inventaire for steward/dpo/admin, Administration (and audit) for admin, Journal d'audit for dpo.
    public var roles: [Role]
    /// Unread notifications: the header's counter beside the link to `/notifications`.
    public var unreadNotifications = 0
    public init(displayName: String, roles: [Role]) {
        self.displayName = displayName
        self.roles = roles
    }
}

/// A one-time message shown at the top of the next page.
public struct Flash: Sendable {
    public enum Kind: String, Sendable { case success, info, error }
    public var kind: Kind
    /// Already in the chrome's language (render catalog keys with `Catalog.shared.string`).
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Page number and size of a listing; `total` nil when unknown (then `hasMore` decides "next").
public struct Paging: Sendable {
    /// 1-based.
    public var page: Int
    public var pageSize: Int
    public var total: Int?
    public var hasMore: Bool
    public init(page: Int = 1, pageSize: Int = 20, total: Int? = nil, hasMore: Bool = false) {
        self.page = max(1, page)
        self.pageSize = max(1, pageSize)
        self.total = total
        self.hasMore = hasMore
    }
}

/// A (value, label) pair for select boxes: organisations, services, datasets.
public struct Choice: Sendable {
    public var value: String
    public var label: String
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// A dataset in a listing (home, catalog, organisation page).
public struct DatasetSummary: Sendable {
    public var slug: String
    public var title: String
    public var description: String
    public var organisationSlug: String
    public var organisationName: String
    public var themes: [String]
    public var licence: Licence
    public var status: DatasetStatus
    public var classification: Classification?
    /// Rows of the current revision; nil when only declared.
    public var rowCount: Int64?
    /// Date of the current revision (or of the declaration).
    public var updatedAt: Date?
    public init(slug: String, title: String, description: String = "", organisationSlug: String,
                organisationName: String, themes: [String] = [], licence: Licence = .none,
                status: DatasetStatus = .declared, classification: Classification? = nil,
                rowCount: Int64? = nil, updatedAt: Date? = nil) {
        self.slug = slug
        self.title = title
        self.description = description
        self.organisationSlug = organisationSlug
        self.organisationName = organisationName
        self.themes = themes
        self.licence = licence
        self.status = status
        self.classification = classification
        self.rowCount = rowCount
        self.updatedAt = updatedAt
    }
}

// MARK: - Public pages

/// `/`: what the territory publishes.
public struct HomePage: PageModel {
    public var datasetCount: Int
    public var organisationCount: Int
    public var rowCount: Int64
    public var latest: [DatasetSummary]
    public init(datasetCount: Int, organisationCount: Int, rowCount: Int64, latest: [DatasetSummary]) {
        self.datasetCount = datasetCount
        self.organisationCount = organisationCount
        self.rowCount = rowCount
        self.latest = latest
    }
}

/// A facet dimension of the catalog; its raw value is the query parameter name.
public enum FacetKind: String, Sendable, CaseIterable {
    case organisation, theme, licence, format, classification, status
}

/// One value of a facet with its count; `selected` when it filters the current results.
public struct FacetValue: Sendable {
    /// The query parameter value (organisation slug, theme code, licence raw value, format, …).
    public var value: String
    /// Display name when the value is not a code the renderer knows (organisation names, formats).
    public var label: String?
    public var count: Int
    public var selected: Bool
    public init(value: String, label: String? = nil, count: Int, selected: Bool = false) {
        self.value = value
        self.label = label
        self.count = count
        self.selected = selected
    }
}

/// A facet and its values. Give `classification` and `status` facets to signed-in agents only.
public struct Facet: Sendable {
    public var kind: FacetKind
    public var values: [FacetValue]
    public init(kind: FacetKind, values: [FacetValue]) {
        self.kind = kind
        self.values = values
    }
}

/// `/catalog?q=…&organisation=…&theme=…&page=…`: full-text search with facets.
public struct CatalogPage: PageModel {
    public var query: String
    public var results: [DatasetSummary]
    public var facets: [Facet]
    public var paging: Paging
    public init(query: String = "", results: [DatasetSummary], facets: [Facet], paging: Paging) {
        self.query = query
        self.results = results
        self.facets = facets
        self.paging = paging
    }
}

/// A column of the table preview.
public struct PreviewColumn: Sendable {
    public var name: String
    public var label: String
    public var type: ColumnType
    /// The column's semantic format and unit (`ColumnFormat.semantic`, `.unit`), shown beside its type.
    public var format = ColumnFormat()
    public init(name: String, label: String, type: ColumnType) {
        self.name = name
        self.label = label
        self.type = type
    }
}

/// A page of rows of the current revision, sorted by `sort` (a column name) when given.
public struct TablePreview: Sendable {
    public var columns: [PreviewColumn]
    /// Cells as text, nil for null, in `columns` order.
    public var rows: [[String?]]
    public var sort: String?
    public var descending: Bool
    public var paging: Paging
    public init(columns: [PreviewColumn], rows: [[String?]], sort: String? = nil, descending: Bool = false,
                paging: Paging) {
        self.columns = columns
        self.rows = rows
        self.sort = sort
        self.descending = descending
        self.paging = paging
    }
}

/// `/datasets/{slug}?sort=…&order=asc|desc&page=…`: metadata, revisions, preview, actions.
public struct DatasetPage: PageModel {
    public var slug: String
    public var title: String
    public var organisationSlug: String
    public var organisationName: String
    public var metadata: DatasetMetadata
    /// Name of `metadata.ownerServiceId`'s service.
    public var ownerServiceName: String?
    /// Every revision, newest first; the renderer computes each one's change summary against the next.
    public var revisions: [Revision]
    public var currentRevision: Int?
    public var publishedRevision: Int?
    /// nil when nothing is loaded or the viewer may not see rows.
    public var preview: TablePreview?
    public var canEdit: Bool
    public var canUpload: Bool
    public var canPublish: Bool
    public var canUnpublish: Bool
    /// Why publishing is refused (the gate's reasons, already localised), shown near the button.
    public var publishBlockers: [String]
    /// For members who read the register: the processing activities whose data lives in this dataset
    /// (value: the activity's id; label: its name and the linked columns).
    public var processingActivities: [Choice] = []
    /// For members who read the register: the breaches that touched this dataset (breach register).
    public var breaches: [DatasetBreachAlert] = []
    /// For members: the bundled schema the current revision's columns follow, if any.
    public var schema: SchemaPanel?
    public init(slug: String, title: String, organisationSlug: String, organisationName: String,
                metadata: DatasetMetadata, ownerServiceName: String? = nil, revisions: [Revision] = [],
                currentRevision: Int? = nil, publishedRevision: Int? = nil, preview: TablePreview? = nil,
                canEdit: Bool = false, canUpload: Bool = false, canPublish: Bool = false,
                canUnpublish: Bool = false, publishBlockers: [String] = []) {
        self.slug = slug
        self.title = title
        self.organisationSlug = organisationSlug
        self.organisationName = organisationName
        self.metadata = metadata
        self.ownerServiceName = ownerServiceName
        self.revisions = revisions
        self.currentRevision = currentRevision
        self.publishedRevision = publishedRevision
        self.preview = preview
        self.canEdit = canEdit
        self.canUpload = canUpload
        self.canPublish = canPublish
        self.canUnpublish = canUnpublish
        self.publishBlockers = publishBlockers
    }
}

/// An organisation in the `/organisations` list.
public struct OrganisationSummary: Sendable {
    public var slug: String
    public var name: String
    public var kind: OrganisationKind
    public var datasetCount: Int
    public init(slug: String, name: String, kind: OrganisationKind, datasetCount: Int) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.datasetCount = datasetCount
    }
}

/// `/organisations`.
public struct OrganisationsPage: PageModel {
    public var organisations: [OrganisationSummary]
    public init(organisations: [OrganisationSummary]) { self.organisations = organisations }
}

/// A service row: name and how many sources it owns.
public struct ServiceSummary: Sendable {
    public var slug: String
    public var name: String
    public var datasetCount: Int
    public init(slug: String, name: String, datasetCount: Int = 0) {
        self.slug = slug
        self.name = name
        self.datasetCount = datasetCount
    }
}

/// `/organisations/{slug}`: profile (the open-data obligation is computed from it), services, datasets.
public struct OrganisationPage: PageModel {
    public var slug: String
    public var name: String
    public var profile: OrganisationProfile
    public var services: [ServiceSummary]
    public var datasets: [DatasetSummary]
    public init(slug: String, name: String, profile: OrganisationProfile, services: [ServiceSummary],
                datasets: [DatasetSummary]) {
        self.slug = slug
        self.name = name
        self.profile = profile
        self.services = services
        self.datasets = datasets
    }
}

/// `/login` (GET shows, POST fields `email`, `password`, `next`, `_csrf`).
public struct LoginPage: PageModel {
    public var email: String
    /// Already localised (wrong credentials, throttled…).
    public var error: String?
    /// Where to go after signing in (a local path).
    public var next: String?
    public init(email: String = "", error: String? = nil, next: String? = nil) {
        self.email = email
        self.error = error
        self.next = next
    }
}

/// `/error`: 403, 404, 500… The server sends `status` as the HTTP status.
public struct ErrorPage: PageModel {
    public var status: Int
    /// A precise, localised explanation (the SocleError's message) added under the generic one.
    public var detail: String?
    public init(status: Int, detail: String? = nil) {
        self.status = status
        self.detail = detail
    }
}
