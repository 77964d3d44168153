import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// `duban store info` and `duban store copy`, and how a bad `--db` is refused: one line, the right
/// exit code, no password printed, nothing changed. The copy's target is on this run's engine.
@Suite struct StoreCommandTests {
    /// A store with the shipped plans loaded and ticked through June 2024, and its `evaluate` output.
    static func tickedStore(_ duban: DubanProcess) throws -> String {
        try SchedulerCLI.loadShippedPlans(duban)
        let tick = try duban.run("tick", "--as-of", "2024-06-30")
        try #require(tick.exitCode == 0, "\(tick)")
        let evaluation = try duban.run("evaluate", "--as-of", "2024-06-30")
        try #require(evaluation.exitCode == 0, "\(evaluation)")
        return evaluation.stdout
    }

    @Test func infoNamesTheEngineTheSchemaAndEveryTable() throws {
        try withDuban { duban in
            _ = try Self.tickedStore(duban)
            let result = try duban.run("store", "info")
            #expect(result.exitCode == 0, "\(result)")
            let lines = result.stdout.components(separatedBy: "\n")
            #expect(lines[0] == "store:   \(duban.db)")
            #expect(lines[1].hasPrefix("engine:  sqlite (SQLite 3."))
            #expect(lines[2] == "schema:  \(StoreMigrations.all.last!.name)")
            let tables = Dictionary(
                uniqueKeysWithValues: lines.drop { $0 != "tables:" }.dropFirst().filter { !$0.isEmpty }.map {
                    let parts = $0.split(separator: " ")
                    return (String(parts[0]), Int(parts[1]) ?? -1)
                })
            #expect(tables.count == StoreSchema.tables.count)
            #expect(tables["task"] == 92)
            #expect((tables["jobRun"] ?? 0) > 100)
        }
    }

    @Test func aCopyPrintsTheSameEvaluationAndTicksOnIdentically() throws {
        try withDuban { duban in
            let before = try Self.tickedStore(duban)
            let target = try SchedulerCLI.scratchStore(in: duban.directory, "copy")
            let copy = try duban.run("store", "copy", "--to", target)
            #expect(copy.exitCode == 0, "\(copy)")
            #expect(copy.stdout.hasPrefix("copied \(duban.db) → \(target)\n"))
            #expect(copy.stdout.hasSuffix("the counts match on both sides\n"))

            var moved = duban
            moved.db = target
            let after = try moved.run("evaluate", "--as-of", "2024-06-30")
            #expect(after.exitCode == 0, "\(after)")
            #expect(after.stdout == before)
            // Both go on from where the source stopped and decide the same.
            let arguments = ["tick", "--as-of", "2024-09-30"]
            let onSource = try duban.run(arguments)
            let onTarget = try moved.run(arguments)
            #expect(onSource.exitCode == 0 && onTarget.exitCode == 0, "\(onSource)\n\(onTarget)")
            #expect(onTarget.stdout == onSource.stdout)
            #expect(try SchedulerCLI.Snapshot(path: target) == SchedulerCLI.Snapshot(path: duban.db))
        }
    }

    @Test func aTargetThatHoldsDataIsRefusedAndLeftAsItWas() throws {
        try withDuban { duban in
            _ = try Self.tickedStore(duban)
            let target = try SchedulerCLI.scratchStore(in: duban.directory, "copy")
            #expect(try duban.run("store", "copy", "--to", target).exitCode == 0)
            let before = try SchedulerCLI.Snapshot(path: target)
            let again = try duban.run("store", "copy", "--to", target)
            #expect(again.exitCode == 2, "\(again)")
            #expect(again.stdout == "")
            #expect(again.stderr.hasPrefix("error: the target store \(target) is not empty: department (24 rows)"))
            #expect(again.stderr.components(separatedBy: "\n").count == 2)
            #expect(try SchedulerCLI.Snapshot(path: target) == before)
        }
    }

    @Test func aCopyFromAMissingStoreMakesNoFile() throws {
        try withDuban { duban in
            let target = duban.directory.appendingPathComponent("copy.sqlite").path
            let result = try duban.run("store", "copy", "--to", target)
            #expect(result.exitCode == 2)
            #expect(result.stderr == "error: no store at \(duban.db) to copy; check --from\n")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }

    @Test(arguments: [
        (
            "postgress://duban@127.0.0.1/duban",
            "error: --db postgress://duban@127.0.0.1/duban: the scheme “postgress” is not postgres; use postgres://… for PostgreSQL, or a file path for SQLite\n"
        ),
        (
            "postgres://127.0.0.1:5432/duban",
            "error: --db postgres://127.0.0.1:5432/duban: it names no user; write it as postgres://USER@HOST:PORT/DBNAME?sslmode=disable\n"
        ),
        (
            "postgres://duban:s3cret@127.0.0.1/",
            "error: --db postgres://duban:***@127.0.0.1/: it names no database; write it as postgres://USER@HOST:PORT/DBNAME?sslmode=disable\n"
        ),
        (
            "postgres://duban:s3cret@127.0.0.1/duban?sslmode=sometimes",
            "error: --db postgres://duban:***@127.0.0.1/duban?sslmode=sometimes: sslmode “sometimes” is not one duban knows; use sslmode=disable, prefer or require\n"
        ),
    ])
    func aBadURLIsOneLineAndBadInput(url: String, message: String) throws {
        try withDuban { duban in
            let result = try duban.run("store", "info", "--db", url)
            #expect(result.exitCode == 2)
            #expect(result.stderr == message)
            #expect(!result.stderr.contains("s3cret"))
        }
    }

    @Test func anUnreachableServerIsOneLineWithTheFixAndNoPassword() throws {
        try withDuban { duban in
            // Port 1 on this machine: nothing listens there.
            let result = try duban.run(
                "store", "info", "--db", "postgres://duban:s3cret@127.0.0.1:1/duban?sslmode=disable")
            #expect(result.exitCode == 1)
            #expect(
                result.stderr.hasPrefix("error: PostgreSQL at 127.0.0.1:1 could not be reached"), "\(result.stderr)")
            #expect(result.stderr.hasSuffix("check that the server runs and that --db names the right host and port\n"))
            #expect(result.stderr.components(separatedBy: "\n").count == 2)
            #expect(!result.stderr.contains("s3cret") && !result.stdout.contains("s3cret"))
        }
    }

    @Test func aMissingDatabaseIsNamedWithTheFix() throws {
        try withDuban { duban in
            guard case .postgres(var location) = try TestStore.server() else { Issue.record("not PostgreSQL"); return }
            location.database = "no_such_database"
            let result = try duban.run("store", "info", "--db", location.description)
            #expect(result.exitCode == 1)
            #expect(
                result.stderr
                    == "error: PostgreSQL at \(location.host):\(location.port) has no database no_such_database; create it (createdb no_such_database) or name another in --db\n"
            )
        }
    }

    @Test func aStoreMigratedByANewerDubanIsRefusedUntouched() throws {
        try withDuban { duban in
            _ = try Self.tickedStore(duban)
            _ = try AppDatabase.open(path: duban.db).write { db in
                try db.execute("INSERT INTO duban_migration (identifier) VALUES ('v99: the future')")
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: duban.db))
            let result = try duban.run("evaluate")
            #expect(result.exitCode == 1)
            #expect(
                result.stderr
                    == "error: the store at \(duban.db) was migrated by a newer duban (v99: the future); run the duban that wrote it, or upgrade this one; nothing was changed\n"
            )
            #expect(try Data(contentsOf: URL(fileURLWithPath: duban.db)) == before)
        }
    }
}
