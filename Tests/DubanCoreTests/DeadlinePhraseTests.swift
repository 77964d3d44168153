import Testing

@testable import DubanCore

/// `DeadlinePhrase.parse`: every form the plan format documents, and the reasons bad ones are refused.
@Suite struct DeadlinePhraseTests {
    /// (phrase, expected start or nil, expected due), read with no plan start.
    static let goodForms: [(String, String?, String)] = [
        ("2025-06-30", nil, "2025-06-30"),
        ("2024年底前", nil, "2024-12-31"),
        ("2024年底", nil, "2024-12-31"),
        ("2024年末", nil, "2024-12-31"),
        ("2025年6月底前", nil, "2025-06-30"),
        ("2025年6月底", nil, "2025-06-30"),
        ("2025年6月", nil, "2025-06-30"),
        ("2024年10月底前", nil, "2024-10-31"),
        ("2024年十月底前", nil, "2024-10-31"),
        ("2024年9月30日前", nil, "2024-09-30"),
        ("2024年2月29日", nil, "2024-02-29"),
        ("2024年", "2024-01-01", "2024-12-31"),
        ("2024年上半年", "2024-01-01", "2024-06-30"),
        ("2024年下半年", "2024-07-01", "2024-12-31"),
        ("2025年第三季度", "2025-07-01", "2025-09-30"),
        ("2025年三季度末", "2025-07-01", "2025-09-30"),
        ("2024至2026年", "2024-01-01", "2026-12-31"),
        ("2024—2026年", "2024-01-01", "2026-12-31"),
        ("2024-2026年", "2024-01-01", "2026-12-31"),
        ("2024年至2026年", "2024-01-01", "2026-12-31"),
        ("2025至2026年", "2025-01-01", "2026-12-31"),
        ("２０２４年底前", nil, "2024-12-31"),
        (" 2025年 6月底 前 ", nil, "2025-06-30"),
    ]

    @Test(arguments: goodForms)
    func readsDocumentedForm(_ text: String, start: String?, due: String) throws {
        let phrase = try DeadlinePhrase.parse(text)
        #expect(phrase.text == text)
        #expect(phrase.start?.description == start)
        #expect(phrase.due.description == due)
    }

    @Test(arguments: ["三年内", "3年内"])
    func yearsWithinCountFromThePlanStart(_ text: String) throws {
        let phrase = try DeadlinePhrase.parse(text, planStart: Fixture.day("2024-01-01"))
        #expect(phrase.start == Fixture.day("2024-01-01"))
        #expect(phrase.due == Fixture.day("2026-12-31"))
    }

    @Test func yearsWithinFromALeapDayEndsTheDayBeforeTheAnniversary() throws {
        let phrase = try DeadlinePhrase.parse("三年内", planStart: Fixture.day("2024-02-29"))
        #expect(phrase.due == Fixture.day("2027-02-28"))
    }

    @Test func planStartDoesNotChangeADatedPhrase() throws {
        let phrase = try DeadlinePhrase.parse("2025年6月底前", planStart: Fixture.day("2024-01-01"))
        #expect(phrase == DeadlinePhrase(text: "2025年6月底前", start: nil, due: Fixture.day("2025-06-30")))
    }

    /// (phrase, words the reason must contain).
    static let badForms: [(String, [String])] = [
        ("2024年13月底前", ["month 13 does not exist"]),
        ("2024年2月30日前", ["2024年2月 has 29 days", "day 30 does not exist"]),
        ("2025年2月29日", ["2025年2月 has 28 days", "day 29 does not exist"]),
        ("2026至2024年", ["ends in 2024", "before it starts in 2026"]),
        ("三年内", ["plan's start", "no plan start is known"]),
        ("明年", ["not a deadline duban can read"]),
        ("", ["the deadline is empty"]),
        ("2024年第5季度", ["quarter 5 does not exist"]),
    ]

    @Test(arguments: badForms)
    func refusesWithTheReason(_ text: String, words: [String]) {
        #expect {
            _ = try DeadlinePhrase.parse(text)
        } throws: { error in
            guard let error = error as? DeadlinePhraseError else { return false }
            return error.text == text && words.allSatisfy { error.reason.contains($0) }
        }
    }

    @Test func unreadablePhraseListsTheAcceptedForms() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parse("明年底") }
        #expect(error?.fix == "write " + DeadlinePhrase.acceptedForms)
        #expect(error?.description.hasPrefix("“明年底”: this is not a deadline duban can read; write ") == true)
    }

    @Test func reversedSpanSuggestsTheRightOrder() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parse("2026至2024年") }
        #expect(error?.fix == "write the earlier year first, e.g. 2024至2026年")
    }

    @Test func impossibleDaySuggestsTheMonthEnd() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parse("2024年2月30日前") }
        #expect(error?.fix == "write a day that exists, e.g. 2024年2月底前")
    }

    @Test func yearOutOfRangeIsRefused() {
        let error = #expect(throws: DeadlinePhraseError.self) { try DeadlinePhrase.parse("1800年底前") }
        #expect(error?.reason == "the year 1800 is out of range")
    }
}
