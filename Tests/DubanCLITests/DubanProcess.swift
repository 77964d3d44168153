import Foundation
import Testing

/// What one run of the `duban` binary printed and how it exited.
struct DubanResult: CustomStringConvertible {
    var stdout: String
    var stderr: String
    var exitCode: Int32

    var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the built `duban` binary as a subprocess in a working directory, with a store and a clock
/// of the test's own (`DUBAN_DB`, `DUBAN_NOW`), the way a person runs it.
struct DubanProcess {
    /// The working directory, also where the store lives.
    var directory: URL
    /// The store, `DUBAN_DB`.
    var db: String
    /// The moment the commands run at, `DUBAN_NOW`.
    var now = "2024-06-15T10:00:00+08:00"
    /// More environment, e.g. `USER`.
    var environment: [String: String] = [:]

    init(directory: URL) {
        self.directory = directory
        self.db = directory.appendingPathComponent("duban.sqlite").path
    }

    /// The built binary: beside the test bundle (on Linux the products folder holds the `.xctest`),
    /// else under `.build/debug` of this package.
    static let binary: URL = {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(
            (bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
                .appendingPathComponent("duban"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("duban"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/duban"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `duban arguments…` and waits for it.
    @discardableResult
    func run(_ arguments: String...) throws -> DubanResult {
        try run(arguments)
    }

    /// Runs `duban arguments…` and waits for it.
    @discardableResult
    func run(_ arguments: [String]) throws -> DubanResult {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DUBAN_") }
        environment["DUBAN_DB"] = db
        environment["DUBAN_NOW"] = now
        environment["USER"] = "tester"
        environment["COLUMNS"] = "200"
        environment.merge(self.environment) { _, new in new }
        process.environment = environment

        // Files rather than pipes: a full pipe would block the child while we wait for it.
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("duban-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("stdout")
        let errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice

        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return DubanResult(
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            exitCode: process.terminationStatus)
    }

    /// The store file's bytes, or nil when there is none.
    func storeBytes() -> Data? {
        FileManager.default.contents(atPath: db)
    }

    /// Whether the store file exists.
    var storeExists: Bool {
        FileManager.default.fileExists(atPath: db)
    }
}

/// Runs `body` with a `DubanProcess` working in a fresh temporary folder, removed afterwards.
func withDuban<T>(_ body: (DubanProcess) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duban-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(DubanProcess(directory: folder))
}
