import DubanCore
import DubanStore
import Foundation

/// Commits concurrent progress reports together: while one transaction is being written, the
/// reports that arrive wait and go in the next one, each accepted or refused on its own. SQLite
/// takes one writer at a time, so a transaction per batch rather than per request is what lets
/// many departments report at once.
actor ReportQueue {
    typealias Outcome = Result<ProgressReport, ProgressError>

    private let database: AppDatabase
    private var pending:
        [(entry: ProgressEntry, actor: String, now: Date, reply: CheckedContinuation<Outcome, any Error>)] = []
    private var writing = false
    /// The most reports one transaction takes.
    let batchLimit = 256

    init(database: AppDatabase) {
        self.database = database
    }

    /// Records `entry` as `actor` at `now`, with whatever else is waiting.
    func record(_ entry: ProgressEntry, actor: String, now: Date) async throws -> ProgressReport {
        let outcome = try await withCheckedThrowingContinuation { reply in
            pending.append((entry, actor, now, reply))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
        return try outcome.get()
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(batchLimit))
            pending.removeFirst(batch.count)
            do {
                let entries = batch.map { ($0.entry, $0.actor, $0.now) }
                let outcomes = try await StoreThreads.run(database) { try $0.recordEach(entries) }
                for (item, outcome) in zip(batch, outcomes) { item.reply.resume(returning: outcome) }
            } catch {
                for item in batch { item.reply.resume(throwing: error) }
            }
            await Task.yield()  // let the reports that arrived meanwhile join the next batch
        }
        writing = false
    }
}
