import DubanCore
import Foundation
import Hummingbird

/// A request's JSON object or HTML form, with typed reads that name the field at fault.
struct RequestBody {
    var fields: [String: Any]
    /// An HTML form: every value is text, read as the field's type. JSON values must have their type.
    var isForm = false

    /// Reads a JSON object body (an HTML form when `form` is set).
    static func read(_ request: Request, context: DubanRequestContext, form: Bool = false) async throws -> RequestBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        if form {
            var fields: [String: Any] = [:]
            for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return RequestBody(fields: fields, isForm: true)
        }
        if data.isEmpty { return RequestBody(fields: [:]) }
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw APIError.badRequest(
                "the body is not JSON", fix: "send a JSON object with Content-Type: application/json")
        }
        guard let fields = FlatJSON.object(data) else {
            throw APIError.badRequest("the body is not a JSON object", fix: "send {\"field\": value, …}")
        }
        return RequestBody(fields: fields)
    }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    /// A string, or nil when absent; a non-string is refused.
    func string(_ key: String, required: Bool = false) throws -> String? {
        guard has(key) else {
            if required { throw APIError.invalid(key, "\(key) is required") }
            return nil
        }
        guard let text = fields[key] as? String else { throw APIError.invalid(key, "\(key) must be a string") }
        if required, text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIError.invalid(key, "\(key) must not be empty")
        }
        return text
    }

    /// A number: a JSON number, or a form's text.
    func number(_ key: String) throws -> Double? {
        guard has(key), let raw = fields[key] else { return nil }
        if isForm, let text = raw as? String {
            if text.isEmpty { return nil }
            guard let value = Double(text), value.isFinite else {
                throw APIError.invalid(key, "\(key) must be a number")
            }
            return value
        }
        guard !(raw is Bool), !(raw is String), let number = raw as? Double, number.isFinite else {
            throw APIError.invalid(key, "\(key) must be a number")
        }
        return number
    }

    /// A boolean: JSON `true`/`false`, or a form's `on`/`true`/`1`/`yes`.
    func bool(_ key: String) throws -> Bool? {
        guard has(key), let raw = fields[key] else { return nil }
        if isForm, let text = raw as? String { return ["on", "true", "1", "yes"].contains(text) }
        guard !(raw is Double), !(raw is String), let value = raw as? Bool else {
            throw APIError.invalid(key, "\(key) must be true or false")
        }
        return value
    }

    /// A day, `YYYY-MM-DD`.
    func day(_ key: String) throws -> Day? {
        guard let text = try string(key), !text.isEmpty else { return nil }
        guard let day = Day(text) else {
            throw APIError.invalid(key, "\(key) “\(text)” is not a day", fix: "write YYYY-MM-DD, e.g. 2025-06-30")
        }
        return day
    }

    /// Refuses fields the endpoint does not take.
    func only(_ allowed: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalid(
                unknown, "unknown field “\(unknown)”", fix: "the fields are " + allowed.sorted().joined(separator: ", ")
            )
        }
    }
}
