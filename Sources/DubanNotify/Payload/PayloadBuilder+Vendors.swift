import DubanCore
import Foundation

extension PayloadBuilder {
    /// DingTalk: `markdown` with `at`, signed in the query.
    func dingtalk(_ notice: Notice, channel: Channel, url: String, now: Date) throws -> [HTTPRequest] {
        let mentions = (channel.mentionMobiles + channel.mentionUserIds).map { "@\($0)" }.joined(separator: " ")
        let rendered = try templates.render(
            notice, for: .dingtalk, keyword: Self.keywords(of: channel).first, mentions: mentions)
        let text = Self.ensuring(mentions, in: rendered)
        let title = MessageSplitter.truncated(notice.subject, maxBytes: Self.titleLimit)
        let at: [String: Any] = [
            "atMobiles": channel.mentionMobiles, "atUserIds": channel.mentionUserIds, "isAtAll": false,
        ]
        let bodies = try Self.fittedBodies(
            of: text, bodyLimit: Self.dingtalkBodyLimit, channel: channel, notice: notice
        ) { part, _, _ in
            try Self.json(["msgtype": "markdown", "markdown": ["title": title, "text": part], "at": at])
        }
        var signedURL = url
        if let secret = channel.secret?.value, !secret.isEmpty {
            let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
            let sign = Signing.dingtalk(secret: secret, timestampMilliseconds: milliseconds)
            signedURL +=
                (url.contains("?") ? "&" : "?")
                + "timestamp=\(milliseconds)&sign=\(Signing.percentEncoded(sign))"
        }
        return bodies.map { HTTPRequest(url: signedURL, body: $0) }
    }

    /// WeCom: `markdown` (default) or `text`, by the channel's `format`.
    func wecom(_ notice: Notice, channel: Channel, url: String) throws -> [HTTPRequest] {
        let format = (channel.format ?? "markdown").trimmingCharacters(in: .whitespaces).lowercased()
        let keyword = Self.keywords(of: channel).first
        switch format {
        case "markdown", "":
            // WeCom markdown mentions by user id only.
            let mentions = channel.mentionUserIds.map { "<@\($0)>" }.joined(separator: " ")
            let text = Self.ensuring(
                mentions, in: try templates.render(notice, for: .wecom, keyword: keyword, mentions: mentions))
            let parts = try Self.parts(of: text, limit: Self.wecomMarkdownLimit, channel: channel, notice: notice)
            return try parts.map { part in
                HTTPRequest(url: url, body: try Self.json(["msgtype": "markdown", "markdown": ["content": part]]))
            }
        case "text":
            let text = try templates.render(notice, template: "wecom-text", keyword: keyword)
            let parts = try Self.parts(of: text, limit: Self.wecomTextLimit, channel: channel, notice: notice)
            return try parts.enumerated().map { index, part in
                var content: [String: Any] = ["content": part]
                if index == parts.count - 1 {
                    if !channel.mentionUserIds.isEmpty { content["mentioned_list"] = channel.mentionUserIds }
                    if !channel.mentionMobiles.isEmpty { content["mentioned_mobile_list"] = channel.mentionMobiles }
                }
                return HTTPRequest(url: url, body: try Self.json(["msgtype": "text", "text": content]))
            }
        default:
            throw DeliveryError(
                message: "channel \(channel.id) (\(channel.displayURL)) has the WeCom format “\(format)”, "
                    + "which duban does not send",
                fix: "set format: markdown (the default) or format: text")
        }
    }

    /// Feishu: `post`, one paragraph a line, signed in the body.
    func feishu(_ notice: Notice, channel: Channel, url: String, now: Date) throws -> [HTTPRequest] {
        let text = try templates.render(notice, for: .feishu, keyword: Self.keywords(of: channel).first)
        let title = MessageSplitter.truncated(notice.subject, maxBytes: Self.titleLimit)
        var signature: [String: Any] = [:]
        if let secret = channel.secret?.value, !secret.isEmpty {
            let seconds = Self.unixSeconds(now)
            signature = [
                "timestamp": String(seconds), "sign": Signing.feishu(secret: secret, timestampSeconds: seconds),
            ]
        }
        let mentions: [[String: Any]] = channel.mentionUserIds.map { ["tag": "at", "user_id": $0] }
        let bodies = try Self.fittedBodies(
            of: text, bodyLimit: Self.feishuBodyLimit, channel: channel, notice: notice
        ) { part, index, count in
            var paragraphs: [[[String: Any]]] = part.split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
            ).map { [["tag": "text", "text": String($0)]] }
            if index == count - 1, !mentions.isEmpty { paragraphs.append(mentions) }
            var object: [String: Any] = [
                "msg_type": "post",
                "content": ["post": ["zh_cn": ["title": title, "content": paragraphs]]],
            ]
            object.merge(signature) { _, new in new }
            return try Self.json(object)
        }
        return bodies.map { HTTPRequest(url: url, body: $0) }
    }

    /// Webhook: `{type, timestamp, data}` with `webhook-id`, `webhook-timestamp` and `webhook-signature`.
    /// The first request of a message carries its facts as `data.facts` (tasks with their lights,
    /// progress and due days; a letter's step), so a receiver need not parse the text; the size
    /// limit splits the text only.
    func webhook(_ notice: Notice, channel: Channel, url: String, now: Date) throws -> [HTTPRequest] {
        let text = try templates.render(notice, for: .webhook, keyword: Self.keywords(of: channel).first)
        let timestamp = Self.iso8601(now)
        let createdAt = Self.iso8601(notice.createdAt)
        func body(_ part: String, facts: MessageFacts?) throws -> Data {
            var data: [String: Any] = [
                "key": notice.key, "department": notice.department, "subject": notice.subject, "body": part,
                "created_at": createdAt,
            ]
            if let facts { data["facts"] = facts.payload }
            return try Self.json(["type": notice.kind.rawValue, "timestamp": timestamp, "data": data])
        }
        var bodies = try Self.fittedBodies(
            of: text, bodyLimit: Self.webhookBodyLimit, channel: channel, notice: notice
        ) { part, _, _ in try body(part, facts: nil) }
        if let facts = notice.facts, let first = bodies.first,
            let object = try? JSONSerialization.jsonObject(with: first) as? [String: Any],
            let part = (object["data"] as? [String: Any])?["body"] as? String
        {
            bodies[0] = try body(part, facts: facts)
        }
        let seconds = Self.unixSeconds(now)
        return try bodies.enumerated().map { index, body in
            let id = index == 0 ? notice.key : "\(notice.key)#\(index + 1)"
            var headers: [(name: String, value: String)] = [("webhook-id", id), ("webhook-timestamp", String(seconds))]
            if let secret = channel.secret?.value, !secret.isEmpty {
                do {
                    let signature = try Signing.standardWebhook(secret: secret, id: id, timestamp: seconds, body: body)
                    headers.append(("webhook-signature", signature))
                } catch let error as DeliveryError {
                    throw DeliveryError(
                        message: "channel \(channel.id) (\(channel.displayURL)): \(error.message)", fix: error.fix)
                }
            }
            return HTTPRequest(url: url, headers: headers, body: body)
        }
    }
}
