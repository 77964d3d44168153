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

    /// The value for `key`, from `load` when it is missing or older than `seconds` at `now`.
    func value(_ key: String, now: Date, load: () throws -> Value?) rethrows -> Value? {
        if let entry = entries.withLock({ $0[key] }), now.timeIntervalSince(entry.at) < seconds, now >= entry.at {
            return entry.value
        }
        let value = try load()
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = (value, now)
        }
        return value
    }

    /// Forgets everything (a token revoked through this process).
    func clear() {
        entries.withLock { $0.removeAll() }
    }
}
