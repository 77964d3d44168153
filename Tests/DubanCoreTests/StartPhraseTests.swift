import Testing

@testable import DubanCore

/// `DeadlinePhrase.parseStart`: the start phrases a task's `start` accepts.
@Suite struct StartPhraseTests {
    static let goodForms: [(String, String)] = [
        ("自2024年3月起", "2024-03-01"),
        ("2024年3月15日起", "2024-03-15"),
        ("自2025年起", "2025-01-01"),
        ("2024-03-01", "2024-03-01"),
        ("从2024年十月开始", "2024-10-01"),
        ("自２０２４年３月起", "2024-03-01"),
    ]

    @Test(arguments: goodForms)
    func readsStart(_ text: String, expected: String) throws {
        #expect(try DeadlinePhrase.parseStart(text) == Fixture.day(expected))
    }

    @Test func refusesMonthThirteen() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parseStart("自2024年13月起") }
        #expect(error?.text == "自2024年13月起")
        #expect(error?.reason == "month 13 does not exist")
        #expect(error?.fix == "months are 1–12")
    }

    @Test func refusesADayThatDoesNotExist() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parseStart("2025年2月29日起") }
        #expect(error?.reason == "2025年2月 has 28 days, so day 29 does not exist")
    }

    @Test func refusesTextWithoutAYear() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parseStart("明年起") }
        #expect(error?.reason == "this is not a start duban can read")
        #expect(error?.fix.contains("自2024年3月起") == true)
    }
}
