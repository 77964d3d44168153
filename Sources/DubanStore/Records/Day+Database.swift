import DubanCore
import Foundation
import GRDB

extension Day: DatabaseValueConvertible {
    /// Days are stored as `YYYY-MM-DD` text, which sorts and reads well in SQL.
    public var databaseValue: DatabaseValue {
        description.databaseValue
    }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init)
    }
}
