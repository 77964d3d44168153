import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// No secret or token configured for a channel shows anywhere duban writes or says something: attempt
/// details, `lastError`, dead letters (in the outbox, in files, and as sent to the office), reports, errors,
/// descriptions of channels — nor in what the receiver answered. Only the receiver's own request log has
/// them (the URLs duban called), which the test checks too, so that the search is known to work.
@Suite struct SecretLeakTests {
    static let notBase64 = "whsec_!!not*base64~\(Secrets.webhookToken)"
    static let wrongSecret = "SECwrongButStillSecret0123456789"

    @Test func noSecretOrTokenAppearsInWhatDubanRecordsOrSays() async throws {
        try await withScratch(keywords: ["督办"]) { scratch in
            let closed = closedPort()
            var bogus = scratch.webhook("hook-bogus-secret")
            bogus.secret = Secret(Self.notBase64)
            let channels = ChannelSet(
                channels: [
                    scratch.dingtalk("dt-ok", keywords: ["督办"]), scratch.dingtalk("dt-wrong", secret: Self.wrongSecret),
                    scratch.dingtalk("dt-down", scenario: "down", keywords: ["督办"]),
                    scratch.dingtalk("dt-limited", scenario: "ratelimit", keywords: ["督办"]),
                    scratch.wecom("wc-badkey", scenario: "badkey"), scratch.wecom("wc-html", format: "html"),
                    scratch.feishu("fs-auth", scenario: "auth"), scratch.feishu("fs-ok"),
                    scratch.webhook("hook-down", scenario: "down"), scratch.webhook("hook-401", scenario: "auth"),
                    scratch.webhook(
                        "hook-refused", url: "http://127.0.0.1:\(closed)/webhook/ok?token=\(Secrets.webhookToken)"),
                    scratch.webhook(
                        "hook-badscheme", url: "foo://127.0.0.1:\(closed)/x?access_token=\(Secrets.dingtalkToken)"),
                    bogus, scratch.file("files"),
                ], office: "files", fallback: "files")
            let ids = channels.channels.map(\.id).filter { $0 != "files" }
            let database = try scratch.store(["emergency": ids])
            try database.queue("step/99", to: "emergency", subject: "督办函告", body: "请于三日内说明逾期原因。", at: scratch.clock.now)

            // Drains as `duban run` makes them, until the retries are spent (the paused robot stays paused).
            var reports = [try await scratch.dispatcher(database, channels).drain(untilEmpty: false)]
            for _ in 0..<3 {
                scratch.clock.advance(10)
                reports.append(try await scratch.dispatcher(database, channels).drain(untilEmpty: false))
            }

            var said: [(String, String)] = []
            for attempt in try database.deliveryAttempts() {
                said.append(("attempt \(attempt.id!) detail", attempt.detail))
                said.append(("attempt \(attempt.id!) code", attempt.vendorCode ?? ""))
            }
            for delivery in try database.allDeliveries() {
                said.append(("lastError of \(delivery.channelId)", delivery.lastError ?? ""))
            }
            for message in try database.outbox() {
                said.append(("outbox \(message.idempotencyKey)", message.subject + "\n" + message.body))
            }
            for file in (try? FileManager.default.contentsOfDirectory(atPath: scratch.noticesFolder)) ?? [] {
                let text = try String(contentsOfFile: scratch.noticesFolder + "/" + file, encoding: .utf8)
                said.append(("file \(file)", text))
            }
            said.append(("reports", reports.map(\.summary).joined(separator: "\n")))
            said.append(("channels", String(describing: channels) + "\n" + String(reflecting: channels)))
            said.append(("urls", channels.channels.map(\.displayURL).joined(separator: "\n")))
            for channel in channels.channels where channel.kind != .file {
                let notice = Notice(
                    key: "step/99", department: "emergency", departmentName: "区应急管理局", kind: .letter, subject: "督办",
                    body: "正文", createdAt: scratch.clock.now)
                do {
                    _ = try PayloadBuilder().requests(for: notice, channel: channel, now: scratch.clock.now)
                } catch {
                    said.append(
                        (
                            "builder error for \(channel.id)",
                            "\(error)\n\(String(reflecting: error))\n\(error.localizedDescription)"
                        ))
                }
            }
            let entries = try scratch.robots.entries()
            for entry in entries {
                let answer = entry.answer
                said.append(("answer to \(entry.vendor)", "\(answer.status) \(answer.headers) \(answer.body)"))
                // What duban put in a body is its own words too (only URLs carry tokens).
                said.append(("body sent to \(entry.vendor)", entry.body))
            }
            said.append(("receiver stderr", scratch.robots.stderrText()))

            // The scenario did produce what is searched: failures of every kind, dead letters, builder errors.
            let outcomes = Set(try database.deliveryAttempts().map(\.outcome))
            #expect(outcomes == [.sent, .retry, .dead, .paused])
            #expect(try database.outbox().filter { $0.kind == .deadLetter }.count == 10)
            #expect(
                said.contains { $0.0 == "builder error for wc-html" }
                    && said.contains { $0.0 == "builder error for hook-bogus-secret" })
            #expect(said.contains { $0.0.hasPrefix("file ") })

            let secrets = Secrets.all + [Self.notBase64, Self.wrongSecret, "!!not*base64"]
            for (place, text) in said {
                for secret in secrets where text.contains(secret) {
                    Issue.record("\(place) contains a secret (\(secret.prefix(4))…): \(text.prefix(300))")
                }
            }
            // The receiver's request log has the tokens: the search above would have found them.
            let log = scratch.robots.logText()
            for token in [Secrets.dingtalkToken, Secrets.wecomKey, Secrets.feishuToken, Secrets.webhookToken] {
                #expect(log.contains(token), "the request log lacks \(token.prefix(4))…")
            }
        }
    }

    /// A generic receiver may take its credentials in the URL (`https://user:password@host/…`): the channel's
    /// shown URL must mask them like tokens. `Secret.mask(url:)` masks the userinfo as well as query values
    /// and long path segments.
    @Test func credentialsInAWebhookURLAreNotShown() async throws {
        try await withScratch { scratch in
            let password = "pa55-\(Secrets.webhookToken)"
            let url = "http://duban:\(password)@127.0.0.1:\(scratch.robots.port)/webhook/ok"
            var channel = scratch.webhook("hook", url: url)
            channel.secret = Secret(Self.notBase64)  // so that the error names the channel by its shown URL
            let channels = ChannelSet(channels: [channel, scratch.file("files")], office: "files", fallback: "files")
            let database = try scratch.store(["emergency": ["hook"]])
            try database.queue("step/100", to: "emergency", body: "请报送进展。", at: scratch.clock.now)

            _ = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(!channel.displayURL.contains(password), "displayURL: \(channel.displayURL)")
            let details =
                try database.deliveryAttempts().map(\.detail) + (try database.allDeliveries().compactMap(\.lastError))
            #expect(details.count >= 2)
            let leaks = details.filter { $0.contains(password) }
            #expect(leaks.isEmpty, "\(leaks.count) records show the URL's password")
        }
    }
}
