import Testing

@testable import DubanCore

/// `Hazard.applying(_:on:)`: every change from every state, allowed or refused, and the checks
/// on the 五落实, the progress, the three sign-offs and the dates.
@Suite struct HazardStateMachineTests {
    typealias F = HazardFixture

    /// Each kind of change, with the state it leads to (nil: the state stays).
    static let changes: [(name: String, change: HazardChange, leadsTo: HazardState?)] = [
        ("list", F.listing, .listed),
        ("progress", .progress(50), .rectifying),
        ("rectified", .rectified, .rectified),
        ("verify", .verify(F.signOffs), .verified),
        ("close", .close, .closed),
        ("reopen", .reopen(reason: "复查发现整改不到位"), .rectifying),
        ("waiting", .waiting("规划许可"), nil),
    ]

    /// The states each change is allowed from.
    static let allowed: [String: Set<HazardState>] = [
        "list": [.reported],
        "progress": [.reported, .listed, .rectifying],
        "rectified": [.reported, .listed, .rectifying],
        "verify": [.rectified],
        "close": [.verified],
        "reopen": [.rectified, .verified, .closed],
        "waiting": [.reported, .listed, .rectifying, .rectified, .verified],
    ]

    @Test(arguments: HazardState.allCases)
    func everyChangeFromEveryState(_ state: HazardState) throws {
        let hazard = try F.inState(state)
        #expect(hazard.state == state)
        for (name, change, leadsTo) in Self.changes {
            let day = F.day("2025-05-20")
            if Self.allowed[name]!.contains(state) {
                let next = try hazard.applying(change, on: day)
                #expect(next.state == (leadsTo ?? state), "\(name) from \(state)")
            } else {
                let error = #expect(throws: HazardError.self, "\(name) from \(state)") {
                    try hazard.applying(change, on: day)
                }
                #expect(error?.field == "state", "\(name) from \(state): \(String(describing: error))")
                #expect(error?.code == .conflict)
                #expect(error?.message.contains(hazard.id) == true)
            }
        }
    }

    @Test func listingNeedsTheFiveItemsAndANumber() throws {
        let incomplete = F.reported(complete: false)
        let error = #expect(throws: HazardError.self) { try incomplete.applying(F.listing, on: F.day("2025-03-05")) }
        #expect(error?.field == "responsible")
        #expect(error?.fix.contains("--responsible") == true)
        let blank = #expect(throws: HazardError.self) {
            try F.reported().applying(.list(level: .city, number: "  "), on: F.day("2025-03-05"))
        }
        #expect(blank?.field == "number")
        let listed = try F.reported().applying(.list(level: .city, number: "高新安办督〔2025〕9号"), on: F.day("2025-03-05"))
        #expect(listed.listing == Listing(level: .city, on: F.day("2025-03-05")))
        #expect(listed.listingNumber == "高新安办督〔2025〕9号")
    }

    @Test(arguments: [100.0, -1, .nan, .infinity, 30])
    func progressIsBelowAHundredAndNeverBackwards(_ percent: Double) throws {
        let rectifying = try F.inState(.rectifying)  // at 40%
        let error = #expect(throws: HazardError.self) {
            try rectifying.applying(.progress(percent), on: F.day("2025-04-02"))
        }
        #expect(error?.field == "percent")
    }

    @Test func aDayBeforeTheFindingOrTheLatestReportIsRefused() throws {
        let before = #expect(throws: HazardError.self) { try F.reported().applying(F.listing, on: F.day("2025-02-28")) }
        #expect(before?.field == "date")
        let rectifying = try F.inState(.rectifying)  // reported 2025-04-01
        let early = #expect(throws: HazardError.self) { try rectifying.applying(.rectified, on: F.day("2025-03-31")) }
        #expect(early?.field == "date")
        let verified = try F.inState(.verified)  // 2025-05-12
        let closeEarly = #expect(throws: HazardError.self) { try verified.applying(.close, on: F.day("2025-05-11")) }
        #expect(closeEarly?.field == "date")
    }

    /// Each way three sign-offs can be wrong, and the field the refusal names.
    static let badSignOffs: [(String, [SignOff], String)] = {
        let (s, e, p) = (F.signOffs[0], F.signOffs[1], F.signOffs[2])
        var samePerson = e
        samePerson.name = s.name
        var noOpinion = p
        noOpinion.opinion = " "
        var early = e
        early.date = F.day("2025-05-09")
        var late = e
        late.date = F.day("2025-05-21")
        var unnamed = s
        unnamed.name = ""
        return [
            ("two of three", [s, e], "signoffs.enterprise"),
            ("none", [], "signoffs.supervisor"),
            ("a party twice", [s, e, p, e], "signoffs.expert"),
            ("one person twice", [s, samePerson, p], "signoffs.expert.name"),
            ("no opinion", [s, e, noOpinion], "signoffs.enterprise.opinion"),
            ("before the rectification", [s, early, p], "signoffs.expert.date"),
            ("after today", [s, late, p], "signoffs.expert.date"),
            ("no name", [unnamed, e, p], "signoffs.supervisor.name"),
        ]
    }()

    @Test(arguments: badSignOffs)
    func verifyingNeedsThreeDifferentPeopleWithOpinions(_ bad: (String, [SignOff], String)) throws {
        let rectified = try F.inState(.rectified)
        let error = #expect(throws: HazardError.self, "\(bad.0)") {
            try rectified.applying(.verify(bad.1), on: F.day("2025-05-20"))
        }
        #expect(error?.field == bad.2, "\(bad.0)")
    }

    @Test func verifyingKeepsOneSignOffPerPartyInOrder() throws {
        let verified = try F.inState(.rectified).applying(.verify(F.signOffs.reversed()), on: F.day("2025-05-12"))
        #expect(verified.signOffs.map(\.role) == [.supervisor, .expert, .enterprise])
        #expect(verified.verifiedOn == F.day("2025-05-12"))
    }

    @Test func closingAHazardWhoseSignOffsWereLostIsRefused() throws {
        var verified = try F.inState(.verified)
        verified.signOffs.removeLast()
        let error = #expect(throws: HazardError.self) { try verified.applying(.close, on: F.day("2025-05-15")) }
        #expect(error?.field == "state")
        #expect(error?.message.contains("(it has 监管人员、安全专家)") == true)
        #expect(error?.fix.contains("duban hazard verify") == true)
    }

    @Test func reopeningNeedsAReasonAndClearsTheCloseOut() throws {
        let closed = try F.inState(.closed)
        let error = #expect(throws: HazardError.self) {
            try closed.applying(.reopen(reason: " "), on: F.day("2025-06-01"))
        }
        #expect(error?.field == "reason")
        let reopened = try closed.applying(.reopen(reason: "复查发现整改不到位"), on: F.day("2025-06-01"))
        #expect(reopened.state == .rectifying)
        #expect(reopened.progress == 99)
        #expect(reopened.signOffs.isEmpty && reopened.closedOn == nil && reopened.verifiedOn == nil)
        #expect(reopened.rectifiedOn == nil)
        #expect(reopened.reopenReason == "复查发现整改不到位")
    }

    @Test func overdueIsPastTheDeadlineAndNotClosed() throws {
        let listed = try F.inState(.listed)
        #expect(!listed.isOverdue(on: F.day("2025-06-30")))
        #expect(listed.isOverdue(on: F.day("2025-07-01")))
        #expect(!(try F.inState(.closed)).isOverdue(on: F.day("2026-01-01")))
        #expect((try F.inState(.verified)).isOverdue(on: F.day("2026-01-01")))
    }

    @Test func theReporterIsDroppedForOthers() {
        let reported = F.reported(channel: .publicReport)
        #expect(reported.reporter != nil)
        #expect(reported.withoutReporter.reporter == nil)
        #expect(reported.withoutReporter.foundBy == reported.foundBy)
    }
}
