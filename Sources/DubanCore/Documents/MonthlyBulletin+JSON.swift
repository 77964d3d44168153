extension MonthlyBulletin {
    /// The bulletin as compact JSON with sorted keys, the bytes `JSONEncoder` writes for it: its
    /// items and steps (half a million each in a province's month) by hand, the few other parts
    /// through the encoder. The encoder's boxed tree was a fifth of a large monthly dispatch.
    public func json() throws -> [UInt8] {
        var json = JSONWriter(pretty: false, capacity: 1024 + (items.count + upcoming.count) * 160 + steps.count * 100)
        try json.object { bulletin in
            bulletin.key("actions")
            try bulletin.encoded(actions)
            bulletin.key("asOf")
            bulletin.day(asOf)
            bulletin.key("departments")
            try bulletin.encoded(departments)
            bulletin.key("expected")
            try bulletin.number(expected)
            if let hazards {
                bulletin.key("hazards")
                try bulletin.encoded(hazards)
            }
            bulletin.key("items")
            try bulletin.array(items) { try $1.write(to: &$0) }
            bulletin.key("month")
            bulletin.string(month)
            bulletin.key("ranking")
            try bulletin.encoded(ranking)
            bulletin.key("reported")
            try bulletin.number(reported)
            bulletin.key("steps")
            bulletin.array(steps) { $1.write(to: &$0) }
            bulletin.key("upcoming")
            try bulletin.array(upcoming) { try $1.write(to: &$0) }
            if let weights {
                bulletin.key("weights")
                try bulletin.encoded(weights)
            }
        }
        return json.bytes
    }
}

extension MonthlyBulletin.Item {
    /// The item as its `Encodable` conformance writes it, keys in sorted order.
    func write(to json: inout JSONWriter) throws {
        try json.object { item in
            item.key("due")
            item.day(due)
            item.key("expected")
            try item.number(expected)
            item.key("lead")
            item.string(lead)
            item.key("light")
            item.string(light.rawValue)
            item.key("reported")
            try item.number(reported)
            item.key("status")
            item.string(status.rawValue)
            item.key("task")
            item.string(task)
            item.key("title")
            item.string(title)
        }
    }
}

extension MonthlyBulletin.StepLine {
    /// The step as its `Encodable` conformance writes it, keys in sorted order.
    func write(to json: inout JSONWriter) {
        json.object { step in
            step.key("department")
            step.string(department)
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
