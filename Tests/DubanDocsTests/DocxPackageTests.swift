import DubanCore
import Foundation
import Testing
import ZIPFoundation

@testable import DubanDocs

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `DocxPackage`: a well-formed Office Open XML package laid out as GB/T 9704 asks.
@Suite struct DocxPackageTests {
    static let body = """
        ## 一、总体进展

        全区共 **3** 项任务，含控制符\u{07}和\u{1B}。

        | 排名 | 单位 | 得分 |
        |---|---|---|
        | 1 | 区应急管理局 | 92.5 |
        | 2 | 兴仁街道 | 80 |

        ### （一）红灯事项

        - **甲**：滞后 & "乙" <丙>
        - 丁

        1. 第一
        """

    static let document = OfficialDocument(
        issuer: "区安全生产委员会办公室", number: "安办函〔2024〕7号", title: "关于A&B <C> \"D\"的通报",
        addressee: "区应急管理局：", body: body, date: Day("2024-10-08")!, name: "letter-2024-7")

    /// The package's entries in the order they are stored.
    static func entries(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        var entries: [(path: String, data: Data)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            entries.append((entry.path, bytes))
        }
        return entries
    }

    static func part(_ path: String, of document: OfficialDocument = document) throws -> ParsedXML {
        let data = try DocxPackage(document: document).data()
        let bytes = try #require(try entries(data).first { $0.path == path }?.data)
        let xml = ParsedXML(bytes)
        #expect(xml.succeeded, "\(path) does not parse")
        return xml
    }

