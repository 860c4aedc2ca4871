import Foundation
import SocleCore
import SocleStore

/// The DPO's dashboard (issue 12, item 6): across every organisation whose register the principal keeps, what
/// needs acting on, each item with the page where the DPO acts. Values only; the surfaces word them.
public struct Dashboard: Sendable, Encodable, Equatable {
    public struct Organisation: Sendable, Encodable, Equatable {
        public var slug: String
        public var name: String
    }
    /// An activity of the register still missing required fields (a draft, or incomplete).
    public struct IncompleteActivity: Sendable, Encodable, Equatable {
        public var id: Int64
        public var name: String
        public var organisation: String
        public var draft: Bool
        public var completeness: Int
        /// Catalog keys of the missing fields (`register.field.<name>` once worded).
        public var missing: [String]
        public var href: String
    }
    /// An activity whose screening requires a DPIA that is not done.
    public struct MissingDPIA: Sendable, Encodable, Equatable {
        public var id: Int64
        public var name: String
        public var organisation: String
        public var status: String
        public var href: String
    }
    /// An open data-subject request, by legal due date.
    public struct OpenRequest: Sendable, Encodable, Equatable {
        public var id: Int64
        public var organisation: String
        public var right: String
        public var state: String
        public var received: String
        public var due: String
        public var daysLeft: Int
        public var dueSoon: Bool
        public var overdue: Bool
        public var href: String
    }
    /// A breach whose 72 hours are running, or past without a notification.
    public struct RunningBreach: Sendable, Encodable, Equatable {
        public var id: Int64
        public var title: String
        public var organisation: String
        public var deadline: Date?
        public var hoursLeft: Double?
        public var overdue: Bool
        public var href: String
    }
    /// A dataset whose personal columns (as detected) nobody has reviewed yet.
    public struct UnreviewedDataset: Sendable, Encodable, Equatable {
        public var slug: String
        public var title: String
        public var organisation: String
        public var revision: Int
        public var columns: [String]
        public var href: String
    }
    /// A dataset holding personal columns that no activity of the register covers.
    public struct UnlinkedDataset: Sendable, Encodable, Equatable {
        public var slug: String
        public var title: String
        public var organisation: String
        public var columns: [String]
        public var href: String
    }
    /// A recorded retention run (a real one or a dry run).
    public struct RetentionRunSummary: Sendable, Encodable, Equatable {
        public var id: Int64
        public var organisation: String
        public var at: Date
        public var trigger: String
        public var dryRun: Bool
        public var rows: Int64
        /// Rules not enforced on a dataset (their reason is on the retention page).
        public var problems: Int
        public var href: String
    }

    public var generatedAt: Date
    public var organisations: [Organisation]
    public var incompleteActivities: [IncompleteActivity]
    public var missingDpias: [MissingDPIA]
    public var requests: [OpenRequest]
    public var breaches: [RunningBreach]
    public var unreviewedDatasets: [UnreviewedDataset]
    public var unlinkedDatasets: [UnlinkedDataset]
    public var retentionRuns: [RetentionRunSummary]
}

/// Where the DPO acts on each item (the portal's paths, kept beside the values they link).
public enum DashboardLinks {
    public static let dashboard = "/register/dashboard"
    public static let notifications = "/notifications"
    public static func activity(_ id: Int64) -> String { "/register/activities/\(id)" }
    public static func request(_ id: Int64) -> String { "/register/requests/\(id)" }
    public static func breach(_ id: Int64) -> String { "/register/breaches/\(id)" }
    public static func privacy(_ slug: String) -> String { "/datasets/\(slug)/privacy" }
    public static func dataset(_ slug: String) -> String { "/datasets/\(slug)" }
    public static let retention = "/register/retention"
}

/// Builds the dashboard from the register, the requests, the breach clocks, the privacy reviews and the retention
/// runs. Only for those who keep a register (`.editRegister` in at least one organisation).
public struct DashboardActions: Sendable {
    let register: RegisterActions
    let requests: RequestActions
    let retention: RetentionActions
    var store: any SocleStore { register.store }

    /// How many retention runs the dashboard shows.
    static let runLimit = 5

