import DubanCore
import Foundation

/// What one attempt's outcome means for the delivery.
public enum Verdict: Hashable, Sendable {
    /// Delivered.
    case sent
    /// Try again later (`after`: seconds the receiver asked for, from `Retry-After`).
    case retry(reason: String, after: Double?)
    /// The channel is rate limited: pause it for `seconds`, then retry.
    case pause(reason: String, seconds: Double)
    /// Do not retry blindly: dead-letter with the reason.
    case dead(reason: String)

    /// The vendor code found in the body, if any.
    public static func vendorCode(_ body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        for key in ["errcode", "code", "StatusCode"] {
            if let number = object[key] as? NSNumber { return number.stringValue }
        }
        return nil
    }

    /// Judges `outcome` for a channel of `kind`. The chat robots answer HTTP 200 even on failure:
    /// their body's `errcode`/`code` decides.
    public static func judge(_ outcome: HTTPOutcome, kind: Channel.Kind) -> Verdict {
        switch outcome {
        case .failure(let reason, let retryable, _):
            return retryable ? .retry(reason: reason, after: nil) : .dead(reason: reason)
        case .response(let status, let headers, let body, _):
            let retryAfter = headers["retry-after"].flatMap(Double.init)
            switch status {
            case 200..<300:
                guard kind != .webhook else { return .sent }
                let code = vendorCode(body)
                if code == "0" { return .sent }
                guard let code else { return .retry(reason: "HTTP \(status) without a vendor code", after: retryAfter) }
                return judgeVendor(code: code, kind: kind, message: vendorMessage(body))
            case 410:
                return .dead(reason: "HTTP 410: the receiver says this endpoint is gone; remove or fix the channel")
            case 429: return .retry(reason: "HTTP 429: rate limited by the receiver", after: retryAfter)
            case 300..<400:
                return .dead(
                    reason: "HTTP \(status): a redirect; duban does not follow redirects, fix the channel's url")
            case 500..<600: return .retry(reason: "HTTP \(status) from the receiver", after: retryAfter)
            default: return .dead(reason: "HTTP \(status): the receiver refused the request")
            }
        }
    }

    /// The vendors' codes, from their documentation (see shared/reference/channels.md).
    static func judgeVendor(code: String, kind: Channel.Kind, message: String?) -> Verdict {
        let text = "\(kind.rawValue) errcode \(code)" + (message.map { " (\($0))" } ?? "")
        switch (kind, code) {
        case (.dingtalk, "130101"):
            return .pause(
                reason: text + ": over 20 messages a minute; the robot is blocked for 10 minutes", seconds: 600)
        case (.feishu, "11232"): return .pause(reason: text + ": rate limited", seconds: 60)
        case (.wecom, "45009"): return .pause(reason: text + ": rate limited", seconds: 60)
        case (.dingtalk, "310000"):
            return .dead(
                reason: text
                    + ": keyword missing, signature mismatch or timestamp out of range; check the channel's keywords and secret"
            )
        case (.dingtalk, "460101"): return .dead(reason: text + ": the message is too large")
        case (.wecom, "93000"): return .dead(reason: text + ": the webhook URL is invalid; check the channel's url")
        case (.feishu, "19021"):
            return .dead(reason: text + ": signature or timestamp rejected; check the channel's secret and the clock")
        case (.feishu, "19022"): return .dead(reason: text + ": this server's IP is not allowed by the bot")
        case (.feishu, "19024"): return .dead(reason: text + ": keyword missing; check the channel's keywords")
        case (.feishu, "9499"): return .dead(reason: text + ": bad request")
        default: return .retry(reason: text, after: nil)
        }
    }

    private static func vendorMessage(_ body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        return (object["errmsg"] ?? object["msg"] ?? object["StatusMessage"]) as? String
    }
}
