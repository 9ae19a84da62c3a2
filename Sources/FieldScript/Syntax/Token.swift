/// A lexical token with its place in the source.
struct Token: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        /// A bare word: keyword, id, number, date, `50%`, `.help`.
        case word
        /// A quoted string; `text` holds it unescaped.
        case string
        /// `$name`; `text` holds the name.
        case variable
        /// Punctuation or an operator: `, ; ( ) [ ] | = != < <= > >= ~ + -`.
        case symbol
        /// The end of a statement: a newline or `;`.
        case end
    }

    var kind: Kind
    var text: String
    var location: SourceLocation
    /// How many characters the token spans in the source.
    var length: Int
    /// The character offset of the token's first character in the source.
    var offset: Int = 0

    /// Whether this is the given symbol.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// Whether this is a bare word equal to `keyword`, case-insensitively.
    /// Keywords are lower-case ASCII: a word as written, or ASCII in another case, is settled
    /// byte by byte; only other text is case-folded. The parser asks this of nearly every token.
    func isKeyword(_ keyword: String) -> Bool {
        guard kind == .word else { return false }
        if text == keyword { return true }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased() == keyword }
        return text.utf8.count == keyword.utf8.count
            && zip(text.utf8, keyword.utf8).allSatisfy { $0.asciiLowercased == $1 }
    }

    var description: String {
        switch kind {
        case .string: "\"\(text)\""
        case .variable: "$\(text)"
        case .end: text == ";" ? "';'" : "end of line"
        default: "'\(text)'"
        }
    }
}
