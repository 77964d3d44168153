import DubanCore
import Foundation

/// Reads `notifiers/channels.yaml`: the channels, with `${ENV_NAME}` in URLs and secrets read from
/// the environment. Errors name the file, line, channel and variable, never a secret's value.
public enum ChannelsFile {
    /// The file used unless `--notifiers` or `DUBAN_NOTIFIERS` names another.
    public static let defaultPath = "notifiers/channels.yaml"

    static let channelKeys = ["id", "type", "url", "secret", "folder", "keywords", "mention", "format", "rate"]

    /// The channels in the file at `path`; without a file, one `file` channel writing to `var/notices`.
    public static func read(path: String, environment: [String: String]) throws(PlanError) -> ChannelSet {
        guard FileManager.default.fileExists(atPath: path) else {
            return ChannelSet(channels: [Channel(id: "files", kind: .file, folder: "var/notices")], fallback: "files")
        }
        var issues: [PlanIssue] = []
        guard let text = PlanFiles.readText(path, issues: &issues) else { throw PlanError(issues: issues) }
        return try read(yaml: text, file: path, environment: environment)
    }

    /// The channels in `yaml`, written in `file`.
    public static func read(yaml: String, file: String, environment: [String: String]) throws(PlanError) -> ChannelSet {
        var issues: [PlanIssue] = []
        let root = try YAMLNodeParser.parse(yaml, file: file)
        guard let root,
            let top = YAMLFields(
                root, file: file, context: "the file", allowed: ["channels", "default", "office"], issues: &issues)
        else {
            throw PlanError(
                issues: issues.isEmpty
                    ? [
                        PlanIssue(
                            .error, at: SourceLocation(file: file, line: 1, column: 1), "the file is empty",
                            fix: "list `channels:`")
                    ]
                    : issues)
        }
        var channels: [Channel] = []
        for node in top.sequence("channels", context: "the file", issues: &issues) {
            if let channel = readChannel(node, file: file, environment: environment, issues: &issues) {
                if channels.contains(where: { $0.id == channel.id }) {
                    issues.append(
                        PlanIssue(
                            .error, at: YAMLFields.location(of: node, file: file), subject: channel.id,
                            "channel id “\(channel.id)” is used twice", fix: "give each channel its own id"))
                }
                channels.append(channel)
            }
        }
        let ids = Set(channels.map(\.id))
        let fallback =
            top.string("default", required: false, context: "the file", issues: &issues)
            ?? channels.first { $0.kind == .file }?.id
        let office = top.string("office", required: false, context: "the file", issues: &issues)
        for (key, value) in [("default", fallback), ("office", office)] {
            if let value, !ids.contains(value) {
                issues.append(
                    PlanIssue(
                        .error, at: top.location(key), "`\(key)` names channel “\(value)”, which is not listed",
                        fix: "use one of: " + ids.sorted().joined(separator: ", ")))
            }
        }
        guard let fallback else {
            issues.append(
                PlanIssue(
                    .error, at: top.location, "no `default` channel",
                    fix:
                        "add `default: ID` naming the channel for departments without one (a `file` channel is a safe choice)"
                ))
            throw PlanError(issues: issues)
        }
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return ChannelSet(channels: channels, office: office, fallback: fallback)
    }

    private static func readChannel(
        _ node: YAMLNode, file: String, environment: [String: String], issues: inout [PlanIssue]
    ) -> Channel? {
        guard let fields = YAMLFields(node, file: file, context: "a channel", allowed: channelKeys, issues: &issues),
            let id = fields.string("id", required: true, context: "a channel", issues: &issues),
            let typeText = fields.string("type", required: true, context: "channel \(id)", issues: &issues)
        else { return nil }
        guard let kind = Channel.Kind(rawValue: typeText) else {
            issues.append(
                PlanIssue(
                    .error, at: fields.location("type"), subject: id, "type “\(typeText)” is not a channel type",
                    fix: "use dingtalk, wecom, feishu, webhook or file"))
            return nil
        }
        func secret(_ key: String) -> Secret? {
            guard let text = fields.string(key, required: false, context: "channel \(id)", issues: &issues) else {
                return nil
            }
            return expand(
                text, key: key, channel: id, at: fields.location(key), environment: environment, issues: &issues)
        }
        var channel = Channel(id: id, kind: kind, url: secret("url"), secret: secret("secret"))
        channel.folder = fields.string("folder", required: false, context: "channel \(id)", issues: &issues)
        channel.keywords = fields.strings("keywords", context: "channel \(id)", issues: &issues)
        channel.format = fields.string("format", required: false, context: "channel \(id)", issues: &issues)
        if let format = channel.format, kind != .wecom || !["markdown", "text"].contains(format) {
            issues.append(
                PlanIssue(
                    .error, at: fields.location("format"), subject: id, "format “\(format)” does not apply here",
                    fix: "`format` is for wecom channels: markdown or text"))
        }
        if let mention = fields.node("mention"),
            let mentions = YAMLFields(
                mention, file: file, context: "the mentions of channel \(id)", allowed: ["mobiles", "user_ids"],
                issues: &issues)
        {
            channel.mentionMobiles = mentions.strings("mobiles", context: "channel \(id)", issues: &issues)
            channel.mentionUserIds = mentions.strings("user_ids", context: "channel \(id)", issues: &issues)
        }
        if let rate = fields.node("rate"),
            let limits = YAMLFields(
                rate, file: file, context: "the rate of channel \(id)", allowed: ["per_minute", "per_second"],
                issues: &issues)
        {
            for key in ["per_minute", "per_second"] {
                guard let text = limits.string(key, required: false, context: "channel \(id)", issues: &issues) else {
                    continue
                }
                guard let n = Int(text), n >= 1 else {
                    issues.append(
                        PlanIssue(
                            .error, at: limits.location(key), subject: id,
                            "\(key) “\(text)” is not a whole number of at least 1", fix: "write e.g. `per_minute: 20`"))
                    continue
                }
                if key == "per_minute" { channel.perMinute = n } else { channel.perSecond = n }
            }
        }
        switch kind {
        case .file:
            if channel.folder == nil {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location, subject: id, "a file channel needs a `folder`",
                        fix: "add `folder: var/notices`"))
            }
        case .dingtalk, .wecom, .feishu, .webhook:
            guard let url = channel.url else {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location, subject: id, "a \(kind.rawValue) channel needs a `url`",
                        fix: "add `url: ${ENV_NAME}` and set the variable"))
                return nil
            }
            if !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location("url"), subject: id,
                        "the url of channel \(id) is not an http(s) URL (\(Secret.mask(url: url.value)))",
                        fix: "write the robot's full webhook address"))
            }
        }
        return channel
    }

    /// Replaces every `${NAME}` in `text` from the environment.
    private static func expand(
        _ text: String, key: String, channel: String, at location: SourceLocation, environment: [String: String],
        issues: inout [PlanIssue]
    ) -> Secret? {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                issues.append(
                    PlanIssue(
                        .error, at: location, subject: channel, "`\(key)` has an unclosed `${`",
                        fix: "write ${ENV_NAME}"))
                return nil
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name], !value.isEmpty else {
                issues.append(
                    PlanIssue(
                        .error, at: location, subject: channel,
                        "`\(key)` needs the environment variable \(name), which is not set",
                        fix: "set \(name) in duban's environment, or remove the channel"))
                return nil
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return Secret(result + rest)
    }
}
