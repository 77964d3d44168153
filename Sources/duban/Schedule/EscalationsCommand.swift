import ArgumentParser
import DubanCore
import DubanStore
import Foundation

/// `duban escalations`: the ladder's steps.
struct EscalationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalations", abstract: "List escalation steps: task, department, rung, date, state and reason.")

    @Option(help: "Only this task's steps.")
    var task: String?

    @Option(help: "Only steps addressed to this department.")
    var department: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    struct Line: Encodable {
        var id: Int64?
        var task: String
        var department: String
        var rung: String
        var date: Day
        var state: String
        var rule: String
        var reason: String
    }

    func run() throws {
        let steps = try store.openExisting().escalations(task: task, department: department)
        let lines = steps.map {
            Line(
                id: $0.id, task: $0.task, department: $0.department, rung: $0.kind == .reset ? "reset" : $0.rung.name,
                date: $0.date, state: $0.state.rawValue, rule: $0.rule.rawValue, reason: $0.reason)
        }
        if json {
            try JSONOutput.print(lines)
            return
        }
        var table = TextTable(header: ["ID", "DATE", "TASK", "DEPARTMENT", "RUNG", "STATE", "RULE", "REASON"])
        for (line, step) in zip(lines, steps) {
            table.append([
                String(line.id ?? 0), line.date.description, line.task, line.department,
                step.kind == .reset ? "重置" : step.rung.chinese, line.state, line.rule, line.reason,
            ])
        }
        print(table.rendered)
        print("\(steps.count) step\(steps.count == 1 ? "" : "s")")
    }
}

/// `duban escalation approve|hold|skip|force`: the office's decisions on the ladder.
struct EscalationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation", abstract: "Approve, hold or skip a step, or force the next rung for a task.",
        subcommands: [Approve.self, Hold.self, Skip.self, Force.self])

    /// The reason every office act needs, kept in the audit log.
    struct Reason: ParsableArguments {
        @Option(help: "Why: kept in the audit log.")
        var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason must say why")
            }
        }
    }

    /// The step and the reason every decision needs.
    struct StepDecision: ParsableArguments {
        @Argument(help: "The step's id (from `duban escalations`).")
        var step: Int64

        @OptionGroup var why: Reason
        @OptionGroup var store: StoreOptions
        @OptionGroup var scheduler: SchedulerOptions

        func apply(_ action: EscalationAction) throws {
            let decided = try store.openExisting().decide(
                step: step, action, reason: why.reason, on: try CommandClock.today(), context: try scheduler.context(),
                now: try CommandClock.now(), actor: CommandClock.actor)
            print(
                "step \(step) \(decided.rung.chinese) for \(decided.department) on \(decided.task): \(decided.state.rawValue)"
            )
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Approve a proposed or held step (约谈, 曝光) so it is sent.")
        @OptionGroup var decision: StepDecision
        func run() throws { try decision.apply(.approve) }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Hold a step: nothing is sent and the task does not climb until it is decided.")
        @OptionGroup var decision: StepDecision
        func run() throws { try decision.apply(.hold) }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skip", abstract: "Skip a step: it is not sent, and its rung counts as reached.")
        @OptionGroup var decision: StepDecision
        func run() throws { try decision.apply(.skip) }
    }

    struct Force: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "force", abstract: "Take the next rung for a task now, with a reason.")

        @Argument(help: "The task's id.")
        var task: String

        @OptionGroup var why: Reason
        @OptionGroup var store: StoreOptions
        @OptionGroup var scheduler: SchedulerOptions

        func run() throws {
            let step = try store.openExisting().force(
                task: task, reason: why.reason, on: try CommandClock.today(), context: try scheduler.context(),
                now: try CommandClock.now(), actor: CommandClock.actor)
            print("step \(step.id ?? 0) \(step.rung.chinese) for \(step.department) on \(task): \(step.state.rawValue)")
        }
    }
}
