import DubanCore
import Foundation
import Testing

@testable import DubanStore

/// Reloading the registry: removed departments are archived, changed ones reported, order kept.
@Suite struct DepartmentRegistryTests {
    static func registry(_ change: (inout [Department]) -> Void) -> PlanSet {
        var set = Fixtures.smallSet
        change(&set.departments)
        return set
    }

    static let withoutWater = registry { $0.removeAll { $0.id == "water" } }

    @Test func removedDepartmentIsArchivedAndLeftOutOfTheRegistry() throws {
        let db = try Fixtures.loadedStore()
        let report = try db.load(Self.withoutWater, files: ["plans/"], now: Fixtures.later, actor: "t")

        #expect(report.departmentsArchived == ["water"])
        #expect(report.departmentsAdded == [])
        #expect(report.departmentsChanged == [])
        #expect(report.isNoChange == false)
        #expect(try db.departments()?.map(\.id) == ["office", "emergency", "fire", "xingren"])
        #expect(try db.planSet().departments.map(\.id) == ["office", "emergency", "fire", "xingren"])
    }

    @Test func archivedDepartmentCannotReport() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.withoutWater, files: ["plans/"], now: Fixtures.later, actor: "t")
        #expect(
            throws: ProgressError(
                field: "department", message: "no department “water” is in the registry",
                fix: "use a department id, name or alias from plans/departments.yaml")
        ) {
            try db.reportProgress(
                task: "t-census", percent: 1, by: "water", date: Fixtures.day("2024-06-15"), note: nil,
                now: Fixtures.later, actor: "t")
        }
    }

    @Test func archivingIsReportedOnce() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.withoutWater, files: ["plans/"], now: Fixtures.later, actor: "t")
        let again = try db.load(Self.withoutWater, files: ["plans/"], now: Fixtures.later, actor: "t")
        #expect(again.departmentsArchived == [])
        #expect(again.isNoChange)
    }

    @Test func changedNameAliasesKindOrChannelsAreReported() throws {
        let db = try Fixtures.loadedStore()
        let set = Self.registry { departments in
            departments[1].aliases = ["应急局", "区应急局"]
            departments[2].name = "区消防救援局"
            departments[3].kind = .department
            departments[4].channels = ["water-sms"]
        }

        let report = try db.load(set, files: ["plans/"], now: Fixtures.later, actor: "t")

        #expect(report.departmentsChanged == ["emergency", "fire", "xingren", "water"])
        #expect(report.departmentsAdded == [])
        #expect(report.departmentsArchived == [])
        #expect(try db.departments() == set.departments)
    }

    @Test func newDepartmentIsReportedAdded() throws {
        let db = try Fixtures.loadedStore()
        let set = Self.registry { $0.insert(Department(id: "police", name: "公安分局", kind: .department), at: 1) }
        let report = try db.load(set, files: ["plans/"], now: Fixtures.later, actor: "t")
        #expect(report.departmentsAdded == ["police"])
        #expect(report.departmentsChanged == [])
        #expect(try db.departments()?.map(\.id) == ["office", "police", "emergency", "fire", "xingren", "water"])
    }

    @Test func reorderingIsStoredButNotReportedAsAChange() throws {
        let db = try Fixtures.loadedStore()
        let set = Self.registry { $0.reverse() }
        let report = try db.load(set, files: ["plans/"], now: Fixtures.later, actor: "t")
        #expect(report.departmentsChanged == [])
        #expect(report.isNoChange)
        #expect(try db.departments()?.map(\.id) == ["water", "xingren", "fire", "emergency", "office"])
    }

    @Test func registryFromTheStoreIsNotReloaded() throws {
        let db = try Fixtures.loadedStore()
        let report = try db.load(
            Self.withoutWater, loadDepartments: false, files: ["plans/small.yaml"], now: Fixtures.later, actor: "t")
        #expect(report.departmentsArchived == [])
        #expect(try db.departments()?.count == 5)
    }

    /// A department archived by an earlier load and put back in the registry is restored and reported.
    @Test func departmentPutBackIsReported() throws {
        let db = try Fixtures.loadedStore()
        _ = try db.load(Self.withoutWater, files: ["plans/"], now: Fixtures.later, actor: "t")

        let report = try db.load(Fixtures.smallSet, files: ["plans/"], now: Fixtures.later, actor: "t")

        #expect(try db.departments()?.map(\.id) == ["office", "emergency", "fire", "xingren", "water"])
        #expect(report.isNoChange == false)
        #expect(report.departmentsRestored == ["water"])
        #expect(report.departmentsAdded + report.departmentsChanged == [])
    }
}
