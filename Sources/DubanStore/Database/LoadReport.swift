import DubanCore

/// What a plan load changed, plan by plan, and the warnings validation found.
public struct LoadReport: Hashable, Sendable {
    /// One changed field of one task.
    public struct FieldChange: Hashable, Sendable {
        /// The field's name as revisions record it (`due`, `lead`, …).
        public var field: String
        /// The value before.
        public var old: String?
        /// The value after.
        public var new: String?
    }

    /// What happened to one plan's tasks.
    public struct PlanChanges: Hashable, Sendable {
        /// The plan.
        public var plan: String
        /// Whether the plan itself was new.
        public var isNew: Bool
        /// Whether the plan's title, period, office, actions or measures changed.
        public var headerChanged = false
        /// Tasks added, by id.
        public var added: [String] = []
        /// Tasks changed, with their changed fields.
        public var changed: [(task: String, fields: [FieldChange])] = []
        /// Tasks no longer in the file, now archived.
        public var archived: [String] = []
        /// Archived tasks back in the file.
        public var restored: [String] = []
        /// Tasks left as they were.
        public var unchanged = 0

        public static func == (lhs: PlanChanges, rhs: PlanChanges) -> Bool {
            lhs.plan == rhs.plan && lhs.isNew == rhs.isNew && lhs.headerChanged == rhs.headerChanged
                && lhs.added == rhs.added && lhs.archived == rhs.archived
                && lhs.restored == rhs.restored && lhs.unchanged == rhs.unchanged
                && lhs.changed.map(\.task) == rhs.changed.map(\.task)
                && lhs.changed.map(\.fields) == rhs.changed.map(\.fields)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(plan)
            hasher.combine(added)
            hasher.combine(archived)
        }
    }

    /// The load's id in the store.
    public var loadId: Int64
    /// Per plan loaded, in load order.
    public var plans: [PlanChanges]
    /// Departments added, changed and archived.
    public var departmentsAdded: [String] = []
    /// Departments whose name, kind, aliases or channels changed.
    public var departmentsChanged: [String] = []
    /// Departments no longer in the registry, now archived.
    public var departmentsArchived: [String] = []
    /// Archived departments back in the registry.
    public var departmentsRestored: [String] = []
    /// Whether departments or tasks only moved within their files: stored, not reported as a change.
    public var reordered = false
    /// Validation warnings (the load went ahead).
    public var warnings: [PlanIssue] = []

    /// Whether the load changed nothing.
    public var isNoChange: Bool {
        departmentsAdded.isEmpty && departmentsChanged.isEmpty && departmentsArchived.isEmpty
            && departmentsRestored.isEmpty
            && plans.allSatisfy {
                !$0.isNew && !$0.headerChanged && $0.added.isEmpty && $0.changed.isEmpty && $0.archived.isEmpty
                    && $0.restored.isEmpty
            }
    }
}
