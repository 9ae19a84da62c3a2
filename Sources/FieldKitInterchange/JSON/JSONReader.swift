/// Reads JSON (RFC 8259) into ``JSONNode``s that know their line and column.
///
/// Strict, as an interchange format should be: no comments, no trailing commas, no
/// repeated keys in an object, UTF-8 only (a byte-order mark is skipped). Nesting deeper
/// than ``maximumDepth`` is refused rather than risking the stack.
package struct JSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// How deeply arrays and objects may nest; FieldKit's own files nest five deep.
    package static let maximumDepth = 64

    /// Reads one JSON document.
    ///
    /// - Parameter bytes: the file's bytes.
    /// - Returns: the document's top value.
    /// - Throws: ``InterchangeError`` at the first byte that is not valid JSON or UTF-8.
    package static func read(_ bytes: [UInt8]) throws(InterchangeError) -> JSONNode {
        try read(bytes, stream: nil)
    }

    /// What ``read(_:streaming:member:each:)`` hands on as it reads.
    private struct Stream {
        let key: String
        let member: (JSONNode.Member) -> Void
        let each: (JSONNode) throws(InterchangeError) -> Void
    }

    /// Reads a document whose top value is an object, handing each element of its `key`
    /// list to `each` as soon as it is read instead of keeping it, so that memory holds one
    /// element at a time (one project of a portfolio, with its records), not the file's tree.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - key: the top-level member whose list is handed on; it is an empty list in the result.
    ///   - member: takes each top-level member once it is read, in the file's order (`key`'s
    ///     with its empty list, after its elements).
    ///   - each: takes the elements of `key`'s list, in order; what it throws stops the read.
    /// - Returns: the document's top value, without the elements handed on.
    /// - Throws: ``InterchangeError`` at the first byte that is not valid JSON or UTF-8, or
    ///   what `each` throws.
    package static func read(
        _ bytes: [UInt8], streaming key: String, member: @escaping (JSONNode.Member) -> Void,
        each: @escaping (JSONNode) throws(InterchangeError) -> Void
    ) throws(InterchangeError) -> JSONNode {
        try read(bytes, stream: Stream(key: key, member: member, each: each))
    }

    /// The document's top value; with a stream, and when it is an object, its list handed on.
    private static func read(_ bytes: [UInt8], stream: Stream?) throws(InterchangeError) -> JSONNode {
        var reader = JSONReader(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            reader.index = 3
            reader.lineStart = 3
        }
        try reader.checkUTF8()
        reader.skipSpace()
        let value: JSONNode
        if let stream, reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") {
            let (line, column) = (reader.line, reader.column(at: reader.index))
            value = JSONNode(try reader.object(streaming: stream), line: line, column: column)
        } else {
            value = try reader.value()
        }
        reader.skipSpace()
        guard reader.index == bytes.count else { throw reader.error("more after the end of the JSON document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// The column of byte `offset`, counted in characters (scalars) from the line's start.
    private func column(at offset: Int) -> Int {
        1 + bytes[lineStart..<min(offset, bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private func error(_ message: String, at offset: Int? = nil) -> InterchangeError {
        InterchangeError(message, line: line, column: column(at: offset ?? index))
    }

    /// Refuses bytes that are not UTF-8, naming their line and column.
    private mutating func checkUTF8() throws(InterchangeError) {
        guard let bad = UTF8Validation.firstInvalid(bytes, from: index) else { return }
        line = bad.line
        lineStart = bad.lineStart
        throw error("bytes that are not UTF-8; save the file as UTF-8", at: bad.offset)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value() throws(InterchangeError) -> JSONNode {
        guard index < bytes.count else { throw error("the file ends where a value should be") }
        let (startLine, startColumn) = (line, column(at: index))
        func node(_ value: JSONNode.Value) -> JSONNode { JSONNode(value, line: startLine, column: startColumn) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return node(try object())
        case UInt8(ascii: "["): return node(try array())
        case UInt8(ascii: "\""): return node(.string(try string()))
        case UInt8(ascii: "t"): try literal("true"); return node(.bool(true))
        case UInt8(ascii: "f"): try literal("false"); return node(.bool(false))
        case UInt8(ascii: "n"): try literal("null"); return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return node(.number(try number()))
        default: throw error("a value was expected here: a string, a number, an object, a list, true, false or null")
        }
    }

    private mutating func literal(_ word: String) throws(InterchangeError) {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw error("'\(word)' is misspelled here") }
        index += expected.count
    }

    private mutating func nest() throws(InterchangeError) {
        depth += 1
        guard depth <= JSONReader.maximumDepth else {
            throw error("lists and objects nest deeper than \(JSONReader.maximumDepth) here")
        }
    }

    private mutating func object(streaming stream: Stream? = nil) throws(InterchangeError) -> JSONNode.Value {
        try nest()
        defer { depth -= 1 }
        index += 1
        var members: [JSONNode.Member] = []
        var keys = Set<String>()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object([])
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("a key in quotes was expected here")
            }
            let keyOffset = index
            let key = try string()
            guard keys.insert(key).inserted else { throw error("the key '\(key)' appears twice in this object", at: keyOffset) }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("':' was expected after the key '\(key)'") }
            index += 1
            skipSpace()
            if let stream, key == stream.key, index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                let (startLine, startColumn) = (line, column(at: index))
                try array(handingTo: stream.each)
                members.append(JSONNode.Member(key, JSONNode(.array([]), line: startLine, column: startColumn)))
            } else {
                members.append(JSONNode.Member(key, try value()))
            }
            if let stream, let last = members.last { stream.member(last) }
            skipSpace()
            guard index < bytes.count else { throw error("the file ends inside an object; '}' is missing") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { throw error("a comma before '}' is not JSON") }
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw error("',' or '}' was expected here") }
            index += 1
            return .object(members)
        }
    }

    private mutating func array() throws(InterchangeError) -> JSONNode.Value {
        var items: [JSONNode] = []
        try array { item throws(InterchangeError) in items.append(item) }
        return .array(items)
    }

    /// A list, each element handed to `take` as soon as it is read.
    private mutating func array(handingTo take: (JSONNode) throws(InterchangeError) -> Void) throws(InterchangeError) {
        try nest()
        defer { depth -= 1 }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipSpace()
            try take(try value())
            skipSpace()
            guard index < bytes.count else { throw error("the file ends inside a list; ']' is missing") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw error("a comma before ']' is not JSON") }
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw error("',' or ']' was expected here") }
            index += 1
            return
        }
    }

    private mutating func number() throws(InterchangeError) -> String {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let whole = index
        guard digits() > 0 else { throw error("a number needs digits", at: start) }
        if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 { throw error("a number cannot start with 0", at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("a number needs digits after '.'", at: start) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("a number needs digits in its exponent", at: start) }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func string() throws(InterchangeError) -> String {
        let start = index
        index += 1
        var text: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error("the text that starts here has no closing quote", at: start) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("the file ends inside an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A surrogate pair: the high half must be followed by `\u` and the low half.
                        guard bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                            throw error("a lone surrogate \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("a lone surrogate \\u escape") }
                    text.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    throw error("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape", at: index - 2)
                }
            case 0x00..<0x20:
                throw error("a control character inside text must be escaped (a line break as \\n)")
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    private mutating func hex4() throws(InterchangeError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}
