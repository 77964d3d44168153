import DubanCore
import Foundation

/// Shapes a notice into the HTTP requests a channel takes: one, or several when the text is too long.
///
/// - DingTalk: `markdown` with `at`; signed in the query (`&timestamp=…&sign=…`) when the channel has a secret.
/// - WeCom: `markdown` (default, ≤ 4096 bytes, `<@userid>` mentions) or `text` (≤ 2048 bytes,
///   `mentioned_list`/`mentioned_mobile_list` on the last part); never signed.
/// - Feishu: `post`, one paragraph a line, `at` tags on the last part; `timestamp` and `sign` in the body.
/// - Webhook: `{type, timestamp, data}` with Standard Webhooks headers.
///
/// Long texts are cut by `MessageSplitter` so that every request fits the vendor's limit, and each part of a
/// keyword-protected robot's message carries a keyword. JSON is made by `CompactJSON` from values, never by pasting
/// text. Errors name the channel by id and `displayURL`, never by its URL or secret.
public struct PayloadBuilder: Sendable {
    /// DingTalk: the largest body, in bytes (errcode 460101 above about 20,000).
    public static let dingtalkBodyLimit = 20_000
    /// WeCom markdown: the largest `content`, in UTF-8 bytes.
    public static let wecomMarkdownLimit = 4096
    /// WeCom text: the largest `content`, in UTF-8 bytes.
    public static let wecomTextLimit = 2048
    /// Feishu: the largest body, in bytes (20 KB, with room to spare).
    public static let feishuBodyLimit = 20_000
    /// Webhooks: the largest body, in bytes.
    public static let webhookBodyLimit = 20_000
    /// DingTalk and Feishu titles: the longest, in bytes; longer subjects are cut with `…`.
    public static let titleLimit = 128

    /// The templates the text is rendered with.
    public var templates: NoticeTemplates

    /// Makes a builder rendering with `templates`.
    public init(templates: NoticeTemplates = NoticeTemplates()) {
        self.templates = templates
    }

    /// The requests that deliver `notice` to `channel`, in order, signed as of `now`.
    ///
    /// Build them afresh for each attempt: signatures and `webhook-timestamp` are only valid for a while.
    ///
    /// - Throws: `DeliveryError` for a `file` channel, a channel without a URL, an unknown WeCom format, a
    ///   webhook secret that is not Base64, a template that is missing, or a notice that cannot be cut to fit.
    public func requests(for notice: Notice, channel: Channel, now: Date) throws -> [HTTPRequest] {
        if channel.kind == .file {
            throw DeliveryError(
                message: "channel \(channel.id) (\(channel.displayURL)) is a folder: it takes no HTTP requests",
                fix: "write the notice as a file for a file channel")
        }
        guard let url = channel.url?.value.trimmingCharacters(in: .whitespaces), !url.isEmpty else {
            throw DeliveryError(
                message: "channel \(channel.id) (\(channel.kind.rawValue)) has no url",
                fix: "set its url in notifiers/channels.yaml, as url: ${ENV_NAME}, and set the variable")
        }
        switch channel.kind {
        case .dingtalk: return try dingtalk(notice, channel: channel, url: url, now: now)
        case .wecom: return try wecom(notice, channel: channel, url: url)
        case .feishu: return try feishu(notice, channel: channel, url: url, now: now)
        case .webhook: return try webhook(notice, channel: channel, url: url, now: now)
        case .file: return []
        }
    }
}

// MARK: - Shared

extension PayloadBuilder {
    /// The channel's keywords, without empty ones.
    static func keywords(of channel: Channel) -> [String] {
        channel.keywords.filter { !$0.isEmpty }
    }

    /// `text` cut into parts of at most `limit` bytes, each carrying one of the channel's keywords
    /// (`【keyword】` put in front of a part that has none, counted in the limit).
    static func parts(of text: String, limit: Int, channel: Channel, notice: Notice) throws -> [String] {
        let keywords = keywords(of: channel)
        let reserve = keywords.first.map { "【\($0)】".utf8.count } ?? 0
        guard limit - reserve >= MessageSplitter.minimumLimit else {
            throw tooLong(notice, channel: channel, fix: "shorten the channel's first keyword and the notice's subject")
        }
        return MessageSplitter.split(text, limit: limit - reserve).map { part in
            guard let first = keywords.first, !keywords.contains(where: { part.contains($0) }) else { return part }
            return "【\(first)】" + part
        }
    }

    /// The bodies for `text` cut so that each body, as `body(part, index, count)` makes it, is at most `limit`
    /// bytes: the text's share is found by trying, since JSON escaping and the wrapping grow with the text.
    static func fittedBodies(
        of text: String, bodyLimit limit: Int, channel: Channel, notice: Notice,
        body: (_ part: String, _ index: Int, _ count: Int) throws -> Data
    ) throws -> [Data] {
        // Most notices fit whole: one serialization, no splitting.
        let whole = try parts(of: text, limit: Int.max / 2, channel: channel, notice: notice)
        if whole.count == 1 {
            let single = try body(whole[0], 0, 1)
            if single.count <= limit { return [single] }
        }
        let overhead = try body("", 0, 1).count
        var budget = limit - overhead
        for _ in 0..<40 {
            let parts = try parts(of: text, limit: budget, channel: channel, notice: notice)
            let bodies = try parts.enumerated().map { try body($0.element, $0.offset, parts.count) }
            let largest = bodies.map(\.count).max() ?? 0
            if largest <= limit { return bodies }
            // The body grows about linearly with the text: scale the text's share to the room there is,
            // and take at least 1% off each time.
            let scaled = Int(Double(budget) * Double(limit - overhead) / Double(max(largest - overhead, 1)))
            budget = min(scaled, budget - max(1, budget / 100))
        }
        throw tooLong(notice, channel: channel, fix: "shorten the notice")
    }

    /// The error for a notice that cannot be made to fit.
    static func tooLong(_ notice: Notice, channel: Channel, fix: String) -> DeliveryError {
        DeliveryError(
            message: "notice \(notice.key) cannot be cut to fit channel \(channel.id) (\(channel.displayURL))",
            fix: fix)
    }

    /// `object` as compact JSON with sorted keys, `/` unescaped, UTF-8 as is.
    static func json(_ object: [String: Any]) throws -> Data {
        do {
            return try CompactJSON.data(object)
        } catch {
            throw DeliveryError(
                message: "a message could not be written as JSON", fix: "report this as a bug in duban")
        }
    }

    /// `date` in Unix seconds.
    static func unixSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// `date` as ISO 8601 in UTC: `2024-04-01T08:00:00Z`.
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `text` followed by `mentions` unless it already shows them (a template that left them out).
    static func ensuring(_ mentions: String, in text: String) -> String {
        mentions.isEmpty || text.contains(mentions) ? text : text + "\n\n" + mentions
    }
}
