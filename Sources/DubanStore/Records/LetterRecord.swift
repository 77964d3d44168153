import DubanCore
import Foundation

/// A row of `letter`: an escalation letter with its number, one per step from 函告 upward.
/// `(year, sequence)` is unique, so two processes can never give out the same number.
public struct LetterRecord: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "letter"
    static let columns = ["id", "stepId", "year", "sequence", "number", "departmentId", "taskId", "issued", "content"]

    /// Row id.
    public var id: Int64?
    /// The escalation step the letter carries out.
    public var stepId: Int64
    /// The year of its number.
    public var year: Int
    /// Its number within the year.
    public var sequence: Int
    /// `高新安办函〔2025〕12号`.
    public var number: String
    /// The department it is addressed to.
    public var departmentId: String
    /// The task it is about.
    public var taskId: String
    /// The day it was issued.
    public var issued: Day
    /// The letter's content (`EscalationLetter`) as JSON.
    public var content: String

    init(
        id: Int64?, stepId: Int64, year: Int, sequence: Int, number: String, departmentId: String, taskId: String,
        issued: Day, content: String
    ) {
        self.id = id
        self.stepId = stepId
        self.year = year
        self.sequence = sequence
        self.number = number
        self.departmentId = departmentId
        self.taskId = taskId
        self.issued = issued
        self.content = content
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        stepId = try row["stepId"]
        year = try row["year"]
        sequence = try row["sequence"]
        number = try row["number"]
        departmentId = try row["departmentId"]
        taskId = try row["taskId"]
        issued = try row["issued"]
        content = try row["content"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, stepId, year, sequence, number, departmentId, taskId, issued, content]
    }

    /// The letter's content.
    public func letter() throws -> EscalationLetter {
        try JSONDecoder().decode(EscalationLetter.self, from: Data(content.utf8))
    }
}
