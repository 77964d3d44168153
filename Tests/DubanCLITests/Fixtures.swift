import Foundation
import Testing

/// Plan files for the command-line tests, and helpers to put them in a test's folder.
enum Fixtures {
    static let departments = """
        departments:
          - id: office
            name: 区安委会办公室
            kind: department
          - id: emergency
            name: 区应急管理局
            kind: department
            aliases: [应急局]
          - id: fire
            name: 区消防救援大队
            kind: department
          - id: xingren
            name: 兴仁街道
            kind: subdistrict

        """

    /// Four tasks, one of each kind, a dependency chain with a lag. Error tests pin line numbers in
    /// this text: `t-census` starts on line 10, `t-ledger` on 19, `t-coverage` on 24.
    static let smallPlan = """
        plan:
          id: small
          title: 小计划
          period: 2024至2026年
          office: office
        actions:
          - id: a1
            title: 第一项行动
            tasks:
              - id: t-census
                title: 摸底排查
                lead: emergency
                support: [xingren]
                due: 2024年6月底前
            measures:
              - number: 1
                title: 第一条措施
                tasks:
                  - id: t-ledger
                    title: 建立台账
                    lead: emergency
                    due: 2024年底前
                    depends_on: [t-census]
                  - id: t-coverage
                    title: 全覆盖
                    lead: fire
                    target: {metric: 覆盖率, value: 100, unit: '%'}
                    due: 2025年底前
                    depends_on: [{task: t-ledger, lag_days: 30}]
          - id: a2
            title: 第二项行动
            measures:
              - number: 2
                title: 第二条措施
                tasks:
                  - id: t-monthly
                    title: 每月调度
                    lead: office
                    every: month

        """

    /// The small plans' policy: the defaults, but the office's own tasks climb the ladder, since
    /// the office leads `t-monthly`, which the escalation tests take up to 约谈.
    static let policy = """
        policy:
          ladder:
            office_tasks: climb

        """

    /// Writes `plans/departments.yaml`, `plans/policy.yaml` and `plans/small.yaml` (optionally
    /// edited) into `folder`.
    static func writeSmallPlans(in folder: URL, plan: String = smallPlan) throws {
        let plans = folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        try Data(departments.utf8).write(to: plans.appendingPathComponent("departments.yaml"))
        try Data(policy.utf8).write(to: plans.appendingPathComponent("policy.yaml"))
        try Data(plan.utf8).write(to: plans.appendingPathComponent("small.yaml"))
    }

    /// The small plan with the one occurrence of `old` replaced by `new`.
    static func smallPlan(replacing old: String, with new: String) -> String {
        replacing(old, with: new, in: smallPlan)
    }

    /// `text` with the one occurrence of `old` replaced by `new`.
    static func replacing(_ old: String, with new: String, in text: String) -> String {
        let parts = text.components(separatedBy: old)
        precondition(parts.count == 2, "“\(old)” must occur exactly once")
        return parts.joined(separator: new)
    }

    /// The `t-monthly` task's lines in the small plan.
    static let monthlyTask = """
                  - id: t-monthly
                    title: 每月调度
                    lead: office
                    every: month

        """

    /// Copies the package's shipped `plans/` folder into `folder`.
    static func copyShippedPlans(into folder: URL) throws {
        try FileManager.default.copyItem(
            at: DubanProcess.packageRoot.appendingPathComponent("plans"), to: folder.appendingPathComponent("plans"))
    }

    /// The shipped plans and `notifiers/templates` in `folder`, without channels: documents are written
    /// and nothing is delivered.
    static func copyShippedPlansAndTemplates(into folder: URL) throws {
        try copyShippedPlans(into: folder)
        let notifiers = folder.appendingPathComponent("notifiers")
        try FileManager.default.createDirectory(at: notifiers, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: DubanProcess.packageRoot.appendingPathComponent("notifiers/templates"),
            to: notifiers.appendingPathComponent("templates"))
    }

    /// The shipped plans, and `notifiers/` with the shipped templates and one signed generic webhook
    /// channel (`hook`, to `url`, for every department and the office), in `folder`.
    static func copyShippedPlansWithWebhook(into folder: URL, url: String, secret: String) throws {
        try copyShippedPlansAndTemplates(into: folder)
        let notifiers = folder.appendingPathComponent("notifiers")
        try Data(
            """
            default: hook
            office: hook
            channels:
              - id: hook
                type: webhook
                url: \(url)
                secret: \(secret)
            """.utf8
        ).write(to: notifiers.appendingPathComponent("channels.yaml"))
    }
}

/// JSON as `JSONSerialization` reads it.
enum JSON {
    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static func array(_ text: String) throws -> [[String: Any]] {
        try #require(try parse(text) as? [[String: Any]])
    }

    /// Whether two JSON texts hold the same values, whatever the order of their keys.
    static func same(_ a: String, _ b: String) throws -> Bool {
        equal(try parse(a), try parse(b))
    }

    /// Deep equality of parsed JSON values: same keys, same items in the same order, same scalars.
    static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.allSatisfy { key, value in equal(value, y[key]!) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case let (x as String, y as String):
            return x == y
        case (is NSNull, is NSNull):
            return true
        case (is NSNull, _), (_, is NSNull), (is String, _), (_, is String):
            return false
        default:
            guard let x = (a as? NSNumber)?.doubleValue, let y = (b as? NSNumber)?.doubleValue else { return false }
            return x == y
        }
    }
}
