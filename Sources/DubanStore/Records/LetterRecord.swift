import DubanCore
import Foundation
import GRDB

/// A row of `letter`: an escalation letter with its number, one per step from 函告 upward.
/// `(year, sequence)` is unique, so two processes can never give out the same number.
public struct LetterRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "letter"

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

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The letter's content.
    public func letter() throws -> EscalationLetter {
        try JSONDecoder().decode(EscalationLetter.self, from: Data(content.utf8))
    }
}
