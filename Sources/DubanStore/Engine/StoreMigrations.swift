/// The named migrations, the same on both engines. Released ones are never edited: a change to the
/// schema is a new migration at the end.
enum StoreMigrations {
    static let all: [StoreMigration] = [v1, v2, v3, v4, v5, v6, v7, v8]

    static let v1 = StoreMigration(
        name: "v1: plans, tasks, progress, audit",
        changes: [
            .table(
                TableSchema("department") { t in
                    t.column("id", .text, primaryKey: true)
                    t.column("name", .text, notNull: true)
                    t.column("kind", .text, notNull: true)
                    t.column("aliases", .text, notNull: true)
                    t.column("channels", .text, notNull: true)
                    t.column("position", .integer, notNull: true)
                    t.column("archivedAt", .datetime)
                }),
            .table(
                TableSchema("plan") { t in
                    t.column("id", .text, primaryKey: true)
                    t.column("title", .text, notNull: true)
                    t.column("extends", .text, references: "plan")
                    t.column("start", .text, notNull: true)
                    t.column("end", .text, notNull: true)
                    t.column("office", .text)
                    t.column("file", .text)
                    t.column("loadedAt", .datetime, notNull: true)
                }),
            .table(
                TableSchema("action") { t in
                    t.column("planId", .text, notNull: true, references: "plan")
                    t.column("id", .text, notNull: true)
                    t.column("title", .text, notNull: true)
                    t.column("position", .integer, notNull: true)
                    t.primaryKey = ["planId", "id"]
                }),
            .table(
                TableSchema("measure") { t in
                    t.column("planId", .text, notNull: true, references: "plan")
                    t.column("number", .integer, notNull: true)
                    t.column("actionId", .text, notNull: true)
                    t.column("title", .text, notNull: true)
                    t.column("position", .integer, notNull: true)
                    t.primaryKey = ["planId", "number"]
                }),
            .table(
                TableSchema("task") { t in
                    t.column("id", .text, primaryKey: true)
                    t.column("planId", .text, notNull: true, references: "plan", indexed: true)
                    t.column("actionId", .text, notNull: true)
                    t.column("measure", .integer)
                    t.column("kind", .text, notNull: true)
                    t.column("title", .text, notNull: true)
                    t.column("lead", .text, notNull: true, indexed: true)
                    t.column("support", .text, notNull: true)
                    t.column("start", .text)
                    t.column("phraseStart", .text)
                    t.column("due", .text, notNull: true)
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
                    t.column("position", .integer, notNull: true)
                    t.column("revision", .integer, notNull: true)
                    t.column("archivedAt", .datetime)
                }),
            .table(
                TableSchema("dependency") { t in
                    t.column("taskId", .text, notNull: true, references: "task")
                    t.column("prerequisiteId", .text, notNull: true, references: "task", indexed: true)
                    t.column("lagDays", .integer, notNull: true)
                    t.column("position", .integer, notNull: true)
                    t.primaryKey = ["taskId", "prerequisiteId"]
                }),
            .table(
                TableSchema("planLoad", generatedID: true) { t in
                    t.column("at", .datetime, notNull: true)
                    t.column("actor", .text, notNull: true)
                    t.column("files", .text, notNull: true)
                }),
            .table(
                TableSchema("taskRevision", generatedID: true) { t in
                    t.column("taskId", .text, notNull: true, references: "task", indexed: true)
                    t.column("revision", .integer, notNull: true)
                    t.column("loadId", .integer, notNull: true, references: "planLoad")
                    t.column("field", .text, notNull: true)
                    t.column("oldValue", .text)
                    t.column("newValue", .text)
                    t.column("at", .datetime, notNull: true)
                }),
            .table(
                TableSchema("progressReport", generatedID: true) { t in
                    t.column("taskId", .text, notNull: true, references: "task", indexed: true)
                    t.column("percent", .double)
                    t.column("occurrence", .text)
                    t.column("done", .boolean)
                    t.column("value", .double)
                    t.column("departmentId", .text, notNull: true, references: "department")
                    t.column("date", .text, notNull: true)
                    t.column("note", .text)
                    t.column("reportedAt", .datetime, notNull: true)
                }),
            .table(
                TableSchema("auditLog", generatedID: true) { t in
                    t.column("at", .datetime, notNull: true)
                    t.column("actor", .text, notNull: true)
                    t.column("action", .text, notNull: true)
                    t.column("subject", .text, notNull: true, indexed: true)
                    t.column("detail", .text, notNull: true)
                }),
        ])

