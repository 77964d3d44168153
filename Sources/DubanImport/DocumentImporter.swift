import DubanCore

/// Reads a Chinese plan document, as plain text, into a draft plan: its parts, actions and measures
/// from the headings, and a task for every dated phrase, recurring duty and numeric target.
///
/// The importer does no I/O; `DocumentDecoding` turns a file's bytes into the text it reads.
public struct DocumentImporter {
    /// What the importer needs besides the text.
    public struct Options: Sendable {
        /// The file name, for the plan's location.
        public var file: String
        /// The plan id; `draft-<first year>-<last year>` when nil.
        public var id: String?
        /// The plan's period; read from the title ("(2024—2026年)") or the dates when nil.
        public var period: ClosedRange<Day>?
        /// The registry, whose names and aliases become lead hints.
        public var departments: [Department]

        /// Makes options.
        public init(file: String, id: String? = nil, period: ClosedRange<Day>? = nil, departments: [Department] = []) {
            self.file = file
            self.id = id
            self.period = period
            self.departments = departments
        }
    }

    /// Drafts a plan from `text`.
    ///
    /// - Throws: `DocumentImportError` when the text has no period and no dates to take one from.
    public static func draft(_ text: String, options: Options) throws(DocumentImportError) -> DocumentDraft {
        let lines = DocumentText.lines(of: text).filter { !$0.text.isEmpty }
        guard !lines.isEmpty else { throw DocumentImportError(description: "\(options.file): the document is empty") }
        var titleLine: DocumentLine?
        if let first = lines.first, DocumentHeading.read(first) == nil, !first.text.contains("。"),
            first.text.count <= 80
        {
            titleLine = first
        }
        let body = lines.filter { $0.number != titleLine?.number }
        guard let period = options.period ?? period(title: titleLine, lines: body) else {
            throw DocumentImportError(
                description:
                    "\(options.file): the document names no period and no dated phrase to take one from; "
                    + "pass --period, e.g. --period 2024至2026年")
        }
        var importer = DocumentImporter(options: options, period: period)
        importer.read(body)
        let first = period.lowerBound.components.year
        let last = period.upperBound.components.year
        let plan = Plan(
            id: options.id ?? "draft-\(first)-\(last)",
            title: titleLine.map { $0.written(0..<$0.text.count) } ?? "\(first)—\(last)年工作方案",
            start: period.lowerBound, end: period.upperBound, actions: importer.actions, measures: importer.measures,
            tasks: importer.tasks, location: SourceLocation(file: options.file, line: 1, column: 1))
        return DocumentDraft(
            plan: plan, notes: importer.notes, unread: importer.unread, references: importer.references)
    }

