import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import DubanStore

/// Many departments reporting at once: every report is answered for itself, the refused ones do not
/// take the others down, and the store holds exactly what was accepted.
@Suite struct ConcurrentReportTests {
    struct Sent: Sendable {
        var role: Role
        var uri: String
        var json: String
        var status: HTTPResponse.Status
        /// The value the answer must echo (percent, value or occurrence).
        var echo: String?
    }

    static var requests: [Sent] {
        var requests: [Sent] = []
        for percent in 1...12 {
            requests.append(
                Sent(
                    role: .emergency, uri: "/api/tasks/\(ServerFixtures.emergencyMilestone)/progress",
                    json: #"{"percent": \#(Double(percent) * 5 + 0.5)}"#, status: .created,
                    echo: "\(Double(percent) * 5 + 0.5)"))
            requests.append(
                Sent(
                    role: .fire, uri: "/api/tasks/\(ServerFixtures.fireMilestone)/progress",
                    json: #"{"percent": \#(percent + 40)}"#, status: .created, echo: "\(percent + 40)"))
        }
        for quarter in ["2024Q1", "2024Q2", "2024Q3"] {
            requests.append(
                Sent(
                    role: .office, uri: "/api/tasks/\(ServerFixtures.emergencyDuty)/progress",
                    json: #"{"occurrence": "\#(quarter)", "department": "zhangfan"}"#, status: .created, echo: quarter))
        }
        for bad in ["2023Q4", "2027Q1", "2024-05"] {
            requests.append(
                Sent(
                    role: .emergency, uri: "/api/tasks/\(ServerFixtures.emergencyDuty)/progress",
                    json: #"{"occurrence": "\#(bad)"}"#, status: .unprocessableContent, echo: nil))
        }
        requests.append(
            Sent(
                role: .fire, uri: "/api/tasks/\(ServerFixtures.emergencyMilestone)/progress", json: #"{"percent": 9}"#,
                status: .forbidden, echo: nil))
        return requests
    }

    @Test func concurrentReportsAreEachAnsweredAndStored() async throws {
        let server = try TestServer()
        let requests = Self.requests
        let answers = try await server.test { client in
            try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status, String).self) { group in
                for (index, sent) in requests.enumerated() {
                    group.addTask {
                        let response = try await client.send(.post, sent.uri, as: sent.role, json: sent.json)
                        return (index, response.status, response.text)
                    }
                }
                var answers: [Int: (HTTPResponse.Status, String)] = [:]
                for try await (index, status, text) in group { answers[index] = (status, text) }
                return answers.sorted { $0.key < $1.key }.map { ($0.value.0, $0.value.1) }
            }
        }
        for (sent, (status, text)) in zip(requests, answers) {
            #expect(status == sent.status, "\(sent.json): \(text)")
            if let echo = sent.echo {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                let echoed = body["percent"] ?? body["occurrence"]
                #expect(echoed.map { "\($0)" } == echo, "\(text)")
            }
        }
        #expect(try server.db.progressReports(task: ServerFixtures.emergencyMilestone).count == 12)
        #expect(try server.db.progressReports(task: ServerFixtures.fireMilestone).count == 12)
        let duty = try server.db.progressReports(task: ServerFixtures.emergencyDuty)
        #expect(duty.compactMap(\.occurrence).sorted() == ["2024Q1", "2024Q2", "2024Q3"])
        #expect(duty.allSatisfy { $0.departmentId == "zhangfan" })
        // One audit entry per accepted report.
        let audited = try [
            ServerFixtures.emergencyMilestone, ServerFixtures.fireMilestone, ServerFixtures.emergencyDuty,
        ]
        .map { try server.db.audit(subject: $0).filter { $0.action == "progress.report" }.count }
        #expect(audited == [12, 12, 3])
    }

    /// `DubanServer.application` serves the same router.
    @Test func theApplicationServesTheRouter() async throws {
        let server = try TestServer()
        let app = try DubanServer.application(
            environment: server.environment, host: "127.0.0.1", port: 0, logger: Logger(label: "duban-test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.hasPrefix(#"{"status":"ok","database":{"engine":""#))
            }
            try await client.execute(
                uri: "/api/tasks/\(ServerFixtures.emergencyMilestone)", method: .get, headers: Role.viewer.headers
            ) { response in
                #expect(response.status == .ok)
                let task = try response.object()["task"] as? [String: Any]
                #expect(task?["lead"] as? String == "emergency")
            }
        }
    }
}
