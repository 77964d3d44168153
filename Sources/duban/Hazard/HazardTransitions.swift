import ArgumentParser
import DubanCore
import DubanStore

/// What every state change takes: the hazard, the day, who acts, the policy and the store.
struct HazardChangeOptions: ParsableArguments {
    @Argument(help: "The hazard's id.") var id: String
    @Option(help: "The day of the change, YYYY-MM-DD (default: today in Asia/Shanghai).") var date: String?
    @OptionGroup var actor: HazardActor
    @OptionGroup var scheduler: SchedulerOptions
    @OptionGroup var store: StoreOptions

    /// Applies `change` and prints the hazard's new line.
    func apply(_ change: HazardChange, _ verb: String) throws {
        let day = try date.map { try parseDay($0, option: "--date") } ?? CommandClock.today()
        let hazard = try store.openExisting().changeHazard(
            id, change, on: day, as: actor.viewer, policy: try scheduler.context().policy, actor: CommandClock.actor,
            now: try CommandClock.now())
        print("\(verb): " + HazardText.line(hazard, today: try CommandClock.today()))
    }
}

/// `duban hazard list-for-supervision ID`: 挂牌督办.
struct HazardListForSupervision: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-for-supervision",
        abstract: "List a hazard for supervision (挂牌督办): number its notice and tell its department and enterprise.",
        discussion: """
            The notice is numbered next in the year (policy `hazards.listing_prefix`, 高新安办督〔2025〕7号). \
            The hazard's 五落实 must be complete. A notice is queued to the supervising department and, when \
            the enterprise has a channel (--enterprise-channel), to its 主要负责人.
            """)

    @Option(help: "The level that lists it: district, city or province.") var level: String = "district"
    @OptionGroup var change: HazardChangeOptions

    func run() throws {
        guard let level = ListingLevel(rawValue: level) else {
            throw InputError("--level “\(level)” is not a level; use district, city or province")
        }
        try change.apply(.list(level: level, number: ""), "listed")
    }
}

/// `duban hazard rectify ID --percent 60 | --done`.
struct HazardRectify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rectify",
        abstract: "Record rectification progress, or (--done) that the enterprise reports it rectified and asks for 销号."
    )

    @Option(help: "Percent rectified, 0–99.") var percent: Double?
    @Flag(help: "The rectification is complete: the enterprise asks for 销号.") var done = false
    @OptionGroup var change: HazardChangeOptions

    func validate() throws {
        if (percent == nil) == !done { throw ValidationError("give either --percent or --done") }
    }

    func run() throws {
        try change.apply(done ? .rectified : .progress(percent!), done ? "rectified" : "progress recorded")
    }
}

/// `duban hazard verify ID --supervisor … --expert … --enterprise …`: 三方确认.
struct HazardVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Record the on-site check's three sign-offs (三方确认): 监管人员, 安全专家 and 企业负责人.",
        discussion:
            "Each sign-off is \"name,YYYY-MM-DD,opinion\"; all three are required and are three different people.")

    @Option(help: "监管人员: \"name,date,opinion\".") var supervisor: String?
    @Option(help: "安全专家: \"name,date,opinion\".") var expert: String?
    @Option(help: "企业负责人: \"name,date,opinion\".") var enterprise: String?
    @OptionGroup var change: HazardChangeOptions

    func run() throws {
        var signOffs: [SignOff] = []
        for (role, text) in [(SignOffRole.supervisor, supervisor), (.expert, expert), (.enterprise, enterprise)] {
            guard let text else { continue }
            let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, let day = Day(parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw InputError("--\(role.rawValue) “\(text)” is not \"name,YYYY-MM-DD,opinion\"")
            }
            signOffs.append(SignOff(role: role, name: parts[0], date: day, opinion: parts[2]))
        }
        try change.apply(.verify(signOffs), "verified")
    }
}

/// `duban hazard close ID`: 销号.
struct HazardClose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close a verified hazard (销号); refused without the three sign-offs.")

    @OptionGroup var change: HazardChangeOptions

    func run() throws { try change.apply(.close, "closed") }
}

/// `duban hazard reopen ID --reason …`.
struct HazardReopen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Send a rectified, verified or closed hazard back to rectifying, with the reason.")

    @Option(help: "Why (e.g. 复查发现整改不到位).") var reason: String
    @OptionGroup var change: HazardChangeOptions

    func run() throws { try change.apply(.reopen(reason: reason), "reopened") }
}

/// `duban hazard wait ID --on … | --clear`.
struct HazardWait: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Record what a hazard's rectification waits on (it is blocked and does not climb), or --clear it.")

    @Option(help: "What it waits on, e.g. 等待区自然资源局用地审批.") var on: String?
    @Flag(help: "It no longer waits.") var clear = false
    @OptionGroup var change: HazardChangeOptions

    func validate() throws {
        if (on == nil) == !clear { throw ValidationError("give either --on or --clear") }
    }

    func run() throws { try change.apply(.waiting(clear ? nil : on), clear ? "no longer waiting" : "waiting") }
}
