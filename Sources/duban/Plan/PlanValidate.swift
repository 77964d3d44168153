import ArgumentParser
import DubanCore
import DubanPlans
import Foundation

/// `duban plan validate`: checks plan files, and every other file the commands read under `plans/`
/// (the policy, the sectors, the calendars) and the channels file, without touching any store.
struct PlanValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract:
            "Check plan files, the policy, sectors, calendars and channels, printing every problem with its file, line and fix. Touches no store.",
        discussion: """
            Reads what `duban run` reads: the plans under PATH (default plans), plans/sectors.yaml beside them, the             policy (--policy, default plans/policy.yaml), the calendar folder (--calendar, default plans/calendar)             and the channels file (--notifiers, else $DUBAN_NOTIFIERS, else notifiers/channels.yaml, when present,             with the secrets its channels name in the environment). Every file read is listed; a problem in any             of them fails the check.
            """)

    @OptionGroup var plans: PlanPaths
    @OptionGroup var scheduler: SchedulerOptions

    @Option(help: "The channels file (default: $DUBAN_NOTIFIERS, else notifiers/channels.yaml, when present).")
    var notifiers: String?

    func run() throws {
        let paths = plans.resolved
        var issues: [PlanIssue] = []
        var read: [String] = []
        let contents: PlanFiles.Contents
        do {
            contents = try PlanFiles.read(paths: paths, bases: { PlanFiles.sibling($0, near: paths) })
        } catch {
            // The other files are still checked, so every problem is shown at once.
            issues = error.issues
            issues += checkOtherFiles(read: &read)
            throw PlanError(issues: issues)
        }
        read += contents.files
        var warnings: [PlanIssue] = []
        do { warnings = try PlanValidator.check(contents.set) } catch { issues += error.issues }
        var sectors: [Sector]?
        do {
            sectors = try PlanLoad.sectors(beside: paths, departments: contents.set.departments)
            if sectors != nil { read.append(PlanLoad.sectorsPath(beside: paths)) }
        } catch let error as PlanError { issues += error.issues }
        issues += checkOtherFiles(read: &read)
        if !issues.isEmpty { throw PlanError(issues: issues + warnings) }
        WarningList.print(warnings, detail: plans.warnings)
        for plan in contents.set.plans where !contents.contextPlans.contains(plan.id) {
            print("\(plan.location?.file ?? plan.id): plan \(plan.id), \(PlanSummary.counts(plan.tasks))")
        }
        // Each file once, as the user would type it: relative to the working folder.
        let here = FileManager.default.currentDirectoryPath + "/"
        var seen: Set<String> = []
        let shown = read.map { $0.hasPrefix(here) ? String($0.dropFirst(here.count)) : $0 }
        print("read: " + shown.filter { seen.insert($0).inserted }.joined(separator: ", "))
        let planCount = contents.set.plans.count - contents.contextPlans.count
        let taskCount = contents.set.plans.filter { !contents.contextPlans.contains($0.id) }.reduce(0) {
            $0 + $1.tasks.count
        }
        print(
            "ok: \(count(planCount, "plan")), \(count(taskCount, "task")), "
                + "\(count(contents.set.departments.count, "department")), "
                + (sectors.map { "\(count($0.count, "sector")), " } ?? "") + "\(count(warnings.count, "warning"))")
    }

    /// The problems of the policy, the calendars and the channels file; the files read are added to `read`.
    func checkOtherFiles(read: inout [String]) -> [PlanIssue] {
        var issues: [PlanIssue] = []
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: scheduler.policy) {
            read.append(scheduler.policy)
            do { _ = try PolicyFile.read(path: scheduler.policy) } catch { issues += error.issues }
        }
        // The default calendar folder is read when present; one named with --calendar must be there.
        if scheduler.calendar != CalendarFiles.defaultFolder || fileManager.fileExists(atPath: scheduler.calendar) {
            read += CalendarFiles.files(in: scheduler.calendar)
            do { _ = try CalendarFiles.read(folder: scheduler.calendar) } catch { issues += error.issues }
        }
        let channels =
            notifiers ?? ProcessInfo.processInfo.environment["DUBAN_NOTIFIERS"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ChannelsFile.defaultPath
        if notifiers != nil || fileManager.fileExists(atPath: channels) {
            read.append(channels)
            do {
                _ = try ChannelsFile.read(path: channels, environment: ProcessInfo.processInfo.environment)
            } catch { issues += error.issues }
        }
        return issues
    }
}

/// Short descriptions of a plan's contents, shared by the plan commands.
enum PlanSummary {
    /// "92 tasks (51 milestones, 25 recurring duties, 16 targets)".
    static func counts(_ tasks: [PlanTask]) -> String {
        var counts: [TaskKind: Int] = [:]
        for task in tasks { counts[task.kind, default: 0] += 1 }
        return "\(count(tasks.count, "task")) (\(count(counts[.milestone] ?? 0, "milestone")), "
            + "\(count(counts[.obligation] ?? 0, "recurring duty", "recurring duties")), "
            + "\(count(counts[.target] ?? 0, "target")))"
    }
}

/// "1 task", "2 tasks".
func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
