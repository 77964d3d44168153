import DubanCore
import DubanPlans
import DubanServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import DubanStore

/// The hazard ledger over `/api/hazards`: the office records, lists and closes; a department sees and
/// changes only the hazards it supervises and never a 群众举报's reporter; a viewer reads; a refusal
/// changes nothing.
@Suite struct HazardAPITests {
    static let reporter = "张举报人"

    /// A hazard's fields: a complete 五落实 and a valid credit code made from `serial`.
    static func fields(
        serial: Int, sector: String, found: String = "2024-03-01", deadline: String = "2024-09-30",
        reporter: String? = nil
    ) -> [HazardField: String] {
        let body = "91370400MA" + String(format: "%07d", serial)
        var fields: [HazardField: String] = [
            .enterprise: "枣庄测试企业\(serial)有限公司", .creditCode: CreditCode.completing(body)!, .address: "兴仁街道某路\(serial)号",
            .subdistrict: "xingren", .sector: sector, .description: "隐患\(serial)", .basis: "《工贸企业重大事故隐患判定标准》第四条",
            .foundOn: found, .channel: reporter == nil ? "inspection" : "public-report", .foundBy: "区安委办督导组",
            .responsible: "负责人\(serial)", .measures: "整改措施", .funds: "10万元", .deadline: deadline, .contingency: "专人值守",
        ]
        if let reporter { fields[.reporter] = reporter }
        return fields
    }

