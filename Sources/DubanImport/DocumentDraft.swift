import DubanCore
import DubanPlans

/// A draft plan read from a plan document, for a person to review before loading.
public struct DocumentDraft: Sendable {
    /// The plan: every task's `lead` is `TODO`.
    public var plan: Plan
    /// What the importer knows about each task, by task id.
    public var notes: [String: TaskNote]
    /// Date-like phrases the importer could not read, for a person to date by hand.
    public var unread: [DocumentFinding]
    /// Dates the importer read but did not take as deadlines (a title's period, an earlier year).
    public var references: [DocumentFinding]

    /// The lead every drafted task has until a person names its department.
    public static let undecidedLead = PlanValidator.draftLead

    /// Where a task came from and who the sentence names.
    public struct TaskNote: Sendable, Equatable {
        /// The document line the task's sentence is on.
        public var line: Int
        /// The responsible bodies the sentence (or, when it names none, its paragraph) names.
        public var hints: [String]
        /// Whether the sentence names none, so `hints` are its paragraph's.
        public var hintsFromParagraph: Bool
    }

    /// The draft as a plan file, each task preceded by comments with its line and lead hints.
    public func yaml() -> String {
        var header = [
            "Draft plan written by `duban import document` from \(plan.location?.file ?? "a plan document").",
            "Review every task, set each `lead: \"TODO\"` to a department id, then run `duban plan validate`.",
        ]
        for finding in unread { header.append("Not read, line \(finding.line): \(finding.phrase) — \(finding.reason)") }
        return PlanWriter.yaml(plan: plan, header: header) { task in
            guard let note = notes[task.id] else { return [] }
            let hints =
                note.hints.isEmpty
                ? "the paragraph names no responsible body"
                : (note.hintsFromParagraph ? "(from the paragraph) " : "") + note.hints.joined(separator: ", ")
            return ["line \(note.line); lead hints: \(hints)"]
        }
    }

    /// Counts for the importer's report: measures, tasks by kind, unread phrases.
    public var summary: String {
        var kinds: [TaskKind: Int] = [:]
        for task in plan.tasks { kinds[task.kind, default: 0] += 1 }
        var lines = [
            "drafted plan \(plan.id) (\(plan.start)–\(plan.end)): \(plan.actions.count) actions, "
                + "\(plan.measures.count) measures, \(plan.tasks.count) tasks — \(kinds[.milestone] ?? 0) milestones, "
                + "\(kinds[.obligation] ?? 0) recurring duties, \(kinds[.target] ?? 0) targets",
            "every lead is TODO: set each to a department id (the comment above each task lists the bodies its sentence names)",
        ]
        if unread.isEmpty {
            lines.append("no date-like phrase was left unread")
        } else {
            lines.append("\(unread.count) date-like phrases not read — date these by hand:")
            for finding in unread {
                lines.append("  line \(finding.line): “\(finding.phrase)” — \(finding.reason); in: \(finding.sentence)")
            }
        }
        if !references.isEmpty {
            lines.append("\(references.count) dates taken as references, not deadlines:")
            for finding in references {
                lines.append("  line \(finding.line): “\(finding.phrase)” — \(finding.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A phrase in the document the importer reports rather than turns into a task.
public struct DocumentFinding: Sendable, Hashable {
    /// The line it is on.
    public var line: Int
    /// The phrase as the importer read it.
    public var phrase: String
    /// Why it was not taken.
    public var reason: String
    /// The sentence it stands in.
    public var sentence: String
}

/// Why a document could not be drafted at all.
public struct DocumentImportError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it.
    public var description: String
}
