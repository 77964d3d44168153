/// Where notices go: a chat robot (DingTalk, WeCom, Feishu), a generic signed webhook, or a folder.
public struct Channel: Hashable, Sendable {
    /// The kinds of channel.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// 钉钉自定义机器人: markdown, @mentions, 加签.
        case dingtalk
        /// 企业微信群机器人: markdown (≤ 4096 bytes) or text (≤ 2048 bytes); the key in the URL is the secret.
        case wecom
        /// 飞书自定义机器人: `post` rich text, signed in the body.
        case feishu
        /// A generic webhook: `{type, timestamp, data}` with Standard Webhooks headers and `v1` signature.
        case webhook
        /// A folder: each message written as a JSON file. The default where a department has no channel.
        case file
    }

    /// Stable id, named by departments' `channels`.
    public var id: String
    /// The kind.
    public var kind: Kind
    /// The robot's or receiver's URL (a secret: it carries the token); nil for `file`.
    public var url: Secret?
    /// The signing secret (DingTalk 加签 `SEC…`, Feishu, Standard Webhooks `whsec_…`).
    public var secret: Secret?
    /// The folder a `file` channel writes into.
    public var folder: String?
    /// Keywords a keyword-protected robot requires; one is put in every message.
    public var keywords: [String]
    /// Mobile numbers to @mention (DingTalk, WeCom).
    public var mentionMobiles: [String]
    /// User ids to @mention.
    public var mentionUserIds: [String]
    /// WeCom message type: `markdown` (default) or `text`.
    public var format: String?
    /// Messages a minute this channel takes, overriding the vendor's limit.
    public var perMinute: Int?
    /// Messages a second this channel takes, overriding the vendor's limit.
    public var perSecond: Int?

    /// Makes a channel.
    public init(
        id: String, kind: Kind, url: Secret? = nil, secret: Secret? = nil, folder: String? = nil,
        keywords: [String] = [],
        mentionMobiles: [String] = [], mentionUserIds: [String] = [], format: String? = nil, perMinute: Int? = nil,
        perSecond: Int? = nil
    ) {
        self.id = id
        self.kind = kind
        self.url = url
        self.secret = secret
        self.folder = folder
        self.keywords = keywords
        self.mentionMobiles = mentionMobiles
        self.mentionUserIds = mentionUserIds
        self.format = format
        self.perMinute = perMinute
        self.perSecond = perSecond
    }

    /// The URL with its token masked, for output: `https://oapi.dingtalk.com/robot/send?access_token=***`.
    public var displayURL: String {
        guard let url else { return folder.map { "file://\($0)" } ?? "-" }
        return Secret.mask(url: url.value)
    }
}

/// A value that must never be printed: a webhook URL with its token, a signing secret, an API token.
/// Its description is always `***`; only the code that signs or sends reads `value`.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself.
    public let value: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "***" }
    public var debugDescription: String { "***" }

    /// `url` with every query value and any path segment that looks like a token replaced by `***`.
    public static func mask(url: String) -> String {
        var url = url
        // user:password@host: the credentials go.
        if let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
            !url[scheme.upperBound..<at].contains("/")
        {
            url.replaceSubrange(scheme.upperBound..<url.index(after: at), with: "***@")
        }
        let (base, query) = url.split(separator: "?", maxSplits: 1).map(String.init).splitPair()
        let path = base.split(separator: "/", omittingEmptySubsequences: false).enumerated().map { index, segment in
            index > 2 && segment.count >= 16 ? "***" : String(segment)
        }.joined(separator: "/")
        guard let query else { return path }
        let masked = query.split(separator: "&").map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return "\(name)=***"
        }.joined(separator: "&")
        return path + "?" + masked
    }
}

extension Array where Element == String {
    fileprivate func splitPair() -> (String, String?) {
        (first ?? "", count > 1 ? self[1] : nil)
    }
}