    /// The period a title names ("(2024—2026年)", or one year: "2025年…工作要点"), else the years of the document's deadlines.
    private static func period(title: DocumentLine?, lines: [DocumentLine]) -> ClosedRange<Day>? {
        if let title {
            let text = title.normal(0..<title.text.count)
            if let m = text.firstMatch(of: #/([0-9]{4})年?(?:至|到|-)([0-9]{4})年/#), let a = Int(m.output.1),
                let b = Int(m.output.2), a <= b, (1900...2200).contains(a), (1900...2200).contains(b)
            {
                return Day.firstDay(year: a, month: 1)...Day.lastDay(year: b, month: 12)
            }
            // "某区2025年安全生产工作要点": one year is the period of an annual plan.
            let named = Set(text.matches(of: #/([0-9]{4})年/#).compactMap { Int($0.output.1) })
            if named.count == 1, let year = named.first, (1900...2200).contains(year) {
                return Day.firstDay(year: year, month: 1)...Day.lastDay(year: year, month: 12)
            }
        }
        var years: [Int] = []
        for line in lines {
            for phrase in DocumentDates.find(in: line, 0..<line.text.count, period: nil) {
                if let deadline = phrase.deadline {
                    years.append((deadline.start ?? deadline.due).components.year)
                    years.append(deadline.due.components.year)
                } else if case .start(let day) = phrase.meaning {
                    years.append(day.components.year)
                }
            }
        }
        guard let low = years.min(), let high = years.max() else { return nil }
        return Day.firstDay(year: low, month: 1)...Day.lastDay(year: high, month: 12)
    }

    // MARK: State

    private let options: Options
    private let period: ClosedRange<Day>
    private var actions: [Action] = []
    private var measures: [Measure] = []
    private var tasks: [PlanTask] = []
    private var notes: [String: DocumentDraft.TaskNote] = [:]
    private var unread: [DocumentFinding] = []
    private var references: [DocumentFinding] = []
    private var usedIds: [String: Int] = [:]
    private var usedMeasures: Set<Int> = []
    /// The bodies named in ranges of the line being read.
    private var knownBodies: (line: Int, names: [Range<Int>: [String]]) = (0, [:])

    private var action: String?
    /// The action to open if text outside any action yields a task.
    private var fallback: (id: String, title: String, line: Int)?
    private var measure: Int?
    /// A part (一、) whose (一) headings are actions because it has numbered measures.
    private var partHasMeasures = false
    private var partTitle: (number: Int, title: String, line: Int)?

    private init(options: Options, period: ClosedRange<Day>) {
        self.options = options
        self.period = period
    }

    /// The plan's last day as a deadline phrase.
    private var planEnd: DeadlinePhrase {
        let c = period.upperBound.components
        if c.month == 12, c.day == 31 {
            return DeadlinePhrase(text: "\(c.year)年底前", start: nil, due: period.upperBound)
        }
        return DeadlinePhrase(text: period.upperBound.description, start: nil, due: period.upperBound)
    }

    // MARK: Structure

    private mutating func read(_ lines: [DocumentLine]) {
        let headings = lines.map(DocumentHeading.read)
        // Which parts hold numbered measures: their (一) headings are actions.
        var measuresInPart: [Int: Bool] = [:]
        var part = 0
        for entry in headings {
            if case .part? = entry?.heading { part += 1 }
            if case .measure? = entry?.heading { measuresInPart[part] = true }
        }
        part = 0
        for (line, entry) in zip(lines, headings) {
            var bodyRange = 0..<line.text.count
            if let (heading, rest) = entry {
                bodyRange = rest
                switch heading {
                case .part(let number, let title):
                    part += 1
                    partHasMeasures = measuresInPart[part] ?? false
                    partTitle = (number, title, line.number)
                    action = nil
                    measure = nil
                    if !partHasMeasures { openAction(id: "s\(number)", title: title, line: line.number) }
                case .action(let number, let title):
                    measure = nil
                    if partHasMeasures || partTitle == nil {
                        let prefix = partTitle.map { "s\($0.number)-" } ?? ""
                        let id = measuresInPart.count > 1 || partTitle == nil ? "\(prefix)a\(number)" : "a\(number)"
                        openAction(id: id, title: title, line: line.number)
                    }
                case .measure(let number, let title):
                    if action == nil {
                        openAction(
                            id: partTitle.map { "s\($0.number)" } ?? "general", title: partTitle?.title ?? "总体",
                            line: line.number)
                    }
                    var n = number
                    while usedMeasures.contains(n) { n += 1 }
                    usedMeasures.insert(n)
                    measure = n
                    measures.append(
                        Measure(
                            number: n, action: action!, title: title,
                            location: SourceLocation(file: options.file, line: line.number, column: 1)))
                }
            }
            guard !bodyRange.isEmpty else { continue }
            if action == nil {
                // Text under no action (a preamble, a document without headings): an action only if it yields tasks.
                fallback = (partTitle.map { "s\($0.number)" } ?? "general", partTitle?.title ?? "总体", line.number)
            }
            readParagraph(line, bodyRange)
        }
    }

    private mutating func openAction(id: String, title: String, line: Int) {
        var unique = id
        var n = 2
        while actions.contains(where: { $0.id == unique }) {
            unique = "\(id)-\(n)"
            n += 1
        }
        actions.append(
            Action(id: unique, title: title, location: SourceLocation(file: options.file, line: line, column: 1)))
        action = unique
        fallback = nil
    }

    // MARK: Paragraphs

    /// What one paragraph remembers from sentence to sentence.
    private struct Paragraph {
        /// The last closing deadline ("2025年底前"), which outcome sentences after it share.
        var closing: FoundPhrase?
        /// Task ids of each stage, by the phrase with its year blanked ("####年底前") and the year.
        var stages: [String: [Int: [String]]] = [:]
        /// The last target's metric, for "2025年,占比达到60%".
        var metric: String?
    }

    private mutating func readParagraph(_ line: DocumentLine, _ range: Range<Int>) {
        var paragraph = Paragraph()
        for sentence in DocumentText.split(line.text, range, at: ["。", "!", "?"]) {
            let phrases = DocumentDates.find(in: line, sentence, period: period)
            let sentenceText = line.written(sentence)
            for phrase in phrases {
                switch phrase.meaning {
                case .reference(let reason):
                    references.append(
                        DocumentFinding(line: line.number, phrase: phrase.text, reason: reason, sentence: sentenceText))
                case .unreadable(let reason):
                    unread.append(
                        DocumentFinding(line: line.number, phrase: phrase.text, reason: reason, sentence: sentenceText))
                case .deadline, .start:
                    break
                }
            }
            for (_, text) in DocumentDates.strays(in: line, sentence, besides: phrases) {
                unread.append(
                    DocumentFinding(
                        line: line.number, phrase: text, reason: "a month or day with no year", sentence: sentenceText))
            }
            let context = Context(line: line, sentence: sentence, paragraph: range)
            let dated = phrases.filter(\.dates)
            if dated.isEmpty {
                let normal = line.normal(sentence)
                if let closing = paragraph.closing, DocumentPatterns.continuesOutcomes(normal) {
                    readSegment(
                        [closing], sentence, preface: sentence.lowerBound..<sentence.lowerBound, context,
                        &paragraph)
                } else {
                    paragraph.closing = nil
                    readUndated(context, &paragraph)
                }
                continue
            }
            // Phrases joined only by 、 and the like ("2025年、2026年") share the work that follows.
            var groups: [[FoundPhrase]] = []
            for phrase in dated {
                if let last = groups.last?.last,
                    line.text[last.range.upperBound..<phrase.range.lowerBound].allSatisfy({ "、,和及与或".contains($0) })
                {
                    groups[groups.count - 1].append(phrase)
                } else {
                    groups.append([phrase])
                }
            }
            // Clauses before a semicolon that leads into the first phrase stand on their own.
            let first = groups[0][0].range.lowerBound
            if let semicolon = DocumentText.split(line.text, sentence.lowerBound..<first, at: [";"]).dropLast().last {
                readUndated(
                    Context(line: line, sentence: sentence.lowerBound..<semicolon.upperBound, paragraph: range),
                    &paragraph)
            }
            for (index, group) in groups.enumerated() {
                var end = index + 1 < groups.count ? groups[index + 1][0].range.lowerBound : sentence.upperBound
                // A deadline governs its clauses up to a semicolon; what follows it, undated, is read on its own.
                let pieces = DocumentText.split(line.text, group.last!.range.upperBound..<end, at: [";"])
                var rest: Range<Int>?
                if pieces.count > 1, let last = pieces.last, let firstPiece = pieces.first {
                    rest = pieces[1].lowerBound..<last.upperBound
                    end = firstPiece.upperBound
                }
                let segment = group.last!.range.upperBound..<end
                let prefaceStart = index == 0 ? sentence.lowerBound : groups[index - 1].last!.range.upperBound
                // A stage quotes itself; the first also quotes the clause that leads into it.
                var from = group[0].range.lowerBound
                if index == 0 {
                    from =
                        line.text[sentence.lowerBound..<from].lastIndex(of: ";").map { $0 + 1 } ?? sentence.lowerBound
                }
                let source = from..<end
                readSegment(
                    group, segment, preface: prefaceStart..<group[0].range.lowerBound,
                    Context(line: line, sentence: context.sentence, paragraph: range, source: source),
                    &paragraph)
                if let rest {
                    readUndated(Context(line: line, sentence: rest, paragraph: range), &paragraph)
                }
            }
            let last = groups.last!.last!
            paragraph.closing = last.deadline.map { $0.start == nil } == true ? last : nil
        }
    }

    /// Where a task's words came from.
    private struct Context {
        let line: DocumentLine
        let sentence: Range<Int>
        /// The paragraph the sentence stands in, whose bodies are a task's hints when the sentence names none.
        let paragraph: Range<Int>
        /// The words a task quotes as its source: the sentence, or the part of it one stage of a series takes.
        var source: Range<Int>

        init(line: DocumentLine, sentence: Range<Int>, paragraph: Range<Int>, source: Range<Int>? = nil) {
            self.line = line
            self.sentence = sentence
            self.paragraph = paragraph
            self.source = source ?? sentence
        }
    }

    /// Dated work: the clauses after a deadline, start or span.
    private mutating func readSegment(
        _ group: [FoundPhrase], _ segment: Range<Int>, preface: Range<Int>, _ context: Context,
        _ paragraph: inout Paragraph
    ) {
        let line = context.line
        var milestone: [String] = []
        var plain = false
        var targets: [DocumentPatterns.Target] = []
        var duties: [DocumentPatterns.Recurrence] = []
        var reported = false
        for clause in DocumentText.clauses(line, segment) {
            let text = DocumentText.stripped(line.normal(clause))
            guard !text.isEmpty else { continue }
            let recurrence = DocumentPatterns.recurrences(in: text)
            report(recurrence.untracked, context)
            if !recurrence.duties.isEmpty {
                duties += recurrence.duties
                continue
            }
            // "每周开展巡查" is reported; it is no milestone either.
            if !recurrence.untracked.isEmpty {
                reported = true
                continue
            }
            let found = DocumentPatterns.targets(in: text, previousMetric: paragraph.metric)
            if !found.isEmpty {
                targets += found
                paragraph.metric = found.last?.metric
                continue
            }
            // Continuing effort ("持续加大…") joins a milestone's title but does not make one.
            if !DocumentPatterns.isOngoing(text) { plain = true }
            milestone.append(DocumentText.stripped(line.written(clause)))
        }
        if !plain, !targets.isEmpty || !duties.isEmpty { milestone = [] }
        if milestone.isEmpty, targets.isEmpty, duties.isEmpty, !reported {
            var text = DocumentText.stripped(line.written(segment))
            if text.count < 4 { text = DocumentText.stripped(line.written(preface.lowerBound..<segment.upperBound)) }
            milestone = [text.isEmpty ? line.written(context.sentence) : text]
        }
        for phrase in group {
            let due: DeadlinePhrase
            var start: Day?
            switch phrase.meaning {
            case .deadline(let deadline):
                due = deadline
                start = phrase.opens
            case .start(let day):
                due = planEnd
                start = day
            case .reference, .unreadable:
                continue
            }
            var made: [String] = []
            let stage = Self.stage(phrase)
            let prerequisites = stage.flatMap { paragraph.stages[$0.key]?[$0.year - 1] } ?? []
            if !milestone.isEmpty {
                made.append(
                    add(
                        title: milestone.joined(separator: ","), schedule: .milestone(start: start, due: due),
                        tag: "\((start ?? due.due).components.year)", dependsOn: prerequisites, context))
            }
            for target in targets {
                let threshold = Threshold(
                    metric: target.metric, comparison: target.comparison, value: target.value, unit: target.unit)
                made.append(
                    add(
                        title: target.title, schedule: .target(start: start, due: due, threshold: threshold),
                        tag: "\((start ?? due.due).components.year)", dependsOn: prerequisites, context))
            }
            for duty in duties {
                let first = max(start ?? due.start ?? period.lowerBound, period.lowerBound)
                let obligation = Obligation(
                    every: duty.every, highRiskEvery: duty.highRisk, times: duty.times, start: first, end: due.due)
                _ = add(title: duty.title, schedule: .obligation(obligation), tag: duty.every.rawValue, context)
            }
            if let stage { paragraph.stages[stage.key, default: [:]][stage.year, default: []] += made }
        }
    }

    /// "2025年底前" → ("####年底前", 2025): successive years of one form are stages of one series.
    private static func stage(_ phrase: FoundPhrase) -> (key: String, year: Int)? {
        guard let deadline = phrase.deadline else { return nil }
        let year = deadline.due.components.year
        let key = phrase.text.replacingOccurrences(of: "\(year)", with: "####")
        return key == phrase.text ? nil : (key, year)
    }

    /// An undated sentence: recurring duties, and targets due at the plan's end.
    private mutating func readUndated(_ context: Context, _ paragraph: inout Paragraph) {
        let line = context.line
        for clause in DocumentText.clauses(line, context.sentence) {
            let text = DocumentText.stripped(line.normal(clause))
            guard !text.isEmpty else { continue }
            let recurrence = DocumentPatterns.recurrences(in: text)
            report(recurrence.untracked, context)
            if !recurrence.duties.isEmpty {
                for duty in recurrence.duties {
                    let obligation = Obligation(
                        every: duty.every, highRiskEvery: duty.highRisk, times: duty.times, start: period.lowerBound,
                        end: period.upperBound)
                    _ = add(title: duty.title, schedule: .obligation(obligation), tag: duty.every.rawValue, context)
                }
                continue
            }
            if text.contains("定期") {
                unread.append(
                    DocumentFinding(
                        line: line.number, phrase: "定期", reason: "recurs, but the sentence names no frequency",
                        sentence: line.written(context.sentence)))
            }
            for target in DocumentPatterns.targets(in: text, previousMetric: paragraph.metric) {
                paragraph.metric = target.metric
                let threshold = Threshold(
                    metric: target.metric, comparison: target.comparison, value: target.value, unit: target.unit)
                _ = add(
                    title: target.title, schedule: .target(start: nil, due: planEnd, threshold: threshold),
                    tag: "\(period.upperBound.components.year)", context)
            }
        }
    }

    /// Lists the recurrence words of a sentence that duban cannot track as not read.
    private mutating func report(_ untracked: [DocumentPatterns.Untracked], _ context: Context) {
        guard !untracked.isEmpty else { return }
        let sentence = context.line.written(context.sentence)
        for word in untracked {
            unread.append(
                DocumentFinding(line: context.line.number, phrase: word.phrase, reason: word.reason, sentence: sentence)
            )
        }
    }

    // MARK: Tasks

    /// The bodies `range` of `line` names, remembered for the next task of the same sentence or
    /// paragraph: a sentence of many dated stages is searched once, not once a stage.
    private mutating func bodies(in line: DocumentLine, _ range: Range<Int>) -> [String] {
        if knownBodies.line != line.number { knownBodies = (line.number, [:]) }
        if let names = knownBodies.names[range] { return names }
        let names = DocumentPatterns.bodies(in: line.normal(range), departments: options.departments)
        knownBodies.names[range] = names
        return names
    }

    private mutating func add(
        title: String, schedule: Schedule, tag: String, dependsOn: [String] = [], _ context: Context
    ) -> String {
        if action == nil, let fallback { openAction(id: fallback.id, title: fallback.title, line: fallback.line) }
        let owner = measure.map { $0 < 10 ? "m0\($0)" : "m\($0)" } ?? action ?? "general"
        let base = "\(owner)-\(tag)"
        let n = (usedIds[base] ?? 0) + 1
        usedIds[base] = n
        let id = n == 1 ? base : "\(base)-\(n)"
        let line = context.line
        var title = title
        for word in ["并且", "同时", "并", "且", "和", "及"] where title.hasPrefix(word) && title.count > word.count + 2 {
            title.removeFirst(word.count)
            break
        }
        var hints = bodies(in: line, context.sentence)
        let fromParagraph = hints.isEmpty
        if fromParagraph { hints = bodies(in: line, context.paragraph) }
        tasks.append(
            PlanTask(
                id: id, title: title, plan: options.id ?? "", action: action ?? "general", measure: measure,
                lead: DocumentDraft.undecidedLead, schedule: schedule,
                dependsOn: dependsOn.map { Dependency(task: $0) },
                source: DocumentText.stripped(line.written(context.source)),
                location: SourceLocation(file: options.file, line: line.number, column: 1)))
        notes[id] = DocumentDraft.TaskNote(line: line.number, hints: hints, hintsFromParagraph: fromParagraph)
        return id
    }
}
