import Testing

@testable import DubanCore

/// `PlanValidator`: each problem on its own, with its severity, subject, location and wording.
@Suite struct PlanValidatorTests {
    private let a = Fixture.milestone("a", due: "2024年底前", line: 10)
    private let b = Fixture.milestone("b", due: "2025年底前", after: ["a"], line: 20)

    /// The only issue `tasks` produce, which must be there.
    private func onlyIssue(_ tasks: [PlanTask]) throws -> PlanIssue {
        let issues = PlanValidator.validate(Fixture.set(tasks))
        #expect(issues.count == 1, "\(issues)")
        return try #require(issues.first)
    }

    @Test func cleanPlanHasNoIssues() throws {
        #expect(PlanValidator.validate(Fixture.set([a, b])).isEmpty)
        #expect(try PlanValidator.check(Fixture.set([a, b])).isEmpty)
    }

    @Test func duplicateTaskIdNamesBothLocations() throws {
        let again = Fixture.milestone("a", due: "2025年底前", line: 30)
        let issue = try onlyIssue([a, again])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.location == Fixture.at(30))
        #expect(issue.message == "duplicate task id “a”")
        #expect(issue.fix.contains("already used at plans/p.yaml:10:9"))
        #expect(issue.description.hasPrefix("plans/p.yaml:30:9: error: a: duplicate task id “a”; "))
    }

    @Test func unknownLeadSuggestsTheNearId() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", lead: "emergncy", line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.location == Fixture.at(10))
        #expect(issue.message == "lead department “emergncy” is not in the department registry")
        #expect(issue.fix.hasPrefix("did you mean “emergency”? "))
    }

    @Test func draftedLeadsAreReportedAsOneList() throws {
        let issue = try onlyIssue([
            Fixture.milestone("a", due: "2024年底前", lead: "TODO", line: 10),
            Fixture.milestone("b", due: "2025年底前", line: 20),
            Fixture.milestone("c", due: "2025年底前", lead: "TODO", line: 30),
        ])
        #expect(issue.severity == .error)
        #expect(issue.location == Fixture.at(10))
        #expect(issue.message == "2 drafted tasks have no lead yet (lead: TODO):\n    a (line 10)\n    c (line 30)")
        #expect(issue.fix.hasPrefix("set each `lead` to a department id"))
    }

    @Test func aDeadlineAfterThePlanEndsIsAWarning() throws {
        let issue = try onlyIssue([Fixture.milestone("late", due: "2027年底前", line: 10)])
        #expect(issue.severity == .warning)
        #expect(issue.subject == "late")
        #expect(issue.location == Fixture.at(10))
        #expect(issue.message == "due 2027-12-31, after plan p ends (2026-12-31)")
        let early = try onlyIssue([Fixture.milestone("early", due: "2023年底前", line: 12)])
        #expect(early.message == "due 2023-12-31, before plan p starts (\(Fixture.planStart))")
    }

    @Test func anAnnualPlanOutsideItsBaseIsAWarning() throws {
        var annual = Fixture.plan([], id: "y2027", extends: "p")
        annual.start = Day("2027-01-01")!
        annual.end = Day("2027-12-31")!
        let issues = PlanValidator.validate(
            PlanSet(departments: Fixture.departments, plans: [Fixture.plan([a]), annual]))
        #expect(issues.map(\.severity) == [.warning])
        #expect(
            issues.first?.message
                == "the plan runs 2027-01-01–2027-12-31, outside p (\(Fixture.planStart)–2026-12-31), which it extends")
    }

    @Test func unknownSupportSuggestsTheNearId() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", support: ["xingren", "housng"], line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.message == "support department “housng” is not in the department registry")
        #expect(issue.fix.hasPrefix("did you mean “housing”? "))
    }

    @Test func unknownDepartmentFarFromAnyIdHasNoSuggestion() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", lead: "agriculture", line: 10)])
        #expect(!issue.fix.contains("did you mean"))
        #expect(issue.fix.contains("plans/departments.yaml"))
    }

    @Test func dependencyOnMissingTaskPointsAtTheDependency() throws {
        let issue = try onlyIssue([a, Fixture.milestone("b", due: "2025年底前", after: ["ghost"], line: 20)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "b")
        #expect(issue.location == Fixture.at(21))
        #expect(issue.message == "depends on “ghost”, which is not a task in the plans")
    }

    @Test func cycleIsReportedWithItsPath() throws {
        let tasks = [
            Fixture.milestone("x", due: "2026年底前", after: ["y"], line: 10),
            Fixture.milestone("y", due: "2026年底前", after: ["z"], line: 20),
            Fixture.milestone("z", due: "2026年底前", after: ["x"], line: 30),
        ]
        let issue = try onlyIssue(tasks)
        #expect(issue.severity == .error)
        #expect(issue.subject == "x")
        #expect(issue.location == Fixture.at(10))
        #expect(issue.message == "dependency cycle: x → y → z → x (each depends on the next)")
        let error = #expect(throws: PlanError.self) { try PlanValidator.check(Fixture.set(tasks)) }
        #expect(error?.issues == [issue])
    }

    @Test func prerequisiteListedTwice() throws {
        let issue = try onlyIssue([a, Fixture.milestone("b", due: "2025年底前", after: ["a", "a"], line: 20)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "b")
        #expect(issue.location == Fixture.at(21))
        #expect(issue.message == "depends on “a” twice")
    }

    @Test func selfDependencyIsNamedAndIsACycle() {
        let issues = PlanValidator.validate(
            Fixture.set([Fixture.milestone("s", due: "2025年底前", after: ["s"], line: 10)]))
        #expect(issues.map(\.message) == ["depends on itself", "dependency cycle: s → s (each depends on the next)"])
        #expect(issues.allSatisfy { $0.severity == .error && $0.subject == "s" && $0.location == Fixture.at(10) })
    }

    @Test func startAfterDueIsAnError() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", start: "2025-01-01", line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.message == "starts 2025-01-01, after it is due 2024-12-31")
    }

    @Test func dependentDueBeforeItsPrerequisiteIsOnlyAWarning() throws {
        let early = Fixture.milestone("b", due: "2024年6月底前", after: ["a"], line: 20)
        let issue = try onlyIssue([a, early])
        #expect(issue.severity == .warning)
        #expect(issue.subject == "b")
        #expect(issue.location == Fixture.at(20))
        #expect(issue.message == "is due 2024-06-30, before its prerequisite a is due 2024-12-31")
        let warnings = try PlanValidator.check(Fixture.set([a, early]))
        #expect(warnings == [issue])
    }

    @Test func lagThatOverrunsTheDueIsAWarningNamingTheLag() throws {
        let tight = Fixture.milestone("b", due: "2025-01-15", after: ["a"], lag: 30, line: 20)
        let issue = try onlyIssue([a, tight])
        #expect(issue.severity == .warning)
        #expect(issue.message == "is due 2025-01-15, before its prerequisite a is due 2024-12-31 plus 30 days")
    }

    @Test func measureNotInPlan() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", measure: 99, line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.message == "measure 99 is not in plan p")
    }

    @Test func taskUnderTheWrongActionForItsMeasure() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", action: "a2", measure: 1, line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "a")
        #expect(issue.message == "measure 1 belongs to action a1, not a2")
        #expect(issue.fix == "list the task under action a1")
    }

    @Test func actionNotInPlan() throws {
        let issue = try onlyIssue([Fixture.milestone("a", due: "2024年底前", action: "a9", measure: nil, line: 10)])
        #expect(issue.message == "action “a9” is not in plan p")
        #expect(issue.fix == "use one of: a1, a2")
    }

    @Test func extendsAnUnknownPlan() throws {
        let annual = Fixture.plan([], id: "p-2025", extends: "nowhere")
        let issues = PlanValidator.validate(
            PlanSet(departments: Fixture.departments, plans: [Fixture.plan([a]), annual]))
        #expect(issues.count == 1)
        let issue = try #require(issues.first)
        #expect(issue.severity == .error)
        #expect(issue.subject == "p-2025")
        #expect(issue.message == "extends “nowhere”, which is not loaded")
    }

    @Test func annualPlanAddsTasksUnderItsBasesMeasures() {
        let added = Fixture.milestone("y-a", due: "2025年6月底前", after: ["a"], action: "a2", measure: 2, plan: "p-2025")
        let annual = Fixture.plan([added], id: "p-2025", extends: "p")
        #expect(
            PlanValidator.validate(PlanSet(departments: Fixture.departments, plans: [Fixture.plan([a]), annual]))
                .isEmpty)
    }

    @Test func percentageOverOneHundred() throws {
        let issue = try onlyIssue([Fixture.target("t", due: "2025年底前", value: 120, line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.subject == "t")
        #expect(issue.message == "a target of 120% is not a percentage")
        #expect(PlanValidator.validate(Fixture.set([Fixture.target("t", due: "2025年底前", value: 100)])).isEmpty)
        #expect(
            PlanValidator.validate(Fixture.set([Fixture.target("t", due: "2025年底前", value: 120, unit: "家")])).isEmpty)
    }

    @Test(arguments: ["任务一", "Upper", "-leading-dash", "has space", ""])
    func invalidTaskId(_ id: String) throws {
        let issue = try onlyIssue([Fixture.milestone(id, due: "2024年底前", line: 10)])
        #expect(issue.severity == .error)
        #expect(issue.location == Fixture.at(10))
        #expect(issue.message == "task id “\(id)” is not a stable ASCII id")
        #expect(issue.fix.contains("lowercase ASCII letters"))
    }

    @Test func validIdsUseLettersDigitsAndPunctuation() {
        #expect(PlanValidator.validate(Fixture.set([Fixture.milestone("m01.2024_x-y", due: "2024年底前")])).isEmpty)
    }

    @Test func duplicateDepartmentAndUnknownOffice() {
        var set = Fixture.set([a])
        set.departments.append(Department(id: "emergency", name: "重复", kind: .department, location: Fixture.at(40)))
        set.plans[0].office = "safety-ofice"
        let issues = PlanValidator.validate(set)
        #expect(
            issues.map(\.message) == [
                "duplicate department id “emergency”",
                "office department “safety-ofice” is not in the department registry",
            ])
        #expect(issues.first?.fix.contains("区应急管理局 at plans/p.yaml:5:5") == true)
        #expect(issues.last?.fix.hasPrefix("did you mean “safety-office”? ") == true)
    }

    /// A set of `count` tasks with an unknown lead, a repeated id, a missing prerequisite and a cycle.
    private func troubled(_ count: Int) -> PlanSet {
        var tasks = (0..<count).map { Fixture.milestone("t\($0)", due: "2025年底前", line: 10 + $0) }
        tasks[2] = Fixture.milestone("t2", due: "2025年底前", lead: "emergncy", line: 12)
        tasks[3] = Fixture.milestone("t3", due: "2025年底前", after: ["nowhere"], line: 13)
        tasks[4] = Fixture.milestone("t4", due: "2025年底前", after: ["t5"], line: 14)
        tasks[5] = Fixture.milestone("t5", due: "2025年底前", after: ["t4"], line: 15)
        tasks.append(Fixture.milestone("t1", due: "2026年底前", line: 10 + count))
        return Fixture.set(tasks)
    }

    @Test func aLargeSetFindsItsIssuesInTheOrderASmallOneDoes() throws {
        let expected = [
            "t2: lead department “emergncy” is not in the department registry",
            "t1: duplicate task id “t1”",
            "t3: depends on “nowhere”, which is not a task in the plans",
            "t4: dependency cycle: t4 → t5 → t4 (each depends on the next)",
        ]
        for count in [8, PlanValidator.pairedFrom] {
            let issues = PlanValidator.validate(troubled(count))
            #expect(issues.map { "\($0.subject ?? ""): \($0.message)" } == expected, "\(count) tasks")
            #expect(issues.allSatisfy { $0.severity == .error })
        }
    }

    @Test func pairedChecksGiveTheirIssuesInOrderOnEitherPath() {
        let first = PlanIssue(.error, at: nil, subject: "a", "first", fix: "")
        let second = PlanIssue(.warning, at: nil, subject: "b", "second", fix: "")
        for paired in [false, true] {
            let (one, two) = PlanValidator.pair(paired, { [first, first] }, { [second] })
            #expect(one == [first, first])
            #expect(two == [second])
        }
    }
}
