import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// The shipped plans and small sheets for the task-list tests.
enum TaskSheetFixture {
    /// The package folder, found from this file's path.
    static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The shipped registry and plan (`plans/`), read once.
    static let shipped: PlanSet = {
        do {
            return try PlanFiles.read(paths: [packageRoot + "/plans"]).set
        } catch {
            fatalError("plans/ does not read: \(error)")
        }
    }()

    /// The shipped multi-year plan.
    static var base: Plan { shipped.plans.first { $0.extends == nil }! }

    /// A context over the shipped plans for an annual plan `y`.
    static func context(
        year: Int? = nil, action: String? = nil, columns: ColumnMap = ColumnMap(), plan: String = "y"
    ) -> TaskSheet.Context {
        TaskSheet.Context(
            departments: shipped.departments, family: [base], plan: plan, year: year, defaultAction: action,
            columns: columns)
    }

    /// GB18030 bytes, as Excel's plain "CSV (逗号分隔)" saves a Chinese sheet on Windows.
    static func gb18030(_ text: String) -> Data {
        text.data(using: String.Encoding(rawValue: 0x8000_0632))!
    }

    /// UTF-8 bytes with a byte order mark, as Excel's "CSV UTF-8" saves.
    static func utf8BOM(_ text: String) -> Data {
        Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    /// The problems reading `data` reports; records a failure when it reads without error.
    static func issues(
        _ data: Data, file: String = "tasks.csv", context: TaskSheet.Context = context(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [PlanIssue] {
        do {
            let sheet = try TaskSheet.read(data: data, file: file, context: context)
            Issue.record("expected an error, read \(sheet.tasks.count) tasks", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.issues
        }
    }
}

extension PlanTask {
    /// The task without where it was written, to compare what it says.
    var content: PlanTask {
        var task = self
        task.location = nil
        task.dependsOn = dependsOn.map { Dependency(task: $0.task, lagDays: $0.lagDays) }
        return task
    }
}
