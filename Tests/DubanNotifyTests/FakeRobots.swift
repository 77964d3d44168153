import Foundation
import Testing

/// One `Tests/receiver/fake_robots.py` process: a local receiver imitating DingTalk, WeCom, Feishu and
/// Standard Webhooks receivers on 127.0.0.1, with a JSON-lines log of every request it answered.
///
/// Each test starts its own (`start(in:…)`) in its own folder and stops it (`stop()`: terminate, then
/// wait) when it is done.
final class FakeRobots: @unchecked Sendable {
    /// One request the receiver answered, as it logged it.
    struct Entry: Decodable, Sendable {
        /// What the receiver answered.
        struct Answer: Decodable, Sendable {
            var status: Int
            var headers: [String: String]
            var body: String
        }

        /// Real time of the answer, Unix seconds.
        var time: Double
        /// The time rate limits were judged at: the request's own timestamp under `clock: "request"`.
        var at: Double?
        var method: String
        var path: String
        /// The query, percent-decoded, first value of each name.
        var query: [String: String]
        /// The query as sent.
        var rawQuery: String
        /// Header names lowercased.
        var headers: [String: String]
        var body: String
        var answer: Answer

        /// The first path segment: `dingtalk`, `wecom`, `feishu`, `webhook`.
        var vendor: String { path.split(separator: "/").first.map(String.init) ?? "" }
        /// The second path segment: `ok`, `down`, `flaky3`…
        var scenario: String { path.split(separator: "/").dropFirst().first.map(String.init) ?? "" }
        /// The request body as JSON.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        }
        /// The answer body as JSON.
        var answerJSON: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:]
        }
        /// The vendor code of the answer (`errcode`, `code`), when it has one.
        var answerCode: Int? {
            (answerJSON["errcode"] ?? answerJSON["code"]) as? Int
        }
        /// Whether the receiver took the message: 2xx, and code 0 for the robots.
        var accepted: Bool {
            (200..<300).contains(answer.status) && (vendor == "webhook" || answerCode == 0)
        }

        /// The text a robot message carries (title and text for DingTalk, content for WeCom, the post's
        /// paragraphs for Feishu), or the webhook's `data.body`.
        var messageText: String {
            let object = json
            switch vendor {
            case "dingtalk":
                let markdown = object["markdown"] as? [String: Any]
                let text = object["text"] as? [String: Any]
                return (markdown?["text"] as? String) ?? (text?["content"] as? String) ?? ""
            case "wecom":
                let kind = object["msgtype"] as? String ?? ""
                return ((object[kind] as? [String: Any])?["content"] as? String) ?? ""
            case "feishu":
                let content = object["content"] as? [String: Any]
                if let text = content?["text"] as? String { return text }
                let post = (content?["post"] as? [String: Any])?["zh_cn"] as? [String: Any]
                let paragraphs = post?["content"] as? [[[String: Any]]] ?? []
                return paragraphs.map { $0.compactMap { $0["text"] as? String }.joined() }.joined(separator: "\n")
            default:
                return ((object["data"] as? [String: Any])?["body"] as? String) ?? ""
            }
        }

        /// The time the request says it was made: DingTalk's `timestamp` (ms), Feishu's body `timestamp`,
        /// `webhook-timestamp`.
        var requestTime: Double? {
            switch vendor {
            case "dingtalk": return query["timestamp"].flatMap(Double.init).map { $0 / 1000 }
            case "feishu": return (json["timestamp"] as? String).flatMap(Double.init)
            case "webhook": return headers["webhook-timestamp"].flatMap(Double.init)
            default: return nil
            }
        }
    }

    /// Why the receiver could not be started.
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// The receiver's script, found from this file's path.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("receiver/fake_robots.py")

    /// The folder of its log and stderr.
    let directory: URL
    /// The JSON-lines request log.
    let logURL: URL
    /// Its stderr (Python tracebacks, if any).
    let stderrURL: URL
    /// The port it listens on.
    let port: Int
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    /// `http://127.0.0.1:<port>`.
    var base: String { "http://127.0.0.1:\(port)" }

    private init(directory: URL, logURL: URL, stderrURL: URL, port: Int, process: Process) {
        self.directory = directory
        self.logURL = logURL
        self.stderrURL = stderrURL
        self.port = port
        self.process = process
    }

    deinit {
        stop()
    }

    /// Starts a receiver logging into `directory`, checking the signatures of the secrets given and the
    /// DingTalk `keywords`; `clock: "request"` judges rate limits at the requests' own timestamps.
    static func start(
        in directory: URL, dingtalkSecret: String? = nil, feishuSecret: String? = nil, webhookSecret: String? = nil,
        keywords: [String] = [], clock: String = "real"
    ) async throws -> FakeRobots {
        let logURL = directory.appendingPathComponent("robots.jsonl")
        let stderrURL = directory.appendingPathComponent("robots.stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        var arguments = [script.path, "--port", "0", "--log", logURL.path, "--clock", clock]
        if let dingtalkSecret { arguments += ["--dingtalk-secret", dingtalkSecret] }
        if let feishuSecret { arguments += ["--feishu-secret", feishuSecret] }
        if let webhookSecret { arguments += ["--webhook-secret", webhookSecret] }
        for keyword in keywords { arguments += ["--keyword", keyword] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        guard line.hasPrefix("PORT "),
            let port = Int(line.dropFirst(5).prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces))
        else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw StartError(description: "fake_robots.py did not print its port: \(line.debugDescription)\n\(stderr)")
        }
        return FakeRobots(directory: directory, logURL: logURL, stderrURL: stderrURL, port: port, process: process)
    }

    /// Stops the receiver: terminate, then wait for it to exit (killing it after 3 s). Safe to call more than once.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Every request logged so far, in the order they were answered.
    func entries() throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: logURL.path) else { return [] }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Entry.self, from: Data($0)) }
    }

    /// The log once it holds at least `count` entries (requests still being answered, e.g. `slow` ones),
    /// waiting at most `timeout` seconds.
    func entries(atLeast count: Int, timeout: Double = 6) async throws -> [Entry] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let entries = try entries()
            if entries.count >= count || Date() > deadline { return entries }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    /// The raw log text (it holds what duban sent, tokens in URLs included).
    func logText() -> String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// What the receiver wrote to stderr.
    func stderrText() -> String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }
}

/// A socket bound to a free port of 127.0.0.1, listening when `backlog` is given, and its port;
/// nil (the socket closed, `errno` set) when it cannot be had.
func loopbackSocket(listening backlog: Int32? = nil) -> (fd: Int32, port: Int)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && (backlog.map { listen(fd, $0) == 0 } ?? true)
                && getsockname(fd, socketAddress, &length) == 0
        }
    }
    guard bound else {
        close(fd)
        return nil
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A port on 127.0.0.1 that nothing listens on: bound, then closed, so connections are refused.
func closedPort() -> Int {
    let socket = loopbackSocket()
    precondition(socket != nil)
    close(socket!.fd)
    return socket!.port
}

@Suite struct FakeRobotsTests {
    /// The receiver's signing agrees with the vectors of shared/reference/channels.md.
    @Test func receiverSelfTestPassesTheReferenceVectors() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FakeRobots.script.path, "--self-test"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("self-test ok"))
    }
}
