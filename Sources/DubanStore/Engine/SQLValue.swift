import DubanCore
import Foundation

/// A value bound to a statement or read from a row, in the four kinds both engines store.
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value the store writes to a column and reads back.
public protocol SQLValueConvertible {
    /// The value as the store writes it.
    var sqlValue: SQLValue { get }
    /// The value read back from `value`, or nil when `value` is not one.
    static func fromSQL(_ value: SQLValue) -> Self?
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public static func fromSQL(_ value: SQLValue) -> String? {
        switch value {
        case .text(let text): text
        case .integer(let int): String(int)
        case .real(let real): String(real)
        case .null: nil
        }
    }
}

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public static func fromSQL(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let int): int
        case .real(let real): real.rounded() == real ? Int64(exactly: real) : nil
        case .text(let text): Int64(text)
        case .null: nil
        }
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public static func fromSQL(_ value: SQLValue) -> Int? { Int64.fromSQL(value).map { Int($0) } }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public static func fromSQL(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let int): Double(int)
        case .text(let text): Double(text)
        case .null: nil
        }
    }
}

extension Bool: SQLValueConvertible {
    /// Stored as 0 or 1 on both engines.
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public static func fromSQL(_ value: SQLValue) -> Bool? { Int64.fromSQL(value).map { $0 != 0 } }
}

extension Day: SQLValueConvertible {
    /// Days are stored as `YYYY-MM-DD` text, which sorts and reads well in SQL.
    public var sqlValue: SQLValue { .text(description) }
    public static func fromSQL(_ value: SQLValue) -> Day? {
        if case .text(let text) = value { return Day(text) }
        return nil
    }
}

extension Date: SQLValueConvertible {
    /// Stored as `YYYY-MM-DD HH:MM:SS.SSS` UTC text, as GRDB wrote them: fixed width, so text order is
    /// time order on both engines, and stores written before the second engine read as they did.
    public var sqlValue: SQLValue { .text(StoredTime.text(self)) }
    public static func fromSQL(_ value: SQLValue) -> Date? {
        switch value {
        case .text(let text): StoredTime.date(text)
        case .integer(let seconds): Date(timeIntervalSince1970: TimeInterval(seconds))
        case .real(let seconds): Date(timeIntervalSince1970: seconds)
        case .null: nil
        }
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public static func fromSQL(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.fromSQL(value).map { .some($0) }
    }
}

extension RawRepresentable where RawValue == String {
    /// The raw value, as stored.
    public var sqlValue: SQLValue { .text(rawValue) }
    /// The case named by a stored value; nil for a value this build does not know.
    public static func fromSQL(_ value: SQLValue) -> Self? { String.fromSQL(value).flatMap(Self.init(rawValue:)) }
}

/// A list of ids stored in one text column as JSON, as GRDB encoded arrays.
struct StoredList: SQLValueConvertible, Hashable {
    var items: [String]

    var sqlValue: SQLValue {
        let data = (try? JSONEncoder().encode(items)) ?? Data("[]".utf8)
        return .text(String(decoding: data, as: UTF8.self))
    }

    static func fromSQL(_ value: SQLValue) -> StoredList? {
        guard case .text(let text) = value,
            let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
        else { return nil }
        return StoredList(items: items)
    }
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public static func fromSQL(_ value: SQLValue) -> SQLValue? { value }
}
