import DubanCore

// Kinds, states and rules are stored as their raw values and read back as cases: a value this
// build does not know is `StoreError.unreadable`, never a default (`SQLRow`'s subscripts).
extension EscalationRule: SQLValueConvertible {}
extension MessageKind: SQLValueConvertible {}
extension MessageState: SQLValueConvertible {}
extension DeliveryState: SQLValueConvertible {}
extension AttemptOutcome: SQLValueConvertible {}
