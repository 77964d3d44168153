import DubanStore
import Foundation
import Testing

@testable import DubanServer

/// What each role may write, decided without a server.
@Suite struct AccessRulesTests {
    static func identity(_ role: AccessRole, _ department: String? = nil) -> Identity {
        Identity(
            token: APIToken(
                id: 1, hash: "", role: role, departmentId: department, label: "t",
                createdAt: Date(timeIntervalSince1970: 0)
            ),
            csrf: nil)
    }

    @Test func officeMayDoEverythingAndViewersNothing() {
        let writes: [AccessRules.Write] = [
            .report(lead: "fire", support: []), .acknowledge(department: "fire"), .decide, .retry,
        ]
        #expect(writes.allSatisfy { AccessRules.allows(Self.identity(.office), $0) })
        #expect(writes.allSatisfy { !AccessRules.allows(Self.identity(.viewer), $0) })
    }

    @Test func aDepartmentWritesOnlyOnItsOwnTasksAndLetters() {
        let emergency = Self.identity(.department, "emergency")
        #expect(AccessRules.allows(emergency, .report(lead: "emergency", support: [])))
        #expect(AccessRules.allows(emergency, .report(lead: "fire", support: ["emergency"])))
        #expect(!AccessRules.allows(emergency, .report(lead: "fire", support: ["xingren"])))
        #expect(AccessRules.allows(emergency, .acknowledge(department: "emergency")))
        #expect(!AccessRules.allows(emergency, .acknowledge(department: "fire")))
        #expect(!AccessRules.allows(emergency, .decide))
        #expect(!AccessRules.allows(emergency, .retry))
        #expect(
            AccessRules.refusal(emergency, .report(lead: "fire", support: []))
                == "emergency neither leads nor supports this task")
    }
}
