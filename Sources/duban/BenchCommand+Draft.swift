import DubanImport
import Foundation

extension BenchCommand {
    /// `duban bench draft`: drafts a document whose one line holds `tasks` dated clauses
    /// (2025年6月底前完成排查,…), and one of a quarter as many; the ratio of the two medians shows
    /// whether reading a line grows with its length (≈4) or its square (≈16).
    func draft() throws {
        let counts = [max(1, tasks / 4), tasks]
        var medians: [Double] = []
        for count in counts {
            let text = "标题\n" + String(repeating: "2025年6月底前完成排查,", count: count) + "\n"
            var times: [Double] = []
            var drafted = 0
            for _ in 0..<runs {
                let start = Date()
                let draft = try DocumentImporter.draft(text, options: .init(file: "bench.txt"))
                times.append(Date().timeIntervalSince(start))
                drafted = draft.plan.tasks.count
            }
            medians.append(Self.median(times))
            print(
                "draft one line of \(count) dated clauses: median \(Self.format(Self.median(times))) s over \(runs) "
                    + "runs (min \(Self.format(times.min()!)), max \(Self.format(times.max()!))); \(drafted) tasks")
        }
        print(
            "ratio \(counts[1] / counts[0])× the clauses: \(Self.format(medians[1] / max(medians[0], 1e-9)))× the time; "
                + "peak RSS \(Self.peakMiB()) MiB")
    }
}
