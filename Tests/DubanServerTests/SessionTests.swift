import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DubanStore

/// How long sessions and the login limit last, and what ends a session early.
@Suite struct SessionTests {
    @Test func aSessionLastsEightHours() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.emergency)
            server.clock.advance(seconds: 8 * 3600 - 1)
            #expect(try await browser.get("/departments/emergency").status == .ok)
            server.clock.advance(seconds: 1)
            #expect(try await browser.get("/departments/emergency").headers[.location] == "/login")
        }
    }

    /// The JSON API takes bearer tokens only: a page elsewhere cannot make a logged-in browser
    /// write through it (the dashboard's forms carry a CSRF token; the API has none).
    @Test func theSessionCookieDoesNotReachTheAPI() async throws {
        let server = try TestServer()
        let before = try server.counts()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.office)
            let cookie: HTTPFields = [
                .cookie: "duban_session=\(browser.cookie ?? "")", .contentType: "application/json",
            ]
            let read = try await client.execute(uri: "/api/tasks", method: .get, headers: cookie) { $0 }
            _ = try read.error(.unauthorized, "unauthorized")
            let write = try await client.execute(
                uri: "/api/tasks/\(ServerFixtures.emergencyMilestone)/progress", method: .post, headers: cookie,
                body: ByteBuffer(string: #"{"percent": 99}"#)
            ) { $0 }
            _ = try write.error(.unauthorized, "unauthorized")
            let step = try #require(try server.steps(to: "emergency", [.proposed]).first?.id)
            let decide = try await client.execute(
                uri: "/api/escalations/\(step)/approve", method: .post, headers: cookie,
                body: ByteBuffer(string: #"{"reason": "csrf"}"#)
            ) { $0 }
            _ = try decide.error(.unauthorized, "unauthorized")
            // The pages still take it.
            #expect(try await browser.get("/").status == .ok)
        }
        #expect(try server.counts().reports == before.reports)
        #expect(try server.counts().steps == before.steps)
    }

    @Test func revokingTheTokenEndsItsSessions() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            _ = try await browser.login(.fire)
            #expect(try await browser.get("/departments/fire").status == .ok)
            try server.db.revokeToken(id: server.tokens[.fire]!.id!, now: server.clock.now, actor: "tester")
            #expect(try await browser.get("/departments/fire").headers[.location] == "/login")
        }
    }

    @Test func theLoginLimitLiftsAfterAMinuteAndOnSuccess() async throws {
        let server = try TestServer()
        try await server.test { client in
            var browser = Browser(client: client)
            for _ in 1...4 { #expect(try await browser.login(.garbage).status == .unauthorized) }
            // A success forgets the failures: five more may follow before the limit.
            #expect(try await browser.login(.viewer).status == .seeOther)
            for _ in 1...5 { #expect(try await browser.login(.garbage).status == .unauthorized) }
            #expect(try await browser.login(.viewer).status == .tooManyRequests)
            server.clock.advance(seconds: 59)
            #expect(try await browser.login(.viewer).status == .tooManyRequests)
            server.clock.advance(seconds: 1)
            let login = try await browser.login(.viewer)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/")
        }
    }

    @Test func aTokenThatExpiresEndsItsSessionAndItsAPIAccess() async throws {
        let server = try TestServer()
        let text = "duban_test_short_lived"
        let token = try server.db.createToken(
            hash: TokenText.hash(text), role: .viewer, department: nil, label: "短期",
            expires: server.clock.now.addingTimeInterval(3600),
            now: server.clock.now, actor: "tester")
        #expect(token.isValid(at: server.clock.now))
        try await server.test { client in
            var browser = Browser(client: client)
            let login = try await browser.post("/login", [("token", text)])
            #expect(login.status == .seeOther)
            let cookie = try #require(
                login.headers[.setCookie].map { String($0.dropFirst("duban_session=".count).prefix { $0 != ";" }) })
            browser.cookie = cookie
            let bearer: HTTPFields = [.authorization: "Bearer \(text)"]
            #expect(try await client.execute(uri: "/api/tasks", method: .get, headers: bearer) { $0.status } == .ok)
            server.clock.advance(seconds: 3600)
            #expect(try await browser.get("/").headers[.location] == "/login")
            _ = try await client.execute(uri: "/api/tasks", method: .get, headers: bearer) {
                try $0.error(.unauthorized, "unauthorized")
            }
        }
    }
}
