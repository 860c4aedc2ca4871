/// The transforms the DPO chose, and the k-anonymity requirement verified after them.
///
/// Steps are listed in the user's order but run in a fixed order, so that the result never depends on
/// how the wizard or the CLI listed them: generalise and pseudonymise, then rare-value suppression, then
/// the k-anonymity suppression (or the aggregation), then drops.
public struct AnonymisationPlan: Codable, Sendable, Hashable {
    public var steps: [AnonymisationStep]
    public var kAnonymity: KAnonymityRequirement?

    public init(steps: [AnonymisationStep], kAnonymity: KAnonymityRequirement? = nil) {
        self.steps = steps
        self.kAnonymity = kAnonymity
    }
}
