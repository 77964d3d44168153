import Foundation
import Testing

/// Commands that only read the store leave its file exactly as it was.
/// (A GRDB `DatabasePool` would write a scratch table on open; the command line uses one connection in WAL mode.)
@Suite struct ReadOnlyStoreTests {
    @Test(arguments: [
        ["plan", "show"], ["plan", "show", "--json"], ["graph"], ["graph", "--format", "json"],
        ["progress", "show", "t-census"],
    ])
    func readingLeavesTheStoreFileByteForByteUnchanged(_ arguments: [String]) throws {
        try withDuban { duban in
            try Fixtures.writeSmallPlans(in: duban.directory)
            try #require(try duban.run("plan", "load").exitCode == 0)
            let before = try #require(duban.storeBytes())

            let result = try duban.run(arguments)

            #expect(result.exitCode == 0, "\(result)")
            #expect(duban.storeBytes() == before)
        }
    }
}
