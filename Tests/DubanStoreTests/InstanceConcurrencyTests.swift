import DubanCore
import DubanStoreTesting
import Foundation
import Testing

@testable import DubanStore

/// Several instances on one store at once, each with its own connections (on PostgreSQL: its own
/// pool on one database): a period runs once, a delivery is claimed by one dispatcher, and letter
/// numbers stay unique and gapless.
@Suite struct InstanceConcurrencyTests {
    /// Runs `body(i)` for each of `count` instances on their own threads, all started together.
    static func together(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let group = DispatchGroup()
        let failures = Failures()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do { try body(index) } catch { failures.add("\(error)") }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) {
            lock.lock()
            items.append(item)
            lock.unlock()
        }
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }

    final class Collected<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [T] = []
        func add(_ more: [T]) {
            lock.lock()
            items += more
            lock.unlock()
        }
        var all: [T] {
            lock.lock()
            defer { lock.unlock() }
            return items
        }
    }

    @Test func aPeriodStartedByThreeInstancesAtOnceRunsOnce() throws {
        let location = try TestStore.makeShared()
        let first = try AppDatabase.open(location)
        _ = try first.load(
            Fixtures.smallSet, files: ["plans/small.yaml"], now: SchedulerFixtures.loadedAt, actor: Fixtures.actor)
        let instances = try (0..<3).map { _ in try AppDatabase.open(location) }
        let outcomes = Collected<Int64>()
        let runs = ["2024-02", "2024-03", "2024-04"].map { SchedulerFixtures.due(.monthlyDispatch, $0) }
        try Self.together(3) { index in
            for run in runs {
                if let outcome = try instances[index].run(
                    run, context: SchedulerFixtures.context, ranAt: SchedulerFixtures.loadedAt)
                {
                    outcomes.add([outcome.runId])
                }
            }
        }
        #expect(outcomes.all.count == 3)
        let stored = try first.jobRuns()
        #expect(stored.map(\.period) == ["2024-02", "2024-03", "2024-04"])
        #expect(Set(outcomes.all) == Set(stored.map { $0.id! }))
    }

    @Test func fourDispatchersNeverClaimOneDeliveryTwice() throws {
        let location = try TestStore.makeShared()
        let first = try AppDatabase.open(location)
        let now = SchedulerFixtures.loadedAt
        try first.enqueue(
            (1...400).map {
                OutboxMessage(
                    idempotencyKey: "test/\($0)", departmentId: "emergency", kind: .reminders, subject: "s", body: "b",
                    createdAt: now)
            })
        try first.write { db in
            for message in try db.all(OutboxMessage.self) {
                var delivery = DeliveryRecord(
                    outboxId: message.id!, channelId: "robot", state: .queued, attempts: 0, nextAttemptAt: now)
                try db.insert(&delivery)
            }
        }
        let instances = try (0..<4).map { _ in try AppDatabase.open(location) }
        let claimed = Collected<Int64>()
        try Self.together(4) { index in
            let database = instances[index]
            while true {
                let due = try database.dueDeliveries(now: now, limit: 25).map { $0.delivery.id! }
                if due.isEmpty { return }
                claimed.add(Array(try database.claim(due, now: now, until: now.addingTimeInterval(600))))
            }
        }
        let all = claimed.all
        #expect(all.count == 400, "claims: \(all.count)")
        #expect(Set(all).count == all.count, "a delivery was claimed twice")
        // A lapsed lease is claimable again: the claimant died.
        let later = now.addingTimeInterval(601)
        #expect(try first.claim(Array(all.prefix(10)), now: later, until: later.addingTimeInterval(60)).count == 10)
    }

    @Test func lettersIssuedByTwoInstancesAtOnceAreNumberedWithoutGaps() throws {
        let location = try TestStore.makeShared()
        let first = try AppDatabase.open(location)
        let shipped = SchedulerFixtures.shipped
        _ = try first.load(
            shipped.set, contextPlans: shipped.contextPlans, files: shipped.files, now: SchedulerFixtures.loadedAt,
            actor: Fixtures.actor)
        let tasks = Array(try first.planSet().tasks.filter { $0.kind != .obligation }.map(\.id).prefix(16))
        try #require(tasks.count == 16)
        let instances = try (0..<2).map { _ in try AppDatabase.open(location) }
        let day = Day("2024-06-03")!
        try Self.together(2) { index in
            for task in tasks.enumerated().filter({ $0.offset % 2 == index }).map(\.element) {
                // A forced reminder, then a forced 函告: the second issues a numbered letter.
                for _ in 0..<2 {
                    try instances[index].force(
                        task: task, reason: "test", on: day, context: SchedulerFixtures.context,
                        now: SchedulerFixtures.loadedAt, actor: Fixtures.actor)
                }
            }
        }
        let letters = try first.letters(year: 2024)
        #expect(letters.count == 16)
        #expect(letters.map(\.sequence) == Array(1...16))
        #expect(Set(letters.map(\.number)).count == 16)
    }
}
