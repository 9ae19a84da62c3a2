/// Splits source text into tokens, following the lexical rules of the language:
/// statements end at a newline or `;`; a trailing `\`, an open quote, `(` or `[`
/// continue a statement on the next line; `#` starts a comment.
struct Lexer {
    /// Whether `text` leaves a statement open (a trailing `\`, an open quote or bracket),
    /// so an interactive reader should ask for another line.
    static func needsMoreInput(_ text: String) -> Bool {
        var lexer = Lexer(text)
        do {
            _ = try lexer.tokenize()
            return lexer.depth > 0 || lexer.endsWithContinuation
        } catch let error as LexError {
            return error.isIncomplete
        } catch {
            return false
        }
    }

    struct LexError: Error {
        var diagnostic: Diagnostic
        var isIncomplete: Bool
    }

    // UTF-8 bytes, decoded a scalar at a time with an ASCII fast path: grapheme breaking
    // over Characters made lexing the largest cost of a 150k-statement script. Offsets are
    // byte offsets; columns still count what a person sees (a combining mark adds none).
    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var depth = 0
    /// Where the outermost open bracket was, for the error when it is never closed.
    private var openedAt: SourceLocation?
    /// Which bracket that is, `(` or `[`, for the error that names it.
    private var openedWith: Unicode.Scalar = "("
    /// Where the last line-continuing `\\` was.
    private var continuedAt: SourceLocation?
    private(set) var endsWithContinuation = false

    init(_ text: String) { bytes = Array(text.utf8) }