    @Test func contentTypesComesFirstAndEveryPartIsStored() throws {
        let package = DocxPackage(document: Self.document)
        let entries = try Self.entries(try package.data())
        #expect(entries.first?.path == "[Content_Types].xml")
        #expect(
            entries.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
                "word/styles.xml", "word/footer1.xml", "word/document.xml",
            ])
        #expect(entries.map(\.path) == package.parts.map(\.0))
        for ((path, text), entry) in zip(package.parts, entries) {
            #expect(entry.data == Data(text.utf8), "\(path) is stored as written")
        }
    }

    @Test func everyXMLPartParses() throws {
        let entries = try Self.entries(try DocxPackage(document: Self.document).data())
        #expect(entries.count == 7)
        for entry in entries where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            let xml = ParsedXML(entry.data)
            #expect(xml.succeeded, "\(entry.path): \(String(describing: xml.error))")
            #expect(!xml.elements.isEmpty)
        }
    }

    @Test func contentTypesAndRelationshipsPointAtStoredParts() throws {
        let paths = Set(try Self.entries(try DocxPackage(document: Self.document).data()).map(\.path))
        let types = try Self.part("[Content_Types].xml")
        let overrides = types.named("Override").compactMap { $0.attributes["PartName"] }
        #expect(
            Set(overrides) == ["/word/document.xml", "/word/styles.xml", "/word/footer1.xml", "/docProps/core.xml"])
        #expect(overrides.allSatisfy { paths.contains(String($0.dropFirst())) })
        #expect(Set(types.named("Default").compactMap { $0.attributes["Extension"] }) == ["rels", "xml"])

        let package = try Self.part("_rels/.rels").named("Relationship").compactMap { $0.attributes["Target"] }
        #expect(package == ["word/document.xml", "docProps/core.xml"])
        let word = try Self.part("word/_rels/document.xml.rels").named("Relationship")
        #expect(word.compactMap { $0.attributes["Target"] }.allSatisfy { paths.contains("word/" + $0) })
        // The section's footer reference names the footer relationship.
        let reference = try #require(try Self.part("word/document.xml").named("w:footerReference").first)
        let footer = try #require(word.first { $0.attributes["Id"] == reference.attributes["r:id"] })
        #expect(footer.attributes["Target"] == "footer1.xml")
        #expect(footer.attributes["Type"]?.hasSuffix("/footer") == true)
    }

    /// A4 is 210 × 297 mm; GB/T 9704 margins are 37 mm top, 35 bottom, 28 left (binding side), 26 right.
    @Test func pageIsA4WithOfficialMargins() throws {
        let document = try Self.part("word/document.xml")
        let size = try #require(document.named("w:pgSz").first?.attributes)
        #expect(size["w:w"] == "11906")
        #expect(size["w:h"] == "16838")
        func millimetres(_ twips: String?) -> Double { Double(twips ?? "").map { $0 / 1440 * 25.4 } ?? -1 }
        #expect(abs(millimetres(size["w:w"]) - 210) < 0.05)
        #expect(abs(millimetres(size["w:h"]) - 297) < 0.05)
        let margins = try #require(document.named("w:pgMar").first?.attributes)
        #expect(abs(millimetres(margins["w:top"]) - 37) < 0.05)
        #expect(abs(millimetres(margins["w:bottom"]) - 35) < 0.05)
        #expect(abs(millimetres(margins["w:left"]) - 28) < 0.05)
        #expect(abs(millimetres(margins["w:right"]) - 26) < 0.05)
        // The table spans the text block exactly: 11906 − left − right.
        let block = 11906 - (Int(margins["w:left"] ?? "") ?? 0) - (Int(margins["w:right"] ?? "") ?? 0)
        let columns = document.named("w:gridCol").compactMap { $0.attributes["w:w"].flatMap { Int($0) } }
        #expect(block == 8844)
        #expect(columns.reduce(0, +) == block)
        #expect(document.named("w:tblW").first?.attributes["w:w"] == "8844")
    }

    @Test func issuerIsRedAndRuledOff() throws {
        let document = try Self.part("word/document.xml")
        let paragraphs = document.named("w:p")
        #expect(paragraphs.first?.text == "区安全生产委员会办公室")
        #expect(document.styles.first == "Issuer")
        let styles = try Self.part("word/styles.xml")
        let issuer = try #require(styles.style("Issuer"))
        #expect(issuer.value("w:color") == "E60012")
        #expect(issuer.value("w:sz") == "48")  // 24 pt
        // The red rule under the document number.
        let number = try #require(styles.style("DocNumber"))
        #expect(number.descendantNames.contains("w:pBdr"))
        #expect(styles.elements.contains { $0.name == "w:bottom" && $0.attributes["w:color"] == "E60012" })
        #expect(paragraphs[1].text == "安办函〔2024〕7号")
        // The body is 仿宋_GB2312 3号 (16 pt).
        let body = try #require(styles.style("BodyText"))
        #expect(body.value("w:sz") == "32")
        #expect(body.value("w:rFonts", "w:eastAsia") == "仿宋_GB2312")
    }

    @Test func stylesDefineEveryStyleTheDocumentUses() throws {
        let used = try Self.part("word/document.xml").styles
        #expect(
            Set(used) == [
                "Issuer", "DocNumber", "DocTitle", "Addressee", "Heading2", "Heading3", "BodyText", "TableHeader",
                "TableText", "TableGap", "Signature",
            ])
        let footer = try Self.part("word/footer1.xml").styles
        let defined = Set(try Self.part("word/styles.xml").named("w:style").compactMap { $0.attributes["w:styleId"] })
        #expect(Set(used + footer).isSubset(of: defined))
        #expect(footer == ["Footer"])
    }

    @Test func textIsEscapedAndControlCharactersDropped() throws {
        let data = try DocxPackage(document: Self.document).data()
        let entries = try Self.entries(data)
        for entry in entries {
            #expect(!entry.data.contains(0x07) && !entry.data.contains(0x1B), "\(entry.path)")
        }
        let raw = try #require(
            entries.first { $0.path == "word/document.xml" }.map { String(decoding: $0.data, as: UTF8.self) })
        #expect(raw.contains("关于A&amp;B &lt;C&gt; &quot;D&quot;的通报"))
        let document = try Self.part("word/document.xml")
        let texts = document.named("w:p").map(\.text)
        #expect(texts.contains("关于A&B <C> \"D\"的通报"))
        #expect(texts.contains("全区共 3 项任务，含控制符和。"))
        #expect(texts.contains("1．甲：滞后 & \"乙\" <丙>"))
        #expect(try Self.part("docProps/core.xml").named("dc:title").first?.text == "关于A&B <C> \"D\"的通报")
        #expect(try Self.part("docProps/core.xml").named("dcterms:created").first?.text == "2024-10-08T00:00:00Z")
    }

    @Test func bodyBlocksBecomeParagraphsAndATable() throws {
        let document = try Self.part("word/document.xml")
        let paragraphs = document.named("w:p").filter { !$0.parents.contains("w:tbl") }
        #expect(
            paragraphs.map { "\($0.style ?? "")|\($0.text)" } == [
                "Issuer|区安全生产委员会办公室", "DocNumber|安办函〔2024〕7号", "DocTitle|关于A&B <C> \"D\"的通报",
                "Addressee|区应急管理局：", "Heading2|一、总体进展", "BodyText|全区共 3 项任务，含控制符和。", "TableGap|",
                "Heading3|（一）红灯事项", "BodyText|1．甲：滞后 & \"乙\" <丙>", "BodyText|2．丁", "BodyText|1．第一",
                "Signature|区安全生产委员会办公室", "Signature|2024年10月8日",
            ])
        let bold = document.named("w:r").filter { $0.descendantNames.contains("w:b") }.map(\.text)
        #expect(bold == ["3", "甲"])
        let rows = document.named("w:tr")
        #expect(rows.count == 3)
        #expect(rows.map { $0.descendantNames.contains("w:tblHeader") } == [true, false, false])
        #expect(document.named("w:tc").map(\.text) == ["排名", "单位", "得分", "1", "区应急管理局", "92.5", "2", "兴仁街道", "80"])
        #expect(
            document.named("w:tc").compactMap { $0.style } == Array(repeating: "TableHeader", count: 3)
                + Array(repeating: "TableText", count: 6))
        // Widths by longest text, a CJK character counting two: 排名 4 → 6 (the floor), 区应急管理局 12, 得分 4 → 6.
        let columns = document.named("w:gridCol").compactMap { $0.attributes["w:w"] }
        #expect(columns == ["2211", "4422", "2211"])
        #expect(document.named("w:tcW").prefix(3).compactMap { $0.attributes["w:w"] } == columns)
    }

    @Test func aDocumentWithoutANumberKeepsTheRuledParagraph() throws {
        var agenda = Self.document
        agenda.number = nil
        agenda.addressee = nil
        let paragraphs = try Self.part("word/document.xml", of: agenda).named("w:p")
        #expect(paragraphs[1].style == "DocNumber")
        #expect(paragraphs[1].text == "")
        #expect(paragraphs[2].style == "DocTitle")
        #expect(paragraphs[3].style == "Heading2")
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let first = try DocxPackage(document: Self.document).data()
        let second = try DocxPackage(document: Self.document).data()
        #expect(first == second)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // PK\3\4
        var later = Self.document
        later.date = Day("2024-10-09")!
        #expect(try DocxPackage(document: later).data() != first)
    }
}

