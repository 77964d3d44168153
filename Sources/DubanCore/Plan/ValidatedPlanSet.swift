/// A plan set that passed validation, with the warnings it had: the only form the store loads,
/// so a plan is checked once however it reaches the store.
public struct ValidatedPlanSet: Sendable {
    /// The departments and plans.
    public let set: PlanSet
    /// Problems worth a look that do not stop the load.
    public let warnings: [PlanIssue]

    fileprivate init(set: PlanSet, warnings: [PlanIssue]) {
        self.set = set
        self.warnings = warnings
    }
}

extension PlanValidator {
    /// Validates `set`, returning it with its warnings.
    ///
    /// - Throws: `PlanError` with every issue when any is an error.
    public static func validated(_ set: PlanSet) throws(PlanError) -> ValidatedPlanSet {
        ValidatedPlanSet(set: set, warnings: try check(set))
    }
}
