import Foundation
import Mustache

/// The Mustache templates documents are written from: `notifiers/templates/documents/`.
///
/// - `bulletin.md.mustache`, `agenda.md.mustache`, `letter.md.mustache`: each document's body in
///   Markdown (title, head and signature are added around it);
/// - `page.html.mustache`: the HTML page a document's body is set in (inline CSS, A4 print rules).
///
/// `{{x}}` escapes HTML; the Markdown templates use `{{{x}}}`, and the HTML writer escapes the text.
public struct DocumentTemplates: Sendable {
    /// Where templates are looked for, relative to duban's working folder.
    public static let defaultDirectory = "notifiers/templates/documents"
    /// The templates a folder must hold.
    public static let required = ["bulletin.md", "agenda.md", "letter.md", "page.html"]

    private let library: MustacheLibrary

    /// Reads every template in `directory`.
    ///
    /// - Throws: `DocumentError` naming a missing template, or the line and column where one does not parse.
    public init(directory: String = DocumentTemplates.defaultDirectory) throws {
        library = try Self.library(directory: directory, names: Self.required, what: "document template")
    }

    /// The templates `names` (`name.mustache` each) read from `directory`: what the documents and
    /// the dashboard's pages are both loaded with.
    ///
    /// - Throws: `DocumentError` naming a missing template, or the line and column where one does not parse.
    public static func library(directory: String, names: [String], what: String) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in names {
            let path = (directory as NSString).appendingPathComponent("\(name).mustache")
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw DocumentError(
                    message: "the \(what) \(path) is missing or is not UTF-8 text",
                    fix: "run duban from its folder (the one with notifiers/), or restore the file from the repository")
            }
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw DocumentError(
                    message: "the \(what) \(path) does not parse: line \(error.context.lineNumber), column "
                        + "\(error.context.columnNumber): \(error.error)",
                    fix: "correct the Mustache there (sections open with {{#name}} and close with {{/name}})")
            }
        }
        return library
    }

    /// The template `name` rendered with `context`.
    func render(_ name: String, _ context: Any) -> String {
        // Every required template was registered in init.
        library.getTemplate(named: name)!.render(context, library: library)
    }
}
