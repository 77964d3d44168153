extension Double {
    /// The number as a person writes it: `150`, not `150.0`; `75.5` as is.
    public var plainText: String {
        isFinite && self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
