import DubanCore
import DubanServer
import Foundation
import HummingbirdTesting
import Testing

@testable import DubanStore

/// A task removed from its plan (archived by a reload) while the server still remembers it for
/// a few seconds: a report on it is refused as 404 naming the task, not blamed on a field.
@Suite struct ArchivedTaskTests {
    @Test func aReportOnATaskArchivedWhileCachedIsNotFoundNamingTheTask() async throws {
        let server = try TestServer(ticked: false)
        let task = ServerFixtures.emergencyDuty
        try await server.test { client in
            let first = try await client.send(
                .post, "/api/tasks/\(task)/progress", as: .emergency, json: #"{"occurrence": "2024Q2"}"#)
            #expect(first.status == .created, "\(first.text)")

            // The plan reloaded without the duty: the task is archived, the server's cache still holds it.
            var set = ServerFixtures.shipped.set
            for index in set.plans.indices { set.plans[index].tasks.removeAll { $0.id == task } }
            _ = try server.db.load(
                set, contextPlans: ServerFixtures.shipped.contextPlans, files: ServerFixtures.shipped.files,
                now: ServerFixtures.now, actor: "tester")
            #expect(try server.db.task(task)?.1 == true, "archived")

            let before = try server.counts()
            let second = try await client.send(
                .post, "/api/tasks/\(task)/progress", as: .emergency, json: #"{"occurrence": "2024Q3"}"#)
            let error = try second.error(.notFound, "not_found", field: "task")
            #expect((error["message"] as? String)?.contains(task) == true, "\(error)")
            #expect(try server.counts() == before, "nothing recorded")
        }
    }
}
