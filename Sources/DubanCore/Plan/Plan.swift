/// A plan as loaded: a multi-year plan with its actions, measures and tasks, or an annual plan that
/// `extends` one and adds tasks under its measures.
public struct Plan: Hashable, Sendable {
    /// Stable ASCII id, e.g. `zaozhuang-gaoxin-2024-2026`.
    public var id: String
    /// The plan's title as issued.
    public var title: String
    /// The id of the plan this one refines, for annual action plans.
    public var extends: String?
    /// The first day of the plan's period.
    public var start: Day
    /// The last day of the plan's period.
    public var end: Day
    /// The department that runs the plan (the office), which owns its coordination duties.
    public var office: String?
    /// Actions in the plan's order (for an extension: the base actions it adds tasks to).
    public var actions: [Action]
    /// Numbered measures in the plan's order.
    public var measures: [Measure]
    /// Tasks in the plan's order.
    public var tasks: [PlanTask]
    /// Where the plan was read from.
    public var location: SourceLocation?

    /// Makes a plan.
    public init(
        id: String, title: String, extends: String? = nil, start: Day, end: Day, office: String? = nil,
        actions: [Action] = [], measures: [Measure] = [], tasks: [PlanTask] = [], location: SourceLocation? = nil
    ) {
        self.id = id
        self.title = title
        self.extends = extends
        self.start = start
        self.end = end
        self.office = office
        self.actions = actions
        self.measures = measures
        self.tasks = tasks
        self.location = location
    }
}

/// One of the plan's actions: the nine actions (九大行动), the four rectifications (四项整治),
/// and the plan's goals and safeguards.
public struct Action: Hashable, Sendable, Codable {
    /// Stable ASCII id, e.g. `a1-leader-training`.
    public var id: String
    /// The title as the plan writes it.
    public var title: String
    /// Where it was written.
    public var location: SourceLocation?

    /// Makes an action.
    public init(id: String, title: String, location: SourceLocation? = nil) {
        self.id = id
        self.title = title
        self.location = location
    }
}

/// A numbered measure (1.–28. in the seed) under an action.
public struct Measure: Hashable, Sendable, Codable {
    /// The measure's number, unique within its plan family.
    public var number: Int
    /// The id of the action it belongs to.
    public var action: String
    /// The title as the plan writes it.
    public var title: String
    /// Where it was written.
    public var location: SourceLocation?

    /// Makes a measure.
    public init(number: Int, action: String, title: String, location: SourceLocation? = nil) {
        self.number = number
        self.action = action
        self.title = title
        self.location = location
    }
}

/// A file, line and column in an input a person wrote.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file's path as given.
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column, from 1.
    public var column: Int

    /// Makes a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
