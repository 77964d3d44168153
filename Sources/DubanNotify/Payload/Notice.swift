import DubanCore
import Foundation

/// One message for one department, before it is shaped for a channel.
public struct Notice: Hashable, Sendable {
    /// The idempotency key, the same on every attempt: `monthly-dispatch/2024-04/emergency`.
    /// Standard Webhooks receivers get it as `webhook-id`.
    public var key: String
    /// The department's id.
    public var department: String
    /// The department's name, as people read it: `应急管理局`.
    public var departmentName: String
    /// What the notice is; a webhook's `type`.
    public var kind: MessageKind
    /// The subject: a DingTalk or Feishu title, the first line elsewhere.
    public var subject: String
    /// The text, in Markdown.
    public var body: String
    /// When the notice was made (not when it is sent).
    public var createdAt: Date
    /// What it is about, as data: webhooks send it as `data.facts`.
    public var facts: MessageFacts?

    /// Makes a notice.
    public init(
        key: String, department: String, departmentName: String, kind: MessageKind, subject: String, body: String,
        createdAt: Date, facts: MessageFacts? = nil
    ) {
        self.key = key
        self.department = department
        self.departmentName = departmentName
        self.kind = kind
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
        self.facts = facts
    }
}

/// Why a notice cannot be shaped or sent to a channel, and what to do about it.
///
/// Messages name a channel by its id and `Channel.displayURL` only: never its URL, token or secret.
public struct DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String

    /// Makes an error.
    public init(message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}
