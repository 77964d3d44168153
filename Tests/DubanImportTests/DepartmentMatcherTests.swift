import DubanCore
import Testing

@testable import DubanImport

/// `DepartmentMatcher` on the shipped registry: names as spreadsheets write them.
@Suite struct DepartmentMatcherTests {
    let matcher = DepartmentMatcher(departments: TaskSheetFixture.shipped.departments)

    @Test(arguments: [
        ("emergency", "emergency"),  // the id
        ("区应急管理局", "emergency"),  // the name
        ("应急局", "emergency"),  // an alias
        ("应急管理局", "emergency"),  // the name without 区
        ("高新区应急管理局", "emergency"),  // with the zone's prefix
        (" 区应急管理局　", "emergency"),  // spaces, the ideographic one too
        ("消防救援", "fire"),  // contained in one name only
        ("宣传部", "publicity"),
        ("兴仁街道", "xingren"),
    ])
    func matches(_ written: String, _ id: String) {
        #expect(matcher.match(written) == .department(id))
    }

    @Test func aNameSeveralDepartmentsContainIsAmbiguous() {
        #expect(matcher.match("街道") == .ambiguous(["xingren", "xingcheng", "zhangfan"]))
    }

    /// Another level of government, a body inside a department, or a name two departments contain
    /// is never silently taken for one of them.
    @Test(arguments: [
        ("市住建局", DepartmentMatcher.Match.unknown(suggestion: "住建局")),
        ("枣庄市应急管理局", .unknown(suggestion: nil)),
        ("市应急管理局", .unknown(suggestion: "区应急管理局")),
        ("山东省应急管理厅", .unknown(suggestion: nil)),
        ("区应急管理局执法大队", .unknown(suggestion: nil)),
        ("区委", .ambiguous(["publicity", "youth-league"])),
    ])
    func lookalikesAreNotTakenForADepartment(_ written: String, _ expected: DepartmentMatcher.Match) {
        #expect(matcher.match(written) == expected)
    }

    @Test func aMarketIsNotACity() {
        #expect(matcher.match("区市场监督管理局") == .department("market"))
        #expect(matcher.match("市场监管局") == .department("market"))
        #expect(matcher.match("市场监督管理局") == .department("market"))
        #expect(!DepartmentMatcher.namesAnotherLevel("区市场监督管理局"))
        #expect(DepartmentMatcher.namesAnotherLevel("市住建局"))
    }

    @Test func anUnknownNameIsUnknownWithANearbySuggestion() {
        #expect(matcher.match("区气象局") == .unknown(suggestion: nil))
        #expect(matcher.match("区应急管里局") == .unknown(suggestion: "区应急管理局"))
        #expect(matcher.match("局") == .unknown(suggestion: nil))
    }

    @Test func aCellIsSplitAtEveryUsualSeparator() {
        #expect(
            DepartmentMatcher.names(in: "应急局、消防大队，公安局;住建局；兴仁街道 兴城街道,张范街道")
                == ["应急局", "消防大队", "公安局", "住建局", "兴仁街道", "兴城街道", "张范街道"])
    }
}
