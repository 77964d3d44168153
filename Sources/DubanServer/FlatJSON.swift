import Foundation

/// Reads a JSON object's top-level fields keeping each value's JSON type: `JSONSerialization`
/// hands 0 and 1 back as the same objects as `false` and `true` (and `JSONDecoder` reads `1` as a
/// Bool), so `{"percent": 1}` could not be told from `{"percent": true}`. Values come back as
/// Swift `Bool`, `Double`, `String`, `NSNull`, or `[Any]` for a nested array or object.
enum FlatJSON {
    /// The fields of the JSON object in `data`, or nil when it is not a JSON object.
    static func object(_ data: Data) -> [String: Any]? {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else { return nil }
        let bytes = [UInt8](data)
        var index = 0
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        /// The end of the string token starting at `index` (a quote).
        func stringEnd(_ start: Int) -> Int {
            var i = start + 1
            while i < bytes.count, bytes[i] != 0x22 { i += bytes[i] == 0x5C ? 2 : 1 }
            return i + 1
        }
        func decodeString(_ range: Range<Int>) -> String? {
            try? JSONSerialization.jsonObject(with: Data(bytes[range]), options: [.fragmentsAllowed]) as? String
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == 0x7B else { return nil }
        index += 1
        var fields: [String: Any] = [:]
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == 0x7D { return fields }
            guard index < bytes.count, bytes[index] == 0x22 else { return nil }
            let keyEnd = stringEnd(index)
            guard let key = decodeString(index..<keyEnd) else { return nil }
            index = keyEnd
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x3A else { return nil }
            index += 1
            skipSpace()
            guard index < bytes.count else { return nil }
            let start = index
            switch bytes[index] {
            case 0x22:
                index = stringEnd(index)
                fields[key] = decodeString(start..<index) ?? ""
            case 0x7B, 0x5B:  // a nested object or array: skip it, strings and all
                var depth = 0
                repeat {
                    if bytes[index] == 0x22 {
                        index = stringEnd(index)
                        continue
                    }
                    if bytes[index] == 0x7B || bytes[index] == 0x5B { depth += 1 }
                    if bytes[index] == 0x7D || bytes[index] == 0x5D { depth -= 1 }
                    index += 1
                } while depth > 0 && index < bytes.count
                fields[key] = [Any]()
            default:
                while index < bytes.count, ![0x2C, 0x7D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
                let token = String(decoding: bytes[start..<index], as: UTF8.self)
                switch token {
                case "true": fields[key] = true
                case "false": fields[key] = false
                case "null": fields[key] = NSNull()
                default:
                    guard let number = Double(token) else { return nil }
                    fields[key] = number
                }
            }
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x2C {
                index += 1
                continue
            }
            guard bytes[index] == 0x7D else { return nil }
            return fields
        }
    }
}
