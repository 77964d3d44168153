import DubanCore
import Testing

@testable import DubanPlans

/// `PlanDocumentReader.read(yaml:file:)` on bad input: each problem at its exact file, line and
/// column, saying what is wrong and how to fix it. Task lines start at line 13 (see `Fixture.header`).
@Suite struct PlanReaderErrorTests {
    private func only(_ yaml: String) throws -> PlanIssue {
        let issues = Fixture.issues(yaml)
        #expect(issues.count == 1, "\(issues)")
        return try #require(issues.first)
    }

    /// A task t1 with `extra` lines after its id, title and lead.
    private func task(_ extra: String...) -> String {
        Fixture.plan(tasks: ["- id: t1", "  title: 任务", "  lead: emergency"] + extra.map { "  " + $0 })
    }

    @Test func badIndentationIsASyntaxErrorOnItsLine() throws {
        let issue = try only("plan:\n  id: p\n title: T\n  period: 2024年\n")
        #expect(issue.location == Fixture.location(3, 2))
        #expect(issue.message.hasPrefix("YAML syntax error: did not find expected key"))
        #expect(issue.fix.contains("check indentation, colons and quotes"))
    }

    @Test func unclosedQuoteNamesTheLineItOpensOn() throws {
        let issue = try only("plan:\n  id: p\n  title: \"T\n  period: 2024年\n")
        #expect(issue.location == Fixture.location(5, 1))
        #expect(issue.message.hasPrefix("YAML syntax error: found unexpected end of stream"))
        #expect(issue.message.contains("while scanning a quoted scalar at line 3"))
    }

    @Test func tabIndentationIsReportedOnItsLine() throws {
        let issue = try only(Fixture.plan(tasks: ["- id: t1", "\ttitle: 任务", "  lead: emergency", "  due: 2024年底前"]))
        #expect(issue.location?.line == 14)
        #expect(issue.message.contains("tab"))
    }

    /// A control character (DEL) in the title on line 14, column 22, must be reported there, not at 1:1.
    @Test func controlCharacterIsReportedWhereItIs() throws {
        let issue = try only(
            Fixture.plan(tasks: ["- id: t1", "  title: 任务\u{7F}", "  lead: emergency", "  due: 2024年底前"]))
        #expect(issue.message.contains("control characters are not allowed"))
        #expect(issue.location == Fixture.location(14, 22))
    }

    /// A second YAML document (after `---`) must not be dropped without a word.
    @Test func secondDocumentIsAnError() throws {
        let issue = try only("plan:\n  id: p\n  title: T\n  period: 2024年\n---\nplan:\n  id: q\n")
        #expect(issue.severity == .error)
        #expect(issue.location?.line == 5)
        #expect(issue.message.contains("document"))
    }

