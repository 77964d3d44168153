import Crypto
import Foundation

/// The signatures the chat robots and Standard Webhooks receivers check, all HMAC-SHA256.
///
/// Every function returns the signature only; none of them logs or throws anything that contains the secret.
public enum Signing {
    /// DingTalk 加签: Base64 of HMAC-SHA256 keyed by `secret` over `"\(timestampMilliseconds)\n\(secret)"`.
    ///
    /// The result is not URL-encoded: put it in the query through `percentEncoded(_:)`, as
    /// `&timestamp=…&sign=…`. DingTalk accepts it for one hour.
    public static func dingtalk(secret: String, timestampMilliseconds: Int64) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let message = Data("\(timestampMilliseconds)\n\(secret)".utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).base64EncodedString()
    }

    /// Feishu / Lark: Base64 of HMAC-SHA256 keyed by `"\(timestampSeconds)\n\(secret)"` over an empty message.
    ///
    /// Sent in the JSON body as `"timestamp"` (seconds, a string) and `"sign"`, not URL-encoded.
    public static func feishu(secret: String, timestampSeconds: Int64) -> String {
        let key = SymmetricKey(data: Data("\(timestampSeconds)\n\(secret)".utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString()
    }

    /// Standard Webhooks `v1`: `"v1,"` + Base64 of HMAC-SHA256 over `"\(id).\(timestamp).\(body)"`, keyed by the
    /// Base64-decoded secret (its `whsec_` prefix removed).
    ///
    /// - Throws: `DeliveryError` when the secret is not Base64; the error does not repeat the secret.
    public static func standardWebhook(secret: String, id: String, timestamp: Int64, body: Data) throws -> String {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        guard let keyData = Data(base64Encoded: encoded), !keyData.isEmpty else {
            throw DeliveryError(
                message: "the webhook signing secret is not a Standard Webhooks secret",
                fix: "set the channel's secret to whsec_ followed by Base64 (as the receiver shows it)")
        }
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keyData))
        return "v1," + Data(code).base64EncodedString()
    }

    /// `standardWebhook(secret:id:timestamp:body:)` for a body given as text (UTF-8).
    public static func standardWebhook(secret: String, id: String, timestamp: Int64, body: String) throws -> String {
        try standardWebhook(secret: secret, id: id, timestamp: timestamp, body: Data(body.utf8))
    }

    /// `value` percent-encoded for a URL query value: everything but ASCII letters, digits and `-._~`
    /// (so `+`, `/` and `=` of Base64 become `%2B`, `%2F`, `%3D`).
    public static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// RFC 3986 unreserved characters.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
