import DubanCore

extension DocumentWriter {
    /// The quarterly consultation meeting's agenda (季度会商研判): date, attendees, and the items in
    /// the order the meeting takes them.
    public func agenda(_ agenda: ConsultationAgenda) -> OfficialDocument {
        let quarter = Self.quarterText(agenda.quarter)
        func item(_ item: ConsultationAgenda.SlowItem) -> [String: Any] {
            [
                "task": item.task, "title": Self.cell(item.title), "department": Self.cell(name(item.department)),
                "due": item.due.description, "expected": Self.percent(item.expected),
                "reported": Self.percent(item.reported), "status": item.status.chinese,
                "history": item.history.isEmpty ? "尚未督办" : item.history.joined(separator: "；"),
            ]
        }
        let situation = agenda.situation
        var context: [String: Any] = [
            "quarter": quarter,
            "meeting": Self.dayText(agenda.meeting),
            "asOf": Self.dayText(agenda.asOf),
            "planTitle": planTitle,
            "attendees": agenda.attendees.map { Self.cell(name($0)) }.joined(separator: "、"),
            "red": situation[Light.red.rawValue] ?? 0,
            "yellow": situation[Light.yellow.rawValue] ?? 0,
            "green": situation[Light.green.rawValue] ?? 0,
            "blue": situation[Light.blue.rawValue] ?? 0,
            "done": situation[TaskStatus.done.rawValue] ?? 0,
            "overdue": situation[TaskStatus.overdue.rawValue] ?? 0,
            "blocked": situation[TaskStatus.blocked.rawValue] ?? 0,
            "slow": agenda.slow.map(item),
            "blockages": agenda.blockages.map { blockage in
                [
                    "blocked": blockage.blocked, "blockedDepartment": Self.cell(name(blockage.blockedDepartment)),
                    "prerequisite": blockage.prerequisite,
                    "prerequisiteDepartment": Self.cell(name(blockage.prerequisiteDepartment)),
                ]
            },
            "upcoming": agenda.upcoming.map(item),
            "missedDuties": agenda.missedDuties.map(item),
            "decisions": agenda.decisions.map { decision in
                [
                    "step": decision.step.map(String.init) ?? "—", "task": decision.task,
                    "department": Self.cell(name(decision.department)), "rung": decision.rung,
                    "basis": Self.cell(decision.basis ?? decision.reason),
                ]
            },
            "followUps": agenda.followUps.map { followUp in
                [
                    "task": followUp.task, "department": Self.cell(name(followUp.department)),
                    "kept": followUp.kept ? "已落实" : "未落实", "now": followUp.now.chinese,
                ]
            },
        ]
        if let hazards = agenda.hazards {
            context["hazards"] =
                [
                    "slow": hazards.slow.map(item),
                    "repeats": hazards.repeats.map { offender in
                        [
                            "enterprise": Self.cell(offender.enterprise), "creditCode": offender.creditCode,
                            "hazards": offender.hazards, "open": offender.open,
                        ] as [String: Any]
                    },
                    "found": hazards.total.found, "listed": hazards.total.listed, "closed": hazards.total.closed,
                    "overdue": hazards.total.overdue,
                ] as [String: Any]
        }
        return OfficialDocument(
            issuer: issuer, number: nil, title: "\(quarter)安全生产形势会商研判会议议程", addressee: nil,
            body: templates.render("agenda.md", context), date: agenda.asOf, name: "agenda-\(agenda.quarter)")
    }
}
