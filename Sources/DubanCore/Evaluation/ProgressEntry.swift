/// One progress report as a department sends it: from the command line, a sheet or the API.
public struct ProgressEntry: Hashable, Sendable {
    /// What the report says.
    public enum Content: Hashable, Sendable {
        /// Percent done of a milestone (100 = done, as of the report's date).
        case percent(Double)
        /// One occurrence of a recurring duty, by period key (`2024Q1`), done or not, with evidence in the note.
        case occurrence(String, done: Bool)
        /// A measured value of a target.
        case value(Double)
    }

    /// The task's id.
    public var task: String
    /// The reporting department's id.
    public var department: String
    /// The day the report is true.
    public var date: Day
    /// What is reported.
    public var content: Content
    /// A note or evidence.
    public var note: String?
    /// The sheet row it came from (1 = the header), for error messages.
    public var row: Int?

    /// Makes an entry.
    public init(task: String, department: String, date: Day, content: Content, note: String? = nil, row: Int? = nil) {
        self.task = task
        self.department = department
        self.date = date
        self.content = content
        self.note = note
        self.row = row
    }
}
