/// The office's recurring jobs.
public enum Job: String, Hashable, Sendable, CaseIterable, Codable, Comparable {
    /// Reminders before due dates, every working day.
    case dailyReminders = "daily-reminders"
    /// 月调度、月通报: evaluate, escalate, compose the month's bulletin.
    case monthlyDispatch = "monthly-dispatch"
    /// Content for the quarterly 会商研判 meeting.
    case quarterlyAgenda = "quarterly-agenda"
    /// 一致性评估: the yearly review.
    case yearlyReview = "yearly-review"

    public static func < (lhs: Job, rhs: Job) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A moment in the plans' time zone: a day and minutes after midnight.
public struct LocalTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The day.
    public var day: Day
    /// Minutes after midnight, 0–1439.
    public var minute: Int

    /// Makes a moment.
    public init(day: Day, minute: Int = 0) {
        self.day = day
        self.minute = minute
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        (lhs.day, lhs.minute) < (rhs.day, rhs.minute)
    }

    /// `YYYY-MM-DD HH:MM`.
    public var description: String {
        let h = minute / 60
        let m = minute % 60
        return "\(day) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

/// One run a job owes: the job, the period it covers, when it falls due, and the day it judges as of.
public struct DueRun: Hashable, Sendable, Comparable {
    /// The job.
    public var job: Job
    /// The period key: `2024-04-08` (daily), `2024-04` (monthly), `2024Q1` (quarterly), `2024` (yearly).
    public var period: String
    /// When the run falls due.
    public var at: LocalTime

    /// Makes a run.
    public init(job: Job, period: String, at: LocalTime) {
        self.job = job
        self.period = period
        self.at = at
    }

    public static func < (lhs: DueRun, rhs: DueRun) -> Bool {
        (lhs.at, lhs.job, lhs.period) < (rhs.at, rhs.job, rhs.period)
    }
}
