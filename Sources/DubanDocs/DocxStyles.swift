/// `word/styles.xml` for official documents (GB/T 9704): the fonts, sizes and spacing each part
/// of the document is set in. Sizes are in half points: 3号 = 16 pt = 32, 2号 = 22 pt = 44.
enum DocxStyles {
    static func fonts(_ name: String) -> String {
        "<w:rFonts w:ascii=\"\(name)\" w:eastAsia=\"\(name)\" w:hAnsi=\"\(name)\" w:cs=\"\(name)\" w:hint=\"eastAsia\"/>"
    }

    static func style(
        _ id: String, name: String, font: String, size: Int, align: String? = nil, firstLineChars: Int? = nil,
        line: Int = 579, before: Int = 0, after: Int = 0, color: String? = nil, extra: String = ""
    ) -> String {
        var paragraph =
            "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\" w:line=\"\(line)\" w:lineRule=\"exact\"/>"
        if let firstLineChars {
            paragraph += "<w:ind w:firstLineChars=\"\(firstLineChars)\" w:firstLine=\"\(firstLineChars * 32 / 10)\"/>"
        }
        if let align { paragraph += "<w:jc w:val=\"\(align)\"/>" }
        var run = fonts(font) + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>"
        if let color { run += "<w:color w:val=\"\(color)\"/>" }
        return "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
            + "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>\(extra)\(paragraph)</w:pPr><w:rPr>\(run)</w:rPr></w:style>"
    }

    static let xml: String = {
        let red = DocxPackage.red
        let styles = [
            style(
                "Issuer", name: "发文机关标志", font: DocxPackage.xiaobiaosong, size: 48, align: "center", line: 800,
                before: 0, after: 120, color: red),
            style(
                "DocNumber", name: "发文字号", font: DocxPackage.fangsong, size: 32, align: "center", after: 480,
                extra: "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"\(red)\"/></w:pBdr>"),
            style(
                "DocTitle", name: "公文标题", font: DocxPackage.xiaobiaosong, size: 44, align: "center", line: 700,
                before: 0, after: 579),
            style("Addressee", name: "主送机关", font: DocxPackage.fangsong, size: 32),
            style("BodyText", name: "公文正文", font: DocxPackage.fangsong, size: 32, align: "both", firstLineChars: 200),
            style("Heading2", name: "一级标题", font: DocxPackage.heiti, size: 32, firstLineChars: 200),
            style("Heading3", name: "二级标题", font: DocxPackage.kaiti, size: 32, firstLineChars: 200),
            style(
                "Signature", name: "落款", font: DocxPackage.fangsong, size: 32, align: "right",
                extra: "<w:ind w:right=\"1280\"/>"),
            style("TableHeader", name: "表头", font: DocxPackage.heiti, size: 24, align: "center", line: 360),
            style("TableText", name: "表格文字", font: DocxPackage.fangsong, size: 24, align: "center", line: 360),
            style("TableGap", name: "表后空行", font: DocxPackage.fangsong, size: 16, line: 240),
            style("Footer", name: "页码", font: "宋体", size: 28, align: "center", line: 360),
        ]
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:docDefaults><w:rPrDefault><w:rPr>\(fonts(DocxPackage.fangsong))<w:sz w:val="32"/><w:szCs w:val="32"/>\
            <w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
            <w:spacing w:after="0" w:line="579" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
            \(styles.joined(separator: "\n"))
            </w:styles>
            """
    }()
}
