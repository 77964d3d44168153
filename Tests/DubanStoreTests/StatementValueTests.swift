import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// Values bound to a statement come back as they went in, on either engine: empty text is text,
/// not NULL; text with quotes, Chinese and emoji stays whole; integers and reals keep every bit; a
/// broken constraint is a constraint error, and a wrong number of values is refused.
@Suite struct StatementValueTests {
    @Test func valuesComeBackAsTheyWentIn() throws {
        let db = try TestStore.make()
        let texts = ["", "a", "引号'\"\\", String(repeating: "长", count: 5_000), "emoji 🚒"]
        let integers: [Int64] = [0, -1, 1, .max, .min, 4_294_967_296]
        let reals = [0.0, -0.5, 33.3, 1e300, -1e-300]
        let rows = try db.write { db -> [SQLRow] in
            try db.execute("CREATE TEMPORARY TABLE boundValue (n INTEGER, t TEXT, i BIGINT, r DOUBLE PRECISION)")
            var n = 0
            for text in texts {
                for (integer, real) in zip(integers, reals + [2.5]) {
                    try db.execute("INSERT INTO boundValue (n, t, i, r) VALUES (?, ?, ?, ?)", [n, text, integer, real])
                    n += 1
                }
            }
            try db.execute("INSERT INTO boundValue (n, t, i, r) VALUES (?, ?, ?, ?)", [n, nil, nil, nil])
            return try db.rows("SELECT n, t, i, r FROM boundValue ORDER BY n")
        }
        var expected: [(String?, Int64?, Double?)] = []
        for text in texts {
            for (integer, real) in zip(integers, reals + [2.5]) { expected.append((text, integer, real)) }
        }
        expected.append((nil, nil, nil))
        #expect(rows.count == expected.count)
        for (row, value) in zip(rows, expected) {
            let text: String? = try row["t"]
            let integer: Int64? = try row["i"]
            let real: Double? = try row["r"]
            #expect(text == value.0)
            #expect(integer == value.1)
            #expect(real == value.2)
        }
    }

    /// Rows handed on by `each` may be kept, and read back whole past the blocks SQLite's rows come
    /// in: long texts repeated down a column are shared, texts of one length that differ are not.
    @Test func rowsKeptFromEachAreWholeAcrossBlocks() throws {
        let db = try TestStore.make()
        func long(_ n: Int) -> String { "plan-of-the-district-\(n / 300)" }  // a run of 300 rows each
        func same(_ n: Int) -> String { "same-length-text-\(n % 10)" }  // differs row to row, one length
        let count = 1_000
        let rows = try db.write { db -> [SQLRow] in
            try db.execute("CREATE TEMPORARY TABLE keptRow (n INTEGER, a TEXT, b TEXT, c TEXT, d INTEGER)")
            for n in 0..<count {
                try db.execute(
                    "INSERT INTO keptRow (n, a, b, c, d) VALUES (?, ?, ?, ?, ?)",
                    [n, long(n), same(n), n % 7 == 0 ? nil : "长\(n)", n % 2 == 0 ? nil : n * 3])
            }
            var kept: [SQLRow] = []
            try db.each("SELECT n, a, b, c, d FROM keptRow ORDER BY n", []) { kept.append($0) }
            return kept
        }
        #expect(rows.count == count)
        for (n, row) in rows.enumerated() {
            #expect(try row[0] == n)
            #expect(try row["a"] == long(n))
            #expect(try row["b"] == same(n))
            #expect(try row["c"] == (n % 7 == 0 ? nil : "长\(n)") as String?)
            #expect(try row[4] == (n % 2 == 0 ? nil : n * 3) as Int?)
            #expect(throws: StoreError.self) { let _: String = try row[5] }
        }
    }

    /// Rows inserted many a statement come back whole: several statements, the last one short,
    /// the same statement used again with other texts (none left over from the run before), empty
    /// text as text, long and multi-byte text whole.
    @Test func rowsInsertedManyAStatementComeBackWhole() throws {
        let db = try TestStore.make()
        func text(_ n: Int, _ pass: Int) -> String? {
            switch (n + pass) % 6 {
            case 0: ""
            case 1: "短\(n)"
            case 2: String(repeating: "长", count: 2_000 + n % 7) + "\(pass)"
            case 3: nil
            case 4: "emoji 🚒 \(n) '\"\\"
            default: "pass-\(pass)-row-\(n)-long-enough-to-be-on-the-heap"
            }
        }
        let count = 1_234  // at least three statements on either engine's statement size
        let rows = try db.write { db -> [SQLRow] in
            try db.execute("CREATE TEMPORARY TABLE manyRows (pass INTEGER, n INTEGER, t TEXT, u TEXT)")
            for pass in 0..<2 {
                try db.insertRows(table: "manyRows", columns: ["pass", "n", "t", "u"], count: count) { n, values in
                    values.append(.integer(Int64(pass)))
                    values.append(.integer(Int64(n)))
                    values.append(text(n, pass).map(SQLValue.text) ?? .null)
                    values.append(text(n + 1, pass).map(SQLValue.text) ?? .null)
                }
            }
            return try db.rows("SELECT pass, n, t, u, t IS NULL AS missing FROM manyRows ORDER BY pass, n")
        }
        #expect(rows.count == 2 * count)
        for (offset, row) in rows.enumerated() {
            let (pass, n) = (offset / count, offset % count)
            #expect(try row["pass"] == pass)
            #expect(try row["n"] == n)
            #expect(try row["t"] == text(n, pass))
            #expect(try row["u"] == text(n + 1, pass))
            #expect(try row["missing"] == (text(n, pass) == nil))
        }
    }

    @Test func aBrokenConstraintIsAConstraintErrorAndAWrongCountIsRefused() throws {
        let db = try TestStore.make()
        var entry = AuditEntry(at: Fixtures.now, actor: "test", action: "a", subject: "s", detail: "")
        try db.write { db in try db.insert(&entry) }
        let id = try #require(entry.id)
        let duplicate = try #require(throws: StoreError.self) {
            try db.write { db in
                try db.execute(
                    "INSERT INTO auditLog (id, at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    [id, Fixtures.now, "test", "b", "s", ""])
            }
        }
        #expect(duplicate.code == .constraint)
        #expect(throws: StoreError.self) {
            try db.write { db in try db.execute("UPDATE auditLog SET detail = ? WHERE id = ?", ["x"]) }
        }
        #expect(try db.read { db in try db.count(AuditEntry.self, where: "detail = 'x'") } == 0)
    }
}
