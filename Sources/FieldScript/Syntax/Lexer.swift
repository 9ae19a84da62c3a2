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

    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var depth = 0
    private(set) var endsWithContinuation = false

    init(_ text: String) { characters = Array(text) }

    private var current: Character? { index < characters.count ? characters[index] : nil }
    private func peek(_ offset: Int = 1) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }
    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private mutating func advance() {
        if characters[index] == "\n" || characters[index] == "\r\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        while let character = current {
            endsWithContinuation = false
            let start = location
            let startIndex = index
            switch character {
            case " ", "\t", "\r":
                advance()
            case "\u{0}":
                throw LexError(diagnostic: Diagnostic("a NUL byte is not allowed in a script", at: start), isIncomplete: false)
            case "\n", "\r\n":
                advance()
                if depth == 0 { tokens.append(Token(kind: .end, text: "\n", location: start, length: 1, offset: startIndex)) }
            case "#":
                while let next = current, next != "\n", next != "\r\n" { advance() }
            case "\\":
                advance()
                while let next = current, next == " " || next == "\t" || next == "\r" { advance() }
                if current == nil {
                    endsWithContinuation = true
                } else if current == "\n" || current == "\r\n" {
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
                var name = ""
                while let next = current, Lexer.isWordCharacter(next) {
                    name.append(next)
                    advance()
                }
                guard !name.isEmpty else {
                    throw LexError(diagnostic: Diagnostic("'$' must be followed by a variable name", at: start), isIncomplete: false)
                }
                tokens.append(Token(kind: .variable, text: name, location: start, length: index - startIndex, offset: startIndex))
            case "-" where !(peek().map(Lexer.isDigit) ?? false):
                advance()
                tokens.append(Token(kind: .symbol, text: "-", location: start, length: 1, offset: startIndex))
            default:
                guard Lexer.isWordCharacter(character) else {
                    throw LexError(
                        diagnostic: Diagnostic("unexpected character '\(character)'; quote text that contains it", at: start),
                        isIncomplete: false)
                }
                var word = ""
                while let next = current, Lexer.isWordCharacter(next) {
                    word.append(next)
                    advance()
                }
                if current == "%" {
                    word.append("%")
                    advance()
                }
                tokens.append(Token(kind: .word, text: word, location: start, length: index - startIndex, offset: startIndex))
            }
        }
        if depth > 0 {
            throw LexError(diagnostic: Diagnostic("a bracket is not closed", at: location), isIncomplete: true)
        }
        tokens.append(Token(kind: .end, text: "\n", location: location, length: 1, offset: index))
        return tokens
    }

    private mutating func string() throws -> Token {
        let start = location
        let startIndex = index
        advance()
        var text = ""
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
                case let other?:
                    throw LexError(
                        diagnostic: Diagnostic("unknown escape '\\\(other)'; use \\\" \\\\ \\n or \\t", at: escapeLocation, length: 2),
                        isIncomplete: false)
                }
                advance()
                continue
            }
            text.append(character)
            advance()
        }
        let length = start.line == line ? index - startIndex : 1
        return Token(kind: .string, text: text, location: start, length: length, offset: startIndex)
    }

    static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// Letters of any script, digits, and `_ - . /`.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-" || character == "."
            || character == "/" || character.unicodeScalars.first?.properties.generalCategory == .nonspacingMark
    }
}