    /// A lexer over UTF-8 `bytes`, from the start.
    init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: Unicode.Scalar? { index < bytes.count ? Lexer.scalar(in: bytes, at: index).scalar : nil }
    private func peek() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let next = index + Lexer.scalar(in: bytes, at: index).length
        return next < bytes.count ? Lexer.scalar(in: bytes, at: next).scalar : nil
    }
    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func advance() {
        let (scalar, length) = Lexer.scalar(in: bytes, at: index)
        if scalar == "\n" {
            line += 1
            column = 1
        } else if scalar.isASCII || !Lexer.isCombining(scalar) {
            column += 1
        }
        index += length
    }

    /// The scalar whose UTF-8 encoding starts at `offset`, and its length in bytes.
    static func scalar(in bytes: [UInt8], at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[offset]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for next in 1..<length where offset + next < bytes.count {
            value = value << 6 | UInt32(bytes[offset + next] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The number of columns the text from byte `start` to the current position takes.
    private func width(from start: Int) -> Int {
        var count = 0
        var offset = start
        while offset < index {
            let (scalar, length) = Lexer.scalar(in: bytes, at: offset)
            if scalar.isASCII || !Lexer.isCombining(scalar) { count += 1 }
            offset += length
        }
        return count
    }

    private func text(from start: Int) -> String { String(decoding: bytes[start..<index], as: UTF8.self) }

    static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isGraphemeExtend || scalar.properties.generalCategory == .nonspacingMark
    }

    /// Every token of the source, ending with an end token.
    mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        while let statement = try nextStatement() { tokens += statement }
        if tokens.last?.kind != .end { tokens.append(Token(kind: .end, text: "\n", location: location, length: 1, offset: index)) }
        return tokens
    }

    private var finished = false

    /// The tokens of the next non-empty statement, ending with its end token (a newline or
    /// `;`), or nil after the last. A script is lexed one statement at a time, so a large one
    /// never holds all its tokens at once.
    mutating func nextStatement() throws -> [Token]? {
        guard !finished else { return nil }
        var tokens: [Token] = []
        while let character = current {
            endsWithContinuation = false
            if character != " " && character != "\t" && character != "\r" && character != "\\" { continuedAt = nil }
            let start = location
            let startIndex = index
            switch character {
            case " ", "\t", "\r":
                advance()
            case "\u{0}":
                throw LexError(diagnostic: Diagnostic("a NUL byte is not allowed in a script", at: start), isIncomplete: false)
            case "\n":
                advance()
                if depth == 0 { tokens.append(Token(kind: .end, text: "\n", location: start, length: 1, offset: startIndex)) }
            case "#":
                while let next = current, next != "\n" {
                    // A NUL even in a comment: the file is not text.
                    if next == "\u{0}" {
                        throw LexError(diagnostic: Diagnostic("a NUL byte is not allowed in a script", at: location), isIncomplete: false)
                    }
                    advance()
                }
            case "\\":
                continuedAt = start
                advance()
                while let next = current, next == " " || next == "\t" || next == "\r" { advance() }
                if current == nil {
                    endsWithContinuation = true
                } else if current == "\n" {
                    advance()
                } else {
                    throw LexError(diagnostic: Diagnostic("'\\' continues a statement only at the end of a line", at: start), isIncomplete: false)
                }
            case "\"":
                tokens.append(try string())
            case ";":
                advance()
                tokens.append(Token(kind: .end, text: ";", location: start, length: 1, offset: startIndex))
            case "(", "[":
                if depth == 0 {
                    openedAt = start
                    openedWith = character
                }
                depth += 1
                advance()
                tokens.append(Token(kind: .symbol, text: String(character), location: start, length: 1, offset: startIndex))
            case ")", "]":
                depth = max(0, depth - 1)
                advance()
                tokens.append(Token(kind: .symbol, text: String(character), location: start, length: 1, offset: startIndex))
            case ",", "|", "~", "=", "+":
                advance()
                tokens.append(Token(kind: .symbol, text: String(character), location: start, length: 1, offset: startIndex))
            case "!", "<", ">":
                advance()
                if current == "=" {
                    advance()
                    tokens.append(Token(kind: .symbol, text: "\(character)=", location: start, length: 2, offset: startIndex))
                } else if character == "!" {
                    throw LexError(diagnostic: Diagnostic("'!' must be followed by '=' ('!=' means not equal)", at: start), isIncomplete: false)
                } else {
                    tokens.append(Token(kind: .symbol, text: String(character), location: start, length: 1, offset: startIndex))
                }
            case "$":
                advance()
                let nameStart = index
                while let next = current, Lexer.isWordCharacter(next) { advance() }
                let name = text(from: nameStart)
                guard !name.isEmpty else {
                    throw LexError(diagnostic: Diagnostic("'$' must be followed by a variable name", at: start), isIncomplete: false)
                }
                tokens.append(Token(kind: .variable, text: name, location: start, length: width(from: startIndex), offset: startIndex))
            case "-" where !(peek().map(Lexer.isDigit) ?? false):
                advance()
                tokens.append(Token(kind: .symbol, text: "-", location: start, length: 1, offset: startIndex))
            default:
                guard Lexer.isWordCharacter(character) else {
                    // SQL typed at the prompt stops here first (`select * from …`): say what
                    // FieldKit asks instead of pointing at the star.
                    if let first = tokens.first, let habit = Parser.habit(first) {
                        throw LexError(diagnostic: habit, isIncomplete: false)
                    }
                    throw LexError(
                        diagnostic: Diagnostic("unexpected character '\(character)'; quote text that contains it", at: start),
                        isIncomplete: false)
                }
                let columns = skipWord()
                if current == "%" { advance() }
                tokens.append(Token(
                    kind: .word, text: text(from: startIndex), location: start,
                    length: columns ?? width(from: startIndex), offset: startIndex))
            }
            if tokens.last?.kind == .end {
                if tokens.count == 1 {
                    tokens.removeAll(keepingCapacity: true)
                    continue
                }
                try checkLength(of: tokens)
                return tokens
            }
        }
        if depth > 0 {
            throw LexError(
                diagnostic: Diagnostic("'\(openedWith)' is not closed before the end of the script", at: openedAt ?? location),
                isIncomplete: true)
        }
        if endsWithContinuation || continuedAt != nil {
            // `\` on the last line continues into nothing: the statement was meant to go on.
            throw LexError(
                diagnostic: Diagnostic("'\\' continues the statement, but the script ends here", at: continuedAt ?? location),
                isIncomplete: true)
        }
        finished = true
        guard !tokens.isEmpty else { return nil }
        tokens.append(Token(kind: .end, text: "\n", location: location, length: 1, offset: index))
        try checkLength(of: tokens)
        return tokens
    }

    /// Refuses a statement longer than ``SourceLimits/statementBytes``, at its first word.
    private func checkLength(of tokens: [Token]) throws {
        guard let first = tokens.first, index - first.offset > SourceLimits.statementBytes else { return }
        throw LexError(
            diagnostic: Diagnostic(
                "statement longer than \(SourceLimits.statementBytes) bytes (1 MiB); split it into several",
                at: first.location, length: first.length),
            isIncomplete: false)
    }

    private mutating func string() throws -> Token {
        let start = location
        let startIndex = index
        // Most strings are plain: printable ASCII up to the closing quote, taken as they are.
        let plainEnd = bytes.withUnsafeBufferPointer { bytes in
            var end = startIndex + 1
            while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != 0x22, bytes[end] != 0x5C { end += 1 }
            return end < bytes.count && bytes[end] == 0x22 ? end : nil
        }
        if let plainEnd {
            let text = String(decoding: bytes[(startIndex + 1)..<plainEnd], as: UTF8.self)
            index = plainEnd + 1
            column += index - startIndex
            return Token(kind: .string, text: text, location: start, length: index - startIndex, offset: startIndex)
        }
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let character = current else {
                throw LexError(diagnostic: Diagnostic("the string is not closed: add '\"'", at: start), isIncomplete: true)
            }
            if character == "\u{0}" {
                throw LexError(diagnostic: Diagnostic("a NUL byte is not allowed in a script", at: location), isIncomplete: false)
            }
            if character == "\"" {
                advance()
                break
            }
            if character == "\\" {
                let escapeLocation = location
                advance()
                switch current {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case nil:
                    throw LexError(diagnostic: Diagnostic("the string is not closed: add '\"'", at: start), isIncomplete: true)
                case "\n", "\r":
                    // A `\` ending a line inside a string: the message never prints a raw newline.
                    throw LexError(
                        diagnostic: Diagnostic(
                            "'\\' at the end of a line inside a string; write \\n for a new line, or end the string first",
                            at: escapeLocation, length: 1),
                        isIncomplete: false)
                case let other?:
                    throw LexError(
                        diagnostic: Diagnostic("unknown escape '\\\(Value.display(String(other)))'; use \\\" \\\\ \\n or \\t", at: escapeLocation, length: 2),
                        isIncomplete: false)
                }
                advance()
                continue
            }
            text.append(character)
            advance()
        }
        let length = start.line == line ? width(from: startIndex) : 1
        return Token(kind: .string, text: String(text), location: start, length: length, offset: startIndex)
    }

    /// Moves past the word characters from here. Returns how many columns they took when
    /// all were ASCII (one each), nil otherwise. ASCII bytes are tested against a table,
    /// a byte at a time: words are most of a script's text.
    private mutating func skipWord() -> Int? {
        let start = index
        index = Lexer.asciiWord.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { bytes in
                var end = start
                while end < bytes.count, bytes[end] < 0x80, table[Int(bytes[end])] { end += 1 }
                return end
            }
        }
        column += index - start
        guard let next = current, Lexer.isWordCharacter(next) else { return index - start }
        while let next = current, Lexer.isWordCharacter(next) { advance() }
        return nil
    }

    /// Which ASCII bytes are word characters: letters, digits and `_ - . /`.
    private static let asciiWord: [Bool] = (0..<128).map { byte in
        isWordCharacter(Unicode.Scalar(UInt8(byte)))
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Letters of any script, digits, combining marks, and `_ - . /`.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                || scalar == "_" || scalar == "-" || scalar == "." || scalar == "/"
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || isCombining(scalar)
    }
}
