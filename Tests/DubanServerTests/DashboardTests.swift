import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DubanStore

/// A browser on the dashboard: the login form, the session cookie, pages, and forms with their CSRF token.
struct Browser {
    let client: any TestClientProtocol
    var cookie: String?
    /// Where the login form is posted from (the rate limit counts per client).
    var address = "198.51.100.7"

    var headers: HTTPFields {
        var headers: HTTPFields = [HTTPField.Name("X-Real-IP")!: address]
        if let cookie { headers[.cookie] = "duban_session=\(cookie)" }
        return headers
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers) { $0 }
    }

    func post(_ uri: String, _ form: [(String, String)]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let body = form.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(
            separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            $0
        }
    }

    /// Logs in with `role`'s token; the browser keeps the session cookie.
    mutating func login(_ role: Role) async throws -> TestResponse {
        let response = try await post("/login", [("token", role.token ?? "")])
        if let header = response.headers[.setCookie], header.hasPrefix("duban_session=") {
            cookie = String(header.dropFirst("duban_session=".count).prefix { $0 != ";" })
        }
        return response
    }

    /// The CSRF token in a page's forms.
    static func csrf(_ page: String) throws -> String {
        let match = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/))
        return String(match.1)
    }
}

/// The dashboard: login and its rate limit, sessions, the pages each role sees, and CSRF-checked forms.
@Suite struct DashboardTests {
    @Test func withoutASessionEveryPageGoesToTheLogin() async throws {
        let server = try TestServer()
        try await server.test { client in
            let browser = Browser(client: client)
            for uri in ["/", "/departments/emergency", "/approvals", "/outbox", "/bulletins/2024-06.html"] {
                let response = try await browser.get(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/login", "\(uri)")
            }
            let login = try await browser.get("/login")
            #expect(login.status == .ok)
            #expect(login.headers[.contentType] == "text/html; charset=utf-8")
            #expect(login.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(login.text.contains(#"<form method="post" action="/login""#))
        }
    }

    @Test func badTokensAreRefusedThenTheClientIsSlowedDown() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            for role in [Role.garbage, .revoked, .expired, .none, .garbage] {
                let response = try await browser.login(role)
                #expect(response.status == .unauthorized, "\(role)")
                #expect(response.text.contains("令牌无效、已吊销或已过期。"))
                #expect(response.headers[.setCookie] == nil)
            }
            // The sixth try, even with a good token, waits.
            let limited = try await browser.login(.emergency)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("登录失败次数过多"))
            #expect(browser.cookie == nil)
            // Another client is not slowed down.
            var other = Browser(client: client, address: "203.0.113.9")
            #expect(try await other.login(.emergency).status == .seeOther)
        }
    }

    @Test func aDepartmentLogsInAndSeesItsOwnTasks() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            let login = try await browser.login(.emergency)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/departments/emergency")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix("duban_session="))
            for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/", "Max-Age=28800"] {
                #expect(cookie.split(separator: "; ").contains { $0 == attribute }, "\(cookie) lacks \(attribute)")
            }
            #expect(browser.cookie?.count == 43)

            #expect(try await browser.get("/").headers[.location] == "/departments/emergency")
            let page = try await browser.get("/departments/emergency")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>区应急管理局"))
            #expect(html.contains(#"id="task-\#(ServerFixtures.emergencyMilestone)""#))
            #expect(html.contains(#"id="task-m14-2026-remote-enforcement-xingren""#))  // supported, not led
            #expect(!html.contains(#"id="task-\#(ServerFixtures.fireMilestone)""#))
            #expect(html.contains("高新安办函〔2024〕5号"))
            #expect(!html.contains("高新安办函〔2024〕6号"))  // hrss's letter
            #expect(html.contains(#"<a href="/departments/emergency">本单位</a>"#))

            let other = try await browser.get("/departments/fire")
            #expect(other.status == .forbidden)
            #expect(other.text.contains("只能查看本单位的页面。"))
            #expect(try await browser.get("/approvals").status == .forbidden)
            #expect(try await browser.get("/outbox").status == .forbidden)
            #expect(try await browser.get("/letters/2024-6.html").status == .forbidden)  // hrss's
            #expect(try await browser.get("/departments/nowhere").status == .notFound)
        }
    }

    @Test func theProgressFormNeedsTheSessionsCSRFToken() async throws {
        let server = try TestServer()
        let task = ServerFixtures.emergencyMilestone
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.emergency)
            let page = try await browser.get("/departments/emergency").text
            let csrf = try Browser.csrf(page)
            let form = [("task", task), ("percent", "70"), ("note", "已完成制度审查 70%")]

            let missing = try await browser.post("/departments/emergency/progress", form)
            _ = try missing.error(.forbidden, "csrf")
            let wrong = try await browser.post(
                "/departments/emergency/progress", [("csrf", (csrf.first == "A" ? "B" : "A") + csrf.dropFirst())] + form
            )
            #expect(wrong.status == .forbidden)
            // A token from another session does not do either.
            var stranger = Browser(client: client, address: "203.0.113.5")
            _ = try await stranger.login(.emergency)
            let theirs = try await stranger.post("/departments/emergency/progress", [("csrf", csrf)] + form)
            #expect(theirs.status == .forbidden)
            #expect(try server.db.progressReports(task: task).isEmpty)

            // The form posts where the page says, with the page's token.
            let action = try #require(
                page.firstMatch(
                    of:
                        /action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrf" value="[^"]+">\s*<input type="hidden" name="task" value="m10-2024-institution-review">/
                ))
            #expect(action.1 == "/departments/emergency/progress")
            let sent = try await browser.post(String(action.1), [("csrf", csrf)] + form)
            #expect(sent.status == .seeOther, "\(sent.text)")
            #expect(sent.headers[.location] == "/departments/emergency?ok=\(task)")
            let after = try await browser.get(sent.headers[.location]!).text
            let title = try #require(try server.db.task(task)?.task.title)
            #expect(after.contains(#"<p class="notice">已报送“\#(title)”的进度。</p>"#))
        }
        let stored = try #require(try server.db.progressReports(task: task).last)
        #expect(stored.percent == 70)
        #expect(stored.note == "已完成制度审查 70%")
        #expect(stored.departmentId == "emergency")
        #expect(try server.db.audit(subject: task).last?.actor == server.tokens[.emergency]!.actor)
    }

    /// A refused form answers with a page that names the bad value, escaped.
    @Test func aRefusedFormShowsTheReasonEscaped() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.emergency)
            let csrf = try Browser.csrf(try await browser.get("/departments/emergency").text)
            let refused = try await browser.post(
                "/departments/emergency/progress",
                [("csrf", csrf), ("task", ServerFixtures.emergencyDuty), ("occurrence", "<script>alert(1)</script>")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType] == "text/html; charset=utf-8")
            #expect(refused.text.contains("未能报送"))
            #expect(refused.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!refused.text.contains("<script>alert(1)"))
            // Reporting on another department's task through one's own page is refused too.
            let other = try await browser.post(
                "/departments/emergency/progress",
                [("csrf", csrf), ("task", ServerFixtures.fireMilestone), ("percent", "10")])
            #expect(other.status == .forbidden)
        }
        #expect(try server.db.progressReports(task: ServerFixtures.emergencyDuty).isEmpty)
        #expect(try server.db.progressReports(task: ServerFixtures.fireMilestone).isEmpty)
    }
}
