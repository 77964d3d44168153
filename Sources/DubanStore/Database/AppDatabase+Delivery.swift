import DubanCore
import Foundation

/// An outbox message due on one channel.
public struct DueDelivery: Hashable, Sendable {
    /// The delivery row.
    public var delivery: DeliveryRecord
    /// The message.
    public var message: OutboxMessage
}

/// What to record after one attempt.
public struct DeliveryResult: Sendable {
    /// The attempt, as it happened.
    public var attempt: DeliveryAttempt
    /// `sent`, `queued` (to retry) or `dead`.
    public var state: DeliveryState
    /// When to try again, for `queued`.
    public var nextAttemptAt: Date?
    /// Why it failed, for the record (never a secret).
    public var error: String?
    /// Pause the channel until then, as the vendor demands (rate limited).
    public var pauseChannelUntil: Date?

    /// Makes a result.
    public init(
        attempt: DeliveryAttempt, state: DeliveryState, nextAttemptAt: Date? = nil, error: String? = nil,
        pauseChannelUntil: Date? = nil
    ) {
        self.attempt = attempt
        self.state = state
        self.nextAttemptAt = nextAttemptAt
        self.error = error
        self.pauseChannelUntil = pauseChannelUntil
    }
}

extension AppDatabase {
    /// Gives every queued outbox message without deliveries one delivery per channel that reaches its
    /// department (the fallback channel for departments that name none; the office's channel for
    /// dead letters). Returns how many deliveries it created.
    @discardableResult
    public func prepareDeliveries(channels: ChannelSet, now: Date) throws -> Int {
        try write { db in try Self.prepareDeliveries(channels: channels, now: now, db) }
    }

    static func prepareDeliveries(channels: ChannelSet, now: Date, _ db: any StoreConnection) throws -> Int {
        let pending = try db.all(
            OutboxMessage.self,
            where: "state = 'queued' AND NOT EXISTS (SELECT 1 FROM delivery WHERE delivery.outboxId = outbox.id)",
            order: "id")
        guard !pending.isEmpty else { return 0 }  // a dispatcher asks every batch; mostly nothing is new
        let registry = Dictionary(
            try db.all(DepartmentRecord.self).map { ($0.id, $0.department) },
            uniquingKeysWith: { first, _ in first })
        var deliveries: [DeliveryRecord] = []
        for message in pending {
            let targets =
                message.kind == .deadLetter
                ? channels.officeChannel.map { [$0] } ?? []
                : message.departmentId.hasPrefix(Self.enterprisePrefix)
                    ? try Self.enterpriseChannels(message.departmentId, channels, db)
                    : channels.channels(for: registry[message.departmentId])
            for channel in targets {
                deliveries.append(
                    DeliveryRecord(
                        id: nil, outboxId: message.id!, channelId: channel.id, state: .queued, attempts: 0,
                        nextAttemptAt: now, lastError: nil, sentAt: nil, claimedUntil: nil))
            }
        }
        return try insertNew(deliveries, db)
    }

    /// Inserts the deliveries that no other dispatcher made meanwhile; returns how many it inserted.
    ///
    /// Two dispatchers preparing at once: the second's copy of a delivery is left out. On SQLite a
    /// row at a time (one writer; a statement costs a call). On PostgreSQL, where a row a round trip
    /// made a large outbox's first turn take seconds, many a statement: the ids are taken under the
    /// table's id lock, held to the commit, so preparers go one at a time and the check for copies
    /// made meanwhile, after the lock, is the last word.
    static func insertNew(_ deliveries: [DeliveryRecord], _ db: any StoreConnection) throws -> Int {
        guard let first = try db.newIDs(DeliveryRecord.table, count: deliveries.count) else {
            var created = 0
            for var delivery in deliveries {
                try db.insert(&delivery, ignoringConflicts: true)
                if delivery.id != nil { created += 1 }
            }
            return created
        }
        struct Key: Hashable {
            var outboxId: Int64
            var channelId: String
        }
        var made: Set<Key> = []
        let messages = Array(Set(deliveries.map(\.outboxId))).sorted()
        for start in stride(from: 0, to: messages.count, by: 1000) {
            let chunk = messages[start..<min(start + 1000, messages.count)]
            for row in try db.rows(
                "SELECT outboxId, channelId FROM delivery WHERE outboxId IN (\(placeholders(chunk.count)))",
                chunk.map { $0 })
            {
                made.insert(Key(outboxId: try row["outboxId"], channelId: try row["channelId"]))
            }
        }
        var fresh = deliveries.filter { !made.contains(Key(outboxId: $0.outboxId, channelId: $0.channelId)) }
        for index in fresh.indices { fresh[index].id = first + Int64(index) }
        try db.insertMany(table: DeliveryRecord.table, columns: DeliveryRecord.columns, rows: fresh.map(\.values))
        return fresh.count
    }

