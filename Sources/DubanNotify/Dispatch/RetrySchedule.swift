/// When to try again: exponential backoff with jitter over about three days, as the Standard
/// Webhooks convention suggests, never sooner than a receiver's `Retry-After`.
public struct RetrySchedule: Hashable, Sendable {
    /// Delays after each failed attempt, in seconds; after the last, the message is dead-lettered.
    public var delays: [Double]
    /// Jitter as a fraction of the delay (0.2: ±20 %).
    public var jitter: Double

    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, ±20 %.
    public init(
        delays: [Double] = [5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400], jitter: Double = 0.2
    ) {
        self.delays = delays
        self.jitter = jitter
    }

    /// The delay before attempt `attempts + 1` after `attempts` failures, or nil when they are spent.
    /// `unit` in [0, 1) picks the jitter (from a seeded generator in tests).
    public func delay(afterAttempts attempts: Int, retryAfter: Double?, unit: Double) -> Double? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        let base = delays[attempts - 1]
        let jittered = base * (1 + jitter * (2 * unit - 1))
        return max(jittered, retryAfter ?? 0)
    }
}
