import Foundation
import Mustache

/// The dashboard's pages: `notifiers/templates/dashboard/*.html.mustache`, each set inside `layout`.
/// `{{x}}` escapes HTML, so every value from the store is escaped unless a template says `{{{x}}}`.
public struct DashboardTemplates: Sendable {
    public static let defaultDirectory = "notifiers/templates/dashboard"
    static let pages = ["layout", "login", "office", "department", "approvals", "outbox", "message"]

    private let library: MustacheLibrary

    /// Reads the pages in `directory`.
    ///
    /// - Throws: `ServerError` naming a page that is missing or does not parse.
    public init(directory: String = DashboardTemplates.defaultDirectory) throws {
        var library = MustacheLibrary()
        for page in Self.pages {
            let path = (directory as NSString).appendingPathComponent("\(page).html.mustache")
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw ServerError(
                    message: "the dashboard page \(path) is missing",
                    fix: "run duban serve from its folder (the one with notifiers/), or restore the file")
            }
            do {
                try library.register(text, named: page)
            } catch let error as MustacheTemplate.ParserError {
                throw ServerError(
                    message: "the dashboard page \(path) does not parse: line \(error.context.lineNumber), column "
                        + "\(error.context.columnNumber): \(error.error)",
                    fix: "correct the Mustache there")
            }
        }
        self.library = library
    }

    /// `page` rendered with `context`, inside the layout; both see `user` (label, csrf, office, department).
    func render(_ page: String, title: String, context: [String: Any], identity: Identity?) -> String {
        var context = context
        var layout: [String: Any] = ["title": title]
        if let identity {
            var user: [String: Any] = ["label": identity.token.label, "csrf": identity.csrf ?? ""]
            user["office"] = identity.role == .office
            if let department = identity.department { user["department"] = department }
            layout["user"] = user
            context["user"] = user
        }
        layout["body"] = library.getTemplate(named: page)!.render(context, library: library)
        return library.getTemplate(named: "layout")!.render(layout, library: library)
    }
}

/// A server that cannot start: what is missing and how to fix it.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var fix: String

    public init(message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}