    static let enterprisePrefix = "enterprise:"

    /// The channel that reaches an enterprise's 主要负责人 (`enterprise:` and its credit code), as its
    /// hazards record it; the fallback channel when the id names no configured channel.
    static func enterpriseChannels(
        _ recipient: String, _ channels: ChannelSet, _ db: any StoreConnection
    ) throws
        -> [Channel]
    {
        let code = String(recipient.dropFirst(enterprisePrefix.count))
        let named = try db.all(HazardRecord.self, where: "creditCode = ?", [code], order: "id").compactMap {
            $0.hazard.enterprise.channel
        }.last
        return named.flatMap(channels.channel).map { [$0] } ?? channels.channels(for: nil)
    }

    /// Deliveries due by `now` on channels that are not paused, oldest first, each with its whole
    /// message (its facts too: a webhook sends them as `data.facts`).
    public func dueDeliveries(now: Date, limit: Int = 1000) throws -> [DueDelivery] {
        try read { db in
            // The message's columns under their own names, read as a record; the delivery's prefixed.
            let rows = try db.rows(
                """
                SELECT outbox.*, delivery.id AS d_id, delivery.channelId AS d_channel, delivery.state AS d_state,
                    delivery.attempts AS d_attempts, delivery.nextAttemptAt AS d_next, delivery.lastError AS d_error,
                    delivery.sentAt AS d_sent, delivery.claimedUntil AS d_claimed
                FROM delivery JOIN outbox ON outbox.id = delivery.outboxId
                WHERE delivery.state = 'queued' AND delivery.nextAttemptAt <= ?
                AND (delivery.claimedUntil IS NULL OR delivery.claimedUntil <= ?)
                AND NOT EXISTS (SELECT 1 FROM channelPause WHERE channelPause.channelId = delivery.channelId AND channelPause.until > ?)
                ORDER BY delivery.nextAttemptAt, delivery.id LIMIT ?
                """, [now, now, now, limit])
            return try rows.map { row in
                let message = try OutboxMessage(row: row)
                return DueDelivery(
                    delivery: DeliveryRecord(
                        id: try row["d_id"], outboxId: message.id!, channelId: try row["d_channel"],
                        state: try row["d_state"], attempts: try row["d_attempts"], nextAttemptAt: try row["d_next"],
                        lastError: try row["d_error"], sentAt: try row["d_sent"], claimedUntil: try row["d_claimed"]),
                    message: message)
            }
        }
    }

    /// When the next queued delivery becomes due, if any is queued: its retry time, or later when its
    /// channel is paused or another dispatcher's claim on it has not lapsed.
    public func nextDeliveryTime() throws -> Date? {
        try read { db in
            let later = db.dialect.greatest(
                "delivery.nextAttemptAt",
                db.dialect.greatest(
                    "COALESCE(channelPause.until, delivery.nextAttemptAt)",
                    "COALESCE(delivery.claimedUntil, delivery.nextAttemptAt)"))
            return try db.value(
                Date.self,
                """
                SELECT MIN(\(later))
                FROM delivery LEFT JOIN channelPause ON channelPause.channelId = delivery.channelId
                WHERE delivery.state = 'queued'
                """)
        }
    }

    /// Records one attempt and its consequence in one transaction: the delivery's state, the
    /// message's state, a channel pause, and — when a delivery dies — a dead letter to the office.
    public func record(_ result: DeliveryResult, for due: DueDelivery, office: String?) throws {
        try record([(result, due)], office: office)
    }

    /// Records a batch of attempts in one transaction (each as `record(_:for:office:)` would), in a
    /// few statements whatever its size: the attempts many rows a statement, one update a
    /// delivery, and the messages' states at once. On PostgreSQL a round trip per row is the cost.
    public func record(_ results: [(DeliveryResult, DueDelivery)], office: String?) throws {
        guard !results.isEmpty else { return }
        try write { db in try Self.record(results, office: office, db) }
    }

