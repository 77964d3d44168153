extension MessageFacts {
    /// The facts as compact JSON with sorted keys, the bytes `JSONEncoder` writes for them: a
    /// department's digest in a large dispatch names thousands of tasks, and the encoder's boxed
    /// tree was a fifth of the dispatch.
    public func json() throws -> [UInt8] {
        var json = JSONWriter(pretty: false, capacity: 64 + tasks.count * 200)
        try json.object { facts in
            if let period {
                facts.key("period")
                facts.string(period)
            }
            if let step {
                facts.key("step")
                step.write(to: &facts)
            }
            facts.key("tasks")
            try facts.array(tasks) { try $1.write(to: &$0) }
        }
        return json.bytes
    }
}

extension MessageFacts.TaskFact {
    /// The task as its `Encodable` conformance writes it: keys sorted, absent values left out.
    func write(to json: inout JSONWriter) throws {
        try json.object { fact in
            if let department {
                fact.key("department")
                fact.string(department)
            }
            fact.key("due")
            fact.day(due)
            if let expected {
                fact.key("expected")
                try fact.number(expected)
            }
            if let light {
                fact.key("light")
                fact.string(light.rawValue)
            }
            if let reported {
                fact.key("reported")
                try fact.number(reported)
            }
            if let status {
                fact.key("status")
                fact.string(status.rawValue)
            }
            fact.key("task")
            fact.string(task)
            fact.key("title")
            fact.string(title)
            if let workingDaysLeft {
                fact.key("working_days_left")
                fact.number(workingDaysLeft)
            }
        }
    }
}

extension MessageFacts.StepFact {
    /// The step as its `Encodable` conformance writes it: keys sorted, absent values left out.
    func write(to json: inout JSONWriter) {
        json.object { step in
            step.key("date")
            step.day(date)
            step.key("department")
            step.string(department)
            if let id {
                step.key("id")
                step.number(Int(id))
            }
            if let letter {
                step.key("letter")
                step.string(letter)
            }
            if let replyBy {
                step.key("reply_by")
                step.day(replyBy)
            }
            step.key("rule")
            step.string(rule.rawValue)
            step.key("rung")
            step.string(rung)
            step.key("state")
            step.string(state.rawValue)
            step.key("task")
            step.string(task)
        }
    }
}
