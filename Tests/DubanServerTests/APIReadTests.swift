import DubanCore
import DubanServer
import DubanStoreTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// The read endpoints: health, metrics, the OpenAPI document, tasks, escalations and the evaluation.
@Suite struct APIReadTests {
    @Test func healthNeedsNoTokenButRefusesABadOne() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.send(.get, "/healthz", as: .garbage).error(.unauthorized, "unauthorized")
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let engine = server.environment.database.location.engine
                #expect(response.text == #"{"status":"ok","database":{"engine":"\#(engine)","status":"ok"}}"#)
                let expected = try TestStore.engine == .postgres ? "postgresql" : "sqlite"
                #expect(engine == expected)
            }
        }
    }

    @Test func metricsCountRequestsByRouteAndReports() async throws {
        let server = try TestServer()
        try await server.test { client in
            _ = try await client.send(.get, "/healthz")
            _ = try await client.send(.get, "/api/tasks/nope", as: .viewer)
            _ = try await client.send(
                .post, "/api/tasks/\(ServerFixtures.emergencyMilestone)/progress", as: .emergency,
                json: #"{"percent": 30}"#)
            let response = try await client.send(.get, "/metrics", as: .none)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains("# TYPE duban_http_request_duration_seconds histogram"))
            #expect(
                text.contains(
                    #"duban_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 1"#))
            // Routes are labelled by their pattern, not the path: one series for every task id.
            #expect(text.contains(#"route="/api/tasks/{id}",status="404"} 1"#))
            #expect(!text.contains("route=\"/api/tasks/nope\""))
            #expect(text.contains("duban_progress_reports_total 1"))
            #expect(text.contains(#"duban_job_runs_total{job="monthly-dispatch"} 0"#))
        }
    }

    @Test func theOpenAPIDocumentIsServed() async throws {
        let server = try TestServer()
        let text = try await server.test { client in
            let response = try await client.send(.get, "/openapi.yaml", as: .none)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.text.hasPrefix("openapi: 3"))
            return response.text
        }
        // README and `make fuzz` rely on it describing every route.
        for path in [
            "/api/tasks:", "/api/tasks/{id}:", "/api/tasks/{id}/progress:", "/api/tasks/{id}/escalate:",
            "/api/escalations:", "/api/escalations/{id}/acknowledge:", "/api/escalations/{id}/{action}:",
            "/api/evaluation:", "/api/bulletins/{month}:", "/api/agendas/{quarter}:", "/api/letters:",
            "/api/letters/{number}:", "/api/calendars/{file}:", "/api/hazards:", "/api/hazards/stats:",
            "/api/hazards/{id}:", "/api/hazards/{id}/list:", "/api/hazards/{id}/rectify:",
            "/api/hazards/{id}/verify:", "/api/hazards/{id}/close:", "/api/hazards/{id}/reopen:",
            "/api/hazards/{id}/wait:", "/healthz:", "/metrics:",
        ] {
            #expect(text.contains("\n  \(path)\n"), "openapi.yaml does not describe \(path)")
        }
    }

    @Test func tasksAreListedWithTheirEvaluation() async throws {
        let server = try TestServer()
        let planned = try server.db.planSet().tasks
        try await server.test { client in
            let list = try await client.send(.get, "/api/tasks", as: .viewer).object()
            #expect(list["as_of"] as? String == ServerFixtures.today)
            let tasks = try #require(list["tasks"] as? [[String: Any]])
            #expect(tasks.count == planned.count)
            let census = try #require(tasks.first { $0["id"] as? String == "m26-2024-confined-space-census" })
            #expect(census["lead"] as? String == "emergency")
            #expect(census["kind"] as? String == "milestone")
            #expect(census["due"] as? String == "2024-03-31")
            #expect(census["expected"] as? Double == 100)
            #expect(census["reported"] as? Double == 0)
            #expect(census["light"] as? String == "red")
            #expect(census["status"] as? String == "overdue")
            #expect(census["support"] as? [String] == ["xingren", "xingcheng", "zhangfan"])
            let unauthorized = try await client.send(.get, "/api/tasks", as: .none)
            _ = try unauthorized.error(.unauthorized, "unauthorized")
        }
    }

    @Test(arguments: [
        "department=emergency", "action=a1-leader-training", "light=red", "light=green", "status=overdue",
        "status=on%20track",
    ])
    func tasksFilter(query: String) async throws {
        let parts = query.split(separator: "=").map { String($0).removingPercentEncoding! }
        let (key, value) = (parts[0] == "department" ? "lead" : parts[0], parts[1])
        let server = try TestServer()
        try await server.test { client in
            let all = try #require(
                try await client.send(.get, "/api/tasks", as: .fire).object()["tasks"] as? [[String: Any]])
            let expected = all.filter { $0[key] as? String == value }.compactMap { $0["id"] as? String }
            #expect(!expected.isEmpty, "no task has \(key) \(value) to filter on")
            let response = try await client.send(.get, "/api/tasks?\(query)", as: .fire)
            #expect(response.status == .ok, "\(response.text)")
            let filtered = try #require(try response.object()["tasks"] as? [[String: Any]])
            #expect(filtered.compactMap { $0["id"] as? String } == expected)
        }
    }

    @Test func tasksFiltersCombine() async throws {
        let server = try TestServer()
        try await server.test { client in
            let tasks = try #require(
                try await client.send(.get, "/api/tasks?department=hrss&light=red", as: .office).object()["tasks"]
                    as? [[String: Any]])
            #expect(
                tasks.compactMap { $0["id"] as? String }.sorted() == [
                    "m11-2024-hazchem-staff-training", "m11-2024-injury-prevention-60",
                ])
        }
    }

    @Test(arguments: [("light", "purple"), ("status", "finished"), ("department", "police-station")])
    func tasksRefuseABadFilter(field: String, value: String) async throws {
        let server = try TestServer()
        try await server.test { client in
            let response = try await client.send(.get, "/api/tasks?\(field)=\(value)", as: .viewer)
            let error = try response.error(.unprocessableContent, "invalid_field", field: field)
            #expect((error["message"] as? String)?.contains(value) == true)
        }
    }

    @Test func aTaskShowsItsSourceProgressAndEscalations() async throws {
        let server = try TestServer()
        let id = ServerFixtures.emergencyMilestone
        try await server.test { client in
            _ = try await client.send(.post, "/api/tasks/\(id)/progress", as: .emergency, json: #"{"percent": 25}"#)
            let detail = try await client.send(.get, "/api/tasks/\(id)", as: .fire).object()
            let task = try #require(detail["task"] as? [String: Any])
            #expect(task["id"] as? String == id)
            #expect(task["reported"] as? Double == 25)
            #expect(task["due"] as? String == "2024-06-30")
            #expect((detail["source"] as? String)?.isEmpty == false)
            let progress = try #require(detail["progress"] as? [[String: Any]])
            #expect(progress.count == 1)
            #expect(progress.first?["percent"] as? Double == 25)
            #expect(progress.first?["department"] as? String == "emergency")
            let steps = try #require(detail["escalations"] as? [[String: Any]])
            let stored = try server.db.escalations(task: id)
            #expect(steps.compactMap { $0["id"] as? Int } == stored.compactMap { $0.id.map(Int.init) })
            #expect(steps.contains { $0["rung"] as? String == "summons" && $0["state"] as? String == "proposed" })
            #expect(steps.contains { $0["letter"] as? String == "高新安办函〔2024〕5号" })

            let missing = try await client.send(.get, "/api/tasks/no-such-task", as: .office)
            let error = try missing.error(.notFound, "not_found")
            #expect((error["message"] as? String)?.contains("no-such-task") == true)
        }
    }

    @Test func escalationsAreListedAndFiltered() async throws {
        let server = try TestServer()
        let all = try server.db.escalations()
        try await server.test { client in
            #expect(try await client.send(.get, "/api/escalations", as: .viewer).array().count == all.count)
            let proposed = try await client.send(.get, "/api/escalations?state=proposed", as: .viewer).array()
            #expect(proposed.count == all.filter { $0.state == .proposed }.count)
            #expect(proposed.count == 5)
            #expect(proposed.allSatisfy { $0["state"] as? String == "proposed" && $0["letter"] == nil })
            let fire = try await client.send(.get, "/api/escalations?department=fire", as: .viewer).array()
            #expect(fire.count == all.filter { $0.department == "fire" }.count)
            #expect(!fire.isEmpty && fire.allSatisfy { $0["department"] as? String == "fire" })
            let task = "m11-2024-hazchem-staff-training"
            let climbed = try await client.send(.get, "/api/escalations?task=\(task)&state=approved", as: .viewer)
                .array()
            #expect(climbed.map { $0["rung"] as? String } == ["reminder", "reminder", "reminder", "letter", "notice"])
            #expect(climbed.allSatisfy { $0["task"] as? String == task && $0["department"] as? String == "hrss" })
            // A department's token sees the steps addressed to it, whatever it asks for.
            let own = try await client.send(.get, "/api/escalations?department=hrss", as: .fire).array()
            #expect(own.count == fire.count)
            #expect(own.allSatisfy { $0["department"] as? String == "fire" })
            #expect(try await client.send(.get, "/api/escalations?task=\(task)", as: .fire).array().isEmpty)
            let bad = try await client.send(.get, "/api/escalations?state=pending", as: .viewer)
            _ = try bad.error(.unprocessableContent, "invalid_field", field: "state")
            _ = try await client.send(.get, "/api/escalations", as: .expired).error(.unauthorized, "unauthorized")
        }
    }

    @Test func theEvaluationIsAsOfTheDayAsked() async throws {
        let server = try TestServer()
        try await server.test { client in
            let today = try await client.send(.get, "/api/evaluation", as: .viewer).object()
            #expect(today["as_of"] as? String == ServerFixtures.today)
            let march = try await client.send(.get, "/api/evaluation?as_of=2024-03-31", as: .viewer).object()
            #expect(march["as_of"] as? String == "2024-03-31")
            func task(_ body: [String: Any], _ id: String) -> [String: Any]? {
                (body["tasks"] as? [[String: Any]])?.first { $0["id"] as? String == id }
            }
            let id = ServerFixtures.emergencyMilestone
            let expectedMarch = try #require(task(march, id)?["expected"] as? Double)
            #expect(try #require(task(today, id)?["expected"] as? Double) == 100)
            #expect(expectedMarch > 0 && expectedMarch < 100)
            let departments = try #require(today["departments"] as? [[String: Any]])
            #expect(!departments.isEmpty)
            let received = try #require(today["escalations_this_year"] as? [String: Int])
            #expect(received == (try server.db.escalationsReceived(through: Day(ServerFixtures.today)!)))
            #expect((received["emergency"] ?? 0) > (received["fire"] ?? 0))
            let bad = try await client.send(.get, "/api/evaluation?as_of=2024-13-01", as: .viewer)
            _ = try bad.error(.unprocessableContent, "invalid_field", field: "as_of")
        }
    }
}