    /// A server whose ledger holds hz-2024-0001 (emergency's, a 群众举报 with its reporter) and
    /// hz-2024-0002 (fire's), both listed on 2024-03-05.
    static func server() throws -> TestServer {
        let server = try TestServer(ticked: false)
        let path = ServerFixtures.path("plans/sectors.yaml")
        let departments = Set(ServerFixtures.shipped.set.departments.map(\.id))
        try server.db.storeSectors(try #require(try SectorsFile.read(path: path, departments: departments)))
        _ = try server.db.addHazards(
            [
                (nil, fields(serial: 1, sector: "hazardous-chemicals", reporter: reporter), nil),
                (nil, fields(serial: 2, sector: "fire-safety", deadline: "2024-06-30"), nil),
            ], actor: "office", now: ServerFixtures.now)
        for id in ["hz-2024-0001", "hz-2024-0002"] {
            _ = try server.db.changeHazard(
                id, .list(level: .district, number: ""), on: Day("2024-03-05")!, policy: ServerFixtures.context.policy,
                actor: "office", now: ServerFixtures.now)
        }
        return server
    }

    /// Every audit row of the ledger, to show a refusal wrote nothing.
    static func audit(_ server: TestServer) throws -> Int {
        try server.db.read { db in try db.count(HazardAuditRecord.self) }
    }

    static func json(_ fields: [HazardField: String]) throws -> String {
        let object = Dictionary(uniqueKeysWithValues: fields.map { ($0.key.rawValue, $0.value) })
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func eachRoleSeesItsHazardsAndOnlyTheOfficeTheReporter() async throws {
        let server = try Self.server()
        try await server.test { client in
            let office = try await client.send(.get, "/api/hazards", as: .office)
            #expect(office.status == .ok, "\(office.text)")
            let all = try #require(try office.object()["hazards"] as? [[String: Any]])
            #expect(all.map { $0["id"] as? String } == ["hz-2024-0001", "hz-2024-0002"])
            #expect(all[0]["reporter"] as? String == Self.reporter)
            #expect(all[1]["light"] as? String == "red", "fire's is past its 2024-06-30 deadline: \(all[1])")
            #expect(all[1]["overdue"] as? Bool == true)

            let emergency = try await client.send(.get, "/api/hazards", as: .emergency)
            let own = try #require(try emergency.object()["hazards"] as? [[String: Any]])
            #expect(own.map { $0["id"] as? String } == ["hz-2024-0001"])
            #expect(own[0]["reporter"] == nil)
            #expect(!emergency.text.contains(Self.reporter))

            let viewer = try await client.send(.get, "/api/hazards", as: .viewer)
            #expect(try (viewer.object()["hazards"] as? [[String: Any]])?.count == 2)
            #expect(!viewer.text.contains(Self.reporter))

            let other = try await client.send(.get, "/api/hazards/hz-2024-0002", as: .emergency)
            _ = try other.error(.forbidden, "forbidden", field: "hazard")
            let detail = try await client.send(.get, "/api/hazards/hz-2024-0001", as: .emergency)
            #expect(detail.status == .ok)
            #expect(!detail.text.contains(Self.reporter), "the audit trail hides the reporter too")
            _ = try (try await client.send(.get, "/api/hazards", as: .none)).error(.unauthorized, nil)
            _ = try (try await client.send(.get, "/api/hazards/hz-2099-0001", as: .office)).error(
                .notFound, nil, field: "hazard")
        }
    }

    /// The writes, each on a target chosen so the roles' rights differ.
    enum Write: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case add, listOwn, rectifyOwn, rectifyOther, updateOwn, reassign, waitOwn, reopenOther

        var testDescription: String { rawValue }

        var request: (method: HTTPRequest.Method, uri: String, json: String) {
            switch self {
            case .add:
                (.post, "/api/hazards", try! HazardAPITests.json(HazardAPITests.fields(serial: 3, sector: "gas")))
            case .listOwn: (.post, "/api/hazards/hz-2024-0001/list", #"{"level": "city"}"#)
            case .rectifyOwn: (.post, "/api/hazards/hz-2024-0001/rectify", #"{"percent": 60}"#)
            case .rectifyOther: (.post, "/api/hazards/hz-2024-0002/rectify", #"{"percent": 60}"#)
            case .updateOwn: (.patch, "/api/hazards/hz-2024-0001", #"{"funds": "12万元"}"#)
            case .reassign: (.patch, "/api/hazards/hz-2024-0001", #"{"department": "fire"}"#)
            case .waitOwn: (.post, "/api/hazards/hz-2024-0001/wait", #"{"on": "等待用地审批"}"#)
            case .reopenOther: (.post, "/api/hazards/hz-2024-0002/reopen", #"{"reason": "复查"}"#)
            }
        }

        /// What `role` gets. Listing, adding and reassigning are the office's; a department
        /// changes its own hazards' progress, 五落实 and waits; reopening needs a closed hazard.
        func expected(for role: Role) -> HTTPResponse.Status {
            switch role {
            case .none, .revoked, .expired, .garbage: return .unauthorized
            case .viewer: return .forbidden
            case .office:
                switch self {
                case .add: return .created
                case .listOwn: return .conflict
                case .reopenOther: return .conflict
                default: return .ok
                }
            case .emergency:
                return [.rectifyOwn, .updateOwn, .waitOwn].contains(self) ? .ok : .forbidden
            case .fire:
                switch self {
                case .rectifyOther: return .ok
                case .reopenOther: return .conflict
                default: return .forbidden
                }
            }
        }
    }

    @Test(arguments: Write.allCases, Role.allCases)
    func theMatrix(_ write: Write, _ role: Role) async throws {
        let server = try Self.server()
        let before = try Self.audit(server)
        let expected = write.expected(for: role)
        let (method, uri, json) = write.request
        let response = try await server.test { client in try await client.send(method, uri, as: role, json: json) }
        #expect(response.status == expected, "\(write) as \(role): \(response.text)")
        if expected.code >= 400 {
            #expect(try Self.audit(server) == before, "a refusal changes nothing")
        } else {
            #expect(try Self.audit(server) > before)
        }
    }

    @Test func aHazardIsSupervisedToItsCloseOutOverTheAPI() async throws {
        let server = try Self.server()
        try await server.test { client in
            let early = try await client.send(.post, "/api/hazards/hz-2024-0001/close", as: .office)
            _ = try early.error(.conflict, "conflict", field: "state")
            let verifyEarly = try await client.send(
                .post, "/api/hazards/hz-2024-0001/verify", as: .office, json: #"{"signoffs": []}"#)
            #expect(verifyEarly.status == .conflict, "never rectified: \(verifyEarly.text)")

            let progress = try await client.send(
                .post, "/api/hazards/hz-2024-0001/rectify", as: .emergency,
                json: #"{"percent": 60, "date": "2024-07-01"}"#)
            #expect(try progress.object()["state"] as? String == "rectifying", "\(progress.text)")
            let done = try await client.send(
                .post, "/api/hazards/hz-2024-0001/rectify", as: .emergency, json: #"{"done": true}"#)
            #expect(try done.object()["state"] as? String == "rectified", "\(done.text)")

            func signoff(_ role: String, _ name: String) -> String {
                #"{"role": "\#(role)", "name": "\#(name)", "date": "2024-07-10", "opinion": "同意销号"}"#
            }
            let twice = try await client.send(
                .post, "/api/hazards/hz-2024-0001/verify", as: .office,
                json:
                    "{\"signoffs\": [\(signoff("supervisor", "王监管")), \(signoff("expert", "王监管")), \(signoff("enterprise", "李总"))]}"
            )
            let error = try #require(try twice.object()["error"] as? [String: Any], "\(twice.text)")
            #expect(twice.status == .unprocessableContent)
            #expect("\(error)".contains("王监管"), "\(error)")
            let two = try await client.send(
                .post, "/api/hazards/hz-2024-0001/verify", as: .office,
                json: "{\"signoffs\": [\(signoff("supervisor", "王监管")), \(signoff("expert", "赵专家"))]}")
            #expect(two.status == .unprocessableContent, "all three are required: \(two.text)")
            #expect(try server.db.hazard("hz-2024-0001").state == .rectified, "refused verifies change nothing")

            let verified = try await client.send(
                .post, "/api/hazards/hz-2024-0001/verify", as: .office,
                json:
                    "{\"signoffs\": [\(signoff("supervisor", "王监管")), \(signoff("expert", "赵专家")), \(signoff("enterprise", "李总"))]}"
            )
            #expect(try verified.object()["state"] as? String == "verified", "\(verified.text)")
            let closed = try await client.send(.post, "/api/hazards/hz-2024-0001/close", as: .office)
            #expect(try closed.object()["state"] as? String == "closed", "\(closed.text)")
            #expect(try closed.object()["closed_on"] as? String == ServerFixtures.today)

            let reopen = try await client.send(.post, "/api/hazards/hz-2024-0001/reopen", as: .emergency, json: "{}")
            _ = try reopen.error(.unprocessableContent, "invalid_field", field: "reason")
        }
    }

    @Test func aBadHazardIsRefusedWithEveryProblemAndNothingAdded() async throws {
        let server = try Self.server()
        var fields = Self.fields(serial: 4, sector: "mines", found: "2024-05-01", deadline: "2024-04-01")
        fields[.creditCode] = "91370400MA00000049"
        let json = try Self.json(fields)
        try await server.test { client in
            let response = try await client.send(.post, "/api/hazards", as: .office, json: json)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            let error = try #require(try response.object()["error"] as? [String: Any])
            let problems = try #require(error["problems"] as? [[String: Any]])
            #expect(Set(problems.compactMap { $0["field"] as? String }) == ["credit_code", "sector", "deadline"])
            #expect(problems.allSatisfy { ($0["fix"] as? String)?.isEmpty == false })
            let unknown = try await client.send(.post, "/api/hazards", as: .office, json: #"{"colour": "red"}"#)
            _ = try unknown.error(.unprocessableContent, nil, field: "colour")
        }
        #expect(try server.db.hazards().count == 2)
    }

    @Test func statisticsCountWhatTheRoleSees() async throws {
        let server = try Self.server()
        try await server.test { client in
            let office = try await client.send(.get, "/api/hazards/stats?by=sector", as: .office)
            let total = try #require(try office.object()["total"] as? [String: Any], "\(office.text)")
            #expect(total["found"] as? Int == 2)
            #expect(total["listed"] as? Int == 2)
            #expect(total["overdue"] as? Int == 1)
            let rows = try #require(try office.object()["rows"] as? [[String: Any]])
            #expect(Set(rows.compactMap { $0["sector"] as? String }) == ["hazardous-chemicals", "fire-safety"])
            let fire = try await client.send(.get, "/api/hazards/stats?by=sector", as: .fire)
            #expect((try fire.object()["total"] as? [String: Any])?["found"] as? Int == 1)
            let bad = try await client.send(.get, "/api/hazards/stats?by=colour", as: .office)
            #expect(bad.status == .unprocessableContent, "\(bad.text)")
        }
    }

    @Test func theDashboardShowsEachDepartmentItsHazardsWithTheirLights() async throws {
        let server = try Self.server()
        try await server.test { client in
            var fire = Browser(client: client)
            _ = try await fire.login(.fire)
            let page = try await fire.get("/departments/fire/hazards")
            #expect(page.status == .ok)
            #expect(page.text.contains("hazard-hz-2024-0002"))
            #expect(page.text.contains(#"class="light red""#), "\(page.text)")
            #expect(!page.text.contains("hz-2024-0001"))
            #expect(try await fire.get("/departments/emergency/hazards").status == .forbidden)
            #expect(try await fire.get("/hazards").status == .seeOther)

            var office = Browser(client: client, address: "198.51.100.8")
            _ = try await office.login(.office)
            let all = try await office.get("/hazards")
            #expect(all.text.contains("hazard-hz-2024-0001") && all.text.contains("hazard-hz-2024-0002"))
            #expect(!all.text.contains(Self.reporter))
            let overview = try await office.get("/")
            #expect(overview.text.contains("goal-goal-2024-clear-stock"), "the computed goals are on the overview")
        }
    }
}
