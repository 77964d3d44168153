/// 分区域、分行业统计分析: hazards counted by subdistrict, sector, channel, department and month
/// found, as of a day.
public struct HazardStatistics: Hashable, Sendable, Codable {
    /// What hazards can be grouped by.
    public enum Dimension: String, Hashable, Sendable, Codable, CaseIterable {
        case subdistrict, sector, channel, department, month
    }

    /// One group's counts.
    public struct Row: Hashable, Sendable, Codable {
        /// The group's values, one per dimension (a month is `YYYY-MM`, the month found).
        public var keys: [String]
        /// Found by the day.
        public var found: Int
        /// Listed for supervision (挂牌督办).
        public var listed: Int
        /// Closed (销号) by the day.
        public var closed: Int
        /// Not closed and past the rectification deadline on the day.
        public var overdue: Int

        public init(keys: [String], found: Int, listed: Int, closed: Int, overdue: Int) {
            self.keys = keys
            self.found = found
            self.listed = listed
            self.closed = closed
            self.overdue = overdue
        }
    }

    /// An enterprise with more than one hazard (a repeat offender, for the quarterly agenda).
    public struct Repeat: Hashable, Sendable, Codable {
        public var creditCode: String
        public var enterprise: String
        public var hazards: Int
        public var open: Int

        public init(creditCode: String, enterprise: String, hazards: Int, open: Int) {
            self.creditCode = creditCode
            self.enterprise = enterprise
            self.hazards = hazards
            self.open = open
        }
    }

    public var asOf: Day
    public var dimensions: [Dimension]
    /// Groups in key order.
    public var rows: [Row]
    /// Every hazard's counts together.
    public var total: Row

    public init(asOf: Day, dimensions: [Dimension], rows: [Row], total: Row) {
        self.asOf = asOf
        self.dimensions = dimensions
        self.rows = rows
        self.total = total
    }

    /// The dimensions named in `text` (`subdistrict,sector`), or the problem with the fix.
    public static func dimensions(_ text: String) -> Result<[Dimension], HazardError> {
        var dimensions: [Dimension] = []
        for name in text.split(separator: ",").map({ String($0).trimmingWhitespace }) where !name.isEmpty {
            guard let dimension = Dimension(rawValue: name) else {
                return .failure(
                    HazardError(
                        field: "by", message: "“\(name)” is not something hazards are counted by",
                        fix: "use " + Dimension.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            if !dimensions.contains(dimension) { dimensions.append(dimension) }
        }
        return .success(dimensions)
    }
}
