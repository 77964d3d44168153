/// The rule for stable ids: what people type on the command line and what the store keys on.
package enum Identifier {
    package static let rule =
        "ids use lowercase ASCII letters, digits, “-”, “_” and “.”, and start with a letter or digit"

    package static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The known id closest to `id` by edit distance, when it is close enough to be a typo.
    package static func nearest(to id: String, in known: Set<String>) -> String? {
        let target = Array(id.utf8)
        var best: (id: String, distance: Int)?
        for candidate in known.sorted() {
            let d = EditDistance.between(target, Array(candidate.utf8))
            if d <= max(2, target.count / 3), d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.id
    }
}
