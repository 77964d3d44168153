import Foundation
import Testing

/// `duban graph` prints the small plan's dependency graph exactly, in each format.
@Suite struct GraphCommandTests {
    static func loaded(_ duban: DubanProcess) throws {
        try Fixtures.writeSmallPlans(in: duban.directory)
        let load = try duban.run("plan", "load")
        try #require(load.exitCode == 0, "\(load)")
    }

    @Test func mermaid() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let expected = """
                flowchart LR
                  subgraph a1["第一项行动"]
                    t_census["摸底排查<br/>2024-06-30"]
                    t_ledger["建立台账<br/>2024-12-31"]
                    t_coverage["全覆盖<br/>2025-12-31"]
                  end
                  subgraph a2["第二项行动"]
                    t_monthly["每月调度<br/>2026-12-31"]
                  end
                  t_census --> t_ledger
                  t_ledger -->|+30d| t_coverage

                """
            for arguments in [["graph"], ["graph", "--format", "mermaid"]] {
                let result = try duban.run(arguments)
                #expect(result.exitCode == 0)
                #expect(result.stdout == expected)
                #expect(result.stderr == "")
            }
        }
    }

    @Test func dot() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let result = try duban.run("graph", "--format", "dot")
            #expect(result.exitCode == 0)
            #expect(
                result.stdout == #"""
                    digraph plan {
                      rankdir=LR;
                      node [shape=box, fontname="Noto Sans CJK SC"];
                      subgraph "cluster_a1" {
                        label="第一项行动";
                        "t-census" [label="摸底排查\n2024-06-30"];
                        "t-ledger" [label="建立台账\n2024-12-31"];
                        "t-coverage" [label="全覆盖\n2025-12-31"];
                      }
                      subgraph "cluster_a2" {
                        label="第二项行动";
                        "t-monthly" [label="每月调度\n2026-12-31"];
                      }
                      "t-census" -> "t-ledger";
                      "t-ledger" -> "t-coverage" [label="+30d"];
                    }

                    """#)
            #expect(result.stderr == "")
        }
    }

    @Test func json() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let result = try duban.run("graph", "--format", "json")
            #expect(result.exitCode == 0)
            #expect(result.stderr == "")
            #expect(result.stdout.hasSuffix("}\n"))
            let expected = """
                {"nodes": [
                  {"id": "t-census", "action": "a1", "measure": null, "lead": "emergency", "due": "2024-06-30"},
                  {"id": "t-ledger", "action": "a1", "measure": 1, "lead": "emergency", "due": "2024-12-31"},
                  {"id": "t-coverage", "action": "a1", "measure": 1, "lead": "fire", "due": "2025-12-31"},
                  {"id": "t-monthly", "action": "a2", "measure": 2, "lead": "office", "due": "2026-12-31"}],
                 "edges": [
                  {"from": "t-census", "to": "t-ledger", "lag_days": 0},
                  {"from": "t-ledger", "to": "t-coverage", "lag_days": 30}]}
                """
            #expect(try JSON.same(result.stdout, expected), "\(result.stdout)")
        }
    }

    @Test func unknownFormatIsBadInput() throws {
        try withDuban { duban in
            try Self.loaded(duban)
            let result = try duban.run("graph", "--format", "png")
            #expect(result.exitCode == 2)
            #expect(result.stdout == "")
            #expect(
                result.stderr == """
                    Error: The value 'png' is invalid for '--format <format>'. Please provide one of 'mermaid', 'dot' or 'json'.
                    Help:  --format <format>  mermaid, dot or json.
                    Usage: duban graph [--format <format>] [--db <db>]
                      See 'duban graph --help' for more information.

                    """)
        }
    }
}