    static func record(_ results: [(DeliveryResult, DueDelivery)], office: String?, _ db: any StoreConnection) throws {
        guard !results.isEmpty else { return }
        var attempts = results.map(\.0.attempt)
        try db.insertAll(&attempts)
        // One statement a few hundred deliveries: their new state from a VALUES list (whose
        // columns both engines name column1, column2, …). The claim makes this dispatcher each
        // delivery's only writer until it records.
        var updated: Set<Int64> = []
        for start in stride(from: 0, to: results.count, by: 400) {
            let chunk = results[start..<min(start + 400, results.count)]
            var arguments: [(any SQLValueConvertible)?] = []
            for (result, due) in chunk {
                arguments += [
                    due.delivery.id, result.state, result.error, result.nextAttemptAt, result.state == .sent,
                    result.attempt.at,
                ]
            }
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            updated.formUnion(
                try db.values(
                    Int64.self,
                    """
                    UPDATE delivery SET attempts = delivery.attempts + 1, state = v.column2, claimedUntil = NULL,
                        lastError = v.column3, nextAttemptAt = COALESCE(v.column4, delivery.nextAttemptAt),
                        sentAt = CASE WHEN v.column5 = 1 THEN v.column6 ELSE delivery.sentAt END
                    FROM (VALUES \(rows)) AS v
                    WHERE delivery.id = v.column1
                    RETURNING delivery.id
                    """, arguments))
        }
        let recorded = results.filter { updated.contains($0.1.delivery.id!) }
        for (result, due) in recorded {
            guard let until = result.pauseChannelUntil else { continue }
            try db.execute(
                """
                INSERT INTO channelPause (channelId, until, reason) VALUES (?, ?, ?)
                ON CONFLICT (channelId) DO UPDATE SET until = excluded.until, reason = excluded.reason
                """,
                [due.delivery.channelId, until, result.error ?? "rate limited"])
        }
        // A message is dead when one of its deliveries is, sent when all are, else still queued.
        let messages = Array(Set(recorded.map(\.1.delivery.outboxId))).sorted()
        for start in stride(from: 0, to: messages.count, by: 500) {
            let chunk = messages[start..<min(start + 500, messages.count)]
            let states: [(any SQLValueConvertible)?] = [
                DeliveryState.dead, MessageState.dead, DeliveryState.sent, MessageState.sent, MessageState.queued,
            ]
            try db.execute(
                """
                UPDATE outbox SET state = CASE
                    WHEN EXISTS (SELECT 1 FROM delivery WHERE delivery.outboxId = outbox.id AND delivery.state = ?)
                        THEN ?
                    WHEN NOT EXISTS (
                        SELECT 1 FROM delivery WHERE delivery.outboxId = outbox.id AND delivery.state <> ?) THEN ?
                    ELSE ? END
                WHERE id IN (\(placeholders(chunk.count))) AND state <> ?
                """,
                states + chunk.map { $0 } + [MessageState.withdrawn])
        }
        for (result, due) in recorded where result.state == .dead && due.message.kind != .deadLetter {
            guard let office else { break }
            let delivery = due.delivery
            var letter = OutboxMessage(
                id: nil, runId: nil, idempotencyKey: "dead-letter/\(delivery.id!)", departmentId: office,
                kind: .deadLetter,
                subject: "投递失败: \(due.message.subject)",
                body: "消息 \(due.message.idempotencyKey) 发往 \(due.message.departmentId) 的渠道 \(delivery.channelId) "
                    + "经 \(delivery.attempts + 1) 次尝试仍未送达: \(result.error ?? "-")。请核对渠道配置后执行 duban outbox retry \(delivery.outboxId)。",
                state: .queued, createdAt: result.attempt.at)
            try db.insert(&letter, ignoringConflicts: true)
        }
    }

