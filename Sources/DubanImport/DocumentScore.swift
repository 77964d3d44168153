import DubanCore

/// How a draft compares with an answer key: the dated commitments it found (recall) and how many
/// of its tasks are commitments (precision). A task matches a commitment on the same line with the
/// same due day or the same period; each matches at most once.
public struct DocumentScore: Hashable, Sendable {
    /// The key's commitments the draft has no task for.
    public var missed: [ExpectedCommitment]
    /// A drafted task that matches no commitment.
    public struct Extra: Hashable, Sendable {
        public var line: Int
        /// Its due day, or its period.
        public var date: String
        public var source: String
    }

    /// The draft's tasks that match no commitment.
    public var extra: [Extra]
    /// How many commitments the key lists, and how many tasks the draft has.
    public var expected: Int
    public var drafted: Int

    /// Found ÷ expected, from 0 to 1 (1 when nothing is expected).
    public var recall: Double { expected == 0 ? 1 : Double(expected - missed.count) / Double(expected) }
    /// Matched ÷ drafted, from 0 to 1 (1 when nothing is drafted).
    public var precision: Double { drafted == 0 ? 1 : Double(drafted - extra.count) / Double(drafted) }

    /// Scores `draft` against `key`.
    public init(_ draft: DocumentDraft, key: [ExpectedCommitment]) {
        var open = key
        var extra: [Extra] = []
        for task in draft.plan.tasks {
            let line = draft.notes[task.id]?.line ?? task.location?.line ?? 0
            var every: Frequency?
            if case .obligation(let duty) = task.schedule { every = duty.every }
            let match = open.firstIndex { commitment in
                commitment.line == line
                    && (every.map { commitment.every == $0 } ?? (commitment.due == task.schedule.due))
            }
            if let match {
                open.remove(at: match)
            } else {
                extra.append(
                    Extra(
                        line: line, date: every?.rawValue ?? task.schedule.due.description,
                        source: task.source ?? task.title))
            }
        }
        missed = open
        self.extra = extra
        expected = key.count
        drafted = draft.plan.tasks.count
    }

    /// "recall 95% (19/20), precision 100% (19/19)".
    public var summary: String {
        func percent(_ value: Double) -> String { ((value * 1000).rounded() / 10).plainText + "%" }
        return "recall \(percent(recall)) (\(expected - missed.count)/\(expected)), "
            + "precision \(percent(precision)) (\(drafted - extra.count)/\(drafted))"
    }

    /// The summary, then a line per missed commitment and per extra task.
    public var lines: [String] {
        [summary]
            + missed.map {
                "missed: line \($0.line) \($0.due?.description ?? "every " + ($0.every?.rawValue ?? "")): \($0.sentence)"
            }
            + extra.map { "not in the key: line \($0.line) \($0.date): \($0.source)" }
    }
}
