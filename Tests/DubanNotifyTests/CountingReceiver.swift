import Foundation

/// An HTTP/1.1 receiver inside the test process, on 127.0.0.1, that counts the TCP connections it
/// accepted and the requests it answered: what connection reuse is judged by.
///
/// Every POST gets `200 {}` and the connection stays open (keep-alive), except that every
/// `closeEvery`th request is answered with `Connection: close` and its connection closed, and a
/// path containing `/slow` is answered after `slowSeconds`. `stop()` closes the listener and every
/// connection and waits for their threads; each test starts its own and stops it.
final class CountingReceiver: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let listener: Int32
    private let closeEvery: Int
    private let slowSeconds: Double
    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var accepted = 0
    private var answered = 0
    private var open: Set<Int32> = []
    private var stopped = false
    private let threads = DispatchGroup()

    /// Why the receiver could not start.
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// `http://127.0.0.1:<port>`.
    var base: String { "http://127.0.0.1:\(port)" }

    /// TCP connections accepted so far.
    var connections: Int {
        lock.lock()
        defer { lock.unlock() }
        return accepted
    }

    /// Requests answered so far.
    var requests: Int {
        lock.lock()
        defer { lock.unlock() }
        return answered
    }

    /// Starts listening on a free port of 127.0.0.1.
    init(closeEvery: Int = 0, slowSeconds: Double = 2) throws {
        self.closeEvery = closeEvery
        self.slowSeconds = slowSeconds
        guard let socket = loopbackSocket(listening: 128) else {
            throw StartError(description: "socket/bind/listen on 127.0.0.1: errno \(errno)")
        }
        listener = socket.fd
        port = socket.port
        threads.enter()
        Thread.detachNewThread { [self] in
            acceptLoop()
            threads.leave()
        }
    }

    deinit {
        stop()
    }

    /// Stops listening, closes every connection and waits for the receiver's threads. Safe to call twice.
    func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        lock.unlock()
        guard first else { return }
        threads.wait()
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Waits up to 50 ms for `fd` to be readable; false when it is not (or the receiver stopped).
    private func readable(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 50) > 0
    }

    private func acceptLoop() {
        while !isStopped {
            guard readable(listener) else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { continue }
            lock.lock()
            if stopped {
                lock.unlock()
                close(fd)
                return
            }
            accepted += 1
            open.insert(fd)
            threads.enter()
            lock.unlock()
            Thread.detachNewThread { [self] in
                serve(fd)
                lock.lock()
                open.remove(fd)
                lock.unlock()
                close(fd)
                threads.leave()
            }
        }
    }

    /// Answers requests on one connection until the client closes it, it is to be closed, or the receiver stops.
    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !isStopped {
            // A whole request is its head, then Content-Length bytes of body; until then, read more.
            guard let (head, bodyStart) = Self.head(in: buffer), buffer.count >= bodyStart + Self.contentLength(head)
            else {
                guard readable(fd) else { continue }
                let count = recv(fd, &chunk, chunk.count, 0)
                if count <= 0 { return }
                buffer += chunk[0..<count]
                continue
            }
            buffer.removeFirst(bodyStart + Self.contentLength(head))
            if head.split(separator: " ").dropFirst().first?.contains("/slow") == true {
                let until = Date().addingTimeInterval(slowSeconds)
                while Date() < until && !isStopped { usleep(10_000) }
            }
            lock.lock()
            answered += 1
            let closing = closeEvery > 0 && answered % closeEvery == 0
            lock.unlock()
            let answer =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + (closing ? "Connection: close\r\n" : "") + "\r\n{}"
            let bytes = Array(answer.utf8)
            guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count,
                !closing
            else { return }
        }
    }

    /// The request head (request line and headers) and where its body starts, once the buffer holds it.
    private static func head(in buffer: [UInt8]) -> (String, Int)? {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        guard buffer.count >= end.count else { return nil }
        for start in 0...(buffer.count - end.count) where buffer[start..<start + end.count].elementsEqual(end) {
            return (String(decoding: buffer[0..<start], as: UTF8.self), start + end.count)
        }
        return nil
    }

    private static func contentLength(_ head: String) -> Int {
        for line in head.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return 0
    }
}