    /// Puts a message's dead (or all unsent) deliveries back in the queue, due now.
    ///
    /// - Throws: `ProgressError` (bad input) for an unknown message or one with nothing to retry.
    public func retry(outbox id: Int64, now: Date, actor: String) throws {
        try write { db in
            guard let message = try db.find(OutboxMessage.self, key: id) else {
                throw ProgressError(
                    .notFound, field: "message", message: "no outbox message \(id)",
                    fix: "list messages with `duban outbox`")
            }
            let count = try db.count(
                DeliveryRecord.self, where: "outboxId = ? AND state = ?", [id, DeliveryState.dead])
            guard count > 0 || message.state == .dead else {
                throw ProgressError(
                    .conflict, field: "message", message: "message \(id) is \(message.state), not dead",
                    fix: "retry applies to dead messages")
            }
            try db.execute(
                "UPDATE delivery SET state = ?, attempts = 0, nextAttemptAt = ?, lastError = NULL WHERE outboxId = ? AND state = ?",
                [DeliveryState.queued, now, id, DeliveryState.dead])
            try db.execute("UPDATE outbox SET state = ? WHERE id = ?", [MessageState.queued, id])
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "outbox.retry", subject: message.idempotencyKey,
                detail: "\(count) dead deliveries of message \(id) queued again")
            try db.insert(&audit)
        }
    }

    /// Every delivery of message `id`, with its attempts.
    public func deliveries(outbox id: Int64) throws -> [(delivery: DeliveryRecord, attempts: [DeliveryAttempt])] {
        try read { db in
            try db.all(DeliveryRecord.self, where: "outboxId = ?", [id], order: "id").map { delivery in
                (delivery, try db.all(DeliveryAttempt.self, where: "deliveryId = ?", [delivery.id], order: "id"))
            }
        }
    }

    /// How many deliveries are still queued.
    public func queuedDeliveries() throws -> Int {
        try read { db in try db.count(DeliveryRecord.self, where: "state = 'queued'") }
    }

    /// Every delivery (all messages), for reports and tests.
    public func allDeliveries() throws -> [DeliveryRecord] {
        try read { db in try db.all(DeliveryRecord.self, order: "id") }
    }

    /// Every attempt, oldest first.
    public func deliveryAttempts() throws -> [DeliveryAttempt] {
        try read { db in try db.all(DeliveryAttempt.self, order: "id") }
    }
}

extension AppDatabase {
    /// Queues messages outside any job run (the office's own notices, benchmarks); a message whose
    /// idempotency key is already queued is left as it is.
    public func enqueue(_ messages: [OutboxMessage]) throws {
        try write { db in
            for var message in messages { try db.insert(&message, ignoringConflicts: true) }
        }
    }
}

extension AppDatabase {
    /// Claims deliveries for one dispatcher until `until`: those another dispatcher holds, and those
    /// on a paused channel, are left out. Returns the ids claimed. A dispatcher that dies lets its
    /// claims lapse; another takes over.
    ///
    /// One statement a batch. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED`, so two
    /// dispatchers claiming at once never wait on each other nor claim one delivery twice; the lease
    /// is compared with the claimant's clock, so instances' clocks may disagree by less than the lease.
    public func claim(_ ids: [Int64], now: Date, until: Date) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try write { db in try Self.claim(ids, now: now, until: until, db) }
    }

    /// One turn of a dispatcher in one transaction: records the last batch's attempts (as
    /// `record(_:office:)`), gives new messages — the dead letters just written among them — their
    /// deliveries (as `prepareDeliveries`), and claims the next batch (as `claim`; a channel the
    /// recorded attempts paused is left out). A batch costs one write instead of three.
    /// Returns the ids claimed and how many deliveries were created.
    public func recordAndClaim(
        _ results: [(DeliveryResult, DueDelivery)], office: String?, channels: ChannelSet, claim ids: [Int64],
        now: Date, until: Date
    ) throws -> (claimed: Set<Int64>, prepared: Int) {
        try write { db in
            try Self.record(results, office: office, db)
            let prepared = try Self.prepareDeliveries(channels: channels, now: now, db)
            return (try Self.claim(ids, now: now, until: until, db), prepared)
        }
    }

    static func claim(_ ids: [Int64], now: Date, until: Date, _ db: any StoreConnection) throws -> Set<Int64> {
        var claimed: Set<Int64> = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            let sql = """
                UPDATE delivery SET claimedUntil = ? WHERE id IN (
                    SELECT id FROM delivery WHERE id IN (\(placeholders(chunk.count))) AND state = 'queued'
                    AND (claimedUntil IS NULL OR claimedUntil <= ?)
                    AND NOT EXISTS (
                        SELECT 1 FROM channelPause WHERE channelPause.channelId = delivery.channelId AND channelPause.until > ?)\(db.dialect.skipLocked))
                RETURNING id
                """
            let arguments: [(any SQLValueConvertible)?] = [until] + chunk.map { $0 } + [now, now]
            claimed.formUnion(try db.values(Int64.self, sql, arguments))
        }
        return claimed
    }

    /// Requests sent to each channel since `since`, with their times: a new dispatcher starts its
    /// rate limits from what the last minute already sent.
    public func recentRequests(since: Date) throws -> [(channel: String, at: Date, count: Int)] {
        try read { db in
            try db.rows(
                """
                SELECT delivery.channelId AS channel, deliveryAttempt.at AS at, deliveryAttempt.requests AS requests
                FROM deliveryAttempt JOIN delivery ON delivery.id = deliveryAttempt.deliveryId
                WHERE deliveryAttempt.at > ? ORDER BY deliveryAttempt.at
                """, [since]
            ).map { (try $0["channel"], try $0["at"], try $0["requests"]) }
        }
    }
}
