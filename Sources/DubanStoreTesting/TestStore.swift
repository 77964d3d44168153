import DubanStore
import Foundation

/// Fresh stores for tests, on the engine the run asks for: `DUBAN_TEST_ENGINE=sqlite` (the default)
/// or `postgres`, on the throwaway server `DUBAN_TEST_POSTGRES` names (`make test` starts one with
/// `scripts/with-postgres`). The same tests run on both: that is the store's contract suite.
public enum TestStore {
    /// The engines a run can test.
    public enum Engine: String, Sendable {
        case sqlite, postgres
    }

    /// Why a test could not get its store: never a silent skip.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The engine of this run.
    public static var engine: Engine {
        get throws {
            let text = ProcessInfo.processInfo.environment["DUBAN_TEST_ENGINE"] ?? "sqlite"
            guard let engine = Engine(rawValue: text) else {
                throw Unavailable(description: "DUBAN_TEST_ENGINE=\(text): use sqlite or postgres")
            }
            return engine
        }
    }

    /// The test server's admin location, from `DUBAN_TEST_POSTGRES`.
    public static func server() throws -> StoreLocation {
        guard let url = ProcessInfo.processInfo.environment["DUBAN_TEST_POSTGRES"] else {
            throw Unavailable(
                description:
                    "this test needs PostgreSQL and DUBAN_TEST_POSTGRES is not set: run `make test`, or"
                    + " `scripts/with-postgres swift test`")
        }
        return try StoreLocation.parse(url)
    }

    /// A new, empty database on the test server.
    public static func newPostgresDatabase() throws -> StoreLocation {
        try AppDatabase.createDatabase(named: nextName(), on: server())
    }

    /// A new, empty store on this run's engine (SQLite in memory, or a new PostgreSQL database).
    public static func make() throws -> AppDatabase {
        switch try engine {
        case .sqlite: try AppDatabase.inMemory()
        case .postgres: try AppDatabase.open(newPostgresDatabase())
        }
    }

    /// A new, empty store that several `AppDatabase` values can open at once, as several instances
    /// would: a file in the temporary folder (SQLite) or a new PostgreSQL database.
    public static func makeShared() throws -> StoreLocation {
        switch try engine {
        case .sqlite:
            .sqlite(
                path: FileManager.default.temporaryDirectory.appendingPathComponent("\(nextName()).sqlite").path)
        case .postgres: try newPostgresDatabase()
        }
    }

    /// A `--db` value for a command-line test on this run's engine: a file in `folder`, or a new
    /// PostgreSQL database's URL.
    public static func commandLineStore(in folder: URL) throws -> String {
        switch try engine {
        case .sqlite: folder.appendingPathComponent("duban.sqlite").path
        case .postgres: try newPostgresDatabase().description
        }
    }

    private static let counter = Counter()

    private static func nextName() -> String {
        "duban_test_\(getpid())_\(counter.next())"
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
