import CCurl
import Foundation

/// libcurl easy handles kept between transfers. A handle keeps the connections it opened (HTTP
/// keep-alive), its DNS answers and its TLS sessions, so the next request to the same host skips
/// the TCP and TLS handshakes. A handle serves one transfer at a time: the pool lends each to one
/// caller, so as many connections stay open as transfers ran at once.
final class CurlHandlePool: @unchecked Sendable {
    // `idle` is only touched under `lock`; a handle taken out belongs to its borrower alone.
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    private let capacity: Int

    /// Makes a pool that keeps at most `capacity` idle handles (and their connections).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    deinit {
        for handle in idle { curl_easy_cleanup(handle) }
    }

    /// A handle no other transfer is using, with every option at its default: an idle one (its
    /// connections still open), else a new one; nil when libcurl cannot make one.
    func take() -> UnsafeMutableRawPointer? {
        lock.lock()
        let handle = idle.popLast()
        lock.unlock()
        return handle ?? curl_easy_init()
    }

    /// Takes back a handle whose transfer is over. Its options are reset at once, so it keeps no
    /// pointer to the request's body or headers; `curl_easy_reset` leaves its connection cache,
    /// DNS cache and TLS sessions alone. A handle beyond the capacity is closed with its connections.
    func give(_ handle: UnsafeMutableRawPointer) {
        curl_easy_reset(handle)
        lock.lock()
        if idle.count < capacity {
            idle.append(handle)
            lock.unlock()
            return
        }
        lock.unlock()
        curl_easy_cleanup(handle)
    }

    /// Idle handles now, for tests.
    var idleCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return idle.count
    }
}
