import Foundation
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every document, in every format, from the fixed demo store, pinned by checked-in files; and
/// the same store and templates always give the same bytes.
@Suite struct DocumentSnapshotTests {
    static let documents: [(name: String, arguments: [String])] = [
        ("bulletin-2025-06", ["bulletin", "--month", "2025-06"]),
        ("agenda-2024Q4", ["agenda", "--quarter", "2024Q4"]),
        ("letter-2024-1", ["letter", "show", "2024-1"]),
        ("letter-2024-5", ["letter", "show", "2024-5"]),
    ]

    @Test(arguments: documents)
    func markdownAndHTMLMatchTheirSnapshots(_ document: (name: String, arguments: [String])) throws {
        for format in ["md", "html"] {
            let result = try DemoStore.duban.run(document.arguments + ["--format", format])
            #expect(result.exitCode == 0, "\(result)")
            try Snapshot.check(Data(result.stdout.utf8), named: "\(document.name).\(format)")
        }
    }

    @Test(arguments: documents)
    func docxIsAValidPackageThatMatchesItsSnapshotByteForByte(_ document: (name: String, arguments: [String])) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [Data] = []
        for attempt in 1...2 {
            let path = folder.appendingPathComponent("\(attempt).docx").path
            let result = try DemoStore.duban.run(document.arguments + ["--format", "docx", "--output", path])
            #expect(result.exitCode == 0, "\(result)")
            files.append(try #require(FileManager.default.contents(atPath: path)))
        }
        // Regenerated from the store, byte for byte the same.
        #expect(files[0] == files[1])

        let archive = try Archive(data: files[0], accessMode: .read)
        let entries = Array(archive)
        #expect(entries.first?.path == "[Content_Types].xml")
        #expect(
            Set(entries.map(\.path)) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels",
                "word/styles.xml", "word/footer1.xml", "word/document.xml",
            ])
        var documentXML = Data()
        for entry in entries {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(entry.path) does not parse: \(String(describing: parser.parserError))")
            if entry.path == "word/document.xml" { documentXML = data }
        }
        // The text of the document is pinned; the package around it is checked above.
        try Snapshot.check(documentXML, named: "\(document.name).docx.document.xml")
    }

    @Test func ganttMatchesItsSnapshotsAndTheSVGParses() throws {
        for (format, name) in [("svg", "gantt-2025-07-10.svg"), ("mermaid", "gantt-2025-07-10.mmd")] {
            let result = try DemoStore.duban.run("gantt", "--format", format, "--as-of", "2025-07-10")
            #expect(result.exitCode == 0, "\(result)")
            try Snapshot.check(Data(result.stdout.utf8), named: name)
            if format == "svg" {
                let parser = XMLParser(data: Data(result.stdout.utf8))
                #expect(parser.parse(), "\(String(describing: parser.parserError))")
                #expect(result.stdout.contains("今天 2025-07-10"))
            } else {
                #expect(result.stdout.hasPrefix("gantt\n"))
            }
        }
    }

    @Test func calendarFeedMatchesItsSnapshot() throws {
        let result = try DemoStore.duban.run("calendar-feed", "--department", "xingren")
        #expect(result.exitCode == 0, "\(result)")
        try Snapshot.check(Data(result.stdout.utf8), named: "calendar-xingren.ics")
    }
}
