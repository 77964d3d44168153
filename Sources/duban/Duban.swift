import ArgumentParser

/// The `duban` command: a deadline orchestrator for government action plans.
struct Duban: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: "Follow a government action plan's deadlines: load the plan, record progress, see what is due.",
        discussion: """
            Plans live as YAML under plans/; the store is SQLite at var/duban.sqlite unless --db or \
            DUBAN_DB names another. Exit codes: 0 ok, 1 failure, 2 bad input (nothing changed).
            """,
        version: "0.1.0",
        subcommands: [
            PlanCommand.self, GraphCommand.self, ProgressCommand.self, EvaluateCommand.self, EscalationsCommand.self,
            EscalationCommand.self, TickCommand.self, SimulateCommand.self, CalendarCommand.self, DeliverCommand.self,
            OutboxCommand.self, NotifyCommand.self, BulletinCommand.self, AgendaCommand.self, LetterCommand.self,
            CalendarFeedCommand.self, GanttCommand.self, DocumentsCommand.self, ServeCommand.self, TokenCommand.self,
            ImportCommand.self, StoreCommand.self, HazardCommand.self, BenchCommand.self, RunCommand.self,
        ])
}
