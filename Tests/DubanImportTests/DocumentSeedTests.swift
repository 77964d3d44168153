import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// The importer's draft of the real plan against the plan made by hand from it: every dated
/// milestone, recurring duty and numeric target of `plans/` must be drafted with the same dates.
@Suite struct DocumentSeedTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seedPath = root.appendingPathComponent("plans/sources/zaozhuang-gaoxin-2024-2026.txt").path

    /// A task reduced to what the comparison reads: its document line, kind and dates.
    struct Key: Hashable, CustomStringConvertible {
        var line: Int
        var kind: TaskKind
        var start: Day?
        var due: Day
        var every: Frequency?
        var highRisk: Frequency?
        var value: Double?
        var unit: String?
        var id: String

        init(_ task: PlanTask, line: Int) {
            self.line = line
            kind = task.kind
            start = task.schedule.start
            due = task.schedule.due
            id = task.id
            switch task.schedule {
            case .obligation(let o):
                every = o.every
                highRisk = o.highRiskEvery
            case .target(_, _, let t):
                value = t.value
                unit = t.unit
            case .milestone:
                break
            }
        }

        var description: String {
            "\(id) line \(line) \(kind.rawValue) \(start?.description ?? "-")…\(due)"
                + (every.map { " every \($0.rawValue)" } ?? "") + (highRisk.map { "/\($0.rawValue)" } ?? "")
                + (value.map { " ≥\($0)\(unit ?? "")" } ?? "")
        }

        /// The same dates and, for duties and targets, the same frequency or threshold. A milestone
        /// and a target on the same line and dates agree when `strict` is false: whether "全部实现…"
        /// is a milestone or a 100% target is a modelling choice, the date is not.
        func agrees(with other: Key, strict: Bool) -> Bool {
            guard line == other.line, start == other.start, due == other.due else { return false }
            switch (kind, other.kind) {
            case (.obligation, .obligation): return every == other.every && highRisk == other.highRisk
            case (.target, .target): return value == other.value && unit == other.unit
            case (.milestone, .milestone): return true
            case (.milestone, .target), (.target, .milestone): return !strict
            default: return false
            }
        }
    }

    @Test func theDraftHasEveryDatedTaskOfTheHandMadePlanAndInventsNoDate() throws {
        let text = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let contents = try PlanFiles.read(paths: [Self.root.appendingPathComponent("plans").path])
        let hand = try #require(contents.set.plans.first { $0.id == "zaozhuang-gaoxin-2024-2026" })
        let draft = try DocumentImporter.draft(
            text, options: .init(file: "seed.txt", departments: contents.set.departments))

        let handKeys = try hand.tasks.map { task in
            let source = try #require(task.source, "hand-made task \(task.id) has no source")
            let line = try #require(lines.firstIndex { $0.contains(source) }, "\(task.id)'s source is not in the seed")
            return Key(task, line: line + 1)
        }
        let draftKeys = draft.plan.tasks.map { Key($0, line: $0.location!.line) }

        let missing = handKeys.filter { h in !draftKeys.contains { $0.agrees(with: h, strict: false) } }
        let unsupported = draftKeys.filter { d in !handKeys.contains { $0.agrees(with: d, strict: false) } }
        let strictlyMatched = handKeys.filter { h in draftKeys.contains { $0.agrees(with: h, strict: true) } }
        let strictlySupported = draftKeys.filter { d in handKeys.contains { $0.agrees(with: d, strict: true) } }
        let invented = draftKeys.filter { d in !handKeys.contains { $0.line == d.line && $0.due == d.due } }

        let recall = Double(handKeys.count - missing.count) / Double(handKeys.count)
        let precision = Double(draftKeys.count - unsupported.count) / Double(draftKeys.count)
        print(
            """
            seed draft: \(draftKeys.count) drafted tasks, \(handKeys.count) hand-made
              recall \(String(format: "%.1f", recall * 100))% (\(handKeys.count - missing.count)/\(handKeys.count)), \
            precision \(String(format: "%.1f", precision * 100))% (\(draftKeys.count - unsupported.count)/\(draftKeys.count))
              same kind too: recall \(strictlyMatched.count)/\(handKeys.count), precision \(strictlySupported.count)/\(draftKeys.count)
            """)
        for key in missing { print("  missing:     \(key)") }
        for key in unsupported { print("  unsupported: \(key)") }
        for key in draftKeys where !strictlySupported.contains(key) { print("  other kind:  \(key)") }

        #expect(missing.isEmpty, "hand-made tasks the draft lacks: \(missing)")
        #expect(invented.isEmpty, "drafted dates the hand-made plan does not have: \(invented)")
        #expect(unsupported.isEmpty, "drafted tasks no hand-made task agrees with: \(unsupported)")
        #expect(Double(strictlyMatched.count) / Double(handKeys.count) >= 0.9)
    }

    @Test func theSeedDraftValidatesExceptForItsLeads() throws {
        let text = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
        let contents = try PlanFiles.read(paths: [Self.root.appendingPathComponent("plans/departments.yaml").path])
        let draft = try DocumentImporter.draft(
            text, options: .init(file: "draft.yaml", id: "seed-draft", departments: contents.set.departments))
        let reread = try PlanDocumentReader.read(yaml: draft.yaml(), file: "draft.yaml")
        guard case .plan(let plan) = reread else {
            Issue.record("the draft did not read back as a plan")
            return
        }
        #expect(plan.tasks.count == draft.plan.tasks.count)
        #expect(plan.tasks.map(\.schedule) == draft.plan.tasks.map(\.schedule))
        let issues = PlanValidator.validate(PlanSet(departments: contents.set.departments, plans: [plan]))
        let errors = issues.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.hasPrefix("\(plan.tasks.count) drafted tasks have no lead yet") == true)
        #expect(draft.unread.map(\.line) == [14, 55, 55, 58], "the 定期 sentences, and nothing else")
        #expect(draft.references.map(\.phrase) == ["2024-2026年", "2024-2026年", "2023年", "2023年"])
    }
}
