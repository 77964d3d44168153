import DubanCore

extension DocumentWriter {
    /// An escalation letter: 督办函 (函告), 通报, 约谈通知书 or 曝光 for one task, numbered.
    public func letter(_ letter: EscalationLetter) -> OfficialDocument {
        let rung = EscalationRung(name: letter.rung) ?? .letter
        let kind: String =
            switch rung {
            case .reminder, .letter: "督办函"
            case .notice: "通报"
            case .summons: "约谈通知书"
            case .exposure: "曝光"
            case .accountability: "问责建议"
            }
        var context: [String: Any] = [
            "department": Self.cell(letter.departmentName),
            "task": letter.task,
            "title": Self.cell(letter.title),
            "due": Self.dayText(letter.due),
            "expected": Self.percent(letter.expected),
            "reported": Self.percent(letter.reported),
            "status": letter.status.chinese,
            "light": letter.light.chinese,
            "reports": letter.reports.map { report in
                var line = ["date": report.date.description, "value": report.value]
                // An absent key, not an empty string, is what hides a Mustache section.
                if let note = report.note, !note.isEmpty { line["note"] = Self.cell(note) }
                return line
            },
            "history": letter.history,
            "hasHistory": !letter.history.isEmpty,
            "planTitle": planTitle,
            "basis": Self.cell(letter.basis),
            "replyBy": Self.dayText(letter.replyBy),
            "rung": rung.chinese,
            "isLetter": rung <= .letter,
            "isNotice": rung == .notice,
            "isSummons": rung == .summons,
            "isExposure": rung >= .exposure,
        ]
        if let source = letter.source { context["source"] = Self.cell(source) }
        return OfficialDocument(
            issuer: issuer, number: letter.number, title: "关于“\(letter.title)”进度滞后的\(kind)",
            addressee: rung == .exposure || rung == .notice ? "各有关部门、各街道：" : "\(letter.departmentName)：",
            body: templates.render("letter.md", context), date: letter.issued,
            name: "letter-\(letter.year)-\(letter.sequence)")
    }
}
