import DubanCore

extension MessageFacts {
    /// The facts as a webhook's `data.facts`: snake_case keys, absent values left out, numbers as
    /// numbers (built from Swift values, so 0 and 1 stay numbers and never become booleans).
    var payload: [String: Any] {
        var object: [String: Any] = ["tasks": tasks.map(\.payload)]
        if let period { object["period"] = period }
        if let step { object["step"] = step.payload }
        return object
    }
}

extension MessageFacts.TaskFact {
    var payload: [String: Any] {
        var object: [String: Any] = ["task": task, "title": title, "due": due.description]
        if let department { object["department"] = department }
        if let light { object["light"] = light.rawValue }
        if let status { object["status"] = status.rawValue }
        if let expected { object["expected"] = expected }
        if let reported { object["reported"] = reported }
        if let workingDaysLeft { object["working_days_left"] = workingDaysLeft }
        return object
    }
}

extension MessageFacts.StepFact {
    var payload: [String: Any] {
        var object: [String: Any] = [
            "task": task, "department": department, "rung": rung, "state": state.rawValue, "rule": rule.rawValue,
            "date": date.description,
        ]
        if let id { object["id"] = id }
        if let letter { object["letter"] = letter }
        if let replyBy { object["reply_by"] = replyBy.description }
        return object
    }
}