    static let v2 = StoreMigration(
        name: "v2: escalation, job runs, outbox, documents",
        changes: [
            .table(
                TableSchema("jobRun", generatedID: true) { t in
                    t.column("job", .text, notNull: true)
                    t.column("period", .text, notNull: true)
                    t.column("dueAt", .text, notNull: true)
                    t.column("asOf", .text, notNull: true)
                    t.column("ranAt", .datetime, notNull: true)
                    t.column("summary", .text, notNull: true)
                    t.uniqueKeys = [["job", "period"]]
                }),
            .table(
                TableSchema("escalationStep", generatedID: true) { t in
                    t.column("runId", .integer, references: "jobRun")
                    t.column("kind", .text, notNull: true)
                    t.column("taskId", .text, notNull: true, references: "task", indexed: true)
                    t.column("departmentId", .text, notNull: true)
                    t.column("rung", .text, notNull: true)
                    t.column("date", .text, notNull: true)
                    t.column("state", .text, notNull: true)
                    t.column("reason", .text, notNull: true)
                    t.column("rule", .text, notNull: true)
                }),
            .table(
                TableSchema("taskLight") { t in
                    t.column("runId", .integer, notNull: true, references: "jobRun")
                    t.column("taskId", .text, notNull: true)
                    t.column("light", .text, notNull: true)
                    t.column("status", .text, notNull: true)
                    t.primaryKey = ["runId", "taskId"]
                }),
            .table(
                TableSchema("outbox", generatedID: true) { t in
                    t.column("runId", .integer, references: "jobRun", indexed: true)
                    t.column("idempotencyKey", .text, notNull: true, unique: true)
                    t.column("departmentId", .text, notNull: true)
                    t.column("kind", .text, notNull: true)
                    t.column("subject", .text, notNull: true)
                    t.column("body", .text, notNull: true)
                    t.column("state", .text, notNull: true)
                    t.column("createdAt", .datetime, notNull: true)
                }),
            .table(
                TableSchema("document", generatedID: true) { t in
                    t.column("runId", .integer, notNull: true, references: "jobRun", indexed: true)
                    t.column("kind", .text, notNull: true)
                    t.column("period", .text, notNull: true)
                    t.column("content", .text, notNull: true)
                }),
        ])

    static let v3 = StoreMigration(
        name: "v3: deliveries, attempts, channel pauses",
        changes: [
            .table(
                TableSchema("delivery", generatedID: true) { t in
                    t.column("outboxId", .integer, notNull: true, references: "outbox", indexed: true)
                    t.column("channelId", .text, notNull: true)
                    t.column("state", .text, notNull: true)
                    t.column("attempts", .integer, notNull: true)
                    t.column("nextAttemptAt", .datetime, notNull: true)
                    t.column("lastError", .text)
                    t.column("sentAt", .datetime)
                    t.column("claimedUntil", .datetime)
                    t.uniqueKeys = [["outboxId", "channelId"]]
                }),
            .index(name: "delivery_due", table: "delivery", columns: ["state", "nextAttemptAt"]),
            .table(
                TableSchema("deliveryAttempt", generatedID: true) { t in
                    t.column("deliveryId", .integer, notNull: true, references: "delivery", indexed: true)
                    t.column("at", .datetime, notNull: true)
                    t.column("httpStatus", .integer)
                    t.column("vendorCode", .text)
                    t.column("latencyMs", .integer, notNull: true)
                    t.column("requests", .integer, notNull: true)
                    t.column("outcome", .text, notNull: true)
                    t.column("detail", .text, notNull: true)
                }),
            .table(
                TableSchema("channelPause") { t in
                    t.column("channelId", .text, primaryKey: true)
                    t.column("until", .datetime, notNull: true)
                    t.column("reason", .text, notNull: true)
                }),
        ])

    static let v4 = StoreMigration(
        name: "v4: numbered letters",
        changes: [
            .table(
                TableSchema("letter", generatedID: true) { t in
                    t.column("stepId", .integer, notNull: true, unique: true, references: "escalationStep")
                    t.column("year", .integer, notNull: true)
                    t.column("sequence", .integer, notNull: true)
                    t.column("number", .text, notNull: true)
                    t.column("departmentId", .text, notNull: true, indexed: true)
                    t.column("taskId", .text, notNull: true)
                    t.column("issued", .text, notNull: true)
                    t.column("content", .text, notNull: true)
                    t.uniqueKeys = [["year", "sequence"]]
                })
        ])

