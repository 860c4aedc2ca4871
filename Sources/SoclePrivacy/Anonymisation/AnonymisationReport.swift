import Foundation
import SocleCore

/// Everything a DPO (and the lineage) needs to know about one anonymisation run.
public struct AnonymisationReport: Codable, Sendable, Equatable {
    /// One report per step, in the plan's order.
    public var steps: [StepReport]
    /// Present when k-anonymity was requested or an aggregation enforced its k.
    public var kAnonymity: KAnonymityReport?
    /// Every verification, passed or not.
    public var checks: [AnonymisationCheck]
    /// Smallest group of the result over the quasi-identifiers (≥ k), nil when k was not verified.
    public var smallestGroupSize: Int?
    /// The same before suppression.
    public var smallestGroupSizeBefore: Int?
    /// Quasi-identifier values of the (up to) 3 smallest groups of the result; "" stands for an empty value.
    /// Taken after suppression on purpose: the report may travel with the published dataset.
    public var smallestGroups: [[String]]?
    /// Output columns that hold pseudonyms: the result can go to a partner under an agreement, never to open data.
    public var pseudonymisedColumns: [String]
    /// Short fingerprint of the pseudonymisation secret (a keyed hash of a fixed text, not the secret itself),
    /// so that two derived datasets can be told to share, or not, the same pseudonyms.
    public var secretFingerprint: String?
    /// The date age bands were computed at, when an age-band step ran.
    public var referenceDate: Date?
    public var rowsIn: Int
    public var rowsOut: Int
    /// True only when every check passed and no pseudonymised column remains.
    public var clearsPersonalData: Bool

    public init(steps: [StepReport], kAnonymity: KAnonymityReport?, checks: [AnonymisationCheck],
                smallestGroupSize: Int?, smallestGroupSizeBefore: Int?, smallestGroups: [[String]]?,
                pseudonymisedColumns: [String], secretFingerprint: String?, referenceDate: Date?,
                rowsIn: Int, rowsOut: Int, clearsPersonalData: Bool) {
        self.steps = steps
        self.kAnonymity = kAnonymity
        self.checks = checks
        self.smallestGroupSize = smallestGroupSize
        self.smallestGroupSizeBefore = smallestGroupSizeBefore
        self.smallestGroups = smallestGroups
        self.pseudonymisedColumns = pseudonymisedColumns
        self.secretFingerprint = secretFingerprint
        self.referenceDate = referenceDate
        self.rowsIn = rowsIn
        self.rowsOut = rowsOut
        self.clearsPersonalData = clearsPersonalData
    }

    /// The checks that failed, for the summary line of the CLI and the wizard.
    public var failedChecks: [AnonymisationCheck] { checks.filter { !$0.passed } }
}
