/// The rule for stable ids: what people type on the command line and what the store keys on.
enum Identifier {
    static let rule = "ids use lowercase ASCII letters, digits, “-”, “_” and “.”, and start with a letter or digit"

    static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The known id closest to `id` by edit distance, when it is close enough to be a typo.
    static func nearest(to id: String, in known: Set<String>) -> String? {
        let target = Array(id.utf8)
        var best: (id: String, distance: Int)?
        for candidate in known.sorted() {
            let d = distance(target, Array(candidate.utf8))
            if d <= max(2, target.count / 3), d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.id
    }

    private static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