    static let v5 = StoreMigration(
        name: "v5: API tokens, sessions, acknowledgements",
        changes: [
            .table(
                TableSchema("apiToken", generatedID: true) { t in
                    t.column("hash", .text, notNull: true, unique: true)
                    t.column("role", .text, notNull: true)
                    t.column("departmentId", .text)
                    t.column("label", .text, notNull: true)
                    t.column("createdAt", .datetime, notNull: true)
                    t.column("expiresAt", .datetime)
                    t.column("revokedAt", .datetime)
                }),
            .table(
                TableSchema("session") { t in
                    t.column("hash", .text, primaryKey: true)
                    t.column("tokenId", .integer, notNull: true, references: "apiToken", indexed: true)
                    t.column("csrf", .text, notNull: true)
                    t.column("createdAt", .datetime, notNull: true)
                    t.column("expiresAt", .datetime, notNull: true)
                }),
            .table(
                TableSchema("acknowledgement", generatedID: true) { t in
                    t.column("stepId", .integer, notNull: true, unique: true, references: "escalationStep")
                    t.column("departmentId", .text, notNull: true)
                    t.column("actor", .text, notNull: true)
                    t.column("at", .datetime, notNull: true)
                    t.column("note", .text)
                }),
        ])

    // A task's latest report (audited with every new one) without sorting all its reports.
    static let v6 = StoreMigration(
        name: "v6: progress by task and date",
        changes: [.index(name: "progressReport_task_date", table: "progressReport", columns: ["taskId", "date", "id"])]
    )

    // What a message is about as data (tasks, their lights and due days; a step's rung and state),
    // so that a receiving system need not parse the text. Null for messages queued before.
    static let v7 = StoreMigration(
        name: "v7: structured facts on outbox messages",
        changes: [.column(table: "outbox", .init(name: "facts", type: .text))]
    )

    // The hazard ledger (重大事故隐患台账): hazards, their audit trail, the sector registry, plan tasks
    // whose progress the ledger computes, and escalation steps on hazards.
    static let v8 = StoreMigration(
        name: "v8: hazard ledger",
        changes: [
            .column(table: "task", .init(name: "ledger", type: .text)),
            // A listed hazard climbs the same ladder: its steps name the hazard, not a task.
            .dropReference(table: "escalationStep", column: "taskId"),
            .table(
                TableSchema("sector") { t in
                    t.column("id", .text, primaryKey: true)
                    t.column("name", .text, notNull: true)
                    t.column("departmentId", .text, notNull: true)
                    t.column("aliases", .text, notNull: true)
                    t.column("position", .integer, notNull: true)
                }),
            .table(
                TableSchema("hazard") { t in
                    t.column("id", .text, primaryKey: true)
                    t.column("listingNumber", .text, unique: true)
                    t.column("listingYear", .integer)
                    t.column("listingSequence", .integer)
                    t.column("enterpriseName", .text, notNull: true)
                    t.column("creditCode", .text, notNull: true, indexed: true)
                    t.column("subdistrict", .text, notNull: true)
                    t.column("sector", .text, notNull: true)
                    t.column("departmentId", .text, notNull: true, indexed: true)
                    t.column("channel", .text, notNull: true)
                    t.column("foundOn", .text, notNull: true, indexed: true)
                    t.column("deadline", .text, notNull: true)
                    t.column("listedOn", .text)
                    t.column("state", .text, notNull: true, indexed: true)
                    t.column("progress", .double, notNull: true)
                    t.column("closedOn", .text)
                    t.column("waiting", .integer, notNull: true)
                    t.column("detail", .text, notNull: true)
                    t.column("updatedAt", .datetime, notNull: true)
                    t.uniqueKeys = [["listingYear", "listingSequence"]]
                }),
            // Statistics by subdistrict, sector, channel, department and month read this index alone,
            // not the rows with their JSON: a million hazards are counted from a tenth of the bytes.
            .index(
                name: "hazard_counts", table: "hazard",
                columns: [
                    "subdistrict", "sector", "channel", "departmentId", "foundOn", "listedOn", "state", "closedOn",
                    "deadline",
                ]),
            .table(
                TableSchema("hazardAudit", generatedID: true) { t in
                    t.column("hazardId", .text, notNull: true, indexed: true)
                    t.column("at", .datetime, notNull: true)
                    t.column("actor", .text, notNull: true)
                    t.column("action", .text, notNull: true)
                    t.column("field", .text, notNull: true)
                    t.column("old", .text)
                    t.column("new", .text)
                }),
        ])
}
