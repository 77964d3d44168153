import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// Bulletins, agendas, letters and calendar feeds: the stored JSON, each rendered format, and who may read what.
@Suite struct APIDocumentTests {
    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    @Test func aBulletinIsServedStoredAndRendered() async throws {
        let server = try TestServer()
        let stored = try #require(try server.db.documents(kind: "bulletin").last { $0.period == "2024-06" })
        try await server.test { client in
            let json = try await client.send(.get, "/api/bulletins/2024-06", as: .emergency)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            #expect(json.text == stored.content)
            #expect(try json.object()["month"] as? String == "2024-06")

            let html = try await client.send(.get, "/api/bulletins/2024-06?format=html", as: .viewer)
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("<html") && html.text.contains("枣庄高新区安全生产委员会办公室"))

            let markdown = try await client.send(.get, "/api/bulletins/2024-06?format=md", as: .viewer)
            #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(markdown.text.contains("区应急管理局") || markdown.text.contains("emergency"))

            let docx = try await client.send(.get, "/api/bulletins/2024-06?format=docx", as: .office)
            #expect(docx.status == .ok)
            #expect(docx.headers[.contentType] == Self.docx)
            #expect(docx.headers[.contentDisposition] == "attachment; filename=\"bulletin-2024-06.docx\"")
            #expect(Array(docx.body.readableBytesView.prefix(2)) == Array("PK".utf8))

            let bad = try await client.send(.get, "/api/bulletins/2024-06?format=pdf", as: .viewer)
            _ = try bad.error(.unprocessableContent, "invalid_field", field: "format")
            let missing = try await client.send(.get, "/api/bulletins/2023-12", as: .viewer)
            _ = try missing.error(.notFound, "not_found")
            _ = try await client.send(.get, "/api/bulletins/2024-06", as: .none).error(.unauthorized, "unauthorized")
        }
    }

    @Test func anAgendaIsServedStoredAndRendered() async throws {
        let server = try TestServer()
        #expect(try server.db.documents(kind: "agenda").map(\.period) == ["2023Q4", "2024Q1", "2024Q2"])
        try await server.test { client in
            let json = try await client.send(.get, "/api/agendas/2024Q2", as: .fire)
            #expect(json.status == .ok)
            #expect(try json.object()["quarter"] as? String == "2024Q2")
            let markdown = try await client.send(.get, "/api/agendas/2024Q2?format=md", as: .fire)
            #expect(markdown.status == .ok)
            #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(!markdown.text.isEmpty)
            let docx = try await client.send(.get, "/api/agendas/2024Q1?format=docx", as: .office)
            #expect(docx.headers[.contentDisposition] == "attachment; filename=\"agenda-2024Q1.docx\"")
            _ = try await client.send(.get, "/api/agendas/2024Q3", as: .fire).error(.notFound, "not_found")
        }
    }

    @Test func lettersAreListedForWhoMayReadThem() async throws {
        let server = try TestServer()
        let all = try server.db.letters()
        #expect(all.count == 46)  // none to the office: its own tasks are reminded only
        try await server.test { client in
            #expect(try await client.send(.get, "/api/letters", as: .office).array().count == all.count)
            #expect(try await client.send(.get, "/api/letters", as: .viewer).array().count == all.count)
            let emergency = try await client.send(.get, "/api/letters", as: .emergency).array()
            #expect(emergency.count == all.filter { $0.departmentId == "emergency" }.count)
            #expect(emergency.allSatisfy { $0["department"] as? String == "emergency" })
            // A department's token sees its own letters whatever it asks for.
            let asked = try await client.send(.get, "/api/letters?department=hrss", as: .emergency).array()
            #expect(asked.count == emergency.count)
            #expect(try await client.send(.get, "/api/letters", as: .fire).array().isEmpty)
            let hrss = try await client.send(.get, "/api/letters?department=hrss", as: .office).array()
            #expect(
                hrss.map { $0["number"] as? String } == [
                    "高新安办函〔2024〕6号", "高新安办函〔2024〕16号", "高新安办函〔2024〕17号", "高新安办函〔2024〕36号",
                ])
            let first = try #require(emergency.first)
            #expect(first["year"] as? Int == 2024)
            #expect(first["sequence"] as? Int == 1)
            #expect(first["task"] as? String == "m26-2024-confined-space-census")
            #expect(first["step"] as? Int == Int(all[0].stepId))
            #expect(first["issued"] as? String != nil)
        }
    }

    @Test func aLetterIsReadByItsDepartmentAndTheOffice() async throws {
        let server = try TestServer()
        let letter = try #require(try server.db.letters(year: 2024).first { $0.sequence == 5 })
        #expect(letter.departmentId == "emergency")
        try await server.test { client in
            let json = try await client.send(.get, "/api/letters/2024-5", as: .emergency)
            #expect(json.status == .ok)
            #expect(json.text == letter.content)
            #expect(try json.object()["number"] as? String == "高新安办函〔2024〕5号")
            let html = try await client.send(.get, "/api/letters/2024-5?format=html", as: .viewer)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("高新安办函〔2024〕5号"))
            let docx = try await client.send(.get, "/api/letters/2024-05?format=docx", as: .office)
            #expect(docx.status == .ok)
            #expect(docx.headers[.contentDisposition] == "attachment; filename=\"letter-2024-05.docx\"")
            let other = try await client.send(.get, "/api/letters/2024-5", as: .fire)
            _ = try other.error(.forbidden, "forbidden")
            for number in ["2024-999", "2023-1", "five", "2024-5-1"] {
                _ = try await client.send(.get, "/api/letters/\(number)", as: .office).error(.notFound, "not_found")
            }
        }
    }

    @Test func aCalendarFeedTakesItsTokenInTheQuery() async throws {
        let server = try TestServer()
        let token = try #require(Role.emergency.token)
        try await server.test { client in
            let feed = try await client.send(.get, "/api/calendars/emergency.ics?token=\(token)", as: .none)
            #expect(feed.status == .ok, "\(feed.text)")
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = feed.text
            #expect(text.hasPrefix("BEGIN:VCALENDAR"))
            #expect(text.contains("UID:\(ServerFixtures.emergencyMilestone)@duban"))
            #expect(!text.contains("UID:\(ServerFixtures.fireMilestone)@duban"))
            #expect(text.contains("X-WR-CALNAME:区应急管理局 督办事项"))
            // The office and viewers read any department's feed, by header too.
            #expect(
                try await client.send(.get, "/api/calendars/fire.ics", as: .viewer).text.contains(
                    "UID:\(ServerFixtures.fireMilestone)@duban"))

            let other = try await client.send(.get, "/api/calendars/fire.ics?token=\(token)", as: .none)
            _ = try other.error(.forbidden, "forbidden")
            for role in [Role.revoked, .expired, .garbage] {
                let refused = try await client.send(
                    .get, "/api/calendars/emergency.ics?token=\(role.token!)", as: .none)
                _ = try refused.error(.unauthorized, "unauthorized")
            }
            _ = try await client.send(.get, "/api/calendars/emergency.ics", as: .none).error(
                .unauthorized, "unauthorized")
            _ = try await client.send(.get, "/api/calendars/emergency", as: .office).error(.notFound, "not_found")
            _ = try await client.send(.get, "/api/calendars/nowhere.ics", as: .office).error(.notFound, "not_found")
            // `?token=` names someone on calendar feeds only.
            _ = try await client.send(.get, "/api/tasks?token=\(token)", as: .none).error(.unauthorized, "unauthorized")
        }
    }

    /// Before the scheduler has run nothing is issued: no steps, letters, bulletins or agendas.
    @Test func beforeAnyTickThereIsNothingToRead() async throws {
        let server = try TestServer(ticked: false)
        try await server.test { client in
            #expect(try await client.send(.get, "/api/escalations", as: .office).array().isEmpty)
            #expect(try await client.send(.get, "/api/letters", as: .office).array().isEmpty)
            _ = try await client.send(.get, "/api/bulletins/2024-06", as: .office).error(.notFound, "not_found")
            _ = try await client.send(.get, "/api/agendas/2024Q2", as: .office).error(.notFound, "not_found")
            _ = try await client.send(.get, "/api/letters/2024-1", as: .office).error(.notFound, "not_found")
            let list = try await client.send(.get, "/api/tasks", as: .emergency)
            #expect(list.status == .ok)
        }
    }
}
