import Foundation
import SocleCore
import SocleStore

/// The date column of one dataset that marks a retention rule's start event (collection, end of contract…).
public struct RetentionDateColumn: Codable, Sendable, Equatable, Hashable {
    public var dataset: String
    public var column: String
    public init(dataset: String, column: String) {
        self.dataset = dataset
        self.column = column
    }
}

/// Where one rule of one activity applies: each dataset of its scope with the date column that starts the
/// clock and the columns an anonymisation blanks — or why it cannot be enforced there.
public struct RetentionScope: Sendable, Encodable, Equatable {
    public struct Target: Sendable, Encodable, Equatable {
        public var dataset: String
        public var title: String
        public var dateColumn: String?
        /// The linked personal columns of the rule's category (the date column excepted).
        public var personalColumns: [String]
        /// Why the rule is not enforced on this dataset (catalog key), nil when it is.
        public var problem: String?
    }
    public var activityId: Int64
    public var activity: String
    public var organisation: String
    /// 1-based position of the rule in the activity's retention list.
    public var rule: Int
    public var retention: RetentionRule
    public var targets: [Target]
    /// Why the rule applies to nothing (catalog key), nil when it has targets.
    public var problem: String?
}

/// What a run did (or a dry run would do) for one rule on one dataset.
public struct RetentionOutcome: Sendable, Codable, Equatable {
    public var activityId: Int64
    public var activity: String
    public var organisation: String
    public var rule: Int
    public var fate: RetentionFate
    public var duration: String
    public var dataset: String
    public var dateColumn: String?
    /// Rows dated before this day (`YYYY-MM-DD`) are expired.
    public var cutoff: String
    /// Expired rows, all revisions together (each revision holds its own copy of a row).
    public var rows: Int64
    /// Expired rows in the current revision.
    public var currentRows: Int64
    /// Rows of the current revision kept because their date is missing or unreadable.
    public var undated: Int64
    /// Revisions touched, with per-table counts and the first row numbers.
    public var tables: [RowPurgeResult.Table]
    public var newRevision: Int?
    /// SHA-256 over the expired rows' canonical content (`RowPurgeDigest`): the proof, also in the audit log.
    public var sha256: String
    /// What was done: `retention.done.<fate>` or `retention.done.dry_run`, `retention.done.nothing`.
    public var done: String
    /// The file the rows were written to (transfer to archives, sorting), relative to the archive directory.
    public var file: String?
    /// Why the rule was not enforced on this dataset (catalog key).
    public var problem: String?
}

/// One run of the retention rules (or a dry run): when, by whom, and per rule and dataset what went.
public struct RetentionRun: Sendable, Codable, Equatable {
    public var at: Date
    public var dryRun: Bool
    /// `cli`, `schedule`, or the name of the person who asked.
    public var trigger: String
    public var outcomes: [RetentionOutcome]
    public var rows: Int64 { outcomes.reduce(0) { $0 + $1.rows } }

    enum CodingKeys: String, CodingKey { case at, dryRun, trigger, outcomes, rows }
    public init(at: Date, dryRun: Bool, trigger: String, outcomes: [RetentionOutcome]) {
        self.at = at
        self.dryRun = dryRun
        self.trigger = trigger
        self.outcomes = outcomes
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(at: try c.decode(Date.self, forKey: .at), dryRun: try c.decode(Bool.self, forKey: .dryRun),
                  trigger: try c.decode(String.self, forKey: .trigger), outcomes: try c.decode([RetentionOutcome].self, forKey: .outcomes))
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(trigger, forKey: .trigger)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(rows, forKey: .rows)
    }
}

/// A recorded run as an organisation's DPO sees it (its own rules only).
public struct RetentionRunEntry: Sendable, Equatable {
    public var id: Int64
    public var organisation: Organisation
    public var run: RetentionRun
}

extension ISODuration {
    /// The day `duration` before `day` (calendar arithmetic: years, months, weeks, days), nil when it does not parse.
    public static func day(_ duration: String, before day: DateComponents) -> DateComponents? {
        guard isValid(duration) else { return nil }
        var years = 0, months = 0, days = 0
        var number = ""
        for ch in duration.trimmingCharacters(in: .whitespaces).uppercased().dropFirst() {
            if ch.isNumber { number.append(ch); continue }
            guard let n = Int(number), n <= 10_000 else { return nil }
            switch ch {
            case "Y": years = n
            case "M": months = n
            case "W": days += 7 * n
            default: days += n
            }
            number = ""
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
              let back = calendar.date(byAdding: DateComponents(year: -years, month: -months, day: -days), to: start) else { return nil }
        return calendar.dateComponents([.year, .month, .day], from: back)
    }

    /// `YYYY-MM-DD` of a day.
    public static func text(_ day: DateComponents) -> String {
        String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }
}
