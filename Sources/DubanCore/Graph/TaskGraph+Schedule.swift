/// When a task can finish given its prerequisites, and how much room it has before it holds up
/// its own deadline or a dependent's.
public struct TaskTiming: Hashable, Sendable {
    /// The day work can start: the task's own start, or the day after its prerequisites finish (plus lag).
    public var earliestStart: Day
    /// The day the work can be finished at the earliest.
    public var earliestFinish: Day
    /// The last day the task can finish without missing its deadline or delaying a dependent.
    public var latestFinish: Day
    /// Days of room: `latestFinish − earliestFinish`; negative means a deadline will be missed.
    public var slackDays: Int
}

extension TaskGraph {
    /// The critical-path schedule of every task, indexed like `tasks`.
    ///
    /// Each task takes as long as its planned window: from its own start (or the plan's start), but
    /// no earlier than the day after its prerequisites are due (plus lag), to its due day. The forward pass pushes
    /// work after prerequisites finish; the backward pass pulls finishes before dependents must start.
    ///
    /// - Parameters:
    ///   - planStart: the day tasks without a start and without prerequisites start.
    ///   - finishes: known or forecast finish days that replace the computed earliest finish, such
    ///     as a done task's date or a late task's forecast.
    /// - Throws: `DependencyCycle` when the graph has a cycle.
    public func timings(planStart: Day, finishes: [Int: Day] = [:]) throws(DependencyCycle) -> [TaskTiming] {
        var known = [Day?](repeating: nil, count: tasks.count)
        for (node, day) in finishes { known[node] = day }
        return try timings(planStart: planStart, finishes: known)
    }

    /// The critical-path schedule with known or forecast finishes given per task index (nil: none).
    public func timings(planStart: Day, finishes: [Day?]) throws(DependencyCycle) -> [TaskTiming] {
        let order = try topologicalOrder()
        let count = tasks.count
        var plannedStart = [Int](repeating: 0, count: count)
        var duration = [Int](repeating: 1, count: count)
        var earliestStart = [Int](repeating: 0, count: count)
        var earliestFinish = [Int](repeating: 0, count: count)
        for node in order {
            let schedule = tasks[node].schedule
            let due = schedule.due.ordinal
            let own = schedule.start?.ordinal
            var plannedAfterPrerequisites = planStart.ordinal
            var earliestAfterPrerequisites = planStart.ordinal
            for edge in prerequisites[node] {
                let prerequisiteDue = tasks[edge.node].schedule.due.ordinal
                plannedAfterPrerequisites = max(plannedAfterPrerequisites, prerequisiteDue + edge.lagDays + 1)
                earliestAfterPrerequisites = max(
                    earliestAfterPrerequisites, earliestFinish[edge.node] + edge.lagDays + 1)
            }
            // Work the plan itself schedules after its prerequisites starts once they are due, even when
            // the task's own window opens earlier.
            plannedStart[node] = max(own ?? planStart.ordinal, plannedAfterPrerequisites)
            duration[node] = max(1, due - plannedStart[node] + 1)
            earliestStart[node] = max(own ?? planStart.ordinal, earliestAfterPrerequisites)
            earliestFinish[node] = finishes[node]?.ordinal ?? (earliestStart[node] + duration[node] - 1)
        }
        var latestFinish = [Int](repeating: 0, count: count)
        for node in order.reversed() {
            var latest = tasks[node].schedule.due.ordinal
            for edge in dependents[node] {
                let dependentLatestStart = latestFinish[edge.node] - duration[edge.node] + 1
                latest = min(latest, dependentLatestStart - edge.lagDays - 1)
            }
            latestFinish[node] = latest
        }
        return (0..<count).map { node in
            TaskTiming(
                earliestStart: Day(ordinal: earliestStart[node]),
                earliestFinish: Day(ordinal: earliestFinish[node]),
                latestFinish: Day(ordinal: latestFinish[node]),
                slackDays: latestFinish[node] - earliestFinish[node])
        }
    }
}
