import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A long-running child process (`duban serve`, the fake robot receiver) whose output is collected
/// as it comes, so a test can wait for a line such as `listening on http://127.0.0.1:PORT`.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""

    init(executable: URL, arguments: [String], directory: URL, environment: [String: String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.output += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return output
    }

    /// Waits until the output matches `pattern` (a regular expression with one capture group) and returns the capture.
    ///
    /// Blocking on purpose: the live tests run beside suites that block Swift's cooperative threads
    /// while their subprocesses run, so they keep off those threads rather than wait for one.
    func waitFor(_ pattern: String, seconds: Double = 120) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let current = text
            if let match = regex.firstMatch(in: current, range: NSRange(current.startIndex..., in: current)),
                let range = Range(match.range(at: 1), in: current)
            {
                return String(current[range])
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ChildProcessError(message: "no “\(pattern)” in the output:\n\(text)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate(seconds: Double = 120) throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        return try exitStatus(seconds: seconds)
    }

    /// Sends SIGKILL (no chance to clean up) and waits for the exit status.
    func sigkill() throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return try exitStatus()
    }

    func exitStatus(seconds: Double = 120) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            guard Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw ChildProcessError(message: "did not exit in \(seconds) s:\n\(text)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A small HTTP client for the live tests.
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 30
        return URLSession(configuration: configuration)
    }()

    /// One request, waited for on this thread (URLSession answers on its own queue).
    static func request(
        _ method: String, _ url: String, token: String? = nil, json: [String: Any]? = nil
    ) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<(Int, Data), any Error>?>(nil)
        session.dataTask(with: request) { data, response, error in
            result.withLock {
                $0 =
                    error.map { .failure($0) }
                    ?? .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
