import SocleCore

/// What one step did: the step with resolved column names, the cells it changed, the rows it removed, and why.
public struct StepReport: Codable, Sendable, Equatable {
    /// The step as run, with column names (not labels) so that the lineage replays identically.
    public var step: AnonymisationStep
    /// Non-null cells whose value changed (generalised, pseudonymised, emptied or removed with the column).
    public var valuesChanged: Int
    /// Cells that became empty: unreadable or out-of-range values, rare values.
    public var valuesNulled: Int
    /// Rows removed by this step (small groups of an aggregation).
    public var rowsSuppressed: Int
    /// Groups removed by an aggregation because they had fewer than k rows.
    public var groupsSuppressed: Int
    /// Explanations (catalog keys with arguments), e.g. how many birth dates were in the future.
    public var notes: [Notice]

    public init(step: AnonymisationStep, valuesChanged: Int = 0, valuesNulled: Int = 0, rowsSuppressed: Int = 0,
                groupsSuppressed: Int = 0, notes: [Notice] = []) {
        self.step = step
        self.valuesChanged = valuesChanged
        self.valuesNulled = valuesNulled
        self.rowsSuppressed = rowsSuppressed
        self.groupsSuppressed = groupsSuppressed
        self.notes = notes
    }
}
