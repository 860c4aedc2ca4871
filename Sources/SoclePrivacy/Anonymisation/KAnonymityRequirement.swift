/// Asks that every combination of the quasi-identifiers be shared by at least `k` rows of the result.
public struct KAnonymityRequirement: Codable, Sendable, Hashable {
    /// 5 by default; French official statistics never publish cells under 3.
    public static let defaultK = 5

    public var k: Int
    /// Columns (names or labels) that, combined, could single a person out: age band, sex, commune…
    public var quasiIdentifiers: [String]

    public init(k: Int = KAnonymityRequirement.defaultK, quasiIdentifiers: [String]) {
        self.k = k
        self.quasiIdentifiers = quasiIdentifiers
    }
}
