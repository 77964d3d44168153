import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// Progress reports, forced escalations, acknowledgements and the office's decisions: what each
/// stores, how the audit names the token, and the conflicts the store refuses.
@Suite struct APIWriteTests {
    static let milestone = ServerFixtures.emergencyMilestone

    @Test func aMilestoneReportIsStoredAndAuditedUnderTheToken() async throws {
        let server = try TestServer()
        let response = try await server.test { client in
            try await client.send(
                .post, "/api/tasks/\(Self.milestone)/progress", as: .emergency,
                json: #"{"percent": 60, "date": "2024-07-01", "note": "三个街道完成"}"#)
        }
        #expect(response.status == .created)
        let body = try response.object()
        #expect(body["task"] as? String == Self.milestone)
        #expect(body["percent"] as? Double == 60)
        #expect(body["date"] as? String == "2024-07-01")
        #expect(body["note"] as? String == "三个街道完成")
        let stored = try server.db.progressReports(task: Self.milestone)
        #expect(stored.count == 1)
        #expect(stored.first?.percent == 60)
        #expect(stored.first?.departmentId == "emergency")
        #expect(stored.first?.date == Day("2024-07-01"))
        #expect(stored.first?.reportedAt == ServerFixtures.now)
        let audit = try #require(try server.db.audit(subject: Self.milestone).last)
        #expect(audit.action == "progress.report")
        #expect(audit.actor == "token \(server.tokens[.emergency]!.id!) (department emergency: emergency 测试)")
        #expect(audit.detail.contains("emergency reported 60% as of 2024-07-01"))
    }

    @Test func aDutyOccurrenceIsStored() async throws {
        let server = try TestServer()
        let duty = ServerFixtures.emergencyDuty
        try await server.test { client in
            let done = try await client.send(
                .post, "/api/tasks/\(duty)/progress", as: .emergency, json: #"{"occurrence": "2024Q2"}"#)
            #expect(done.status == .created, "\(done.text)")
            #expect(try done.object()["done"] as? Bool == true)
            // The office reports for a supporting subdistrict, and says the occurrence was missed.
            let missed = try await client.send(
                .post, "/api/tasks/\(duty)/progress", as: .office,
                json: #"{"occurrence": "2024Q1", "done": false, "department": "xingren"}"#)
            #expect(missed.status == .created, "\(missed.text)")
        }
        let stored = try server.db.progressReports(task: duty)
        #expect(stored.map(\.occurrence) == ["2024Q2", "2024Q1"])
        #expect(stored.map(\.done) == [true, false])
        #expect(stored.map(\.departmentId) == ["emergency", "xingren"])
        #expect(try server.db.audit(subject: duty).last?.actor == server.tokens[.office]!.actor)
    }

    @Test func aTargetValueIsStored() async throws {
        let server = try TestServer()
        let target = ServerFixtures.emergencyTarget
        let response = try await server.test { client in
            try await client.send(.post, "/api/tasks/\(target)/progress", as: .office, json: #"{"value": 42.5}"#)
        }
        #expect(response.status == .created, "\(response.text)")
        #expect(try response.object()["value"] as? Double == 42.5)
        #expect(try response.object()["department"] as? String == "emergency")
        #expect(try server.db.progressReports(task: target).map(\.value) == [42.5])
    }

    @Test func aDepartmentTokenReportsOnlyForItself() async throws {
        let server = try TestServer()
        let response = try await server.test { client in
            try await client.send(
                .post, "/api/tasks/\(ServerFixtures.emergencyDuty)/progress", as: .emergency,
                json: #"{"occurrence": "2024Q2", "department": "xingren"}"#)
        }
        _ = try response.error(.forbidden, "forbidden")
        #expect(try server.db.progressReports(task: ServerFixtures.emergencyDuty).isEmpty)
    }

    /// 0 and 1 are numbers like any other: "not started" is the commonest report there is.
    @Test(arguments: [0, 1])
    func percentZeroAndOneAreNumbers(percent: Int) async throws {
        let server = try TestServer()
        let response = try await server.test { client in
            try await client.send(
                .post, "/api/tasks/\(Self.milestone)/progress", as: .emergency, json: #"{"percent": \#(percent)}"#)
        }
        // Foundation answers `is Bool` for the NSNumbers 0 and 1: they must still read as numbers.
        #expect(response.status == .created, "\(response.text)")
        #expect(try server.db.progressReports(task: Self.milestone).map(\.percent) == [Double(percent)])
    }

    @Test func theOfficeForcesTheNextRung() async throws {
        let server = try TestServer()
        let task = ServerFixtures.fireMilestone
        let letters = try server.db.letters().count
        try await server.test { client in
            let first = try await client.send(
                .post, "/api/tasks/\(task)/escalate", as: .office, json: #"{"reason": "进度滞后"}"#)
            #expect(first.status == .created, "\(first.text)")
            #expect(try first.object()["rung"] as? String == "reminder")
            #expect(try first.object()["letter"] == nil)
            let second = try await client.send(
                .post, "/api/tasks/\(task)/escalate", as: .office, json: #"{"reason": "仍未整改"}"#)
            #expect(second.status == .created, "\(second.text)")
            let body = try second.object()
            #expect(body["rung"] as? String == "letter")
            #expect(body["letter"] as? String == "高新安办函〔2024〕\(letters + 1)号")
            #expect(body["date"] as? String == ServerFixtures.today)
            // A task with a 约谈 waiting for approval cannot be forced past it.
            let blocked = try await client.send(
                .post, "/api/tasks/\(Self.milestone)/escalate", as: .office, json: #"{"reason": "x"}"#)
            _ = try blocked.error(.conflict, "conflict", field: "task")
            let unknown = try await client.send(
                .post, "/api/tasks/nope/escalate", as: .office, json: #"{"reason": "x"}"#)
            _ = try unknown.error(.notFound, "not_found")
        }
        let audit = try #require(try server.db.audit(subject: task).last)
        #expect(audit.action == "escalation.force")
        #expect(audit.actor == server.tokens[.office]!.actor)
        #expect(audit.detail.contains("仍未整改"))
    }

    @Test func acknowledgingIsOnceAndOnlyForWhatWasSent() async throws {
        let server = try TestServer()
        let step = try #require(try server.steps(to: "emergency", [.approved]).first { $0.rung == .letter }?.id)
        let proposed = try #require(try server.steps(to: "emergency", [.proposed]).first?.id)
        try await server.test { client in
            let first = try await client.send(
                .post, "/api/escalations/\(step)/acknowledge", as: .emergency, json: #"{"note": "已收到"}"#)
            #expect(first.status == .ok, "\(first.text)")
            let again = try await client.send(.post, "/api/escalations/\(step)/acknowledge", as: .emergency)
            #expect(again.status == .ok, "\(again.text)")
            #expect(try server.db.acknowledgements().count == 1)
            let stored = try #require(try server.db.acknowledgements()[step])
            #expect(stored.note == "已收到")
            #expect(stored.actor == server.tokens[.emergency]!.actor)
            #expect(stored.at == ServerFixtures.now)
            // ISO 8601, as openapi.yaml says (not JSONEncoder's default seconds since 2001).
            #expect(try first.object()["acknowledged_at"] as? String == "2024-07-10T02:00:00Z", "\(first.text)")
            let early = try await client.send(.post, "/api/escalations/\(proposed)/acknowledge", as: .emergency)
            _ = try early.error(.conflict, "conflict", field: "step")
            for id in ["999999", "abc"] {
                let missing = try await client.send(.post, "/api/escalations/\(id)/acknowledge", as: .office)
                _ = try missing.error(.notFound, "not_found")
            }
        }
        #expect(try server.db.acknowledgements().count == 1)
    }

    @Test func theOfficeDecidesAndTheLadderChecksTheState() async throws {
        let server = try TestServer()
        let steps = try server.steps(to: "emergency", [.proposed]).compactMap(\.id)
        try #require(steps.count >= 2)
        let letters = try server.db.letters().count
        try await server.test { client in
            let approve = try await client.send(
                .post, "/api/escalations/\(steps[0])/approve", as: .office, json: #"{"reason": "同意约谈"}"#)
            #expect(approve.status == .ok, "\(approve.text)")
            #expect(try approve.object()["state"] as? String == "approved")
            #expect(try approve.object()["letter"] as? String == "高新安办函〔2024〕\(letters + 1)号")
            let twice = try await client.send(
                .post, "/api/escalations/\(steps[0])/approve", as: .office, json: #"{"reason": "再批"}"#)
            let error = try twice.error(.conflict, "conflict", field: "step")
            #expect((error["fix"] as? String)?.contains("held or proposed") == true)
            let hold = try await client.send(
                .post, "/api/escalations/\(steps[1])/hold", as: .office, json: #"{"reason": "待核实"}"#)
            #expect(try hold.object()["state"] as? String == "held")
            let skip = try await client.send(
                .post, "/api/escalations/\(steps[1])/skip", as: .office, json: #"{"reason": "已整改"}"#)
            #expect(try skip.object()["state"] as? String == "skipped")
            let bogus = try await client.send(
                .post, "/api/escalations/\(steps[1])/force", as: .office, json: #"{"reason": "x"}"#)
            _ = try bogus.error(.notFound, "not_found")
            for body in ["{}", #"{"reason": "   "}"#, #"{"reason": null}"#] {
                let missing = try await client.send(.post, "/api/escalations/\(steps[0])/hold", as: .office, json: body)
                _ = try missing.error(.unprocessableContent, "invalid_field", field: "reason")
            }
        }
        let states = try server.db.escalations().filter { steps.prefix(2).contains($0.id!) }.map(\.state)
        #expect(states == [.approved, .skipped])
        let audit = try server.db.audit(subject: try server.db.escalations().first { $0.id == steps[0] }!.task)
        #expect(audit.last { $0.action == "escalation.approve" }?.actor == server.tokens[.office]!.actor)
    }
}
