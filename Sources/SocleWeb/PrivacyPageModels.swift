import Foundation
import SocleCore

/// The personal-data review of a dataset: the detector's suggestion per column, the reviews, and
/// what blocks publication; reviewers confirm or override each column here.
public struct PrivacyReviewPage: PageModel {
    /// One column as the review table shows it; levels are "public", "personal" or "sensitive".
    public struct Row: Sendable {
        public var name: String
        public var label: String
        public var suggested: String?
        public var suggestedCategory: String?
        public var confidence: Double?
        public var signals: [String]
        public var examples: [String]
        public var reviewed: String?
        public var reviewedCategory: String?
        public var reviewer: String?
        public var effective: String
        public var needsReview: Bool
        public init(name: String, label: String, suggested: String?, suggestedCategory: String?, confidence: Double?,
                    signals: [String], examples: [String], reviewed: String?, reviewedCategory: String?, reviewer: String?,
                    effective: String, needsReview: Bool) {
            self.name = name
            self.label = label
            self.suggested = suggested
            self.suggestedCategory = suggestedCategory
            self.confidence = confidence
            self.signals = signals
            self.examples = examples
            self.reviewed = reviewed
            self.reviewedCategory = reviewedCategory
            self.reviewer = reviewer
            self.effective = effective
            self.needsReview = needsReview
        }
    }

    /// How a derived dataset was produced.
    public struct Lineage: Sendable {
        public var source: String
        public var sourceRevision: Int
        public var steps: [String]
        public var checks: [(text: String, passed: Bool)]
        public var clears: Bool
        public var smallestGroup: Int?
        public var createdBy: String
        public var createdAt: Date
        /// The source was reviewed or reloaded since: a re-run would see it.
        public var sourceChanged = false
        /// The viewer may re-run the anonymisation in place.
        public var canRerun = false
        public init(source: String, sourceRevision: Int, steps: [String], checks: [(text: String, passed: Bool)], clears: Bool,
                    smallestGroup: Int?, createdBy: String, createdAt: Date) {
            self.source = source
            self.sourceRevision = sourceRevision
            self.steps = steps
            self.checks = checks
            self.clears = clears
            self.smallestGroup = smallestGroup
            self.createdBy = createdBy
            self.createdAt = createdAt
        }
    }

    public var slug: String
    public var title: String
    public var revision: Int
    public var rows: [Row]
    /// Category codes with their display names.
    public var categories: [(code: String, label: String)]
    public var canReview: Bool
    public var blockers: [String]
    public var lineage: Lineage?
    public var canAnonymise: Bool

    public init(slug: String, title: String, revision: Int, rows: [Row], categories: [(code: String, label: String)],
                canReview: Bool, blockers: [String], lineage: Lineage?, canAnonymise: Bool) {
        self.slug = slug
        self.title = title
        self.revision = revision
        self.rows = rows
        self.categories = categories
        self.canReview = canReview
        self.blockers = blockers
        self.lineage = lineage
        self.canAnonymise = canAnonymise
    }
}

/// The anonymisation wizard: one action per column, the k-anonymity check, the new dataset's name.
public struct AnonymiseWizardPage: PageModel {
    public struct Column: Sendable {
        public var name: String
        public var label: String
        /// "public", "personal" or "sensitive", with the category's display name.
        public var level: String
        public var category: String?
        /// The preselected action: keep, drop, pseudonymise, month, year, age-band, commune, grid:200.
        public var action: String
        public var quasi: Bool
        public init(name: String, label: String, level: String, category: String?, action: String, quasi: Bool) {
            self.name = name
            self.label = label
            self.level = level
            self.category = category
            self.action = action
            self.quasi = quasi
        }
    }
    public var slug: String
    public var title: String
    public var columns: [Column]
    public var into: String
    public var newTitle: String
    public var k: Int
    /// Columns of the source nobody has reviewed yet (name, header): they block clearing.
    public var unreviewed: [(name: String, label: String)] = []
    /// The checks of the plan shown (the suggested one, or the one just verified), when computed.
    public var preview: Preview?
    /// Why the plan could not even be computed (k unreachable, unknown column…).
    public var previewError: String?

    /// What the plan shown would give.
    public struct Preview: Sendable {
        public var clears: Bool
        public var rowsIn: Int
        public var rowsOut: Int
        public var smallestGroup: Int?
        public var blockers: [String]
        public init(clears: Bool, rowsIn: Int, rowsOut: Int, smallestGroup: Int?, blockers: [String]) {
            self.clears = clears
            self.rowsIn = rowsIn
            self.rowsOut = rowsOut
            self.smallestGroup = smallestGroup
            self.blockers = blockers
        }
    }

    public init(slug: String, title: String, columns: [Column], into: String, newTitle: String, k: Int) {
        self.slug = slug
        self.title = title
        self.columns = columns
        self.into = into
        self.newTitle = newTitle
        self.k = k
    }
}

/// The readable API reference, rendered from the OpenAPI document.
public struct APIDocsPage: PageModel {
    public struct Operation: Sendable {
        public var method: String
        public var path: String
        public var summary: String
        public var tag: String
        public var params: [(name: String, location: String, description: String, required: Bool)]
        public var responses: [(code: String, description: String)]
        public var needsAuth: Bool
        public init(method: String, path: String, summary: String, tag: String,
                    params: [(name: String, location: String, description: String, required: Bool)],
                    responses: [(code: String, description: String)], needsAuth: Bool) {
            self.method = method
            self.path = path
            self.summary = summary
            self.tag = tag
            self.params = params
            self.responses = responses
            self.needsAuth = needsAuth
        }
    }
    public var intro: String
    public var operations: [Operation]
    public init(intro: String, operations: [Operation]) {
        self.intro = intro
        self.operations = operations
    }
}
