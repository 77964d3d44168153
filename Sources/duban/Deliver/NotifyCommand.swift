import ArgumentParser
import DubanCore
import DubanNotify
import Foundation

/// `duban notify test CHANNEL`: one test message, and the vendor's answer.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Check channels.", subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a test message to a channel and print the receiver's answer (secrets masked).")

        @Argument(help: "The channel's id in the channels file.")
        var channel: String

        @OptionGroup var notifier: NotifierOptions

        func run() async throws {
            let set = try notifier.channels()
            guard let channel = set.channel(channel) else {
                throw InputError(
                    "no channel “\(self.channel)” in \(notifier.path); known: "
                        + set.channels.map(\.id).joined(separator: ", "))
            }
            let now = try CommandClock.now()
            let notice = Notice(
                key: "notify-test/\(channel.id)/\(Int(now.timeIntervalSince1970))", department: "office",
                departmentName: "安委会办公室",
                kind: .test, subject: "督办测试消息", body: "这是 duban 的测试消息，收到即表示渠道 \(channel.id) 配置正确。", createdAt: now)
            if channel.kind == .file {
                try FileSink.write(notice, channel: channel, into: channel.folder ?? "var/notices")
                print("\(channel.id) (file, \(channel.displayURL)): written")
                return
            }
            let templates = try NoticeTemplates(
                directory: URL(fileURLWithPath: notifier.path).deletingLastPathComponent().appendingPathComponent(
                    "templates"
                ).path)
            let requests = try PayloadBuilder(templates: templates).requests(for: notice, channel: channel, now: now)
            let transport = CurlTransport(caBundle: notifier.caBundle)
            var failed = false
            for request in requests {
                let outcome = await transport.send(request)
                let verdict = Verdict.judge(outcome, kind: channel.kind)
                switch outcome {
                case .response(let status, _, let body, let latency):
                    print(
                        "\(channel.id) (\(channel.kind.rawValue), \(channel.displayURL)): HTTP \(status) in \(Int(latency * 1000)) ms: \(String(decoding: body.prefix(500), as: UTF8.self))"
                    )
                case .failure(let reason, _, let latency):
                    print(
                        "\(channel.id) (\(channel.kind.rawValue), \(channel.displayURL)): no answer after \(Int(latency * 1000)) ms: \(reason)"
                    )
                }
                if verdict != .sent {
                    print("→ \(verdict)")
                    failed = true
                }
            }
            if failed { throw ExitCode(ExitStatus.failure) }
        }
    }
}
