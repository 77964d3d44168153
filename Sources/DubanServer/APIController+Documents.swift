import DubanCore
import DubanDocs
import DubanStore
import Foundation
import Hummingbird

extension APIController {
    /// The format asked for with `?format=`: none means the stored JSON.
    func format(_ request: Request) throws -> DocumentFormat? {
        guard let text = Query(request)["format"] else { return nil }
        guard let format = DocumentFormat(rawValue: text) else {
            throw APIError.invalid("format", "format “\(text)” is not a document format", fix: "use md, html or docx")
        }
        return format
    }

    static func rendered(_ data: Data, _ format: DocumentFormat, name: String) -> Response {
        switch format {
        case .markdown: JSONResponse.data(data, contentType: "text/markdown; charset=utf-8")
        case .html: JSONResponse.data(data, contentType: "text/html; charset=utf-8")
        case .docx:
            JSONResponse.data(
                data, contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                filename: "\(name).docx")
        }
    }

    func stored(kind: String, period: String) async throws -> String {
        guard let record = try await environment.store({ try $0.document(kind: kind, period: period) }) else {
            throw APIError.notFound("no \(kind) for \(period) is stored")
        }
        return record.content
    }

    @Sendable func bulletin(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let month = try context.parameters.require("month")
        let content = try await stored(kind: "bulletin", period: month)
        guard let format = try format(request) else {
            return JSONResponse.data(Data(content.utf8), contentType: "application/json; charset=utf-8")
        }
        let writer = try await environment.writer()
        let bulletin = try JSONDecoder().decode(MonthlyBulletin.self, from: Data(content.utf8))
        return Self.rendered(
            try writer.render(writer.bulletin(bulletin), as: format), format, name: "bulletin-\(month)")
    }

    @Sendable func agenda(_ request: Request, context: DubanRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        let quarter = try context.parameters.require("quarter")
        let content = try await stored(kind: "agenda", period: quarter)
        guard let format = try format(request) else {
            return JSONResponse.data(Data(content.utf8), contentType: "application/json; charset=utf-8")
        }
        let writer = try await environment.writer()
        let agenda = try JSONDecoder().decode(ConsultationAgenda.self, from: Data(content.utf8))
        return Self.rendered(try writer.render(writer.agenda(agenda), as: format), format, name: "agenda-\(quarter)")
    }

    struct LetterLine: Encodable {
        var number: String
        var year: Int
        var sequence: Int
        var step: Int64
        var department: String
        var task: String
        var issued: Day
    }

    @Sendable func letters(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        // A department sees its own letters; the office and viewers see all.
        let department =
            identity.role == .department
            ? identity.department : Query(request)["department"]
        return try JSONResponse.make(
            try await environment.store { try $0.letters(department: department) }.map {
                LetterLine(
                    number: $0.number, year: $0.year, sequence: $0.sequence, step: $0.stepId,
                    department: $0.departmentId, task: $0.taskId, issued: $0.issued)
            })
    }

    /// `GET /api/letters/{year}-{sequence}[?format=]`.
    @Sendable func letter(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let text = try context.parameters.require("number")
        guard let (year, sequence) = Query.letterNumber(text),
            let record = try await environment.store({ try $0.letters(year: year) }).first(where: {
                $0.sequence == sequence
            })
        else { throw APIError.notFound("no letter “\(text)”; letters are named YEAR-NUMBER, e.g. 2025-12") }
        if identity.role == .department, identity.department != record.departmentId {
            throw APIError.forbidden("this letter is addressed to another department")
        }
        guard let format = try format(request) else {
            return JSONResponse.data(Data(record.content.utf8), contentType: "application/json; charset=utf-8")
        }
        let writer = try await environment.writer()
        return Self.rendered(
            try writer.render(writer.letter(try record.letter()), as: format), format, name: "letter-\(text)")
    }

    /// `GET /api/calendars/{department}.ics?token=…`: the feed calendar apps subscribe to.
    @Sendable func calendar(_ request: Request, context: DubanRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".ics") else { throw APIError.notFound("calendars are named DEPARTMENT.ics") }
        let id = String(file.dropLast(4))
        let set = try await environment.store { try $0.planSet() }
        guard let department = set.department(id) else { throw APIError.notFound("no department “\(id)” is loaded") }
        if identity.role == .department, identity.department != id {
            throw APIError.forbidden("a \(identity.department ?? "") token reads its own calendar only")
        }
        let feed = CalendarFeed(
            department: department, plans: set, policy: environment.context.policy,
            calendar: environment.context.calendar, stamp: environment.now())
        return JSONResponse.data(Data(feed.rendered.utf8), contentType: "text/calendar; charset=utf-8")
    }
}
