import Foundation

/// Where the command line writes: results to standard output, problems to standard error.
enum Console {
    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Bad input found by the command line itself: an argument, a value, a missing file.
struct InputError: Error, CustomStringConvertible {
    /// What is wrong, with the bad value, and how to fix it.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
