import CYaml
import Dispatch
import Foundation

/// One of libyaml's parse events, copied out of the C library: what `YAMLNodeParser` builds its tree from.
struct YAMLEvent {
    enum Kind: UInt8 {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, alias
    }

    var kind: Kind
    var mark: YAMLMark
    /// A scalar's text, or the anchor an alias names.
    var text: String = ""
    /// Whether a scalar was written plain (unquoted).
    var plain = false
    /// The anchor a scalar, sequence or mapping sets (`&name`).
    var anchor: String?
}

/// Reads libyaml's events from UTF-8 `bytes`, on the calling thread.
final class YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>

    /// A reader of `bytes`, which must stay valid and end with a NUL byte that `bytes` does not count.
    init(bytes: UnsafeBufferPointer<UInt8>) throws(YAMLNodeParser.SyntaxError) {
        self.bytes = bytes
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw YAMLNodeParser.SyntaxError(
                problem: "out of memory", context: nil, mark: YAMLMark(line: 1, column: 1))
        }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event; after the stream's end, the stream's end again.
    func next() throws(YAMLNodeParser.SyntaxError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            return YAMLEvent(
                kind: .scalar, mark: mark,
                text: String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self),
                plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, anchor: Self.text(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT:
            return YAMLEvent(kind: .sequenceStart, mark: mark, anchor: Self.text(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            return YAMLEvent(kind: .mappingStart, mark: mark, anchor: Self.text(event.data.mapping_start.anchor))
        case YAML_ALIAS_EVENT:
            return YAMLEvent(kind: .alias, mark: mark, text: Self.text(event.data.alias.anchor) ?? "")
        case YAML_SEQUENCE_END_EVENT: return YAMLEvent(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_END_EVENT: return YAMLEvent(kind: .mappingEnd, mark: mark)
        case YAML_DOCUMENT_START_EVENT: return YAMLEvent(kind: .documentStart, mark: mark)
        case YAML_DOCUMENT_END_EVENT: return YAMLEvent(kind: .documentEnd, mark: mark)
        case YAML_STREAM_START_EVENT: return YAMLEvent(kind: .streamStart, mark: mark)
        default: return YAMLEvent(kind: .streamEnd, mark: mark)
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func failure() -> YAMLNodeParser.SyntaxError {
        var mark = YAMLMark(
            line: Int(parser.pointee.problem_mark.line) + 1, column: Int(parser.pointee.problem_mark.column) + 1)
        if parser.pointee.error == YAML_READER_ERROR {
            // Reader errors (a control character, bad UTF-8) carry only a byte offset.
            mark = Self.mark(atByte: Int(parser.pointee.problem_offset), in: bytes)
        }
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.pointee.context.map {
            String(cString: $0) + " at line \(parser.pointee.context_mark.line + 1)"
        }
        return YAMLNodeParser.SyntaxError(problem: problem, context: context, mark: mark)
    }

    /// The line and column (in Unicode scalars) of byte `offset`.
    static func mark(atByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return YAMLMark(line: line, column: column)
    }
}

/// libyaml's events read on a second thread, a block at a time, while the caller builds its tree
/// from them: on a plan of 100,000 tasks libyaml's parsing and building the tree were each about
/// half of reading the file. At most `blocksAhead` blocks wait, so memory stays bounded; the events
/// come in order, a syntax error in its place among them.
final class YAMLEventPipe: @unchecked Sendable {
    static let blockSize = 2_048
    static let blocksAhead = 8

    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private let room = DispatchSemaphore(value: YAMLEventPipe.blocksAhead)
    private let done = DispatchGroup()
    private var waiting: [Result<[YAMLEvent], YAMLNodeParser.SyntaxError>] = []
    private var stopped = false
    private var block: [YAMLEvent] = []
    private var position = 0
    private var failure: YAMLNodeParser.SyntaxError?

    /// Starts reading `bytes` (valid until `finish()` returns, NUL-terminated past its count).
    init(bytes: UnsafeBufferPointer<UInt8>) {
        let address = UInt(bitPattern: bytes.baseAddress)
        let count = bytes.count
        done.enter()
        DispatchQueue.global().async { [self] in
            defer { done.leave() }
            let bytes = UnsafeBufferPointer(start: UnsafePointer<UInt8>(bitPattern: address), count: count)
            produce(bytes)
        }
    }

    private func produce(_ bytes: UnsafeBufferPointer<UInt8>) {
        let reader: YAMLEventReader
        do {
            reader = try YAMLEventReader(bytes: bytes)
        } catch {
            hand(.failure(error))
            return
        }
        while true {
            room.wait()
            if isStopped { return }
            var events: [YAMLEvent] = []
            events.reserveCapacity(Self.blockSize)
            do {
                while events.count < Self.blockSize {
                    let event = try reader.next()
                    events.append(event)
                    if event.kind == .streamEnd {
                        hand(.success(events))
                        return
                    }
                }
            } catch {
                // The events before the error come first, then the error, one block over the bound.
                if !events.isEmpty { hand(.success(events)) }
                hand(.failure(error))
                return
            }
            hand(.success(events))
        }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func hand(_ result: Result<[YAMLEvent], YAMLNodeParser.SyntaxError>) {
        lock.lock()
        waiting.append(result)
        lock.unlock()
        ready.signal()
    }

    /// The next event, or the syntax error found in its place; after the stream's end, the
    /// stream's end again (as libyaml gives it), never a wait for a block that will not come.
    func next() throws(YAMLNodeParser.SyntaxError) -> YAMLEvent {
        if let failure { throw failure }
        if position == block.count, let last = block.last, last.kind == .streamEnd { return last }
        if position == block.count {
            ready.wait()
            lock.lock()
            let result = waiting.removeFirst()
            lock.unlock()
            room.signal()
            switch result {
            case .success(let events):
                block = events
                position = 0
            case .failure(let error):
                failure = error
                throw error
            }
        }
        defer { position += 1 }
        return block[position]
    }

    /// Stops the reading thread if it is still reading and waits for it: the bytes may go after this.
    func finish() {
        lock.lock()
        stopped = true
        lock.unlock()
        for _ in 0...Self.blocksAhead { room.signal() }
        done.wait()
    }
}
