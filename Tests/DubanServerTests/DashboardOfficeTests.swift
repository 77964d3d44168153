import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DubanStore

/// The office's side of the dashboard: the overview, approvals, the outbox, the wall chart, documents,
/// reporting and acknowledging through the forms, and logging out.
@Suite struct DashboardOfficeTests {
    @Test func theOfficeSeesTheOverviewAndTheWallChart() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            let login = try await browser.login(.office)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/")
            let overview = try await browser.get("/")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("<h1>全区总览 <span class=\"muted\">截至 2024-07-10</span></h1>"))
            #expect(overview.text.contains(#"<b><a href="/approvals">5</a></b>待审批督办"#))
            #expect(overview.text.contains(#"id="card-emergency""#))
            #expect(overview.text.contains(#"<img src="/gantt.svg""#))

            let chart = try await browser.get("/gantt.svg")
            #expect(chart.status == .ok)
            #expect(chart.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(chart.text.contains("<svg") && chart.text.contains("</svg>"))
            // The chart is for anyone with a token, by header too; not for no one.
            #expect(try await client.send(.get, "/gantt.svg", as: .viewer).status == .ok)
            _ = try await client.send(.get, "/gantt.svg", as: .none).error(.unauthorized, "unauthorized")
        }
    }

    @Test func theOfficeApprovesAProposedStepFromItsQueue() async throws {
        let server = try TestServer()
        let proposed = try server.db.escalations().filter { $0.kind == .rung && $0.state == .proposed }
        let step = try #require(proposed.first { $0.department == "emergency" })
        let letters = try server.db.letters().count
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.office)
            let page = try await browser.get("/approvals")
            #expect(page.status == .ok)
            for pending in proposed {
                #expect(page.text.contains(#"<tr id="step-\#(pending.id!)">"#))
            }
            #expect(page.text.contains(#"<form class="inline" method="post" action="/approvals/\#(step.id!)">"#))
            let csrf = try Browser.csrf(page.text)

            let noToken = try await browser.post("/approvals/\(step.id!)", [("action", "approve"), ("reason", "同意")])
            #expect(noToken.status == .forbidden)
            let noReason = try await browser.post(
                "/approvals/\(step.id!)", [("csrf", csrf), ("action", "approve"), ("reason", " ")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("请填写审批理由。"))
            let bogus = try await browser.post(
                "/approvals/\(step.id!)", [("csrf", csrf), ("action", "force"), ("reason", "x")])
            #expect(bogus.status == .badRequest)
            #expect(try server.db.escalations().first { $0.id == step.id }?.state == .proposed)

            let approved = try await browser.post(
                "/approvals/\(step.id!)", [("csrf", csrf), ("action", "approve"), ("reason", "同意约谈")])
            #expect(approved.status == .seeOther, "\(approved.text)")
            #expect(approved.headers[.location] == "/approvals")
            #expect(!(try await browser.get("/approvals").text.contains(#"<tr id="step-\#(step.id!)">"#)))
            let again = try await browser.post(
                "/approvals/\(step.id!)", [("csrf", csrf), ("action", "approve"), ("reason", "再批")])
            #expect(again.status == .conflict)
        }
        #expect(try server.db.escalations().first { $0.id == step.id }?.state == .approved)
        #expect(try server.db.letters().count == letters + 1)
        let audit = try #require(try server.db.audit(subject: step.task).last)
        #expect(audit.action == "escalation.approve" && audit.actor == server.tokens[.office]!.actor)
        #expect(audit.detail.contains("同意约谈"))
    }

    @Test func aViewerSeesTheQueuesButCannotDecide() async throws {
        let server = try TestServer()
        let step = try #require(try server.steps(to: "emergency", [.proposed]).first?.id)
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.viewer)
            let page = try await browser.get("/approvals")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<tr id="step-\#(step)">"#))
            #expect(!page.text.contains(#"action="/approvals/"#))
            let csrf = try Browser.csrf(page.text)
            let refused = try await browser.post(
                "/approvals/\(step)", [("csrf", csrf), ("action", "skip"), ("reason", "x")])
            #expect(refused.status == .forbidden)
            #expect(try await browser.get("/outbox").status == .ok)
        }
        #expect(try server.db.escalations().first { $0.id == step }?.state == .proposed)
    }

    @Test func theOutboxRenders() async throws {
        let server = try TestServer()
        let outbox = try server.db.outbox()
        #expect(!outbox.isEmpty)
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.office)
            let page = try await browser.get("/outbox")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>发送记录</h1>"))
            #expect(page.text.contains("没有未能送达的消息。"))
            let newest = try #require(outbox.last)
            #expect(page.text.contains(newest.subject.replacingOccurrences(of: "\"", with: "&quot;")))
        }
    }

    @Test func documentsRenderForTheSession() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.emergency)
            let bulletin = try await browser.get("/bulletins/2024-06.html")
            #expect(bulletin.status == .ok)
            #expect(bulletin.headers[.contentType] == "text/html; charset=utf-8")
            #expect(bulletin.text.contains("<html") && bulletin.text.contains("2024"))
            let agenda = try await browser.get("/agendas/2024Q2.md")
            #expect(agenda.headers[.contentType] == "text/markdown; charset=utf-8")
            let letter = try await browser.get("/letters/2024-5.docx")
            #expect(letter.status == .ok)
            #expect(Array(letter.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            #expect(try await browser.get("/bulletins/2023-12.html").status == .notFound)
            #expect(try await browser.get("/bulletins/2024-06.pdf").status == .notFound)
            #expect(try await browser.get("/letters/2024-6.html").status == .forbidden)  // hrss's
        }
    }

    @Test func theOfficeReportsAndADepartmentAcknowledgesThroughTheForms() async throws {
        let server = try TestServer()
        let task = ServerFixtures.emergencyDuty
        let step = try #require(try server.steps(to: "emergency", [.approved]).first { $0.rung == .letter }?.id)
        try await server.test { client in
            var office = Browser(client: client)
            _ = try await office.login(.office)
            let page = try await office.get("/departments/emergency").text
            let action = try #require(
                page.firstMatch(
                    of:
                        /action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrf" value="[^"]+">\s*<input type="hidden" name="task" value="m03-leader-led-inspections">/
                ))
            #expect(action.1 == "/departments/emergency/progress")
            #expect(page.contains(#"name="occurrence" value="2024Q3""#))
            let sent = try await office.post(
                String(action.1),
                [
                    ("csrf", try Browser.csrf(page)), ("task", task), ("occurrence", "2024Q2"), ("done", "on"),
                    ("note", ""),
                ])
            #expect(sent.status == .seeOther, "\(sent.text)")
            // An unticked box sends nothing: that occurrence was not done.
            let missed = try await office.post(
                String(action.1),
                [("csrf", try Browser.csrf(page)), ("task", task), ("occurrence", "2024Q1"), ("note", "")])
            #expect(missed.status == .seeOther, "\(missed.text)")

            var emergency = Browser(client: client, address: "203.0.113.20")
            _ = try await emergency.login(.emergency)
            let letters = try await emergency.get("/departments/emergency").text
            #expect(letters.contains(#"action="/escalations/\#(step)/acknowledge""#))
            let acknowledged = try await emergency.post(
                "/escalations/\(step)/acknowledge", [("csrf", try Browser.csrf(letters))])
            #expect(acknowledged.status == .seeOther)
            #expect(acknowledged.headers[.location] == "/departments/emergency")
            #expect(try await emergency.get("/departments/emergency").text.contains("已签收 2024-07-10"))
        }
        let reports = try server.db.progressReports(task: task)
        #expect(reports.map(\.occurrence) == ["2024Q2", "2024Q1"])
        #expect(reports.map(\.done) == [true, false])
        #expect(reports.allSatisfy { $0.departmentId == "emergency" && $0.note == nil })
        #expect(try server.db.acknowledgements()[step]?.actor == server.tokens[.emergency]!.actor)
    }

    @Test func loggingOutEndsTheSession() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.emergency)
            let csrf = try Browser.csrf(try await browser.get("/departments/emergency").text)
            let out = try await browser.post("/logout", [("csrf", csrf)])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            let cleared = try #require(out.headers[.setCookie])
            #expect(cleared.hasPrefix("duban_session=;") && cleared.contains("Max-Age=0"), "\(cleared)")
            // The old cookie no longer names anyone.
            #expect(try await browser.get("/departments/emergency").headers[.location] == "/login")
        }
    }
}
