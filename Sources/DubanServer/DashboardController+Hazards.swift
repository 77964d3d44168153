import DubanCore
import DubanStore
import Foundation
import Hummingbird

/// The hazard pages: `/hazards` for the office (every hazard of the ledger) and
/// `/departments/{id}/hazards` for a department (the hazards it supervises), each hazard with its
/// light, state and deadline. A 群众举报's reporter is never on a page.
extension DashboardController {
    @Sendable func hazardsPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        if identity.role == .department { return Self.redirect("/departments/\(identity.department!)/hazards") }
        return try await hazards(for: nil, identity: identity)
    }

    @Sendable func departmentHazardsPage(_ request: Request, context: DubanRequestContext) async throws -> Response {
        guard let identity = browser(context) else { return Self.redirect("/login") }
        let id = try context.parameters.require("id")
        if identity.role == .department, identity.department != id {
            return message("只能查看本单位监管的隐患。", identity: identity, status: .forbidden)
        }
        return try await hazards(for: id, identity: identity)
    }

    /// The page of the hazards `department` supervises, or of every hazard.
    func hazards(for department: String?, identity: Identity) async throws -> Response {
        let (today, lights) = (environment.today, environment.context.policy.lights)
        let viewer: HazardViewer = department.map(HazardViewer.department) ?? .office
        let (hazards, evaluation, registry) = try await environment.store { database in
            (
                try database.hazards(HazardFilter(department: department), as: viewer),
                try database.hazardEvaluation(asOf: today, lights: lights), try database.hazardRegistry()
            )
        }
        let name: String
        if let department {
            guard let unit = registry.departments.first(where: { $0.id == department }) else {
                return message("没有这个单位：\(department)", identity: identity, status: .notFound)
            }
            name = unit.name
        } else {
            name = "重大事故隐患台账"
        }
        let names = Dictionary(registry.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let sectors = Dictionary(registry.sectors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let open = hazards.filter { $0.state != .closed }
        let rows = open.map { hazard -> [String: Any] in
            let evaluated = evaluation.task(hazard.id)
            var row: [String: Any] = [
                "id": hazard.id, "number": hazard.listingNumber ?? "未挂牌", "enterprise": hazard.enterprise.name,
                "description": hazard.description, "sector": sectors[hazard.sector] ?? hazard.sector,
                "subdistrict": names[hazard.enterprise.subdistrict] ?? hazard.enterprise.subdistrict,
                "department": names[hazard.department] ?? hazard.department, "deadline": hazard.deadline.description,
                "state": hazard.state.chinese, "progress": hazard.progress,
                "overdue": hazard.isOverdue(on: today),
            ]
            if let evaluated {
                row["light"] = evaluated.light.rawValue
                row["lightName"] = evaluated.light.chinese
            }
            if let waiting = hazard.waitingOn { row["waiting"] = waiting }
            return row
        }
        let counts = Dictionary(grouping: open.compactMap { evaluation.task($0.id)?.light }, by: { $0 }).mapValues(
            \.count)
        let page: [String: Any] = [
            "name": name, "today": today.description, "department": department ?? "", "office": department == nil,
            "hazards": rows, "any": !rows.isEmpty, "open": open.count, "closed": hazards.count - open.count,
            "listed": open.filter { $0.listing != nil }.count,
            "overdue": open.filter { $0.isOverdue(on: today) }.count,
            "red": counts[.red] ?? 0, "yellow": counts[.yellow] ?? 0,
        ]
        return self.page("hazards", title: "重大事故隐患", page, identity: identity)
    }
}
