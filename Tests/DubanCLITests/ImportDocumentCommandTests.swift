import Foundation
import Testing

/// `duban import document` drafts a plan from a document's text: YAML on standard output, a report
/// on standard error, and a draft that `plan validate` accepts once its leads are set.
@Suite struct ImportDocumentCommandTests {
    static let seed = "plans/sources/zaozhuang-gaoxin-2024-2026.txt"

    @Test func theSeedDocumentDraftsAPlanThatValidatesOnceItsLeadsAreSet() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            let result = try duban.run("import", "document", Self.seed)
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout.hasPrefix("# Draft plan written by `duban import document`"))
            #expect(result.stdout.contains("\n  id: \"draft-2024-2026\"\n"))
            #expect(
                result.stderr.hasPrefix(
                    "drafted plan draft-2024-2026 (2024-01-01–2026-12-31): 12 actions, 28 measures, 84 tasks — "
                        + "46 milestones, 19 recurring duties, 19 targets\n"))
            #expect(result.stderr.contains("4 date-like phrases not read — date these by hand:\n  line 14: “定期”"))
            #expect(result.stderr.contains("line 9: “2023年” — before the plan's period (2024–)"))
            #expect(duban.storeExists == false)

            let drafts = duban.directory.appendingPathComponent("drafts")
            try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
            try result.stdout.write(to: drafts.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
            let todo = try duban.run("plan", "validate", "plans/departments.yaml", "drafts/draft.yaml")
            #expect(todo.exitCode != 0)
            #expect(todo.stderr.contains("error: 84 drafted tasks have no lead yet (lead: TODO):\n    s1-2024 (line"))
            #expect(todo.stderr.components(separatedBy: "error:").count == 2, "one error, the list: \(todo)")

            let led = result.stdout.replacingOccurrences(of: "lead: \"TODO\"", with: "lead: \"emergency\"")
            try led.write(to: drafts.appendingPathComponent("draft.yaml"), atomically: true, encoding: .utf8)
            let ok = try duban.run("plan", "validate", "plans/departments.yaml", "drafts/draft.yaml")
            #expect(ok.exitCode == 0, "\(ok)")
            #expect(
                ok.stdout.contains("plan draft-2024-2026, 84 tasks (46 milestones, 19 recurring duties, 19 targets)"))
        }
    }

    @Test func aGB18030DocumentIsDraftedIntoTheNamedFile() throws {
        try withDuban { duban in
            let text = "某市2025年工作要点\n一、重点任务\n1．健全机制。２０２５年６月底前，组建执法骨干库；各街道每季度至少开展1次检查。\n"
            let gb = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
            try gb.write(to: duban.directory.appendingPathComponent("plan.txt"))
            let result = try duban.run("import", "document", "plan.txt", "--id", "city-2025", "-o", "draft.yaml")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stdout == "")
            let draft = try String(contentsOf: duban.directory.appendingPathComponent("draft.yaml"), encoding: .utf8)
            #expect(
                draft.contains(
                    "\n  id: \"city-2025\"\n  title: \"某市2025年工作要点\"\n  start: 2025-01-01\n  end: 2025-12-31\n"))
            #expect(draft.contains("due: \"2025年6月底前\""))
            #expect(draft.contains("every: quarter\n            start: 2025-01-01\n            until: 2025-12-31\n"))
            #expect(draft.contains("# line 3; lead hints: 各街道"))
        }
    }

    @Test func withoutARegistryTheReportSaysWhyHintsNameNoDepartment() throws {
        try withDuban { duban in
            try "某区2025年工作要点\n2025年底前,区应急管理局完成摸排。\n".write(
                to: duban.directory.appendingPathComponent("plan.txt"), atomically: true, encoding: .utf8)
            let bare = try duban.run("import", "document", "plan.txt")
            #expect(bare.exitCode == 0, "\(bare)")
            #expect(
                bare.stderr.contains(
                    "no department registry at plans/departments.yaml: lead hints name only collective bodies "
                        + "(pass --departments FILE)"))
            try Fixtures.copyShippedPlans(into: duban.directory)
            let registered = try duban.run("import", "document", "plan.txt")
            #expect(!registered.stderr.contains("no department registry"), "\(registered)")
            #expect(registered.stdout.contains("lead hints: emergency"), "\(registered.stdout)")
        }
    }

    @Test func anOutputInAMissingFolderIsRefusedNamingTheFolder() throws {
        try withDuban { duban in
            try "某区2025年工作要点\n2025年底前完成摸排。\n".write(
                to: duban.directory.appendingPathComponent("plan.txt"), atomically: true, encoding: .utf8)
            let result = try duban.run("import", "document", "plan.txt", "-o", "nodir/x/out.yaml")
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains("nodir/x/out.yaml: the folder nodir/x does not exist"), "\(result)")
        }
    }

    /// A draft never lands on the hand-made plan by a slip of `-o`.
    @Test func anOutputHoldingAnotherPlanIsNotReplaced() throws {
        try withDuban { duban in
            try Fixtures.copyShippedPlans(into: duban.directory)
            try "某区2025年工作要点\n2025年底前完成摸排。\n".write(
                to: duban.directory.appendingPathComponent("plan.txt"), atomically: true, encoding: .utf8)
            let path = "plans/zaozhuang-gaoxin-2024-2026.yaml"
            let before = try String(contentsOf: duban.directory.appendingPathComponent(path), encoding: .utf8)
            let refused = try duban.run("import", "document", "plan.txt", "-o", path)
            #expect(refused.exitCode == 2)
            #expect(
                refused.stderr.hasPrefix(
                    "error: \(path) holds plan zaozhuang-gaoxin-2024-2026 (92 tasks), not plan draft-2025-2025"),
                "\(refused)")
            #expect(try String(contentsOf: duban.directory.appendingPathComponent(path), encoding: .utf8) == before)
            let forced = try duban.run("import", "document", "plan.txt", "-o", path, "--force")
            #expect(forced.exitCode == 0, "\(forced)")
        }
    }

    @Test func badInputIsRefusedAndWritesNothing() throws {
        try withDuban { duban in
            let missing = try duban.run("import", "document", "nowhere.txt", "-o", "draft.yaml")
            #expect(missing.exitCode != 0)
            #expect(missing.stderr.contains("nowhere.txt: no such file, or it cannot be read"))

            try "各街道要加强组织领导。".write(
                to: duban.directory.appendingPathComponent("undated.txt"), atomically: true, encoding: .utf8)
            let undated = try duban.run("import", "document", "undated.txt", "-o", "draft.yaml")
            #expect(undated.exitCode != 0)
            #expect(undated.stderr.contains("names no period and no dated phrase to take one from; pass --period"))
            let withPeriod = try duban.run("import", "document", "undated.txt", "--period", "2025年")
            #expect(withPeriod.exitCode == 0, "\(withPeriod)")
            #expect(withPeriod.stderr.contains("0 tasks"))

            let badId = try duban.run("import", "document", "undated.txt", "--id", "城市方案")
            #expect(badId.exitCode != 0)
            #expect(badId.stderr.contains("--id “城市方案” is not a stable ASCII id"))
            let badPeriod = try duban.run("import", "document", "undated.txt", "--period", "2025年13月")
            #expect(badPeriod.exitCode != 0)
            #expect(badPeriod.stderr.contains("--period “2025年13月”: month 13 does not exist"))

            try Data([0xFF, 0xFF, 0x00, 0xC3, 0x28]).write(to: duban.directory.appendingPathComponent("binary.txt"))
            let binary = try duban.run("import", "document", "binary.txt", "-o", "draft.yaml")
            #expect(binary.exitCode != 0)
            #expect(binary.stderr.contains("binary.txt: the file is neither UTF-8 nor GB18030 text"))
            #expect(!FileManager.default.fileExists(atPath: duban.directory.appendingPathComponent("draft.yaml").path))
        }
    }
}

