import DubanCore
import Foundation

/// Turns what the jobs composed (bulletins, agendas, letters) into the documents the office
/// circulates, in Markdown, HTML or docx. The same content and templates always give the same bytes.
public struct DocumentWriter: Sendable {
    /// The templates the bodies are written from.
    public var templates: DocumentTemplates
    /// The issuing body at every document's head.
    public var issuer: String
    /// Department and subdistrict names by id.
    public var names: [String: String]
    /// The plan's title, e.g. 安全生产治本攻坚三年行动方案（2024—2026年）.
    public var planTitle: String

    /// Makes a writer.
    public init(templates: DocumentTemplates, issuer: String, names: [String: String], planTitle: String) {
        self.templates = templates
        self.issuer = issuer
        self.names = names
        self.planTitle = planTitle
    }

    /// `document` written as `format`.
    public func render(_ document: OfficialDocument, as format: DocumentFormat) throws -> Data {
        switch format {
        case .markdown: Data(document.markdown.utf8)
        case .html: Data(HTMLPage(document: document, templates: templates).rendered.utf8)
        case .docx: try DocxPackage(document: document).data()
        }
    }

    /// A department's name, or its id when it has none.
    func name(_ id: String) -> String { names[id] ?? id }

    /// A percentage as the documents print it: `62.5%`.
    static func percent(_ value: Double) -> String { "\(value.plainText)%" }

    /// Text made safe for a Markdown table cell or line.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "｜").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "**", with: "")
    }

    /// `2025-06` as `2025年6月`.
    static func monthText(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return key }
        return "\(parts[0])年\(parts[1])月"
    }

    /// `2025Q3` as `2025年第三季度`.
    static func quarterText(_ key: String) -> String {
        let names = ["一", "二", "三", "四"]
        guard key.count == 6, let year = Int(key.prefix(4)), let q = Int(key.suffix(1)), (1...4).contains(q) else {
            return key
        }
        return "\(year)年第\(names[q - 1])季度"
    }

    /// A day as `2025年6月5日`.
    static func dayText(_ day: Day) -> String {
        let c = day.components
        return "\(c.year)年\(c.month)月\(c.day)日"
    }
}

extension DocumentWriter {
    /// A writer for the loaded `plans`: department names from the registry, the main plan's title,
    /// the issuer from the policy.
    public init(templates: DocumentTemplates, plans: PlanSet, policy: DocumentPolicy) {
        let main = plans.plans.first { $0.extends == nil } ?? plans.plans.first
        self.init(
            templates: templates, issuer: policy.issuer,
            names: Dictionary(plans.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
            planTitle: main?.title ?? "")
    }
}