    public func dashboard(_ principal: Principal, now: Date = Date()) async throws -> Dashboard {
        let orgs = try await register.organisations(principal, .editRegister)
        guard !orgs.isEmpty else {
            throw principal == .anonymous ? SocleError(.unauthorized, code: "auth.required") : SocleError(.forbidden, code: "auth.forbidden")
        }
        let ids = orgs.map(\.id)
        let slugOf = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.slug) })

        let activities: [ActivityEntry] = try await register.entries(principal, organisationIds: ids, includeArchived: false)
        let incomplete = activities.filter { $0.body.status == .draft || !$0.body.missing.isEmpty }.map { a in
            Dashboard.IncompleteActivity(id: a.id, name: a.body.name, organisation: a.organisation.slug, draft: a.body.status == .draft,
                                         completeness: a.body.completeness, missing: a.body.missing, href: DashboardLinks.activity(a.id))
        }.sorted { ($0.completeness, $0.id) < ($1.completeness, $1.id) }
        let dpias = activities.filter { $0.body.dpiaVerdict.required && ($0.body.dpia?.status ?? .notStarted) != .done }.map { a in
            Dashboard.MissingDPIA(id: a.id, name: a.body.name, organisation: a.organisation.slug,
                                  status: (a.body.dpia?.status ?? .notStarted).rawValue, href: DashboardLinks.activity(a.id))
        }

        let today = RequestCalendar.today(now)
        let requests = try await self.requests.list(principal).filter { !$0.body.state.isClosed }.map { r in
            Dashboard.OpenRequest(id: r.id, organisation: r.organisation.slug, right: r.body.right.rawValue, state: r.body.state.rawValue,
                                  received: r.body.received, due: r.body.due, daysLeft: r.body.daysLeft(today: today),
                                  dueSoon: r.body.isDueSoon(today: today), overdue: r.body.isOverdue(today: today),
                                  href: DashboardLinks.request(r.id))
        }

        let breaches = try await register.breaches.list(principal, now: now).compactMap { b -> Dashboard.RunningBreach? in
            guard ids.contains(b.organisation.id), b.body.status != .closed else { return nil }
            let clock = BreachClock(b.body, now: now)
            guard clock.state == .running || clock.state == .overdue else { return nil }
            return Dashboard.RunningBreach(id: b.id, title: b.body.title, organisation: b.organisation.slug, deadline: clock.deadline,
                                           hoursLeft: clock.hoursLeft, overdue: clock.overdue, href: DashboardLinks.breach(b.id))
        }

        // Every linked column of the organisations' activities, archived ones excepted.
        let covered = Set(activities.flatMap { a in a.body.links.map { "\($0.dataset)\u{0}\($0.column)" } })
        var unreviewed: [Dashboard.UnreviewedDataset] = []
        var unlinked: [Dashboard.UnlinkedDataset] = []
        for d in try await store.datasets() where ids.contains(d.organisationId) {
            guard let status = try await register.privacy.statuses(d) else { continue }
            let (revision, columns) = (status.revision, status.columns)
            let org = slugOf[d.organisationId] ?? ""
            let waiting = columns.filter { $0.needsReview && ($0.suggestion?.verdict ?? .public) != .public }
            if !waiting.isEmpty {
                unreviewed.append(.init(slug: d.slug, title: d.title, organisation: org, revision: revision.number,
                                        columns: waiting.map(\.name), href: DashboardLinks.privacy(d.slug)))
            }
            let loose = columns.filter { $0.effective != .public && !covered.contains("\(d.slug)\u{0}\($0.name)") }
            if !loose.isEmpty {
                unlinked.append(.init(slug: d.slug, title: d.title, organisation: org, columns: loose.map(\.name),
                                      href: DashboardLinks.dataset(d.slug)))
            }
        }

        let runs = try await retention.runs(principal, limit: Self.runLimit).map { r in
            Dashboard.RetentionRunSummary(id: r.id, organisation: r.organisation.slug, at: r.run.at, trigger: r.run.trigger, dryRun: r.run.dryRun,
                                          rows: r.run.rows, problems: r.run.outcomes.filter { $0.problem != nil }.count,
                                          href: DashboardLinks.retention)
        }
        return Dashboard(generatedAt: now, organisations: orgs.map { .init(slug: $0.slug, name: $0.name) },
                         incompleteActivities: incomplete, missingDpias: dpias, requests: requests, breaches: breaches,
                         unreviewedDatasets: unreviewed, unlinkedDatasets: unlinked, retentionRuns: runs)
    }
}