extension ImportDocumentCommandTests {
    /// `--report KEY.yaml` scores the draft against a person's list of the document's dated commitments.
    @Test func aReportScoresTheDraftAgainstAnAnswerKey() throws {
        try withDuban { duban in
            let folder = duban.directory
            try Data("（一）压实责任\n1.强化培训,2024年底前完成全员培训,2025年6月底前完成复训。\n各街道每季度报送一次工作进展情况。\n".utf8)
                .write(to: folder.appendingPathComponent("plan.txt"))
            try Data(
                """
                commitments:
                  - {line: 2, due: 2024-12-31, sentence: 2024年底前完成全员培训}
                  - {line: 2, due: 2025-06-30, sentence: 2025年6月底前完成复训}
                  - {line: 3, every: quarter, sentence: 每季度报送一次工作进展情况}
                  - {line: 3, due: 2026-12-31, sentence: 一项没有的承诺}
                """.utf8
            ).write(to: folder.appendingPathComponent("key.yaml"))
            let result = try duban.run(
                "import", "document", "plan.txt", "--period", "2024至2026年", "--report", "key.yaml", "-o", "d.yaml")
            #expect(result.exitCode == 0, "\(result)")
            #expect(result.stderr.contains("recall 75% (3/4), precision 100% (3/3)\n"), "\(result.stderr)")
            #expect(result.stderr.contains("missed: line 3 2026-12-31: 一项没有的承诺"))

            try Data("commitments:\n  - {line: 2, sentence: 没有日期}\n".utf8).write(
                to: folder.appendingPathComponent("bad.yaml"))
            let bad = try duban.run("import", "document", "plan.txt", "--period", "2024至2026年", "--report", "bad.yaml")
            #expect(bad.exitCode == 2)
            #expect(bad.stdout.isEmpty, "a bad key writes no draft")
            #expect(bad.stderr.contains("bad.yaml:2:"), "\(bad.stderr)")
        }
    }
}
