import DubanCore
import DubanServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// Bodies the API refuses, each with the status, code and field it names, and nothing stored; and
/// the one error shape every refusal has.
@Suite struct BadBodyTests {
    static let milestone = "/api/tasks/\(ServerFixtures.emergencyMilestone)/progress"
    static let duty = "/api/tasks/\(ServerFixtures.emergencyDuty)/progress"
    static let target = "/api/tasks/\(ServerFixtures.emergencyTarget)/progress"

    /// A refused body: where it goes, what it is, and the status, code and field of the answer.
    struct Case: Sendable, CustomTestStringConvertible {
        var uri: String
        var body: String
        var status: HTTPResponse.Status
        var code: String
        var field: String?
        var testDescription: String { "\(uri.split(separator: "/").dropFirst(2).first ?? "") \(body)" }

        static func invalid(_ uri: String, _ body: String, _ field: String) -> Case {
            Case(uri: uri, body: body, status: .unprocessableContent, code: "invalid_field", field: field)
        }

        static func bad(_ uri: String, _ body: String) -> Case {
            Case(uri: uri, body: body, status: .badRequest, code: "bad_request", field: nil)
        }
    }

    static let cases: [Case] = [
        .bad(milestone, "percent=50"), .bad(milestone, "{\"percent\": 50"), .bad(milestone, "[{\"percent\": 50}]"),
        .bad(milestone, "\"percent\""), .bad(milestone, "42"),
        .invalid(milestone, #"{"percent": 50, "progress": 50}"#, "progress"),
        .invalid(milestone, #"{"percent": "sixty"}"#, "percent"),
        .invalid(milestone, #"{"percent": 100.5}"#, "percent"), .invalid(milestone, #"{"percent": -1}"#, "percent"),
        .invalid(milestone, #"{"percent": true}"#, "percent"), .invalid(milestone, "{}", "percent"),
        .invalid(milestone, #"{"occurrence": "2024Q2"}"#, "percent"),
        .invalid(milestone, #"{"percent": 50, "date": "2024-02-30"}"#, "date"),
        .invalid(milestone, #"{"percent": 50, "date": "07/01/2024"}"#, "date"),
        .invalid(milestone, #"{"percent": 50, "date": 20240701}"#, "date"),
        .invalid(milestone, #"{"percent": 50, "date": "2024-07-11"}"#, "date"),
        .invalid(milestone, #"{"percent": 50, "note": 7}"#, "note"),
        .invalid(milestone, #"{"percent": 50, "department": "nowhere"}"#, "department"),
        // Every field present must have its type, whichever the task's kind reads.
        .invalid(milestone, #"{"percent": 50, "value": "lots"}"#, "value"),
        .invalid(milestone, #"{"percent": 50, "done": "yes"}"#, "done"),
        .invalid(duty, #"{"occurrence": 2024}"#, "occurrence"),
        .invalid(milestone, #"{"percent": [50]}"#, "percent"),
        .invalid(milestone, #"{"percent": 5, "note": {"t": "x"}}"#, "note"),
        .invalid(milestone, #"{"percent": null}"#, "percent"),
        .invalid(duty, #"{"occurrence": "2023Q4"}"#, "occurrence"),
        .invalid(duty, #"{"occurrence": "2024-06"}"#, "occurrence"),
        .invalid(duty, #"{"occurrence": "2027Q1"}"#, "occurrence"), .invalid(duty, #"{"done": true}"#, "occurrence"),
        .invalid(target, #"{"value": "lots"}"#, "value"), .invalid(target, #"{"percent": 50}"#, "value"),
        .invalid("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", "{}", "reason"),
        .invalid("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", #"{"reason": ""}"#, "reason"),
        .invalid("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", #"{"reason": 5}"#, "reason"),
        .invalid("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", #"{"reason": "x", "rung": "summons"}"#, "rung"),
        .bad("/api/tasks/\(ServerFixtures.fireMilestone)/escalate", "reason=x"),
    ]

    @Test(arguments: cases)
    func refused(_ refused: Case) async throws {
        let server = try TestServer()
        let before = try server.counts()
        let response = try await server.test { client in
            try await client.send(.post, refused.uri, as: .office, json: refused.body)
        }
        _ = try response.error(refused.status, refused.code, field: refused.field)
        #expect(try server.counts() == before)
    }

    /// One shape for every status the API raises: 400, 401, 403, 404, 409 and 422.
    @Test func everyErrorHasTheSameShape() async throws {
        let server = try TestServer()
        let proposed = try #require(try server.steps(to: "emergency", [.proposed]).first?.id)
        try await server.test { client in
            let errors: [(TestResponse, HTTPResponse.Status, String)] = [
                (
                    try await client.send(.post, Self.milestone, as: .office, json: "not json"), .badRequest,
                    "bad_request"
                ),
                (try await client.send(.get, "/api/tasks", as: .garbage), .unauthorized, "unauthorized"),
                (try await client.send(.get, "/api/tasks", as: .none), .unauthorized, "unauthorized"),
                (try await client.send(.post, Self.milestone, as: .viewer, json: "{}"), .forbidden, "forbidden"),
                (try await client.send(.get, "/api/tasks/none", as: .viewer), .notFound, "not_found"),
                (
                    try await client.send(.post, "/api/escalations/\(proposed)/acknowledge", as: .office), .conflict,
                    "conflict"
                ),
                (
                    try await client.send(.get, "/api/tasks?light=pink", as: .viewer), .unprocessableContent,
                    "invalid_field"
                ),
            ]
            for (response, status, code) in errors {
                let error = try response.error(
                    status, code, field: code == "invalid_field" ? "light" : code == "conflict" ? "step" : nil)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(error["fix"] is String || error["fix"] is NSNull)
            }
        }
    }

    /// JSON as clients write it: spacing, exponents, escapes in keys and values, null for absent.
    @Test(
        arguments: [
            (#"{"percent":0}"#, 0.0, nil), (" {\r\n\t\"percent\" : 5e1 } ", 50.0, nil),
            (#"{"\u0070ercent": 12.5}"#, 12.5, nil),
            (#"{"percent": 30, "note": "含 \"引号\"、} 和 \\ 与 😀"}"#, 30.0, "含 \"引号\"、} 和 \\ 与 😀"),
            (#"{"percent": 40, "note": null, "date": null, "department": null}"#, 40.0, nil),
            (#"{"percent": 45, "note": "", "date": ""}"#, 45.0, nil),
        ] as [(String, Double, String?)])
    func acceptedJSON(body: String, percent: Double, note: String?) async throws {
        let server = try TestServer()
        let response = try await server.test { client in
            try await client.send(.post, Self.milestone, as: .emergency, json: body)
        }
        #expect(response.status == .created, "\(response.text)")
        let stored = try #require(try server.db.progressReports(task: ServerFixtures.emergencyMilestone).last)
        #expect(stored.percent == percent)
        #expect(stored.note == note)
        #expect(stored.date == Day(ServerFixtures.today))
    }

    @Test func anAcknowledgementTakesOnlyANote() async throws {
        let server = try TestServer()
        let step = try #require(try server.steps(to: "emergency", [.approved]).first?.id)
        let response = try await server.test { client in
            try await client.send(
                .post, "/api/escalations/\(step)/acknowledge", as: .emergency, json: #"{"seen": true}"#)
        }
        _ = try response.error(.unprocessableContent, "invalid_field", field: "seen")
        #expect(try server.db.acknowledgements().isEmpty)
    }

    /// The office may name the reporting department; one that has nothing to do with the task is
    /// the department's fault, not the percent's.
    @Test func aDepartmentOutsideTheTaskIsNamedAsTheField() async throws {
        let server = try TestServer()
        let response = try await server.test { client in
            try await client.send(.post, Self.milestone, as: .office, json: #"{"percent": 50, "department": "water"}"#)
        }
        #expect(response.status == .unprocessableContent)
        let field = try response.object()["error"].flatMap { ($0 as? [String: Any])?["field"] as? String }
        #expect(field == "department", "\(response.text)")
    }

    /// JSON is typed: a number or boolean sent as a string is refused, as openapi.yaml's schema says
    /// (the dashboard's forms send text, and may).
    @Test(arguments: [
        (milestone, #"{"percent": "60"}"#, "percent"), (target, #"{"value": "42"}"#, "value"),
        (duty, #"{"occurrence": "2024Q2", "done": "maybe"}"#, "done"),
    ])
    func stringsAreNotNumbersOrBooleansInJSON(uri: String, body: String, field: String) async throws {
        let server = try TestServer()
        let before = try server.counts()
        let response = try await server.test { client in try await client.send(.post, uri, as: .emergency, json: body) }
        let after = try server.counts()
        _ = try response.error(.unprocessableContent, "invalid_field", field: field)
        #expect(after == before)
    }

    /// Errors Hummingbird raises itself (no route, a body over the 1 MiB limit) come out in the
    /// API's one shape too; a method a path does not take is 405 with `Allow`, not 404.
    @Test func routingAndSizeErrorsHaveTheAPIShape() async throws {
        let server = try TestServer()
        let big = "{\"percent\": 5, \"note\": \"" + String(repeating: "x", count: 1_100_000) + "\"}"
        let responses = try await server.test { client in
            [
                try await client.send(.get, "/api/no-such-route", as: .office),
                try await client.send(.delete, "/api/tasks", as: .office),
                try await client.send(.post, Self.milestone, as: .office, json: big),
            ]
        }
        #expect(responses.map(\.status) == [.notFound, .methodNotAllowed, .contentTooLarge])
        _ = try responses[0].error(.notFound, "not_found")
        let wrongMethod = try responses[1].error(.methodNotAllowed, "method_not_allowed")
        #expect(wrongMethod["message"] as? String == "/api/tasks does not take DELETE; it takes GET, HEAD")
        #expect(responses[1].headers[.allow] == "GET, HEAD")
        _ = try responses[2].error(.contentTooLarge, "too_large")
        #expect(try server.db.progressReports(task: ServerFixtures.emergencyMilestone).isEmpty)
    }

    /// `Allow` names what the path takes, whatever its captures hold, on the API and the pages alike;
    /// a path no route has stays 404, and a refused method changes nothing.
    @Test func aMethodAPathDoesNotTakeIs405WithAllow() async throws {
        let server = try TestServer()
        let task = ServerFixtures.emergencyMilestone
        let cases: [(HTTPRequest.Method, String, String?)] = [
            (.post, "/api/tasks/\(task)", "GET, HEAD"),
            (.put, "/api/tasks/\(task)/progress", "POST"),
            (.get, "/api/tasks/\(task)/progress", "POST"),
            (.delete, "/api/escalations/7/acknowledge", "POST"),
            (.patch, "/login", "GET, HEAD, POST"),
            (.delete, "/healthz", "GET, HEAD"),
            (.delete, "/api/tasks/\(task)/nothing", nil),
            (.put, "/nowhere", nil),
        ]
        try await server.test { client in
            for (method, path, allow) in cases {
                let response = try await client.send(method, path, as: .office, json: #"{"percent": 50}"#)
                if let allow {
                    _ = try response.error(.methodNotAllowed, "method_not_allowed")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                } else {
                    _ = try response.error(.notFound, "not_found")
                    #expect(response.headers[.allow] == nil, "\(method) \(path)")
                }
            }
        }
        #expect(try server.db.progressReports(task: task).isEmpty)
    }
}
