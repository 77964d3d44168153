import Foundation
import Testing

@testable import DubanCore

/// Who gets which message from a job run and what it says, decided without a store.
@Suite struct JobMessagesTests {
    static func day(_ text: String) -> Day { Day(text)! }

    @Test func remindersGoOnePerDepartmentWithTheirFacts() {
        let due = [
            DueReminder(task: "b", department: "housing", due: Self.day("2024-06-30"), workingDaysBefore: 7),
            DueReminder(task: "a", department: "emergency", due: Self.day("2024-06-21"), workingDaysBefore: 1),
            DueReminder(task: "c", department: "housing", due: Self.day("2024-07-31"), workingDaysBefore: 30),
        ]
        let messages = JobMessages.reminders(due, on: Self.day("2024-06-20")) { "任务\($0)" }
        #expect(messages.map(\.department) == ["emergency", "housing"])
        #expect(messages.allSatisfy { $0.kind == .reminders && $0.subject == "到期提醒 2024-06-20" })
        #expect(messages[1].body == ["- b 任务b: 截止 2024-06-30，还有 7 个工作日", "- c 任务c: 截止 2024-07-31，还有 30 个工作日"])
        #expect(messages[1].facts.tasks.map(\.workingDaysLeft) == [7, 30])
        #expect(messages[1].facts.tasks.map(\.title) == ["任务b", "任务c"])
        #expect(messages[1].facts.period == "2024-06-20")
        #expect(JobMessages.reminders([], on: Self.day("2024-06-20")) { $0 }.isEmpty)
    }

    @Test func aReviewGoesToTheOfficeOnly() {
        let review = MonthlyBulletin(
            month: "2024", evaluation: Evaluation(asOf: Self.day("2024-12-20"), tasks: [], graph: TaskGraph(tasks: [])),
            registry: [], steps: [])
        #expect(JobMessages.review(review, office: nil).isEmpty)
        let messages = JobMessages.review(review, office: "office")
        #expect(messages.map(\.department) == ["office"])
        #expect(messages[0].kind == .review && messages[0].subject == "2024 年度一致性评估")
    }
}