    @Test func unknownKeyListsAllowedKeysAndSuggestsTheNearOne() throws {
        let issues = Fixture.issues(
            Fixture.plan(tasks: ["- id: t1", "  title: 任务", "  leed: emergency", "  due: 2024年底前"]))
        #expect(issues.count == 2)
        let unknown = try #require(issues.first)
        #expect(unknown.location == Fixture.location(15, 13))
        #expect(unknown.message == "unknown key “leed” in a task of measure 1")
        #expect(
            unknown.fix.hasPrefix(
                "allowed keys are id, title, lead, support, due, start, every, high_risk_every, times"))
        #expect(unknown.fix.hasSuffix("(did you mean “lead”?)"))
        #expect(issues.last?.message == "task t1 has no `lead`")
        #expect(issues.last?.location == Fixture.location(13, 13))
    }

    @Test func unknownTopLevelKey() throws {
        let issue = try only("plan:\n  id: p\n  title: T\n  period: 2024年\nactons: []\n")
        #expect(issue.location == Fixture.location(5, 1))
        #expect(issue.message == "unknown key “actons” in the file")
        #expect(issue.fix.contains("plan, actions, departments"))
        #expect(issue.fix.contains("did you mean “actions”?"))
    }

    @Test func taskWithNeitherDueEveryNorTarget() throws {
        let issue = try only(task())
        #expect(issue.location == Fixture.location(13, 13))
        #expect(issue.subject == "t1")
        #expect(issue.message == "the task has no `due`, `every` or `target`")
        #expect(issue.fix.contains("due: 2024年底前"))
        #expect(issue.fix.contains("every: quarter"))
    }

    @Test func targetWithoutDue() throws {
        let issue = try only(task("target: {metric: 覆盖率, value: 100, unit: '%'}"))
        #expect(issue.message == "the task has no `due`, `every` or `target`")
        #expect(issue.location == Fixture.location(13, 13))
    }

    @Test func everyWithDue() throws {
        let issue = try only(task("every: quarter", "due: 2024年底前"))
        #expect(issue.location == Fixture.location(17, 18))
        #expect(issue.subject == "t1")
        #expect(issue.message == "a recurring duty (`every`) cannot have `due`")
        #expect(issue.fix.contains("until:"))
    }

    @Test func weeklyIsNotAFrequency() throws {
        let issue = try only(task("every: 每周"))
        #expect(issue.location == Fixture.location(16, 20))
        #expect(issue.message == "`every` “每周” is not a frequency")
        #expect(issue.fix.contains("month, two-months, quarter, half-year or year"))
    }

    @Test func unreadableDeadline() throws {
        let issue = try only(task("due: 明年底"))
        #expect(issue.location == Fixture.location(16, 18))
        #expect(issue.subject == "t1")
        #expect(issue.message == "`due` “明年底”: this is not a deadline duban can read")
        #expect(issue.fix.contains("2025年6月底前"))
    }

    @Test func impossibleDaySaysHowManyDaysTheMonthHas() throws {
        let issue = try only(task("due: 2024年2月30日前"))
        #expect(issue.location == Fixture.location(16, 18))
        #expect(issue.message == "`due` “2024年2月30日前”: 2024年2月 has 29 days, so day 30 does not exist")
        #expect(issue.fix == "write a day that exists, e.g. 2024年2月底前")
    }

    @Test func monthThirteen() throws {
        let issue = try only(task("due: 2024年13月底前"))
        #expect(issue.location == Fixture.location(16, 18))
        #expect(issue.message == "`due` “2024年13月底前”: month 13 does not exist")
        #expect(issue.fix == "months are 1–12")
    }

    @Test func badStartPhrase() throws {
        let issue = try only(task("start: 自2024年13月起", "due: 2024年底前"))
        #expect(issue.location == Fixture.location(16, 20))
        #expect(issue.message == "`start` “自2024年13月起”: month 13 does not exist")
    }

    @Test func targetValueThatIsNotANumber() throws {
        let issue = try only(task("due: 2024年底前", "target: {metric: 覆盖率, value: 四十, unit: '%'}"))
        #expect(issue.location == Fixture.location(17, 42))
        #expect(issue.subject == "t1")
        #expect(issue.message == "target value “四十” is not a number")
        #expect(issue.fix.contains("value: 40"))
    }

    @Test func targetWithUnknownComparison() throws {
        let issue = try only(task("due: 2024年底前", "target: {metric: 覆盖率, value: 40, unit: '%', op: '>'}"))
        #expect(issue.message == "op “>” is not a comparison")
        #expect(issue.location == Fixture.location(17, 61))
    }

    @Test func negativeLagDays() throws {
        let issue = try only(task("due: 2024年底前", "depends_on: [{task: t0, lag_days: -3}]"))
        #expect(issue.location == Fixture.location(17, 47))
        #expect(issue.subject == "t1")
        #expect(issue.message == "lag_days “-3” is not a whole number of days")
        #expect(issue.fix.contains("lag_days: 30"))
    }

    @Test func lagDaysThatIsNotANumber() throws {
        let issue = try only(task("due: 2024年底前", "depends_on: [{task: t0, lag_days: 一个月}]"))
        #expect(issue.message == "lag_days “一个月” is not a whole number of days")
    }

    @Test func duplicateKeyInAMapping() throws {
        // The second `due` (line 17) is the one to remove.
        let issue = try only(task("due: 2024年底前", "due: 2025年底前"))
        #expect(issue.location == Fixture.location(17, 13))
        #expect(issue.message == "duplicate key “due” in one mapping")
        #expect(issue.fix == "write each key once")
    }

    @Test func fileWithNeitherPlanNorDepartments() throws {
        let issue = try only("actions: []\n")
        #expect(issue.location == Fixture.location(1, 1))
        #expect(issue.message == "the file has neither `plan:` nor `departments:` at the top")
        #expect(issue.fix.contains("`plan:`"))
        #expect(issue.fix.contains("`departments:`"))
    }

    @Test func emptyFile() throws {
        let issue = try only("")
        #expect(issue.message == "the file is empty")
        #expect(issue.location == Fixture.location(1, 1))
    }

    @Test func extensionPlanMayNotRetitleAnAction() throws {
        let yaml = "plan:\n  id: y\n  title: Y\n  extends: p\n  period: 2025年\nactions:\n  - id: a1\n    title: 又一个标题\n"
        let issue = try only(yaml)
        #expect(issue.location == Fixture.location(8, 12))
        #expect(issue.message == "action a1 has a title in a plan that `extends` another")
        #expect(issue.fix.hasPrefix("remove the title"))
    }

    @Test func allErrorsOfOneFileAreReportedTogether() {
        let yaml = Fixture.plan(tasks: [
            "- id: t1", "  title: 一", "  lead: emergency",
            "- id: t2", "  title: 二", "  lead: emergency", "  due: 明年",
        ])
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.subject) == ["t1", "t2"])
        #expect(issues.map(\.location) == [Fixture.location(13, 13), Fixture.location(19, 18)])
        #expect(issues.allSatisfy { $0.severity == .error })
    }

    @Test func everyLocationNamesTheFileAsGiven() {
        let issues = Fixture.issues(task("due: 明年"), file: "plans/2025.yaml")
        #expect(issues.map(\.location?.file) == ["plans/2025.yaml"])
        #expect(issues.first?.description.hasPrefix("plans/2025.yaml:16:18: error: t1: `due` “明年”") == true)
    }
}
