/// One dated commitment a person found in a plan document, as an answer key lists it: the line it
/// is written on, its due day or its period, and a fragment of its sentence.
public struct ExpectedCommitment: Hashable, Sendable {
    /// The 1-based line of the document the commitment's date is written on.
    public var line: Int
    /// The last day a deadline allows; nil for a recurring duty.
    public var due: Day?
    /// A recurring duty's period; nil for a deadline.
    public var every: Frequency?
    /// A fragment of the sentence, as written.
    public var sentence: String

    public init(line: Int, due: Day? = nil, every: Frequency? = nil, sentence: String) {
        self.line = line
        self.due = due
        self.every = every
        self.sentence = sentence
    }
}
