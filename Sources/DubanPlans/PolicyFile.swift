import DubanCore
import Foundation

/// Reads `plans/policy.yaml` into a `Policy`, every bad value located with its fix.
public enum PolicyFile {
    /// The policy in the file at `path`, or the defaults when there is no such file.
    public static func read(path: String) throws(PlanError) -> Policy {
        guard FileManager.default.fileExists(atPath: path) else { return Policy() }
        var issues: [PlanIssue] = []
        guard let text = PlanFiles.readText(path, issues: &issues) else { throw PlanError(issues: issues) }
        return try read(yaml: text, file: path)
    }

    /// The policy in `yaml`, written in `file`.
    public static func read(yaml: String, file: String) throws(PlanError) -> Policy {
        var issues: [PlanIssue] = []
        let root = try YAMLNodeParser.parse(yaml, file: file)
        var policy = Policy()
        guard let root,
            let top = YAMLFields(root, file: file, context: "the file", allowed: ["policy"], issues: &issues),
            let node = top.node("policy"),
            let fields = YAMLFields(
                node, file: file, context: "`policy`",
                allowed: ["lights", "reminders", "ladder", "hazards", "jobs", "documents", "ranking"],
                issues: &issues)
        else {
            if issues.isEmpty {
                issues.append(
                    PlanIssue(
                        .error, at: SourceLocation(file: file, line: 1, column: 1), "the file has no `policy:`",
                        fix: "start it with `policy:`"))
            }
            throw PlanError(issues: issues)
        }
        var reader = Reader(file: file)
        if let lights = fields.node("lights").flatMap({
            YAMLFields(
                $0, file: file, context: "`lights`", allowed: ["blue_within_days", "yellow_lag", "red_lag"],
                issues: &issues)
        }) {
            policy.lights.blueWithinDays =
                reader.int(lights, "blue_within_days", 0...366) ?? policy.lights.blueWithinDays
            policy.lights.yellowLag = reader.double(lights, "yellow_lag", 0...100) ?? policy.lights.yellowLag
            policy.lights.redLag = reader.double(lights, "red_lag", 0...100) ?? policy.lights.redLag
            if policy.lights.redLag < policy.lights.yellowLag {
                reader.issues.append(
                    PlanIssue(
                        .error, at: lights.location("red_lag"), "red_lag is below yellow_lag",
                        fix: "red must need more lag than yellow"))
            }
        }
        if let reminders = fields.node("reminders").flatMap({
            YAMLFields($0, file: file, context: "`reminders`", allowed: ["working_days_before"], issues: &issues)
        }) {
            policy.reminderWorkingDays =
                readWorkingDays(reminders, reader: &reader, issues: &issues) ?? policy.reminderWorkingDays
        }
        if let ladder = fields.node("ladder") {
            readLadder(ladder, context: "`ladder`", into: &policy.ladder, file: file, reader: &reader, issues: &issues)
        }
        if let hazards = fields.node("hazards").flatMap({
            YAMLFields(
                $0, file: file, context: "`hazards`", allowed: ["ladder", "reminders", "listing_prefix"],
                issues: &issues)
        }) {
            if let ladder = hazards.node("ladder") {
                readLadder(
                    ladder, context: "`hazards.ladder`", into: &policy.hazards.ladder, file: file, reader: &reader,
                    issues: &issues)
            }
            if let reminders = hazards.node("reminders").flatMap({
                YAMLFields(
                    $0, file: file, context: "`hazards.reminders`", allowed: ["working_days_before"], issues: &issues)
            }) {
                policy.hazards.reminderWorkingDays =
                    readWorkingDays(reminders, reader: &reader, issues: &issues) ?? policy.hazards.reminderWorkingDays
            }
            if let prefix = hazards.string("listing_prefix", required: false, context: "`hazards`", issues: &issues) {
                if prefix.trimmingCharacters(in: .whitespaces).isEmpty {
                    reader.issues.append(
                        PlanIssue(
                            .error, at: hazards.location("listing_prefix"), "listing_prefix is empty",
                            fix: "write the prefix of the listing notices' numbers, e.g. 高新安办督"))
                } else {
                    policy.hazards.listingPrefix = prefix
                }
            }
        }
        if let jobs = fields.node("jobs").flatMap({
            YAMLFields(
                $0, file: file, context: "`jobs`",
                allowed: ["at", "monthly_dispatch_day", "meeting_day", "agenda_working_days_before", "yearly_review"],
                issues: &issues)
        }) {
            if let at = jobs.string("at", required: false, context: "`jobs`", issues: &issues) {
                let parts = at.split(separator: ":").compactMap { Int($0) }
                if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
                    policy.jobs.at = parts[0] * 60 + parts[1]
                } else {
                    reader.issues.append(
                        PlanIssue(
                            .error, at: jobs.location("at"), "at “\(at)” is not a time",
                            fix: "write HH:MM, e.g. \"09:00\""))
                }
            }
            policy.jobs.dispatchDay = reader.int(jobs, "monthly_dispatch_day", 1...28) ?? policy.jobs.dispatchDay
            policy.jobs.meetingDay = reader.int(jobs, "meeting_day", 1...28) ?? policy.jobs.meetingDay
            policy.jobs.agendaWorkingDaysBefore =
                reader.int(jobs, "agenda_working_days_before", 0...20) ?? policy.jobs.agendaWorkingDaysBefore
            if let review = jobs.string("yearly_review", required: false, context: "`jobs`", issues: &issues) {
                let parts = review.split(separator: "-").compactMap { Int($0) }
                if parts.count == 2, Day(year: 2023, month: parts[0], day: parts[1]) != nil {
                    policy.jobs.reviewMonth = parts[0]
                    policy.jobs.reviewDay = parts[1]
                } else {
                    reader.issues.append(
                        PlanIssue(
                            .error, at: jobs.location("yearly_review"),
                            "yearly_review “\(review)” is not a month and day", fix: "write MM-DD, e.g. \"12-20\""))
                }
            }
        }
        if let documents = fields.node("documents").flatMap({
            YAMLFields(
                $0, file: file, context: "`documents`",
                allowed: ["issuer", "letter_prefix", "reply_working_days", "base_url"], issues: &issues)
        }) {
            for (key, path) in [("issuer", \DocumentPolicy.issuer), ("letter_prefix", \DocumentPolicy.letterPrefix)] {
                if let text = documents.string(key, required: false, context: "`documents`", issues: &issues) {
                    if text.trimmingCharacters(in: .whitespaces).isEmpty {
                        reader.issues.append(
                            PlanIssue(.error, at: documents.location(key), "\(key) is empty", fix: "write the name"))
                    } else {
                        policy.documents[keyPath: path] = text
                    }
                }
            }
            policy.documents.replyWorkingDays =
                reader.int(documents, "reply_working_days", 1...60) ?? policy.documents.replyWorkingDays
            if let url = documents.string("base_url", required: false, context: "`documents`", issues: &issues) {
                if url.hasPrefix("http://") || url.hasPrefix("https://") {
                    policy.documents.baseURL = url
                } else {
                    reader.issues.append(
                        PlanIssue(
                            .error, at: documents.location("base_url"), "base_url “\(url)” is not an http(s) address",
                            fix: "write e.g. https://duban.intranet/, or leave it out"))
                }
            }
        }
        if let ranking = fields.node("ranking").flatMap({
            YAMLFields(
                $0, file: file, context: "`ranking`",
                allowed: ["on_time", "progress", "discipline", "overdue_penalty", "escalation_penalty"],
                issues: &issues)
        }) {
            let keys: [(String, WritableKeyPath<DepartmentRanking.Weights, Double>)] = [
                ("on_time", \.onTime), ("progress", \.progress), ("discipline", \.discipline),
                ("overdue_penalty", \.overduePenalty), ("escalation_penalty", \.escalationPenalty),
            ]
            for (key, path) in keys {
                policy.ranking[keyPath: path] = reader.double(ranking, key, 0...100) ?? policy.ranking[keyPath: path]
            }
            let total = policy.ranking.onTime + policy.ranking.progress + policy.ranking.discipline
            if abs(total - 100) > 0.001 {
                reader.issues.append(
                    PlanIssue(
                        .error, at: ranking.location("on_time"),
                        "on_time + progress + discipline is \(total.plainText), not 100",
                        fix: "make the three weights add up to 100"))
            }
        }
        issues += reader.issues
        if !issues.isEmpty { throw PlanError(issues: issues) }
        return policy
    }

    private static func readLadder(
        _ node: YAMLNode, context: String, into ladderPolicy: inout EscalationPolicy, file: String,
        reader: inout Reader, issues: inout [PlanIssue]
    ) {
        if let ladder = YAMLFields(
            node, file: file, context: context, allowed: ["cooldown_days", "approval", "office_tasks"], issues: &issues)
        {
            ladderPolicy.cooldownDays = reader.int(ladder, "cooldown_days", 0...366) ?? ladderPolicy.cooldownDays
            if ladder.has("approval") {
                var rungs: Set<EscalationRung> = []
                for name in ladder.strings("approval", context: context, issues: &issues) {
                    if let rung = EscalationRung(name: name) {
                        rungs.insert(rung)
                    } else {
                        reader.issues.append(
                            PlanIssue(
                                .error, at: ladder.location("approval"), "“\(name)” is not a rung of the ladder",
                                fix: "use " + EscalationRung.allCases.map(\.name).joined(separator: ", ")))
                    }
                }
                rungs.insert(.accountability)  // 问责 is only ever proposed, whatever the file says
                ladderPolicy.approvalRungs = rungs
            }
            if let mode = ladder.string("office_tasks", required: false, context: context, issues: &issues) {
                switch mode {
                case "remind": ladderPolicy.officeTasksClimb = false
                case "climb": ladderPolicy.officeTasksClimb = true
                default:
                    reader.issues.append(
                        PlanIssue(
                            .error, at: ladder.location("office_tasks"), "office_tasks “\(mode)” is not a choice",
                            fix: "write remind (the office's own tasks get reminders only) or climb (they climb "
                                + "the ladder like any department's)"))
                }
            }
        }
    }

    private static func readWorkingDays(
        _ reminders: YAMLFields, reader: inout Reader, issues: inout [PlanIssue]
    ) -> [Int]? {
        let days = reminders.strings("working_days_before", context: "`reminders`", issues: &issues)
        let numbers = days.compactMap { Int($0) }.filter { $0 >= 1 && $0 <= 250 }
        if numbers.count != days.count {
            reader.issues.append(
                PlanIssue(
                    .error, at: reminders.location("working_days_before"),
                    "working_days_before must be whole numbers from 1 to 250", fix: "write e.g. [30, 7, 1]"))
            return nil
        }
        return numbers.isEmpty ? nil : numbers
    }

    /// Reads numbers, recording range problems.
    private struct Reader {
        let file: String
        var issues: [PlanIssue] = []

        mutating func int(_ fields: YAMLFields, _ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let text = fields.string(key, required: false, context: "the policy", issues: &issues) else {
                return nil
            }
            guard let value = Int(text), range.contains(value) else {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location(key),
                        "\(key) “\(text)” is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                        fix: "write a number in that range"))
                return nil
            }
            return value
        }

        mutating func double(_ fields: YAMLFields, _ key: String, _ range: ClosedRange<Double>) -> Double? {
            guard let text = fields.string(key, required: false, context: "the policy", issues: &issues) else {
                return nil
            }
            guard let value = Double(text), range.contains(value) else {
                issues.append(
                    PlanIssue(
                        .error, at: fields.location(key),
                        "\(key) “\(text)” is not a number from \(Int(range.lowerBound)) to \(Int(range.upperBound))",
                        fix: "write a number in that range"))
                return nil
            }
            return value
        }
    }
}
