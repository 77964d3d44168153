import DubanDocs
import Foundation
import Mustache

/// The dashboard's pages: `notifiers/templates/dashboard/*.html.mustache`, each set inside `layout`.
/// `{{x}}` escapes HTML, so every value from the store is escaped unless a template says `{{{x}}}`.
public struct DashboardTemplates: Sendable {
    public static let defaultDirectory = "notifiers/templates/dashboard"
    static let pages = ["layout", "login", "office", "department", "approvals", "outbox", "message", "hazards"]

    private let library: MustacheLibrary

    /// Reads the pages in `directory`.
    ///
    /// - Throws: `DocumentError` naming a page that is missing or does not parse.
    public init(directory: String = DashboardTemplates.defaultDirectory) throws {
        library = try DocumentTemplates.library(
            directory: directory, names: Self.pages.map { "\($0).html" }, what: "dashboard page")
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
        layout["body"] = library.getTemplate(named: "\(page).html")!.render(context, library: library)
        return library.getTemplate(named: "layout.html")!.render(layout, library: library)
    }
}
