import DubanCore

/// A document the office circulates, laid out as a Chinese official document (GB/T 9704): the
/// issuing body in red, the document number, a red rule, the title, the addressees, the body, and
/// the issuing body and date at the foot.
public struct OfficialDocument: Hashable, Sendable {
    /// The issuing body (发文机关标志), printed in red.
    public var issuer: String
    /// The document number (发文字号), e.g. `高新安办函〔2025〕12号`; none for an agenda.
    public var number: String?
    /// The title (标题).
    public var title: String
    /// Whom it is addressed to (主送机关), e.g. `区应急管理局：`.
    public var addressee: String?
    /// The body in the templates' Markdown, without the title.
    public var body: String
    /// The day it is dated (成文日期).
    public var date: Day
    /// The file name without extension, e.g. `bulletin-2025-06`.
    public var name: String

    /// Makes a document.
    public init(
        issuer: String, number: String?, title: String, addressee: String?, body: String, date: Day, name: String
    ) {
        self.issuer = issuer
        self.number = number
        self.title = title
        self.addressee = addressee
        self.body = body
        self.date = date
        self.name = name
    }

    /// The date as official documents write it: `2025年6月5日`.
    public var dateText: String { DocumentWriter.dayText(date) }

    /// The whole document in Markdown: head, title, addressee, body and signature.
    public var markdown: String {
        var lines = ["**\(issuer)**", ""]
        if let number { lines += [number, ""] }
        lines += ["# \(title)", ""]
        if let addressee { lines += [addressee, ""] }
        lines += [body.trimmingTrailingWhitespace, "", issuer, "", dateText, ""]
        return lines.joined(separator: "\n")
    }
}

/// The formats documents are written in.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case markdown = "md"
    case html
    case docx

    /// The file extension.
    public var fileExtension: String { rawValue }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
