/// What an outbox message is: which job or act queued it. Stored by its raw value; a value this
/// build does not know is an error when read back.
public enum MessageKind: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The daily reminders of deadlines 30, 7 and 1 working days ahead.
    case reminders
    /// The monthly dispatch's digest to each department.
    case dispatchDigest = "dispatch-digest"
    /// An escalation letter (督办函) or a rung's notice.
    case letter
    /// The quarterly consultation meeting's agenda.
    case agenda
    /// The yearly consistency review.
    case review
    /// The office told that a message could not be delivered.
    case deadLetter = "dead-letter"
    /// `duban notify test`: a channel's test message, never queued.
    case test
    /// A hazard listed for supervision (挂牌督办), to its supervising department and its enterprise.
    case hazardListed = "hazard-listed"

    public var description: String { rawValue }

    /// The name the dashboard shows.
    public var chinese: String {
        switch self {
        case .reminders: "到期提醒"
        case .dispatchDigest: "月调度"
        case .letter: "督办函"
        case .agenda: "会商议程"
        case .review: "年度评估"
        case .deadLetter: "发送失败通知"
        case .test: "渠道测试"
        case .hazardListed: "挂牌督办"
        }
    }
}

/// Where an outbox message stands: `queued` until every channel has it (`sent`), `dead` when one
/// gave up, `withdrawn` when the office took it back before it went.
public enum MessageState: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case queued, sent, dead, withdrawn

    public var description: String { rawValue }

    /// The name the dashboard shows.
    public var chinese: String {
        switch self {
        case .queued: "待发送"
        case .sent: "已送达"
        case .dead: "未能送达"
        case .withdrawn: "已撤回"
        }
    }
}

/// Where one message's delivery to one channel stands.
public enum DeliveryState: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Waiting for its first attempt, a retry time or a rate slot.
    case queued
    /// The channel accepted it.
    case sent
    /// Given up: a permanent refusal, or the last retry failed.
    case dead

    public var description: String { rawValue }
}

/// What came of one delivery attempt.
public enum AttemptOutcome: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Accepted by the channel.
    case sent
    /// Failed for now (a 5xx, 429, timeout or refused connection): tried again after a backoff.
    case retry
    /// The vendor asked for a pause (rate limited): the channel waits, the message stays queued.
    case paused
    /// Refused for good, or the last retry failed.
    case dead

    public var description: String { rawValue }
}
