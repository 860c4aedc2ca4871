import Foundation
import SocleCore

/// `/register/retention`: the retention rules of the registers the DPO keeps, where they apply, a dry run's
/// preview, the "run now" form and the last runs with their proofs. Every text arrives worded.
public struct RetentionPage: PageModel {
    public struct Target: Sendable {
        public var dataset: String
        public var href: String
        public var dateColumn: String?
        public var problem: String?
        public init(dataset: String, href: String, dateColumn: String?, problem: String?) {
            self.dataset = dataset
            self.href = href
            self.dateColumn = dateColumn
            self.problem = problem
        }
    }

    public struct Rule: Sendable {
        public var activity: String
        public var activityHref: String
        public var organisation: String
        public var number: Int
        public var scope: String
        public var duration: String
        public var startEvent: String
        public var fate: String
        public var binding: String
        public var legalSource: String?
        public var targets: [Target]
        public var problem: String?
        public init(activity: String, activityHref: String, organisation: String, number: Int, scope: String, duration: String,
                    startEvent: String, fate: String, binding: String, legalSource: String?, targets: [Target], problem: String?) {
            self.activity = activity
            self.activityHref = activityHref
            self.organisation = organisation
            self.number = number
            self.scope = scope
            self.duration = duration
            self.startEvent = startEvent
            self.fate = fate
            self.binding = binding
            self.legalSource = legalSource
            self.targets = targets
            self.problem = problem
        }
    }

    /// What one rule did (or would do) on one dataset.
    public struct Outcome: Sendable {
        public var rule: String
        public var dataset: String
        public var cutoff: String
        public var rows: Int64
        /// Per revision: rows and the first row numbers, worded.
        public var revisions: [String]
        public var undated: Int64
        public var done: String
        public var problem: String?
        public var sha256: String
        public var file: String?
        public init(rule: String, dataset: String, cutoff: String, rows: Int64, revisions: [String], undated: Int64, done: String,
                    problem: String?, sha256: String, file: String?) {
            self.rule = rule
            self.dataset = dataset
            self.cutoff = cutoff
            self.rows = rows
            self.revisions = revisions
            self.undated = undated
            self.done = done
            self.problem = problem
            self.sha256 = sha256
            self.file = file
        }
    }

    public struct Run: Sendable {
        public var at: String
        public var organisation: String
        public var trigger: String
        public var rows: Int64
        public var outcomes: [Outcome]
        public init(at: String, organisation: String, trigger: String, rows: Int64, outcomes: [Outcome]) {
            self.at = at
            self.organisation = organisation
            self.trigger = trigger
            self.rows = rows
            self.outcomes = outcomes
        }
    }

    public var rules: [Rule]
    public var runs: [Run]
    /// The DPO (or an administrator) may preview and run.
    public var canRun: Bool
    /// A dry run's result, shown after "Simuler".
    public var preview: [Outcome]?
    /// The run just made, shown after "Appliquer maintenant".
    public var ran: [Outcome]?
    /// Why the run was not made (the confirmation box left unticked).
    public var error: String?
    public var archiveDirectory: String

    public init(rules: [Rule], runs: [Run], canRun: Bool, preview: [Outcome]? = nil, ran: [Outcome]? = nil, error: String? = nil,
                archiveDirectory: String) {
        self.rules = rules
        self.runs = runs
        self.canRun = canRun
        self.preview = preview
        self.ran = ran
        self.error = error
        self.archiveDirectory = archiveDirectory
    }
}

extension PortalPaths {
    public static let retention = "/register/retention"
    public static let retentionPreview = "/register/retention/preview"
    public static let retentionRun = "/register/retention/run"
}
