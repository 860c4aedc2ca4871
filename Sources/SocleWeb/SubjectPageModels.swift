import SocleCore

/// The DPO's page to find one person in every dataset (issue 12, item 3), then send the access package or erase.
public struct SubjectSearchPage: PageModel {
    /// One place the person was found.
    public struct Match: Sendable {
        public var dataset: String
        public var datasetTitle: String
        public var revision: Int
        public var row: Int64
        public var column: String
        public var current: Bool
        public init(dataset: String, datasetTitle: String, revision: Int, row: Int64, column: String, current: Bool) {
            self.dataset = dataset
            self.datasetTitle = datasetTitle
            self.revision = revision
            self.row = row
            self.column = column
            self.current = current
        }
    }

    /// What an erasure did, in words.
    public struct Erased: Sendable {
        public var summary: String
        public var lines: [String]
        public var proof: String
        public init(summary: String, lines: [String], proof: String) {
            self.summary = summary
            self.lines = lines
            self.proof = proof
        }
    }

    /// A dataset where the person was found, with its current columns (what a rectification may correct).
    public struct Rectifiable: Sendable {
        public var dataset: String
        public var title: String
        public var columns: [String]
        public init(dataset: String, title: String, columns: [String]) {
            self.dataset = dataset
            self.title = title
            self.columns = columns
        }
    }

    /// The identifiers typed, by field name (email, phone, nir, name, birthDate, plate), and the request's number.
    public var values: [String: String]
    public var errors: [String: String]
    public var searched: Bool
    public var matches: [Match]
    public var summary: String
    public var canErase: Bool
    public var erased: Erased?
    public var rectifiable: [Rectifiable] = []
    public init(values: [String: String], errors: [String: String] = [:], searched: Bool = false, matches: [Match] = [],
                summary: String = "", canErase: Bool = false, erased: Erased? = nil) {
        self.values = values
        self.errors = errors
        self.searched = searched
        self.matches = matches
        self.summary = summary
        self.canErase = canErase
        self.erased = erased
    }
}
