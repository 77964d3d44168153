import DubanCore
import Foundation

/// A row of `delivery`: one outbox message on its way to one channel.
public struct DeliveryRecord: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "delivery"
    static let columns = [
        "id", "outboxId", "channelId", "state", "attempts", "nextAttemptAt", "lastError", "sentAt", "claimedUntil",
    ]

    /// Row id.
    public var id: Int64?
    /// The message.
    public var outboxId: Int64
    /// The channel.
    public var channelId: String
    /// `queued`, `sent` or `dead`.
    public var state: DeliveryState
    /// Attempts so far.
    public var attempts: Int
    /// When the next attempt may be made.
    public var nextAttemptAt: Date
    /// Why the last attempt failed (never a secret).
    public var lastError: String?
    /// When it was delivered.
    public var sentAt: Date?
    /// Until when a dispatcher holds it (so two dispatchers never send it at once); nil: free.
    public var claimedUntil: Date?

    /// Makes a delivery row.
    public init(
        id: Int64? = nil, outboxId: Int64, channelId: String, state: DeliveryState, attempts: Int, nextAttemptAt: Date,
        lastError: String? = nil, sentAt: Date? = nil, claimedUntil: Date? = nil
    ) {
        self.id = id
        self.outboxId = outboxId
        self.channelId = channelId
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.sentAt = sentAt
        self.claimedUntil = claimedUntil
    }

    init(row: SQLRow) throws {
        id = try row["id"]
        outboxId = try row["outboxId"]
        channelId = try row["channelId"]
        state = try row["state"]
        attempts = try row["attempts"]
        nextAttemptAt = try row["nextAttemptAt"]
        lastError = try row["lastError"]
        sentAt = try row["sentAt"]
        claimedUntil = try row["claimedUntil"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, outboxId, channelId, state, attempts, nextAttemptAt, lastError, sentAt, claimedUntil]
    }
}

/// A row of `deliveryAttempt`: one try, with what came back.
public struct DeliveryAttempt: Codable, Hashable, Sendable, IdentifiedRecord {
    static let table = "deliveryAttempt"
    static let columns = [
        "id", "deliveryId", "at", "httpStatus", "vendorCode", "latencyMs", "requests", "outcome", "detail",
    ]

    /// Row id.
    public var id: Int64?
    /// The delivery.
    public var deliveryId: Int64
    /// When.
    public var at: Date
    /// The HTTP status, when the receiver answered.
    public var httpStatus: Int?
    /// The vendor's code (`errcode`, `code`), when the body had one.
    public var vendorCode: String?
    /// Milliseconds from request to answer or failure.
    public var latencyMs: Int
    /// Requests this attempt sent (a split message sends one per part), for rate limits.
    public var requests: Int
    /// `sent`, `retry`, `paused` or `dead`.
    public var outcome: AttemptOutcome
    /// What happened, in words.
    public var detail: String

    init(row: SQLRow) throws {
        id = try row["id"]
        deliveryId = try row["deliveryId"]
        at = try row["at"]
        httpStatus = try row["httpStatus"]
        vendorCode = try row["vendorCode"]
        latencyMs = try row["latencyMs"]
        requests = try row["requests"]
        outcome = try row["outcome"]
        detail = try row["detail"]
    }

    var values: [(any SQLValueConvertible)?] {
        [id, deliveryId, at, httpStatus, vendorCode, latencyMs, requests, outcome, detail]
    }

    /// Makes an attempt record.
    public init(
        deliveryId: Int64, at: Date, httpStatus: Int?, vendorCode: String?, latencyMs: Int, requests: Int = 1,
        outcome: AttemptOutcome, detail: String
    ) {
        self.requests = requests
        self.deliveryId = deliveryId
        self.at = at
        self.httpStatus = httpStatus
        self.vendorCode = vendorCode
        self.latencyMs = latencyMs
        self.outcome = outcome
        self.detail = detail
    }
}
