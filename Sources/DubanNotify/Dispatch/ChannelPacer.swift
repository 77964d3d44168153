import DubanCore
import Foundation

/// Hands out send slots per channel within its rate limit, across concurrent deliveries: each
/// request (each part of a split message) reserves one slot and waits for it.
actor ChannelPacer {
    private var limiter = RateLimiter()

    /// Starts from requests already sent (by earlier runs, within the last minute).
    init(recent: [(channel: Channel, at: Date, count: Int)]) {
        for item in recent {
            for _ in 0..<max(1, item.count) { limiter.record(item.channel, at: item.at) }
        }
    }

    /// The earliest time `channel` may take a request, at or after `now`, without reserving it.
    func nextSlot(for channel: Channel, now: Date) -> Date {
        limiter.nextSlot(for: channel, now: now)
    }

    /// How many requests `channel` may take at `now` without waiting.
    func capacity(for channel: Channel, now: Date) -> Int {
        limiter.capacity(for: channel, now: now)
    }

    /// Reserves the next slot on `channel` and returns its time (≥ `now`).
    func reserve(_ channel: Channel, now: Date) -> Date {
        let slot = limiter.nextSlot(for: channel, now: now)
        limiter.record(channel, at: slot)
        return slot
    }
}
