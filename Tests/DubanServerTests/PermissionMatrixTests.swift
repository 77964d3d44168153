import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// Every role against every write the API takes: who may, who is refused (403) and who is not
/// known (401); a refusal writes nothing.
@Suite struct PermissionMatrixTests {
    /// The writes, each on a target chosen so the roles' rights differ.
    enum Write: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Progress on a milestone emergency leads.
        case reportOwn
        /// Progress on a milestone fire leads, which emergency neither leads nor supports.
        case reportOther
        /// Acknowledge an approved step addressed to emergency.
        case acknowledgeOwn
        /// Acknowledge an approved step addressed to fire.
        case acknowledgeOther
        case approve, hold, skip
        /// Force the next rung on fire's milestone.
        case escalate

        var testDescription: String { rawValue }

        /// The request, against steps of `server`'s store.
        func request(_ server: TestServer) throws -> (uri: String, json: String) {
            switch self {
            case .reportOwn:
                ("/api/tasks/\(ServerFixtures.emergencyMilestone)/progress", #"{"percent": 40, "note": "matrix"}"#)
            case .reportOther:
                ("/api/tasks/\(ServerFixtures.fireMilestone)/progress", #"{"percent": 15, "date": "2024-07-09"}"#)
            case .acknowledgeOwn:
                ("/api/escalations/\(try Self.approved(server, "emergency"))/acknowledge", #"{"note": "收到"}"#)
            case .acknowledgeOther:
                ("/api/escalations/\(try Self.approved(server, "fire"))/acknowledge", "{}")
            case .approve, .hold, .skip:
                ("/api/escalations/\(try Self.proposed(server))/\(rawValue)", #"{"reason": "矩阵测试"}"#)
            case .escalate:
                ("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", #"{"reason": "矩阵测试"}"#)
            }
        }

        static func approved(_ server: TestServer, _ department: String) throws -> Int64 {
            try #require(try server.steps(to: department, [.approved]).first?.id)
        }

        static func proposed(_ server: TestServer) throws -> Int64 {
            try #require(try server.steps(to: "emergency", [.proposed]).first?.id)
        }

        /// What `role` gets.
        func expected(for role: Role) -> HTTPResponse.Status {
            let done: HTTPResponse.Status = [.reportOwn, .reportOther, .escalate].contains(self) ? .created : .ok
            switch role {
            case .none, .revoked, .expired, .garbage: return .unauthorized
            case .viewer: return .forbidden
            case .office: return done
            case .emergency: return [.reportOwn, .acknowledgeOwn].contains(self) ? done : .forbidden
            case .fire: return [.reportOther, .acknowledgeOther].contains(self) ? done : .forbidden
            }
        }
    }

    @Test(arguments: Role.allCases, Write.allCases)
    func matrix(role: Role, write: Write) async throws {
        let server = try TestServer()
        let (uri, json) = try write.request(server)
        let before = try server.counts()
        let response = try await server.test { client in try await client.send(.post, uri, as: role, json: json) }
        let expected = write.expected(for: role)
        #expect(response.status == expected, "\(role) \(write): \(response.text)")
        let after = try server.counts()
        switch expected {
        case .unauthorized:
            _ = try response.error(.unauthorized, "unauthorized")
            #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"duban\"")
            #expect(after == before)
        case .forbidden:
            let error = try response.error(.forbidden, "forbidden")
            if role == .viewer { #expect(error["message"] as? String == "a viewer token is read-only") }
            #expect(after == before)
        default:
            try checkWritten(write, role: role, server: server, before: before, after: after, response)
        }
    }

    /// What an allowed write leaves in the store, and its audit entry naming the token.
    func checkWritten(
        _ write: Write, role: Role, server: TestServer, before: TestServer.Counts, after: TestServer.Counts,
        _ response: TestResponse
    ) throws {
        let body = try response.object()
        let token = try #require(server.tokens[role])
        #expect(try server.lastAudit()?.actor == token.actor)
        #expect(after.audit == before.audit + 1)
        switch write {
        case .reportOwn, .reportOther:
            #expect(after.reports == before.reports + 1)
            let task = write == .reportOwn ? ServerFixtures.emergencyMilestone : ServerFixtures.fireMilestone
            let stored = try #require(try server.db.progressReports(task: task).last)
            #expect(stored.percent == (write == .reportOwn ? 40 : 15))
            #expect(stored.departmentId == (write == .reportOwn ? "emergency" : "fire"))
            #expect(body["department"] as? String == stored.departmentId)
            #expect(body["id"] as? Int == Int(stored.id ?? -1))
        case .acknowledgeOwn, .acknowledgeOther:
            #expect(after.acknowledgements == before.acknowledgements + 1)
            // Its format is checked in APIWriteTests.
            #expect(body["acknowledged_at"] != nil && !(body["acknowledged_at"] is NSNull))
            #expect(body["department"] as? String == (write == .acknowledgeOwn ? "emergency" : "fire"))
            #expect(after.steps == before.steps)
        case .approve, .hold, .skip:
            let state = ["approve": "approved", "hold": "held", "skip": "skipped"][write.rawValue]!
            #expect(body["state"] as? String == state)
            let id = try #require(body["id"] as? Int)
            #expect(after.steps.contains("\(id) \(state)"))
            #expect(before.steps.contains("\(id) proposed"))
            #expect(after.steps.count == before.steps.count)
            // Approving a 约谈 issues its numbered letter; holding or skipping issues none.
            #expect(after.letters == before.letters + (write == .approve ? 1 : 0))
            #expect((body["letter"] as? String != nil) == (write == .approve))
        case .escalate:
            #expect(after.steps.count == before.steps.count + 1)
            #expect(body["task"] as? String == ServerFixtures.fireMilestone)
            #expect(body["department"] as? String == "fire")
            #expect(body["rung"] as? String == "reminder")
            #expect(body["state"] as? String == "approved")
            #expect(body["rule"] as? String == "office-force")
            #expect((body["reason"] as? String)?.contains("矩阵测试") == true)
        }
    }
}
