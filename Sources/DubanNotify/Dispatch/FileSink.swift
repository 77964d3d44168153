import DubanCore
import Foundation

/// The `file` channel: each message as a JSON file in a folder, named by its idempotency key, so
/// a resend overwrites rather than duplicates.
public enum FileSink {
    /// Writes `notice` into `folder`.
    public static func write(_ notice: Notice, channel: Channel, into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = notice.key.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .shanghai
        var object: [String: Any] = [
            "key": notice.key, "department": notice.department, "department_name": notice.departmentName,
            "kind": notice.kind.rawValue, "subject": notice.subject, "body": notice.body,
            "created_at": formatter.string(from: notice.createdAt), "channel": channel.id,
        ]
        if let facts = notice.facts { object["facts"] = facts.payload }
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(
            to: URL(fileURLWithPath: folder).appendingPathComponent(String(name) + ".json"), options: .atomic)
    }
}
