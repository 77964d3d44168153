import Foundation
import GRDB

/// A row of `delivery`: one outbox message on its way to one channel.
public struct DeliveryRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "delivery"

    /// Row id.
    public var id: Int64?
    /// The message.
    public var outboxId: Int64
    /// The channel.
    public var channelId: String
    /// `queued`, `sent` or `dead`.
    public var state: String
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

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A row of `deliveryAttempt`: one try, with what came back.
public struct DeliveryAttempt: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "deliveryAttempt"

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
    public var outcome: String
    /// What happened, in words.
    public var detail: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Makes an attempt record.
    public init(
        deliveryId: Int64, at: Date, httpStatus: Int?, vendorCode: String?, latencyMs: Int, requests: Int = 1,
        outcome: String, detail: String
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
