/// A change to a hazard in the ledger. `Hazard.applying(_:on:)` checks it against the state
/// machine and the hazard's dates and returns the changed hazard, or refuses it and changes nothing.
public enum HazardChange: Hashable, Sendable {
    /// 挂牌督办: listed at `level` on `day` under document number `number`.
    case list(level: ListingLevel, number: String)
    /// Rectification progress (percent below 100).
    case progress(Double)
    /// The enterprise reports it rectified and asks for 销号.
    case rectified
    /// The three sign-offs of the on-site check.
    case verify([SignOff])
    /// 销号.
    case close
    /// Back to rectifying, with the reason.
    case reopen(reason: String)
    /// What the rectification waits on (nil: no longer waiting).
    case waiting(String?)

    /// The name the audit trail and errors use.
    public var name: String {
        switch self {
        case .list: "list"
        case .progress: "rectify"
        case .rectified: "rectified"
        case .verify: "verify"
        case .close: "close"
        case .reopen: "reopen"
        case .waiting: "waiting"
        }
    }
}

extension Hazard {
    /// The hazard after `change` on `day`.
    ///
    /// - Throws: `HazardError` naming the field and the fix when the state or the dates do not allow it.
    public func applying(_ change: HazardChange, on day: Day) throws(HazardError) -> Hazard {
        var next = self
        if day < foundOn {
            throw HazardError(
                field: "date", message: "\(day) is before the hazard was found (\(foundOn))",
                fix: "give a date on or after \(foundOn)")
        }
        switch change {
        case .list(let level, let number):
            try require([.reported], for: change, fix: "a hazard is listed once, before its rectification is reported")
            let missing = rectification.missing
            if !missing.isEmpty {
                throw HazardError(
                    field: missing[0],
                    message: "\(id) cannot be listed: its 五落实 lacks \(missing.joined(separator: ", "))",
                    fix: "fill them in first with `duban hazard update \(id) --\(missing[0]) …`")
            }
            if number.trimmingWhitespace.isEmpty {
                throw HazardError(field: "number", message: "the listing number is empty", fix: "give --number")
            }
            next.state = .listed
            next.listing = Listing(level: level, on: day)
            next.listingNumber = number
        case .progress(let percent):
            try require([.reported, .listed, .rectifying], for: change, fix: "reopen it first to report new work")
            guard percent.isFinite, percent >= 0, percent < 100 else {
                throw HazardError(
                    field: "percent", message: "\(percent) is not a progress below 100",
                    fix: "give 0–99, or `duban hazard rectify \(id) --done` when the rectification is complete")
            }
            if percent < progress {
                throw HazardError(
                    field: "percent", message: "\(percent)% is below the \(progress)% already reported",
                    fix: "report \(progress)% or more; a correction goes through `duban hazard reopen`")
            }
            try notBefore(progressOn, "the latest progress report", day)
            next.state = .rectifying
            next.progress = percent
            next.progressOn = day
        case .rectified:
            try require(
                [.reported, .listed, .rectifying], for: change, fix: "only work in progress can be reported done")
            try notBefore(progressOn, "the latest progress report", day)
            next.state = .rectified
            next.progress = 100
            next.progressOn = day
            next.rectifiedOn = day
        case .verify(let signOffs):
            try require(
                [.rectified], for: change,
                fix: "the enterprise must report it rectified first (`duban hazard rectify \(id) --done`)")
            try Self.check(signOffs, rectifiedOn: rectifiedOn ?? day, on: day)
            next.state = .verified
            next.signOffs = SignOffRole.allCases.compactMap { role in signOffs.first { $0.role == role } }
            next.verifiedOn = day
        case .close:
            guard state == .verified, signOffs.count == SignOffRole.allCases.count else {
                let have = signOffs.map(\.role.chinese).joined(separator: "、")
                throw HazardError(
                    .conflict, field: "state",
                    message: "\(id) is \(state.rawValue) (\(state.chinese)) and cannot be closed without the three "
                        + "sign-offs of 监管人员, 安全专家 and 企业负责人" + (have.isEmpty ? "" : " (it has \(have))"),
                    fix: "record them with `duban hazard verify \(id)` after the on-site check")
            }
            try notBefore(verifiedOn, "the verification", day)
            next.state = .closed
            next.closedOn = day
            next.waitingOn = nil
        case .reopen(let reason):
            try require(
                [.rectified, .verified, .closed], for: change,
                fix: "only a hazard reported rectified, verified or closed can be reopened")
            guard !reason.trimmingWhitespace.isEmpty else {
                throw HazardError(
                    field: "reason", message: "reopening needs a reason",
                    fix: "say why with --reason (e.g. 复查发现整改不到位)")
            }
            next.state = .rectifying
            next.progress = min(progress, 99)
            next.rectifiedOn = nil
            next.signOffs = []
            next.verifiedOn = nil
            next.closedOn = nil
            next.reopenReason = reason
        case .waiting(let what):
            guard state != .closed else {
                throw HazardError(
                    .conflict, field: "state", message: "\(id) is closed and waits on nothing",
                    fix: "reopen it first if its rectification is not finished")
            }
            next.waitingOn = what.flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 }
        }
        return next
    }

    private func require(_ states: [HazardState], for change: HazardChange, fix: String) throws(HazardError) {
        guard states.contains(state) else {
            throw HazardError(
                .conflict, field: "state",
                message: "\(id) is \(state.rawValue) (\(state.chinese)); `\(change.name)` needs it "
                    + states.map(\.rawValue).joined(separator: " or "),
                fix: fix)
        }
    }

    private func notBefore(_ earlier: Day?, _ what: String, _ day: Day) throws(HazardError) {
        if let earlier, day < earlier {
            throw HazardError(
                field: "date", message: "\(day) is before \(what) (\(earlier))",
                fix: "give a date on or after \(earlier)")
        }
    }

    /// Checks the three sign-offs: one per party, three different people, each with an opinion,
    /// dated between the rectification and today.
    static func check(_ signOffs: [SignOff], rectifiedOn: Day, on day: Day) throws(HazardError) {
        for role in SignOffRole.allCases {
            let given = signOffs.filter { $0.role == role }
            if given.isEmpty {
                throw HazardError(
                    field: "signoffs.\(role.rawValue)",
                    message: "the \(role.chinese) sign-off is missing: 三方确认 needs all three of 监管人员, 安全专家 and 企业负责人",
                    fix:
                        "give the \(role.chinese)'s sign-off: name, date and opinion (`hazard verify --\(role.rawValue) \"name,date,opinion\"`)"
                )
            }
            if given.count > 1 {
                throw HazardError(
                    field: "signoffs.\(role.rawValue)", message: "the \(role.chinese) signs off twice",
                    fix: "give one sign-off per party")
            }
        }
        var seen: [String: SignOffRole] = [:]
        for signOff in signOffs {
            let name = signOff.name.trimmingWhitespace
            guard !name.isEmpty else {
                throw HazardError(
                    field: "signoffs.\(signOff.role.rawValue).name", message: "the \(signOff.role.chinese) has no name",
                    fix: "name the person who signs")
            }
            if let other = seen[name] {
                throw HazardError(
                    field: "signoffs.\(signOff.role.rawValue).name",
                    message: "\(name) signs both as \(other.chinese) and as \(signOff.role.chinese)",
                    fix: "the three parties are three different people")
            }
            seen[name] = signOff.role
            if signOff.opinion.trimmingWhitespace.isEmpty {
                throw HazardError(
                    field: "signoffs.\(signOff.role.rawValue).opinion",
                    message: "the \(signOff.role.chinese)'s opinion is empty", fix: "write the opinion (核验意见)")
            }
            if signOff.date < rectifiedOn || signOff.date > day {
                throw HazardError(
                    field: "signoffs.\(signOff.role.rawValue).date",
                    message: "the \(signOff.role.chinese) signs on \(signOff.date), outside \(rectifiedOn)…\(day)",
                    fix: "the on-site check comes after the rectification was reported and not after today")
            }
        }
    }
}
