/// The headings of a Chinese plan document: 一、 (or 一．) parts, (一) actions, 1. measures.
enum DocumentHeading: Equatable {
    /// "一、总体要求".
    case part(Int, String)
    /// "(一)开展……行动。"
    case action(Int, String)
    /// "1.组织开展……培训。"
    case measure(Int, String)

    /// "一、", and "三．" or "三." (normalised to ".") as some documents write it.
    nonisolated(unsafe) private static let part = #/^([一二三四五六七八九十]+)(?:、|\.)/#
    nonisolated(unsafe) private static let action = #/^\(([一二三四五六七八九十]+)\)/#
    nonisolated(unsafe) private static let measure = #/^([0-9]{1,3})(?:\.|、)(?![0-9])/#

    /// The heading that opens `line`, and where the text after the heading's title begins.
    static func read(_ line: DocumentLine) -> (heading: DocumentHeading, body: Range<Int>)? {
        let text = line.normal(0..<line.text.count)
        let found: (Substring, Int, (Int, String) -> DocumentHeading)?
        if let m = text.firstMatch(of: part) {
            found = (m.output.1, text.distance(from: text.startIndex, to: m.range.upperBound), DocumentHeading.part)
        } else if let m = text.firstMatch(of: action) {
            found = (m.output.1, text.distance(from: text.startIndex, to: m.range.upperBound), DocumentHeading.action)
        } else if let m = text.firstMatch(of: measure) {
            found = (m.output.1, text.distance(from: text.startIndex, to: m.range.upperBound), DocumentHeading.measure)
        } else {
            found = nil
        }
        guard let (numeral, start, make) = found else { return nil }
        guard let number = DocumentPatterns.number(numeral) else { return nil }
        let end = line.text[start...].firstIndex(of: "。") ?? line.text.count
        let title = DocumentText.stripped(line.written(start..<end))
        guard !title.isEmpty else { return nil }
        // The title is read for dates too: a measure glued to its sentence ("6.健全…,2024年底前完善…")
        // or a heading with no full stop is a sentence of the measure's work.
        let body = start..<line.text.count
        return (make(number, title), body)
    }
}