/// An XML document read with Foundation's `XMLParser`: every element in document order, with its
/// attributes, its whole text, the names of its ancestors and its descendants.
final class ParsedXML: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var parents: [String]
        var descendants: [(name: String, attributes: [String: String])] = []

        var descendantNames: [String] { descendants.map(\.name) }
        /// A paragraph's or a cell's paragraph style.
        var style: String? { descendants.first { $0.name == "w:pStyle" }?.attributes["w:val"] }
        /// The first `attribute` of a descendant named `name`.
        func value(_ name: String, _ attribute: String = "w:val") -> String? {
            descendants.first { $0.name == name }?.attributes[attribute]
        }
    }

    private(set) var elements: [Element] = []
    private(set) var succeeded = false
    private(set) var error: (any Error)?
    private var open: [Int] = []

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        succeeded = parser.parse()
        error = parser.parserError
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        for index in open { elements[index].descendants.append((elementName, attributes)) }
        elements.append(Element(name: elementName, attributes: attributes, parents: open.map { elements[$0].name }))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// The paragraph styles used, in order.
    var styles: [String] { named("w:pStyle").compactMap { $0.attributes["w:val"] } }

    /// The `w:style` with id `id` in a styles part.
    func style(_ id: String) -> Element? {
        elements.first { $0.name == "w:style" && $0.attributes["w:styleId"] == id }
    }
}
