import Foundation
import Synchronization

/// Values remembered for a few seconds: a token's row, a task's owners. Every request reads them,
/// and a revocation or a plan reload made elsewhere is seen once the entry ages out.
final class ShortCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (value: Value?, at: Date)]>([:])
    let seconds: Double

    init(seconds: Double) {
        self.seconds = seconds
    }

    /// What is remembered for `key` at `now`: `.some(nil)` when its absence is remembered, `nil`
    /// when nothing fresh is.
    func cached(_ key: String, now: Date) -> Value?? {
        guard let entry = entries.withLock({ $0[key] }), now.timeIntervalSince(entry.at) < seconds, now >= entry.at
        else { return nil }
        return .some(entry.value)
    }

    /// Remembers `value` (or its absence) for `key` from `now`.
    func remember(_ value: Value?, for key: String, at now: Date) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = (value, now)
        }
    }

    /// Forgets everything (a token revoked through this process).
    func clear() {
        entries.withLock { $0.removeAll() }
    }
}
