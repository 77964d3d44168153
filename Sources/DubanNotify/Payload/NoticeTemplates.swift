import DubanCore
import Foundation
import Mustache

/// The Mustache templates that turn a notice into a channel's message text, one per channel kind.
///
/// Templates live in `notifiers/templates/<name>.mustache`; names are `dingtalk`, `wecom` (WeCom markdown),
/// `wecom-text` (WeCom text), `feishu`, `webhook` and `file`. A name with no file uses its built-in template,
/// so a fresh install (or a folder that is missing) works. Templates may include each other as partials
/// (`{{>footer}}`).
///
/// The context a template sees:
/// - `subject`, `body` (Markdown), `department` (id), `departmentName`, `key`, `kind`: from the notice;
/// - `keyword`: the channel's first keyword, absent when it has none;
/// - `mentions`: the mentions written the channel's way (`@13800000000` for DingTalk, `<@userid>` for WeCom
///   markdown), absent when there are none, so `{{#mentions}}…{{/mentions}}` shows only when there are some.
///
/// `{{x}}` escapes HTML (`<` becomes `&lt;`): use `{{{x}}}` for Markdown and text.
public struct NoticeTemplates: Sendable {
    /// Where templates are looked for, relative to duban's working folder.
    public static let defaultDirectory = "notifiers/templates"

    /// The built-in templates, by name.
    public static let builtIn: [String: String] = [
        "dingtalk": """
        ### {{{subject}}}

        {{{body}}}
        {{#mentions}}

        {{{mentions}}}
        {{/mentions}}
        """,
        "wecom": """
        **{{{subject}}}**

        {{{body}}}
        {{#mentions}}

        {{{mentions}}}
        {{/mentions}}
        """,
        "wecom-text": """
        {{{subject}}}

        {{{body}}}
        """,
        "feishu": """
        {{{body}}}
        """,
        "webhook": """
        {{{body}}}
        """,
        "file": """
        # {{{subject}}}

        {{{body}}}
        """,
    ]

    /// Where each template came from: a file's path, or `built-in`.
    public private(set) var sources: [String: String]
    private var library: MustacheLibrary

    /// The built-in templates only.
    public init() {
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        for (name, text) in Self.builtIn {
            // The built-ins are constants checked by the tests.
            try! library.register(text, named: name)
            sources[name] = "built-in"
        }
        self.library = library
        self.sources = sources
    }

    /// The built-ins, replaced by `templates` (name → Mustache text) where given.
    ///
    /// - Throws: `DeliveryError` naming the template that does not parse.
    public init(templates: [String: String]) throws {
        self.init()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            try add(text, named: name, source: "template “\(name)”")
        }
    }

    /// The built-ins, replaced by the `*.mustache` files in `directory` (`dingtalk.mustache` replaces
    /// `dingtalk`). A missing folder leaves the built-ins.
    ///
    /// - Throws: `DeliveryError` naming the file that cannot be read or does not parse, with line and column.
    public init(directory: String = NoticeTemplates.defaultDirectory) throws {
        self.init()
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) {
                throw DeliveryError(
                    message: "the template folder \(directory) cannot be read",
                    fix: "make it a readable folder of .mustache files, or remove it to use the built-in templates")
            }
            return
        }
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw DeliveryError(
                    message: "the template \(path) cannot be read as UTF-8 text",
                    fix: "save it as UTF-8, or remove it to use the built-in template")
            }
            try add(text, named: String(file.dropLast(".mustache".count)), source: path)
        }
    }

    /// Parses and registers one template.
    private mutating func add(_ text: String, named name: String, source: String) throws {
        do {
            try library.register(text, named: name)
            sources[name] = source
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.line.trimmingCharacters(in: .whitespaces)
            throw DeliveryError(
                message: "the template \(source) does not parse: line \(error.context.lineNumber), column "
                    + "\(error.context.columnNumber) (“\(line)”): \(error.error)",
                fix: "correct the Mustache there (sections open with {{#name}} and close with {{/name}}), "
                    + "or remove the file to use the built-in template")
        } catch {
            throw DeliveryError(
                message: "the template \(source) does not parse: \(error)",
                fix: "correct the Mustache, or remove the file to use the built-in template")
        }
    }

    /// The names of the templates there are.
    public var names: [String] { sources.keys.sorted() }

    /// The context a template sees for `notice`.
    public static func context(for notice: Notice, keyword: String?, mentions: String?) -> [String: Any] {
        var context: [String: Any] = [
            "subject": notice.subject,
            "body": notice.body,
            "department": notice.department,
            "departmentName": notice.departmentName,
            "key": notice.key,
            "kind": notice.kind.rawValue,
        ]
        if let keyword, !keyword.isEmpty { context["keyword"] = keyword }
        if let mentions, !mentions.isEmpty { context["mentions"] = mentions }
        return context
    }

    /// `notice` rendered with the template `name`, without leading or trailing blank lines.
    ///
    /// - Throws: `DeliveryError` when there is no template `name`.
    public func render(
        _ notice: Notice, template name: String, keyword: String? = nil, mentions: String? = nil
    )
        throws -> String
    {
        guard let template = library.getTemplate(named: name) else {
            throw DeliveryError(
                message: "there is no template “\(name)”",
                fix: "add \(Self.defaultDirectory)/\(name).mustache (templates: \(names.joined(separator: ", ")))")
        }
        let text = template.render(Self.context(for: notice, keyword: keyword, mentions: mentions), library: library)
        return Self.trimmingBlankLines(text)
    }

    /// `notice` rendered with the template for channels of `kind`.
    public func render(
        _ notice: Notice, for kind: Channel.Kind, keyword: String? = nil, mentions: String? = nil
    )
        throws -> String
    {
        try render(notice, template: kind.rawValue, keyword: keyword, mentions: mentions)
    }

    /// `text` without blank lines at its start and whitespace at its end.
    static func trimmingBlankLines(_ text: String) -> String {
        var rest = Substring(text)
        while let newline = rest.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }),
            rest[..<newline].allSatisfy(\.isWhitespace)
        {
            rest = rest[rest.index(after: newline)...]
        }
        while let last = rest.last, last.isWhitespace { rest.removeLast() }
        return String(rest)
    }
}
