import DubanCore
import DubanNotify
import Foundation
import Testing

@testable import DubanStore

/// libcurl keeps connections open between requests: a receiver that counts its TCP connections
/// sees one per request in flight, not one per request.
@Suite struct ConnectionReuseTests {
    static func request(_ receiver: CountingReceiver, _ n: Int, path: String = "/webhook/ok") -> HTTPRequest {
        HTTPRequest(
            url: "\(receiver.base)\(path)", headers: [("webhook-id", "reuse/\(n)")], body: Data(#"{"n":\#(n)}"#.utf8))
    }

    static func status(_ outcome: HTTPOutcome) -> Int? {
        if case .response(let status, _, _, _) = outcome { return status }
        return nil
    }

    @Test func requestsOneAfterAnotherShareOneConnectionAcrossCopiesOfTheTransport() async throws {
        let receiver = try CountingReceiver()
        defer { receiver.stop() }
        let transport = CurlTransport(timeout: 5, connectTimeout: 2)
        var copy = transport
        copy.timeout = 4  // a copy with other options still lends the same handles
        var statuses: [Int?] = []
        for n in 0..<50 {
            statuses.append(Self.status(await (n % 2 == 0 ? transport : copy).send(Self.request(receiver, n))))
        }
        #expect(statuses == Array(repeating: 200, count: 50))
        #expect(receiver.requests == 50)
        #expect(receiver.connections == 1)
    }

    @Test func concurrentRequestsOpenNoMoreConnectionsThanAreInFlight() async throws {
        let receiver = try CountingReceiver()
        defer { receiver.stop() }
        let transport = CurlTransport(timeout: 5, connectTimeout: 2)
        let total = 400
        let inFlight = 8
        let statuses = await withTaskGroup(of: Int?.self) { group in
            var next = 0
            var statuses: [Int?] = []
            while next < inFlight {
                let n = next
                group.addTask { Self.status(await transport.send(Self.request(receiver, n))) }
                next += 1
            }
            for await status in group {
                statuses.append(status)
                if next < total {
                    let n = next
                    group.addTask { Self.status(await transport.send(Self.request(receiver, n))) }
                    next += 1
                }
            }
            return statuses
        }
        #expect(statuses.count == total)
        #expect(statuses.allSatisfy { $0 == 200 })
        #expect(receiver.requests == total)
        #expect((1...inFlight).contains(receiver.connections), "\(receiver.connections) connections for \(total)")
    }

    @Test func aConnectionTheReceiverClosesIsReplacedWithoutAFailedRequest() async throws {
        let receiver = try CountingReceiver(closeEvery: 3)
        defer { receiver.stop() }
        let transport = CurlTransport(timeout: 5, connectTimeout: 2)
        var statuses: [Int?] = []
        for n in 0..<30 { statuses.append(Self.status(await transport.send(Self.request(receiver, n)))) }
        #expect(statuses == Array(repeating: 200, count: 30))
        #expect(receiver.connections == 10)
    }

    @Test func aReusedHandleKeepsItsTimeoutAndTheNextRequestGoesThrough() async throws {
        let receiver = try CountingReceiver(slowSeconds: 3)
        defer { receiver.stop() }
        let transport = CurlTransport(timeout: 0.5, connectTimeout: 1)
        #expect(Self.status(await transport.send(Self.request(receiver, 0))) == 200)
        let slow = await transport.send(Self.request(receiver, 1, path: "/webhook/slow"))
        guard case .failure(_, let retryable, let latency) = slow else {
            Issue.record("a 3 s answer within a 0.5 s timeout: \(slow)")
            return
        }
        #expect(retryable)
        #expect(latency >= 0.4 && latency < 2, "timed out after \(latency) s")
        #expect(Self.status(await transport.send(Self.request(receiver, 2))) == 200)
        #expect(receiver.connections == 2)  // the timed-out connection is closed, never reused
    }

    @Test func aDispatcherDrainingThroughCurlHoldsAboutItsConcurrencyInConnections() async throws {
        let receiver = try CountingReceiver()
        defer { receiver.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "duban-reuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("duban.sqlite").path)
        let now = Date()
        let total = 200
        try database.enqueue(
            (0..<total).map { n in
                OutboxMessage(
                    idempotencyKey: "reuse/\(n)", departmentId: "somewhere", kind: .reminders, subject: "提醒 \(n)",
                    body: "第 \(n) 条", createdAt: now)
            })
        let channel = Channel(id: "hook", kind: .webhook, url: Secret("\(receiver.base)/webhook/ok"))
        var dispatcher = Dispatcher(
            database: database, channels: ChannelSet(channels: [channel], fallback: channel.id),
            transport: CurlTransport(timeout: 5, connectTimeout: 2), builder: PayloadBuilder(), office: nil,
            departmentNames: [:])
        dispatcher.concurrency = 4
        let report = try await dispatcher.drain(untilEmpty: true)
        #expect(report.sent == total)
        #expect(receiver.requests == total)
        #expect((1...4).contains(receiver.connections), "\(receiver.connections) connections for \(total) messages")
    }
}
