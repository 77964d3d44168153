import DubanCore
import DubanPlans
import Foundation
import Testing

@testable import DubanImport

/// `DocumentScore` against a hand-written key: recall and precision of dated commitments, and what
/// was missed or drafted beside the key.
@Suite struct DocumentScoreTests {
    static let text = """
        （一）压实责任
        1.强化培训,2024年底前完成全员培训,2025年6月底前完成复训。
        各街道每季度报送一次工作进展情况。
        2024年3月1日
        """

    static func draft() throws -> DocumentDraft {
        try DocumentImporter.draft(
            text, options: .init(file: "plan.txt", period: Day("2024-01-01")!...Day("2026-12-31")!))
    }

    @Test func aKeyTheDraftMeetsScoresFull() throws {
        let key = [
            ExpectedCommitment(line: 2, due: Day("2024-12-31")!, sentence: "2024年底前完成全员培训"),
            ExpectedCommitment(line: 2, due: Day("2025-06-30")!, sentence: "2025年6月底前完成复训"),
            ExpectedCommitment(line: 3, every: .quarter, sentence: "每季度报送一次工作进展情况"),
        ]
        let score = DocumentScore(try Self.draft(), key: key)
        #expect(score.summary == "recall 100% (3/3), precision 100% (3/3)")
        #expect(score.missed.isEmpty && score.extra.isEmpty)
    }

    @Test func aMissedCommitmentAndAnExtraTaskAreNamed() throws {
        let key = [
            ExpectedCommitment(line: 2, due: Day("2024-12-31")!, sentence: "2024年底前完成全员培训"),
            // The draft dates this June 30th, not September: it counts as missed, and the task as extra.
            ExpectedCommitment(line: 2, due: Day("2025-09-30")!, sentence: "完成复训"),
            ExpectedCommitment(line: 3, every: .quarter, sentence: "每季度报送一次工作进展情况"),
            ExpectedCommitment(line: 9, due: Day("2026-12-31")!, sentence: "不在文中"),
        ]
        let score = DocumentScore(try Self.draft(), key: key)
        #expect(score.summary == "recall 50% (2/4), precision 66.7% (2/3)")
        #expect(score.missed.map(\.line) == [2, 9])
        #expect(score.extra.map(\.date) == ["2025-06-30"])
        #expect(score.lines.contains("missed: line 9 2026-12-31: 不在文中"))
    }

    @Test func theKeyFileIsReadAndItsMistakesNamed() throws {
        let key = try CommitmentsFile.read(
            yaml: """
                title: 《某区实施方案》
                source: https://example.gov.cn/plan.html
                commitments:
                  - {line: 2, due: 2024-12-31, sentence: 2024年底前完成全员培训}
                  - {line: 3, every: quarter, sentence: 每季度报送}
                """, file: "key.yaml")
        #expect(
            key == [
                ExpectedCommitment(line: 2, due: Day("2024-12-31")!, sentence: "2024年底前完成全员培训"),
                ExpectedCommitment(line: 3, every: .quarter, sentence: "每季度报送"),
            ])
        let error = #expect(throws: PlanError.self) {
            try CommitmentsFile.read(
                yaml: """
                    commitments:
                      - {line: two, due: 2024-12-31, sentence: a}
                      - {line: 3, due: 2024-13-01, sentence: b}
                      - {line: 4, every: fortnight, sentence: c}
                      - {line: 5, due: 2024-12-31, every: year, sentence: d}
                    """, file: "key.yaml")
        }
        #expect(error?.issues.map(\.location?.line) == [2, 3, 4, 5])
        #expect(error?.issues.allSatisfy { !$0.fix.isEmpty } == true)
    }
}
