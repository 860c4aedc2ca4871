import SocleCore

/// How personal a column is: the suggestion a steward or the DPO confirms or overrides.
public enum PrivacyLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case `public`, personal, sensitive

    private var rank: Int { self == .public ? 0 : (self == .personal ? 1 : 2) }
    public static func < (a: PrivacyLevel, b: PrivacyLevel) -> Bool { a.rank < b.rank }
}

/// Why the detector decided: the signals that fired, how many values matched, masked examples.
public struct ColumnEvidence: Codable, Sendable, Equatable {
    /// The signals that fired, as catalog keys with arguments.
    public var signals: [Notice]
    /// Non-null values examined.
    public var examined: Int
    /// Values that matched the decisive value signal (0 when the decision came from the header).
    public var matched: Int
    /// Up to 3 masked examples of matching values, never a raw value.
    public var examples: [String]

    public init(signals: [Notice] = [], examined: Int = 0, matched: Int = 0, examples: [String] = []) {
        self.signals = signals
        self.examined = examined
        self.matched = matched
        self.examples = examples
    }
}

/// The detector's suggestion for one column: level, data category, confidence (0…1) and evidence.
public struct ColumnVerdict: Codable, Sendable, Equatable {
    public var verdict: PrivacyLevel
    public var category: DataCategory?
    public var confidence: Double
    public var evidence: ColumnEvidence

    public init(verdict: PrivacyLevel, category: DataCategory?, confidence: Double, evidence: ColumnEvidence) {
        self.verdict = verdict
        self.category = category
        self.confidence = min(1, max(0, confidence))
        self.evidence = evidence
    }
}
