import DubanCore
import Foundation

/// Per-channel sliding windows: how many messages a channel may take now, and when the next slot opens.
///
/// The vendors' limits: DingTalk and WeCom 20 a minute per robot; Feishu 5 a second and 100 a
/// minute; generic webhooks and files none. A channel's `rate` overrides them.
public struct RateLimiter: Sendable {
    private var sent: [String: [Date]] = [:]

    /// Makes an empty limiter.
    public init() {}

    /// The limits of `channel`: (per second, per minute), nil where none.
    public static func limits(of channel: Channel) -> (perSecond: Int?, perMinute: Int?) {
        let vendor: (Int?, Int?) =
            switch channel.kind {
            case .dingtalk, .wecom: (nil, 20)
            case .feishu: (5, 100)
            case .webhook, .file: (nil, nil)
            }
        return (channel.perSecond ?? vendor.0, channel.perMinute ?? vendor.1)
    }

    /// When `channel` may take its next message, at or after `now`.
    public func nextSlot(for channel: Channel, now: Date) -> Date {
        let (perSecond, perMinute) = Self.limits(of: channel)
        let times = sent[channel.id] ?? []
        var slot = now
        for (limit, window) in [(perSecond, 1.0), (perMinute, 60.0)] {
            guard let limit else { continue }
            let recent = times.filter { $0 > now.addingTimeInterval(-window) }
            if recent.count >= limit {
                // The oldest message that keeps the window full must leave it first.
                let leaving = recent[recent.count - limit]
                slot = max(slot, leaving.addingTimeInterval(window))
            }
        }
        return slot
    }

    /// How many messages `channel` may take at `now` without waiting (`Int.max` when unlimited).
    public func capacity(for channel: Channel, now: Date) -> Int {
        let (perSecond, perMinute) = Self.limits(of: channel)
        let times = sent[channel.id] ?? []
        var room = Int.max
        for (limit, window) in [(perSecond, 1.0), (perMinute, 60.0)] {
            guard let limit else { continue }
            room = min(room, max(0, limit - times.count { $0 > now.addingTimeInterval(-window) && $0 <= now }))
        }
        return room
    }

    /// Records a message sent to `channel` at `time`.
    public mutating func record(_ channel: Channel, at time: Date) {
        var times = sent[channel.id] ?? []
        times.append(time)
        if times.count > 256 { times.removeFirst(times.count - 256) }
        sent[channel.id] = times
    }
}
