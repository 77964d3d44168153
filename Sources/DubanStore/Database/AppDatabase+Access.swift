import DubanCore
import Foundation

/// Why an access request was refused.
public struct AccessError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var fix: String

    public init(message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}

extension AppDatabase {
    /// Stores a new token by its hash, and audits it (never the token itself).
    ///
    /// - Throws: `AccessError` when a department token names no department or an unknown one, or
    ///   another role names one.
    public func createToken(
        hash: String, role: AccessRole, department: String?, label: String, expires: Date?, now: Date, actor: String
    ) throws -> APIToken {
        try write { db in
            switch (role, department) {
            case (.department, nil):
                throw AccessError(
                    message: "a department token needs --department", fix: "name the department it speaks for")
            case (.department, let id?):
                guard try db.first(DepartmentRecord.self, where: "id = ? AND archivedAt IS NULL", [id]) != nil else {
                    throw AccessError(
                        message: "no department “\(id)” is loaded",
                        fix: "see `duban plan show` or plans/departments.yaml")
                }
            case (_, .some):
                throw AccessError(
                    message: "only department tokens name a department",
                    fix: "leave --department out for \(role.rawValue)")
            default: break
            }
            var token = APIToken(
                id: nil, hash: hash, role: role, departmentId: department, label: label, createdAt: now,
                expiresAt: expires, revokedAt: nil)
            try db.insert(&token)
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "token.create", subject: "token \(token.id!)",
                detail: "\(role.rawValue)\(department.map { " \($0)" } ?? ""): \(label)"
                    + (expires.map { ", expires \(Day($0))" } ?? ""))
            try db.insert(&audit)
            return token
        }
    }

    /// Every token, newest last.
    public func tokens() throws -> [APIToken] {
        try read { db in try db.all(APIToken.self, order: "id") }
    }

    /// The token whose hash is `hash`, if it is valid at `now`.
    public func token(hash: String, at now: Date) throws -> APIToken? {
        try read { db in
            try db.first(APIToken.self, where: "hash = ?", [hash]).flatMap { $0.isValid(at: now) ? $0 : nil }
        }
    }

    /// Revokes token `id` (its sessions end with it), and audits it.
    public func revokeToken(id: Int64, now: Date, actor: String) throws {
        try write { db in
            guard var token = try db.find(APIToken.self, key: id) else {
                throw AccessError(message: "no token \(id)", fix: "list them with `duban token list`")
            }
            guard token.revokedAt == nil else { return }
            token.revokedAt = now
            try db.update(token)
            try db.execute("DELETE FROM session WHERE tokenId = ?", [id])
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "token.revoke", subject: "token \(id)", detail: token.label)
            try db.insert(&audit)
        }
    }

    /// Starts a browser session for `token`, stored by the hash of the cookie's value.
    public func createSession(hash: String, token: APIToken, csrf: String, now: Date, expires: Date) throws {
        try write { db in
            try db.insert(SessionRecord(hash: hash, tokenId: token.id!, csrf: csrf, createdAt: now, expiresAt: expires))
            try db.execute("DELETE FROM session WHERE expiresAt < ?", [now])
        }
    }

    /// The token and CSRF secret of the session whose cookie hashes to `hash`, if both are still valid.
    public func session(hash: String, at now: Date) throws -> (token: APIToken, csrf: String)? {
        try read { db in
            guard let session = try db.find(SessionRecord.self, key: hash), session.expiresAt > now,
                let token = try db.find(APIToken.self, key: session.tokenId), token.isValid(at: now)
            else { return nil }
            return (token, session.csrf)
        }
    }

    /// Ends the session whose cookie hashes to `hash`.
    public func endSession(hash: String) throws {
        _ = try write { db in try db.execute("DELETE FROM session WHERE hash = ?", [hash]) }
    }

    /// Records that `department` has received step `id`'s letter (once; again returns the first), and audits it.
    ///
    /// - Throws: `ProgressError` for an unknown step, a reset, or a step not yet sent or approved.
    @discardableResult
    public func acknowledge(
        step id: Int64, department: String, note: String?, now: Date, actor: String
    ) throws -> Acknowledgement {
        try write { db in
            guard let record = try db.find(EscalationStepRecord.self, key: id), record.kind == .rung else {
                throw ProgressError(
                    .notFound, field: "step", message: "no escalation step \(id)",
                    fix: "list the steps with `duban escalations`")
            }
            guard [.approved, .sent].contains(record.state) else {
                throw ProgressError(
                    .conflict, field: "step",
                    message: "step \(id) is \(record.state.rawValue), so there is nothing to acknowledge",
                    fix: "only approved or sent steps reach the department")
            }
            if let existing = try db.first(Acknowledgement.self, where: "stepId = ?", [id]) { return existing }
            var acknowledgement = Acknowledgement(
                id: nil, stepId: id, departmentId: department, actor: actor, at: now, note: note)
            try db.insert(&acknowledgement)
            var audit = AuditEntry(
                id: nil, at: now, actor: actor, action: "escalation.acknowledge", subject: record.taskId,
                detail:
                    "step \(id) \(record.rung.chinese) received by \(department)"
                    + (note.map { ": \($0)" } ?? ""))
            try db.insert(&audit)
            return acknowledgement
        }
    }

    /// The acknowledgements of the given steps, by step id.
    public func acknowledgements(steps: [Int64]? = nil) throws -> [Int64: Acknowledgement] {
        try read { db in
            let all: [Acknowledgement]
            if let steps {
                all =
                    try steps.isEmpty
                    ? []
                    : db.all(
                        Acknowledgement.self, where: "stepId IN (\(placeholders(steps.count)))", steps.map { $0 })
            } else {
                all = try db.all(Acknowledgement.self)
            }
            return Dictionary(all.map { ($0.stepId, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }
}
