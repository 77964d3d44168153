import Foundation
import Synchronization
import Testing

@testable import DubanStore

/// `duban serve` as the office runs it: a live process on a free port that takes progress over
/// HTTP, ticks on its own, delivers to a local receiver, and stops on SIGTERM without losing an
/// accepted report.
@Suite(.serialized) struct ServeCommandTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let python = URL(fileURLWithPath: "/usr/bin/env")

    /// A folder with the shipped plans and templates, channels pointing at `receiverPort`, the plans
    /// loaded on 2024-01-01, and a department token for emergency (returned).
    static func prepare(_ duban: DubanProcess, receiverPort: String) throws -> String {
        try Fixtures.copyShippedPlansWithWebhook(
            into: duban.directory, url: "http://127.0.0.1:\(receiverPort)/webhook/ok", secret: secret)
        var loader = duban
        loader.now = "2024-01-01T08:00:00+08:00"
        try #require(try loader.run("plan", "load").exitCode == 0)
        let token = try duban.run("token", "create", "--role", "department", "--department", "emergency")
        try #require(token.exitCode == 0, "\(token)")
        return token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func environment(_ duban: DubanProcess) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DUBAN_") }
        environment["DUBAN_DB"] = duban.db
        environment["DUBAN_NOW"] = duban.now
        return environment
    }

    static func receiver(_ folder: URL) throws -> ChildProcess {
        try ChildProcess(
            executable: python,
            arguments: [
                "python3", DubanProcess.packageRoot.appendingPathComponent("Tests/receiver/fake_robots.py").path,
                "--port", "0", "--log", folder.appendingPathComponent("receiver.log").path, "--webhook-secret", secret,
            ],
            directory: folder, environment: ProcessInfo.processInfo.environment)
    }

    static func serve(_ duban: DubanProcess) throws -> ChildProcess {
        try ChildProcess(
            executable: DubanProcess.binary,
            arguments: ["serve", "--port", "0", "--tick-seconds", "1", "--deliver-seconds", "1"],
            directory: duban.directory, environment: environment(duban))
    }

    @Test func reportsOverHTTPTicksAndDeliversToTheReceiver() throws {
        try withDuban { duban in
            var duban = duban
            duban.now = "2024-03-05T10:00:00+08:00"
            let receiver = try Self.receiver(duban.directory)
            let receiverPort = try receiver.waitFor(#"PORT (\d+)"#)
            let token = try Self.prepare(duban, receiverPort: receiverPort)
            let server = try Self.serve(duban)
            let port = try server.waitFor(#"listening on http://127\.0\.0\.1:(\d+)"#)
            let base = "http://127.0.0.1:\(port)"

            #expect(try HTTP.request("GET", "\(base)/healthz").status == 200)
            let report = try HTTP.request(
                "POST", "\(base)/api/tasks/m26-2024-confined-space-census/progress", token: token,
                json: ["percent": 40, "note": "兴仁、兴城摸底完成"])
            #expect(report.status == 201, "\(String(decoding: report.body, as: UTF8.self))")
            let detail = try HTTP.request("GET", "\(base)/api/tasks/m26-2024-confined-space-census", token: token)
            let task = try #require(try JSONSerialization.jsonObject(with: detail.body) as? [String: Any])
            #expect((task["task"] as? [String: Any])?["reported"] as? Double == 40)

            // The scheduler caught up January to March on its own, and the dispatcher delivered.
            let log = duban.directory.appendingPathComponent("receiver.log")
            let deadline = Date().addingTimeInterval(60)
            var delivered: [String] = []
            while Date() < deadline {
                delivered =
                    (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
                if delivered.count >= 3 { break }
                Thread.sleep(forTimeInterval: 0.2)
            }
            #expect(delivered.count >= 3, "receiver saw \(delivered.count) requests; server said:\n\(server.text)")
            #expect(delivered.allSatisfy { $0.contains("\"status\": 200") || $0.contains("\"status\":200") })
            let runs = try AppDatabase.open(path: duban.db).jobRuns().map { "\($0.job) \($0.period)" }
            #expect(runs.contains("monthly-dispatch 2024-03"))
            let metrics = try HTTP.request("GET", "\(base)/metrics")
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(text.contains("duban_job_runs_total{job=\"monthly-dispatch\"} 3"))
            #expect(text.contains("duban_progress_reports_total 1"))

            #expect(try server.terminate() == 0)
            _ = try receiver.terminate()
        }
    }

    @Test func sigtermDuringABurstLosesNoAcceptedReport() throws {
        try withDuban { duban in
            var duban = duban
            duban.now = "2024-03-05T10:00:00+08:00"
            let token = try Self.prepare(duban, receiverPort: "9")
            let server = try Self.serve(duban)
            let port = try server.waitFor(#"listening on http://127\.0\.0\.1:(\d+)"#)
            let url = "http://127.0.0.1:\(port)/api/tasks/m26-2024-confined-space-census/progress"

            // 64 clients keep posting; SIGTERM goes out once 100 reports have been accepted.
            let accepted = Mutex<[Int64]>([])
            DispatchQueue.concurrentPerform(iterations: 64) { client in
                for index in 0..<20 {
                    guard
                        let answer = try? HTTP.request(
                            "POST", url, token: token,
                            json: ["percent": (client + index) % 101, "note": "burst \(client)-\(index)"])
                    else { return }  // refused: the server has stopped listening
                    if answer.status == 201,
                        let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any],
                        let id = (object["id"] as? NSNumber)?.int64Value
                    {
                        let count = accepted.withLock {
                            $0.append(id)
                            return $0.count
                        }
                        if count == 100 { kill(server.process.processIdentifier, SIGTERM) }
                    }
                }
            }
            let ids = accepted.withLock { $0 }
            #expect(try server.exitStatus() == 0, "\(server.text)")
            #expect(ids.count >= 100)
            let stored = Set(
                try AppDatabase.open(path: duban.db).progressReports(task: "m26-2024-confined-space-census")
                    .compactMap(\.id))
            #expect(Set(ids).isSubset(of: stored), "accepted but lost: \(Set(ids).subtracting(stored))")
        }
    }
}
