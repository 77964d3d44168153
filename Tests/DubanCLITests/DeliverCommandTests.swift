import Foundation
import Testing

@testable import DubanStore

/// `duban deliver`, `outbox`, `outbox retry` and `notify test` through the binary: a fresh install
/// delivers to files; a robot that cannot be reached is retried; no secret is ever printed.
@Suite struct DeliverCommandTests {
    static let token = "0123456789abcdeftoken0123456789"
    static let secret = "SECverysecretsigningkey"

    /// Channels: a file channel as the default, and a DingTalk robot for the office on a closed port.
    static func writeChannels(in folder: URL) throws {
        let text = """
            default: files
            office: files
            channels:
              - id: files
                type: file
                folder: notices
              - id: office-dingtalk
                type: dingtalk
                url: ${TEST_DINGTALK_URL}
                secret: ${TEST_DINGTALK_SECRET}
            """
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("notifiers"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("notifiers/channels.yaml"))
    }

    static func ticked(_ body: (DubanProcess) throws -> Void) throws {
        try withDuban { duban in
            var duban = duban
            duban.environment["TEST_DINGTALK_URL"] = "http://127.0.0.1:9/robot/send?access_token=\(token)"
            duban.environment["TEST_DINGTALK_SECRET"] = secret
            try SchedulerCLI.loadSmallPlans(duban)
            try writeChannels(in: duban.directory)
            try #require(try duban.run("tick", "--as-of", "2024-03-10").exitCode == 0)
            try body(SchedulerCLI.at("2024-03-10T10:00:00+08:00", duban))
        }
    }

    @Test func freshInstallDeliversEveryMessageAsAFile() throws {
        try Self.ticked { duban in
            let db = try AppDatabase.open(path: duban.db)
            let queued = try db.outbox().count
            #expect(queued > 0)
            let result = try duban.run("deliver", "--once")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "delivered \(queued), retrying 0, dead 0, waiting 0\n")
            let files = try FileManager.default.contentsOfDirectory(
                atPath: duban.directory.appendingPathComponent("notices").path)
            #expect(files.count == queued)
            #expect(try db.outbox().allSatisfy { $0.state == .sent })

            let listed = try JSON.array(try duban.run("outbox", "--json").stdout)
            #expect(listed.count == queued)
            #expect(
                listed.allSatisfy { ($0["deliveries"] as? [[String: Any]])?.first?["channel"] as? String == "files" })
            // Delivering again sends nothing twice.
            #expect(try duban.run("deliver", "--once").stdout == "delivered 0, retrying 0, dead 0, waiting 0\n")
        }
    }

    @Test func notifyTestOfAnUnreachableRobotFailsWithoutPrintingSecrets() throws {
        try Self.ticked { duban in
            let result = try duban.run("notify", "test", "office-dingtalk")
            #expect(result.exitCode == 1)
            #expect(
                result.stdout.contains(
                    "office-dingtalk (dingtalk, http://127.0.0.1:9/robot/send?access_token=***): no answer"))
            #expect(result.stdout.contains("retry"))
            for text in [result.stdout, result.stderr] {
                #expect(!text.contains(Self.token))
                #expect(!text.contains(Self.secret))
            }
            let unknown = try duban.run("notify", "test", "nope")
            #expect(unknown.exitCode == 2)
            #expect(unknown.stderr.contains("no channel “nope”"))
        }
    }

    @Test func unreachableChannelIsRetriedAndTheOutboxNeverShowsSecrets() throws {
        try Self.ticked { duban in
            let db = try AppDatabase.open(path: duban.db)
            // Route one department to the unreachable robot.
            try db.enqueue([
                OutboxMessage(
                    idempotencyKey: "manual/1", departmentId: "office", kind: .deadLetter, subject: "测试", body: "正文",
                    createdAt: Date())
            ])
            var office = duban
            office.environment["DUBAN_NOTIFIERS"] = nil
            let channels = duban.directory.appendingPathComponent("notifiers/channels.yaml")
            let text = try String(contentsOf: channels, encoding: .utf8).replacingOccurrences(
                of: "office: files", with: "office: office-dingtalk")
            try Data(text.utf8).write(to: channels)

            let result = try office.run("deliver", "--once")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.contains("retrying 1"))
            let outbox = try office.run("outbox", "--state", "queued")
            #expect(outbox.stdout.contains("manual/1"))
            #expect(outbox.stdout.contains("office-dingtalk queued×1"))
            let everything =
                [result.stdout, result.stderr, outbox.stdout, try office.run("outbox", "--json").stdout]
                + (try db.deliveryAttempts().map(\.detail)) + (try db.allDeliveries().compactMap(\.lastError))
            for text in everything {
                #expect(!text.contains(Self.token), "\(text)")
                #expect(!text.contains(Self.secret), "\(text)")
            }
            let retry = try office.run("outbox", "retry", "1")
            #expect(retry.exitCode == 2)
            #expect(retry.stderr.contains("is sent, not dead"))
        }
    }
}
