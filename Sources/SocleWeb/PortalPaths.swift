import Foundation

/// The portal's URLs, in one place: the pages link and post to these, the server routes them.
/// Any page also accepts `?lang=fr|en` (the language switch links add it to the current path).
public enum PortalPaths {
    public static let home = "/"
    public static let catalog = "/catalog"
    public static let organisations = "/organisations"
    public static let login = "/login"
    /// POST with `_csrf`.
    public static let logout = "/logout"
    public static let upload = "/upload"
    public static let inventory = "/inventory"
    /// POST multipart: `_csrf`, `organisation`, `file` (one row per source).
    public static let inventoryImport = "/inventory/import"
    /// GET the form to declare a source; POST it.
    public static let newDataset = "/datasets/new"
    public static let adminOrganisations = "/admin/organisations"
    public static let adminServices = "/admin/services"
    public static let adminUsers = "/admin/users"
    public static let adminTokens = "/admin/tokens"
    public static let audit = "/admin/audit"
    /// The GDPR register (members), the form of a new activity, and the public register (everyone).
    public static let register = "/register"
    public static let newActivity = "/register/new"
    public static let publicRegister = "/register/public"
    /// `/static/{name}`, served by `PageRenderer.staticFile(_:)`.
    public static let staticPrefix = "/static/"

    public static func dataset(_ slug: String) -> String { "/datasets/\(segment(slug))" }
    public static func editDataset(_ slug: String) -> String { dataset(slug) + "/edit" }
    public static func privacy(_ slug: String) -> String { dataset(slug) + "/privacy" }
    public static func anonymise(_ slug: String) -> String { dataset(slug) + "/anonymise" }
    /// POST with `_csrf`.
    public static func publish(_ slug: String) -> String { dataset(slug) + "/publish" }
    /// POST with `_csrf`.
    public static func unpublish(_ slug: String) -> String { dataset(slug) + "/unpublish" }
    /// The current revision as CSV.
    public static func download(_ slug: String) -> String { dataset(slug) + "/download.csv" }
    public static func report(_ slug: String, revision: Int) -> String { dataset(slug) + "/revisions/\(revision)/report" }
    public static func upload(dataset slug: String) -> String { upload + "?dataset=" + query(slug) }
    public static func organisation(_ slug: String) -> String { "/organisations/\(segment(slug))" }
    public static func job(_ id: Int64) -> String { "/jobs/\(id)" }
    /// The JSON the job page's script polls (session cookie accepted).
    public static func apiJob(_ id: Int64) -> String { "/api/v1/jobs/\(id)" }
    public static func activity(_ id: Int64) -> String { "/register/activities/\(id)" }
    public static let newProcessor = "/register/processors/new"
    public static let newMeasure = "/register/measures/new"
    public static func processor(_ id: Int64) -> String { "/register/processors/\(id)" }
    public static func measure(_ id: Int64) -> String { "/register/measures/\(id)" }
    public static func editActivity(_ id: Int64) -> String { activity(id) + "/edit" }
    /// POST with `_csrf` (and `restore=1` to restore).
    public static func archiveActivity(_ id: Int64) -> String { activity(id) + "/archive" }
    /// POST with `_csrf` and one `organisation` per target.
    public static func duplicateActivity(_ id: Int64) -> String { activity(id) + "/duplicate" }
    /// POST with `_csrf`, `add` (`dataset:column`, repeated) and `remove`.
    public static func activityLinks(_ id: Int64) -> String { activity(id) + "/links" }
    /// The register as a file: `format` csv or json.
    public static func registerExport(format: String, organisation: String?) -> String {
        with("/api/v1/register/export", [("format", format), ("organisation", organisation ?? "")])
    }
    public static func registerList(organisation: String?, archived: Bool) -> String {
        with(register, [("organisation", organisation ?? ""), ("archived", archived ? "1" : "")])
    }
    /// POST with `_csrf`.
    public static func revokeToken(_ id: Int64) -> String { adminTokens + "/\(id)/revoke" }

    /// Percent-encodes a path segment (slugs are already safe; this is defence in depth).
    static func segment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? s
    }

    /// Percent-encodes a query value (`&`, `=`, `+`, `#` included).
    static func query(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? s
    }

    /// Builds `path?k=v&…` skipping empty values, in the given order.
    static func with(_ path: String, _ params: [(String, String)]) -> String {
        let pairs = params.filter { !$0.1.isEmpty }.map { query($0.0) + "=" + query($0.1) }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    private static let segmentAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    private static let queryAllowed = segmentAllowed
}
