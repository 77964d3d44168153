import Foundation
import Testing

/// A store with the shipped plans, the labelled demo progress (`plans/demo/progress.csv`) and every
/// job run from 2024-01-01 through 2025-07-10, built once per test process and only read after.
/// Commands run in the package's folder, so they find `plans/` and `notifiers/` as a user's do.
enum DemoStore {
    /// The moment the demo store was ticked to, and the documents' commands run at.
    static let now = "2025-07-10T12:00:00+08:00"

    /// The store's path; built on first use.
    static let path: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-demo-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var duban = DubanProcess(directory: DubanProcess.packageRoot)
        duban.db = folder.appendingPathComponent("demo.sqlite").path
        duban.now = "2024-01-01T08:00:00+08:00"
        for arguments in [
            ["plan", "load"], ["progress", "import", "plans/demo/progress.csv"],
        ] {
            let result = try! duban.run(arguments)
            precondition(result.exitCode == 0, "\(arguments): \(result)")
        }
        duban.now = now
        let tick = try! duban.run("tick", "--since", "2024-01-01")
        precondition(tick.exitCode == 0, "tick: \(tick)")
        return duban.db
    }()

    /// A `duban` that works on the demo store in the package's folder.
    static var duban: DubanProcess {
        var duban = DubanProcess(directory: DubanProcess.packageRoot)
        duban.db = path
        duban.now = now
        return duban
    }
}

/// Compares generated documents with the checked-in files in `Tests/DubanCLITests/Snapshots`.
/// A missing file, or `DUBAN_RECORD_SNAPSHOTS=1`, records it and fails, so re-recording is on purpose.
enum Snapshot {
    static let folder = DubanProcess.packageRoot.appendingPathComponent("Tests/DubanCLITests/Snapshots")

    static func check(_ data: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["DUBAN_RECORD_SNAPSHOTS"] == "1"
        guard !recording, let expected = FileManager.default.contents(atPath: url.path) else {
            try data.write(to: url)
            Issue.record("recorded \(name); check it and run again", sourceLocation: sourceLocation)
            return
        }
        if expected != data {
            let actual = url.appendingPathExtension("actual")
            try data.write(to: actual)
            Issue.record(
                "\(name) differs from the snapshot; see \(actual.path) (re-record with DUBAN_RECORD_SNAPSHOTS=1)",
                sourceLocation: sourceLocation)
        }
    }
}
