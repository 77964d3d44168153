import DubanCore
import Foundation
import GRDB

/// duban's store: one SQLite database, reached only through intent-named methods that keep the
/// plan, progress and history consistent.
public struct AppDatabase: Sendable {
    /// The path used when neither `--db` nor `DUBAN_DB` names one.
    public static let defaultPath = "var/duban.sqlite"

    let writer: any DatabaseWriter

    /// Wraps `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating it and its folder when missing) the database file at `path`, in WAL mode.
    ///
    /// One connection in WAL mode: several processes may use the file at once, and opening it to read
    /// writes nothing, so a command refused as bad input leaves the file byte-for-byte as it was.
    /// (A `DatabasePool` writes a scratch table on open to make sure its WAL file exists.)
    public static func open(path: String) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")  // 64 MiB: large plan loads touch many pages
        }
        return try AppDatabase(DatabaseQueue(path: path, configuration: configuration))
    }

    /// Opens the database file at `path` as a pool: one writer and concurrent readers, for the
    /// long-running server, where token and task reads must not queue behind writes.
    public static func openPool(path: String) throws -> AppDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return try AppDatabase(DatabasePool(path: path, configuration: configuration))
    }

    /// An empty database in memory, for tests and scratch runs.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue())
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: plans, tasks, progress, audit") { db in
            try db.create(table: "department") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("aliases", .text).notNull()
                t.column("channels", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("archivedAt", .datetime)
            }
            try db.create(table: "plan") { t in
                t.primaryKey("id", .text)
                t.column("title", .text).notNull()
                t.column("extends", .text).references("plan")
                t.column("start", .text).notNull()
                t.column("end", .text).notNull()
                t.column("office", .text)
                t.column("file", .text)
                t.column("loadedAt", .datetime).notNull()
            }
            try db.create(table: "action") { t in
                t.column("planId", .text).notNull().references("plan")
                t.column("id", .text).notNull()
                t.column("title", .text).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["planId", "id"])
            }
            try db.create(table: "measure") { t in
                t.column("planId", .text).notNull().references("plan")
                t.column("number", .integer).notNull()
                t.column("actionId", .text).notNull()
                t.column("title", .text).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["planId", "number"])
            }
            try db.create(table: "task") { t in
                t.primaryKey("id", .text)
                t.column("planId", .text).notNull().references("plan").indexed()
                t.column("actionId", .text).notNull()
                t.column("measure", .integer)
                t.column("kind", .text).notNull()
                t.column("title", .text).notNull()
                t.column("lead", .text).notNull().indexed()
                t.column("support", .text).notNull()
                t.column("start", .text)
                t.column("phraseStart", .text)
                t.column("due", .text).notNull()
                t.column("dueText", .text)
                t.column("every", .text)
                t.column("highRiskEvery", .text)
                t.column("times", .integer)
                t.column("targetMetric", .text)
                t.column("targetOp", .text)
                t.column("targetValue", .double)
                t.column("targetUnit", .text)
                t.column("source", .text)
                t.column("file", .text)
                t.column("line", .integer)
                t.column("position", .integer).notNull()
                t.column("revision", .integer).notNull()
                t.column("archivedAt", .datetime)
            }
            try db.create(table: "dependency") { t in
                t.column("taskId", .text).notNull().references("task")
                t.column("prerequisiteId", .text).notNull().references("task").indexed()
                t.column("lagDays", .integer).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["taskId", "prerequisiteId"])
            }
            try db.create(table: "planLoad") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("files", .text).notNull()
            }
            try db.create(table: "taskRevision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("taskId", .text).notNull().references("task").indexed()
                t.column("revision", .integer).notNull()
                t.column("loadId", .integer).notNull().references("planLoad")
                t.column("field", .text).notNull()
                t.column("oldValue", .text)
                t.column("newValue", .text)
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "progressReport") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("taskId", .text).notNull().references("task").indexed()
                t.column("percent", .double)
                t.column("occurrence", .text)
                t.column("done", .boolean)
                t.column("value", .double)
                t.column("departmentId", .text).notNull().references("department")
                t.column("date", .text).notNull()
                t.column("note", .text)
                t.column("reportedAt", .datetime).notNull()
            }
            try db.create(table: "auditLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull().indexed()
                t.column("detail", .text).notNull()
            }
        }
        migrator.registerMigration("v2: escalation, job runs, outbox, documents") { db in
            try db.create(table: "jobRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("job", .text).notNull()
                t.column("period", .text).notNull()
                t.column("dueAt", .text).notNull()
                t.column("asOf", .text).notNull()
                t.column("ranAt", .datetime).notNull()
                t.column("summary", .text).notNull()
                t.uniqueKey(["job", "period"])
            }
            try db.create(table: "escalationStep") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).references("jobRun")
                t.column("kind", .text).notNull()
                t.column("taskId", .text).notNull().references("task").indexed()
                t.column("departmentId", .text).notNull()
                t.column("rung", .text).notNull()
                t.column("date", .text).notNull()
                t.column("state", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("rule", .text).notNull()
            }
            try db.create(table: "taskLight") { t in
                t.column("runId", .integer).notNull().references("jobRun")
                t.column("taskId", .text).notNull()
                t.column("light", .text).notNull()
                t.column("status", .text).notNull()
                t.primaryKey(["runId", "taskId"])
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).references("jobRun").indexed()
                t.column("idempotencyKey", .text).notNull().unique()
                t.column("departmentId", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("body", .text).notNull()
                t.column("state", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("runId", .integer).notNull().references("jobRun").indexed()
                t.column("kind", .text).notNull()
                t.column("period", .text).notNull()
                t.column("content", .text).notNull()
            }
        }
        migrator.registerMigration("v3: deliveries, attempts, channel pauses") { db in
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("outboxId", .integer).notNull().references("outbox").indexed()
                t.column("channelId", .text).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("sentAt", .datetime)
                t.column("claimedUntil", .datetime)
                t.uniqueKey(["outboxId", "channelId"])
            }
            try db.create(index: "delivery_due", on: "delivery", columns: ["state", "nextAttemptAt"])
            try db.create(table: "deliveryAttempt") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("deliveryId", .integer).notNull().references("delivery").indexed()
                t.column("at", .datetime).notNull()
                t.column("httpStatus", .integer)
                t.column("vendorCode", .text)
                t.column("latencyMs", .integer).notNull()
                t.column("requests", .integer).notNull()
                t.column("outcome", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(table: "channelPause") { t in
                t.primaryKey("channelId", .text)
                t.column("until", .datetime).notNull()
                t.column("reason", .text).notNull()
            }
        }
        migrator.registerMigration("v4: numbered letters") { db in
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stepId", .integer).notNull().unique().references("escalationStep")
                t.column("year", .integer).notNull()
                t.column("sequence", .integer).notNull()
                t.column("number", .text).notNull()
                t.column("departmentId", .text).notNull().indexed()
                t.column("taskId", .text).notNull()
                t.column("issued", .text).notNull()
                t.column("content", .text).notNull()
                t.uniqueKey(["year", "sequence"])
            }
        }
        migrator.registerMigration("v5: API tokens, sessions, acknowledgements") { db in
            try db.create(table: "apiToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("hash", .text).notNull().unique()
                t.column("role", .text).notNull()
                t.column("departmentId", .text)
                t.column("label", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime)
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "session") { t in
                t.primaryKey("hash", .text)
                t.column("tokenId", .integer).notNull().references("apiToken").indexed()
                t.column("csrf", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
            try db.create(table: "acknowledgement") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("stepId", .integer).notNull().unique().references("escalationStep")
                t.column("departmentId", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("note", .text)
            }
        }
        migrator.registerMigration("v6: progress by task and date") { db in
            // A task's latest report (audited with every new one) without sorting all its reports.
            try db.create(index: "progressReport_task_date", on: "progressReport", columns: ["taskId", "date", "id"])
        }
        return migrator
    }
}
