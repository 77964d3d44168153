import ArgumentParser
import DubanCore

/// How many of a plan's warnings to print: a 100,000-task plan can have tens of thousands.
enum WarningDetail: String, ExpressibleByArgument, CaseIterable {
    /// The first `WarningList.shown`, then a count of the rest by kind.
    case summary
    /// Every one.
    case all
}

/// Prints warnings on standard error: all of them, or the first few and a count by kind.
enum WarningList {
    static let shown = 20

    /// The lines `warnings` print as, at `detail`.
    static func lines(_ warnings: [PlanIssue], detail: WarningDetail) -> [String] {
        guard detail == .summary, warnings.count > shown else { return warnings.map(\.description) }
        var lines = warnings.prefix(shown).map(\.description)
        let rest = warnings.dropFirst(shown)
        var counts: [String: Int] = [:]
        var order: [String] = []
        for warning in warnings {
            let kind = warning.kind ?? "other"
            if counts[kind] == nil { order.append(kind) }
            counts[kind, default: 0] += 1
        }
        let byKind = order.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
        lines.append(
            "… and \(rest.count) more warnings (\(warnings.count) in all: \(byKind)); "
                + "give --warnings all to see every one")
        return lines
    }

    static func print(_ warnings: [PlanIssue], detail: WarningDetail) {
        for line in lines(warnings, detail: detail) { Console.error(line) }
    }
}
