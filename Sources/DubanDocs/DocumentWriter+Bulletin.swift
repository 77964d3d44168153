import DubanCore

extension DocumentWriter {
    /// The monthly bulletin (月通报): where the plan stands, the ranking (晾晒), red and yellow items,
    /// the month's escalations and the deadlines ahead.
    public func bulletin(_ bulletin: MonthlyBulletin) -> OfficialDocument {
        let month = Self.monthText(bulletin.month)
        let parts = bulletin.month.split(separator: "-").compactMap { Int($0) }
        let red = bulletin.items.filter { $0.light == .red }
        let yellow = bulletin.items.filter { $0.light == .yellow }
        func item(_ item: MonthlyBulletin.Item) -> [String: Any] {
            [
                "task": item.task, "title": Self.cell(item.title), "lead": Self.cell(name(item.lead)),
                "due": item.due.description, "expected": Self.percent(item.expected),
                "reported": Self.percent(item.reported), "status": item.status.chinese, "light": item.light.chinese,
            ]
        }
        var context: [String: Any] = [
            "month": month,
            "asOf": Self.dayText(bulletin.asOf),
            "planTitle": planTitle,
            "expected": Self.percent(bulletin.expected),
            "reported": Self.percent(bulletin.reported),
            "tasks": bulletin.departments.reduce(0) { $0 + $1.tasks },
            "red": red.count,
            "yellow": yellow.count,
            "overdue": bulletin.departments.reduce(0) { $0 + $1.overdue },
            "done": bulletin.departments.reduce(0) { $0 + $1.done },
            "actions": bulletin.actions.map { line in
                [
                    "title": Self.cell(line.title), "tasks": line.tasks, "expected": Self.percent(line.expected),
                    "reported": Self.percent(line.reported), "red": line.red, "yellow": line.yellow,
                ] as [String: Any]
            },
            "ranking": bulletin.ranking.map { standing in
                [
                    "rank": standing.rank, "name": Self.cell(standing.name), "score": standing.score.plainText,
                    "tasks": standing.tasks, "onTime": Self.percent(standing.onTimeRate),
                    "lag": standing.averageLag.plainText, "overdue": standing.overdue,
                    "escalations": standing.escalations,
                    "change": standing.change.map { $0 > 0 ? "↑\($0)" : $0 < 0 ? "↓\(-$0)" : "—" } ?? "新",
                ] as [String: Any]
            },
            "redItems": red.map(item),
            "yellowItems": yellow.map(item),
            "steps": bulletin.steps.map { step in
                [
                    "rung": step.rung, "department": Self.cell(name(step.department)), "task": step.task,
                    "state": step.state.chinese,
                ] as [String: Any]
            },
            "upcoming": bulletin.upcoming.map(item),
        ]
        if let hazards = bulletin.hazards { context["hazards"] = hazardContext(hazards, item: item) }
        if let weights = bulletin.weights {
            context["weights"] = [
                "onTime": weights.onTime.plainText, "progress": weights.progress.plainText,
                "discipline": weights.discipline.plainText, "overdue": weights.overduePenalty.plainText,
                "escalation": weights.escalationPenalty.plainText,
            ]
        }
        return OfficialDocument(
            issuer: issuer, number: parts.count == 2 ? "\(parts[0])年第\(parts[1])期" : nil,
            title: "关于\(month)\(planTitle)推进情况的通报", addressee: "各有关部门、各街道：",
            body: templates.render("bulletin.md", context), date: bulletin.asOf, name: "bulletin-\(bulletin.month)")
    }

    /// The bulletin's hazard part: the goals computed from the ledger (and how), the counts by
    /// subdistrict and sector, and the red and yellow listed hazards.
    private func hazardContext(
        _ section: MonthlyBulletin.HazardSection, item: (MonthlyBulletin.Item) -> [String: Any]
    ) -> [String: Any] {
        let statistics = section.statistics
        func count(_ row: HazardStatistics.Row) -> [String: Any] {
            ["found": row.found, "listed": row.listed, "closed": row.closed, "overdue": row.overdue]
        }
        let rows: [[String: Any]] = statistics.rows.map { row in
            var line = count(row)
            for (dimension, key) in zip(statistics.dimensions, row.keys) {
                switch dimension {
                case .sector: line["sector"] = Self.cell(section.sectorNames[key] ?? key)
                case .subdistrict: line["subdistrict"] = Self.cell(name(key))
                default: break
                }
            }
            return line
        }
        return [
            "goals": section.goals.map { goal in
                [
                    "title": Self.cell(goal.title), "task": goal.task, "percent": Self.percent(goal.percent),
                    "met": goal.met ? "已实现" : "未实现", "explanation": Self.cell(goal.explanation),
                ] as [String: Any]
            },
            "total": count(statistics.total),
            "rows": rows, "hasRows": !rows.isEmpty,
            "redItems": section.items.filter { $0.light == .red }.map(item),
            "yellowItems": section.items.filter { $0.light == .yellow }.map(item),
        ]
    }
}
