import DubanCore
import DubanNotify
import DubanStore
import Foundation
import Testing

/// The dispatcher, through real libcurl, against the fake robots: every channel's payload and signature is
/// accepted, and a message too long for a robot arrives in parts that are each accepted.
@Suite struct DeliveryTests {
    @Test func everyChannelsPayloadAndSignatureIsAccepted() async throws {
        try await withScratch(keywords: ["督办"]) { scratch in
            let channels = ChannelSet(
                channels: [
                    scratch.dingtalk("dt", keywords: ["督办"]), scratch.wecom("wc-md"),
                    scratch.wecom("wc-text", format: "text"),
                    scratch.feishu("fs"), scratch.webhook("hook"), scratch.file("files"),
                ], office: "wc-md", fallback: "files")
            let ids = ["dt", "wc-md", "wc-text", "fs", "hook"]
            let database = try scratch.store(["emergency": ids, "xingren": []])
            try database.queue(
                "monthly-dispatch/2024-06/emergency", to: "emergency", subject: "6月调度提醒", body: "请于6月底前报送**摸底排查**进展。",
                at: scratch.clock.now)
            try database.queue(
                "step/42", to: "emergency", subject: "函告", body: "任务 t-census 已逾期，请说明原因。\n- 第一条\n- 第二条",
                at: scratch.clock.now)
            try database.queue(
                "monthly-dispatch/2024-06/xingren", to: "xingren", subject: "兴仁街道提醒", body: "请报送进展。",
                at: scratch.clock.now)

            let report = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            #expect(report.summary == "sent 11, retried 0, dead 0, paused 0, waiting 0")
            let deliveries = try database.allDeliveries()
            #expect(deliveries.count == 11)
            #expect(deliveries.allSatisfy { $0.state == .sent && $0.attempts == 1 && $0.lastError == nil })
            #expect(try database.outbox().allSatisfy { $0.state == .sent })

            let entries = try scratch.robots.entries()
            #expect(entries.count == 10)
            for entry in entries {
                let accepted = entry.accepted
                #expect(accepted, "\(entry.vendor): \(entry.answer.status) \(entry.answer.body)")
            }
            let byVendor = Dictionary(grouping: entries, by: \.vendor)
            // DingTalk: markdown, signed in the query, with the keyword.
            for entry in byVendor["dingtalk"] ?? [] {
                #expect(entry.json["msgtype"] as? String == "markdown")
                #expect(entry.query["timestamp"] != nil && entry.query["sign"] != nil)
                #expect(entry.rawQuery.contains("sign=") && !entry.rawQuery.contains("+"))
                #expect(entry.messageText.contains("督办"))
            }
            #expect(byVendor["dingtalk"]?.count == 2)
            // WeCom: one markdown and one text robot.
            let wecom = byVendor["wecom"] ?? []
            #expect(
                wecom.map { $0.json["msgtype"] as? String ?? "" }.sorted() == ["markdown", "markdown", "text", "text"])
            // Feishu: post, signed in the body.
            for entry in byVendor["feishu"] ?? [] {
                #expect(entry.json["msg_type"] as? String == "post")
                #expect(entry.json["timestamp"] is String && entry.json["sign"] is String)
            }
            #expect(byVendor["feishu"]?.count == 2)
            // Webhook: Standard Webhooks headers, the message key as webhook-id.
            let hooks = byVendor["webhook"] ?? []
            #expect(
                Set(hooks.compactMap { $0.headers["webhook-id"] }) == ["monthly-dispatch/2024-06/emergency", "step/42"])
            #expect(hooks.allSatisfy { $0.headers["webhook-signature"]?.hasPrefix("v1,") == true })
            #expect(
                hooks.allSatisfy {
                    $0.headers["webhook-timestamp"] == String(Int(scratch.clock.now.timeIntervalSince1970))
                })
            // The department without channels of its own is reached through the fallback: a file.
            let files = try FileManager.default.contentsOfDirectory(atPath: scratch.noticesFolder)
            #expect(files == ["monthly-dispatch_2024-06_xingren.json"])
        }
    }

    /// The receiver really checks: the same channels with the wrong secret or without the keyword are refused.
    @Test func theReceiverRefusesWrongSignaturesAndMissingKeywords() async throws {
        try await withScratch(keywords: ["督办"]) { scratch in
            let channels = ChannelSet(
                channels: [
                    scratch.dingtalk("dt-wrong", secret: "SECnotTheSecret", keywords: ["督办"]),
                    scratch.dingtalk("dt-unsigned", secret: nil, keywords: ["督办"]),
                    scratch.dingtalk("dt-nokeyword"),
                    scratch.feishu("fs-wrong", secret: "notTheSecret"), scratch.feishu("fs-unsigned", secret: nil),
                    scratch.webhook("hook-wrong", secret: "whsec_" + Data("not the key".utf8).base64EncodedString()),
                    scratch.webhook("hook-unsigned", secret: nil), scratch.wecom("office"),
                ], office: "office", fallback: "office")
            let refused = [
                "dt-wrong", "dt-unsigned", "dt-nokeyword", "fs-wrong", "fs-unsigned", "hook-wrong", "hook-unsigned",
            ]
            let database = try scratch.store(["emergency": refused])
            try database.queue("step/1", to: "emergency", subject: "进展提醒", body: "请报送进展。", at: scratch.clock.now)

            _ = try await scratch.dispatcher(database, channels).drain(untilEmpty: true)

            let codes = try scratch.robots.entries().filter { $0.vendor != "wecom" }.map {
                "\($0.vendor) \($0.answerCode ?? $0.answer.status)"
            }
            #expect(
                codes.sorted() == [
                    "dingtalk 310000", "dingtalk 310000", "dingtalk 310000", "feishu 19021", "feishu 19021",
                    "webhook 401",
                    "webhook 401",
                ])
            for id in refused {
                let delivery = try #require(try database.delivery("step/1", channel: id))
                #expect(delivery.delivery.state == .dead, "\(id)")
                #expect(delivery.attempts.count == 1, "\(id)")
            }
        }
    }

    /// An oversized Chinese message — many lines and one line longer than any part — reaches every robot in
    /// parts, each within the vendor's limit and accepted, that together carry the whole text. (The receiver
    /// judges Feishu's 5 a second at the parts' signed time, so a slow machine cannot make it flaky.)
    @Test func anOversizedChineseMessageIsSplitIntoPartsEachAccepted() async throws {
        try await withScratch(keywords: ["督办"], clock: "request") { scratch in
            let lines = (1...400).map { "第\($0)条：兴仁街道安全生产隐患排查整治情况，已完成整改百分之八十，剩余问题限期销号。" }
            let longLine = String(repeating: "安全生产责任落实到位", count: 900)  // 27,000 bytes without a newline
            let body =
                lines.prefix(200).joined(separator: "\n") + "\n" + longLine + "\n"
                + lines.suffix(200).joined(separator: "\n")
            #expect(body.utf8.count > 60_000)
            let ids = ["dt", "wc-md", "wc-text", "fs", "hook"]
            let channels = ChannelSet(
                channels: [
                    scratch.dingtalk("dt", keywords: ["督办"]), scratch.wecom("wc-md"),
                    scratch.wecom("wc-text", format: "text"),
                    scratch.feishu("fs"), scratch.webhook("hook"),
                ], office: "wc-md", fallback: "wc-md")
            let database = try scratch.store(["water": ids])
            try database.queue("review/2024-06/water", to: "water", subject: "年度通报", body: body, at: scratch.clock.now)

            var dispatcher = scratch.dispatcher(database, channels)
            dispatcher.concurrency = 1  // each channel's parts in order in the log
            let report = try await dispatcher.drain(untilEmpty: true)

            #expect(report.sent == 5)
            #expect(report.retried == 0 && report.dead == 0)
            let entries = try scratch.robots.entries()
            for entry in entries {
                let accepted = entry.accepted
                #expect(accepted, "\(entry.vendor): \(entry.answer.status) \(entry.answer.body)")
            }
            let limits = ["dingtalk": 20_000, "feishu": 20_000, "webhook": 20_000]
            let byChannel = Dictionary(grouping: entries) { entry in
                entry.vendor == "wecom" ? "wecom-" + (entry.json["msgtype"] as? String ?? "") : entry.vendor
            }
            #expect(byChannel.keys.sorted() == ["dingtalk", "feishu", "webhook", "wecom-markdown", "wecom-text"])
            for (channel, parts) in byChannel {
                let vendor = parts[0].vendor
                #expect(parts.count > 1, "\(channel) got one request")
                var text = ""
                for (index, part) in parts.enumerated() {
                    if let limit = limits[vendor] {
                        #expect(part.body.utf8.count <= limit, "\(channel) part \(index + 1)")
                    } else {
                        let limit = part.json["msgtype"] as? String == "text" ? 2048 : 4096
                        #expect(part.messageText.utf8.count <= limit, "\(channel) part \(index + 1)")
                    }
                    var piece = part.messageText
                    if vendor == "dingtalk" {
                        let hasKeyword = piece.contains("督办")
                        #expect(hasKeyword, "\(channel) part \(index + 1) has no keyword")
                    }
                    if piece.hasPrefix("【督办】") { piece.removeFirst("【督办】".count) }
                    let prefix = "(\(index + 1)/\(parts.count)) "
                    let numbered = piece.hasPrefix(prefix)
                    #expect(numbered, "\(channel) part \(index + 1) of \(parts.count) starts \(piece.prefix(12))")
                    if let range = piece.range(of: #"^\(\d+/\d+\) "#, options: .regularExpression) {
                        piece.removeSubrange(range)
                    }
                    text += piece
                }
                // Together the parts carry the whole text (cuts between lines drop the newline).
                let joined = text.replacingOccurrences(of: "\n", with: "")
                let keptLongLine = joined.contains(longLine)
                #expect(keptLongLine, "\(channel) lost part of the long line")
                let lost = lines.filter { !joined.contains($0) }.map { String($0.prefix(6)) }
                #expect(lost.isEmpty, "\(channel) lost \(lost.count) lines: \(lost.prefix(5))")
            }
            // The webhook's parts have their own ids, the first the message's key.
            let ids2 = entries.filter { $0.vendor == "webhook" }.compactMap { $0.headers["webhook-id"] }
            #expect(ids2.first == "review/2024-06/water")
            #expect(Set(ids2).count == ids2.count)
        }
    }
}
