import FieldKit

/// Reads a script one statement at a time: lexing and parsing go hand in hand with running,
/// so a 150k-statement script never holds all its tokens and trees at once.
struct StatementStream {
    private var lexer: Lexer
    /// A statement already parsed, handed out by the next ``next()`` (see ``takeSole()``).
    private var prepared: ParsedStatement?

    init(_ source: String) { lexer = Lexer(source) }

    /// When the source holds exactly one statement and it parses: that statement, and the
    /// stream set to hand it out without lexing it again. Otherwise nil, and the stream is
    /// as it was (a syntax error is then reported where the run meets it).
    mutating func takeSole() -> ParsedStatement? {
        var peek = self
        guard let first = try? peek.next(), case .some(.none) = try? peek.next() else { return nil }
        peek.prepared = first
        self = peek
        return first
    }

    /// What one parsed statement may do, as ``scan()`` tells it for a source, but exactly:
    /// whether it may write (a change, a transaction word, `.read`), read the journal
    /// (`history`, `.check`, `.read`), and read the store at all (not a setting or `let`).
    static func scan(_ parsed: ParsedStatement) -> (mayWrite: Bool, readsJournal: Bool, readsStore: Bool) {
        switch parsed.statement {
        case .assign:
            return (false, false, false)
        case .command(let name, let arguments):
            return (name.value == .read || (name.value == .set && !arguments.isEmpty), name.value.readsJournal, name.value.readsStore)
        case .query(let query):
            return (false, query.source.value == .history, true)
        case .history:
            return (false, true, true)
        default:
            let role = StatementWord(parsed.statement)?.role
            return (role == .change || role == .transaction, false, true)
        }
    }

    /// The source text, for showing where an error is. A long script lives on as the
    /// lexer's bytes only, so this makes a string anew: call it on failure, not per statement.
    var text: String { String(decoding: lexer.bytes, as: UTF8.self) }

    /// The next statement, or nil at the end of the source.
    mutating func next() throws(Diagnostic) -> ParsedStatement? {
        if let statement = prepared {
            prepared = nil
            return statement
        }
        let tokens: [Token]?
        do { tokens = try lexer.nextStatement() } catch let error as Lexer.LexError { throw error.diagnostic } catch {
            throw Diagnostic("\(error)", at: SourceLocation(line: 1, column: 1))
        }
        guard let tokens else { return nil }
        var parser = Parser(tokens: tokens, bytes: lexer.bytes)
        return try parser.single()
    }

    /// Whether any statement may change the store: a change, a transaction word or `.read`.
    /// Only the first word of each statement is looked at.
    static func mayWrite(_ source: String) -> Bool { StatementStream(source).scan().mayWrite }

    /// Whether a statement of `source` may change something (the lexer stops at the first
    /// that does), and whether one may read the journal: `history`, `.check`, or another
    /// script through `.read`. The second is a byte search, not a second lexing pass over
    /// a long script; a word in a string or comment only makes it err on the safe side.
    /// Third, whether a statement reads the store at all: a script of settings and `let`
    /// alone (`.help`, `.format csv`) does not, and runs where there is no store yet.
    func scan() -> (mayWrite: Bool, readsJournal: Bool, readsStore: Bool) {
        var lexer = Lexer(bytes: self.lexer.bytes)  // shares the bytes, starts from the top
        let writers = Set(Grammar.changeStatements + [".read"])
        let storeless = Set(Grammar.sessionCommands + ["let"]).subtracting(StatementStream.storeReaders)
        var writes = false
        var reads = false
        while !writes, let tokens = try? lexer.nextStatement() {
            guard let first = tokens.first else { continue }
            let word = first.text.lowercased()
            if first.kind == .word, writers.contains(word) { writes = true }
            // `.set <name> <value>` changes a setting kept in the store; `.set` alone lists them.
            if first.kind == .word, word == ".set", tokens.count > 2 { writes = true }
            if !storeless.contains(word) { reads = true }
        }
        return (writes, StatementStream.contains(lexer.bytes, anyOf: ["history"] + StatementStream.journalReaders), reads || writes)
    }

    /// The session commands that read the store; the others are settings.
    static let storeReaders = Set(SessionCommand.allCases.filter(\.readsStore).map(\.rawValue))
    /// The session commands that read the journal (`.read` may run a script that does).
    static let journalReaders = SessionCommand.allCases.filter(\.readsJournal).map(\.rawValue)

    /// Whether `text` contains any of the lower-case ASCII `words`, in any case: one pass
    /// over the bytes, stopping only where a word's first letter is.
    private static func contains(_ text: [UInt8], anyOf words: [String]) -> Bool {
        let needles = words.map { Array($0.utf8) }
        var starts = [Bool](repeating: false, count: 256)
        for needle in needles {
            starts[Int(needle[0])] = true
            if needle[0] >= 0x61 && needle[0] <= 0x7A { starts[Int(needle[0] & ~0x20)] = true }
        }
        return text.withUnsafeBufferPointer { bytes in
            for index in bytes.indices where starts[Int(bytes[index])] {
                for needle in needles where index + needle.count <= bytes.count {
                    var matched = true
                    for (offset, expected) in needle.enumerated() {
                        let byte = bytes[index + offset]
                        if byte.asciiLowercased != expected {
                            matched = false
                            break
                        }
                    }
                    if matched { return true }
                }
            }
            return false
        }
    }
}

/// Turns tokens into statements, reporting the first syntax error with its position
/// and the nearest valid word.
struct Parser {
    let tokens: [Token]
    private let bytes: [UInt8]
    private(set) var position = 0
    /// How deeply the condition being read is nested in parentheses and `not`.
    var nesting = 0

    /// Parses every statement of `source`.
    static func parse(_ source: String) throws(Diagnostic) -> [ParsedStatement] {
        var stream = StatementStream(source)
        var statements: [ParsedStatement] = []
        while let statement = try stream.next() { statements.append(statement) }
        return statements
    }

    init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    // MARK: Token access

    var current: Token { tokens[min(position, tokens.count - 1)] }
    func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }
    var atEnd: Bool { current.kind == .end }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expect(keyword: String, context: String) throws(Diagnostic) {
        guard accept(keyword: keyword) else {
            throw unexpected("'\(keyword)' \(context)", suggestions: [keyword])
        }
    }

    mutating func expect(symbol: String, context: String) throws(Diagnostic) {
        guard accept(symbol: symbol) else { throw unexpected("'\(symbol)' \(context)") }
    }

    /// "expected X, found Y", with the nearest of `suggestions` to what was found.
    func unexpected(_ expectation: String, suggestions: [String] = []) -> Diagnostic {
        let found = current
        let suggestion = found.kind == .word ? Spelling.nearest(to: found.text, in: suggestions) : nil
        return Diagnostic(
            "expected \(expectation), found \(found.description)", at: found.location, length: found.length,
            suggestion: suggestion)
    }

    // MARK: Statements

    /// Parses the one statement whose tokens (ending with an end token) this parser holds.
    mutating func single() throws(Diagnostic) -> ParsedStatement {
        let statement = try self.statement()
        guard atEnd else { throw unexpected("the end of the statement") }
        let first = tokens[0]
        let last = tokens[max(0, position - 1)]
        let end = min(bytes.count, last.offset + max(1, Parser.sourceLength(of: last, in: bytes)))
        let text = String(decoding: bytes[first.offset..<max(first.offset, end)], as: UTF8.self)
        return ParsedStatement(statement: statement, location: first.location, text: text)
    }

    /// The number of source bytes a token covers (a string's quotes and escapes included).
    private static func sourceLength(of token: Token, in bytes: [UInt8]) -> Int {
        switch token.kind {
        case .variable: return token.text.utf8.count + 1
        case .word, .symbol, .end: return token.text.utf8.count
        case .string:
            // Quotes and backslashes are ASCII, so they never occur inside a multi-byte scalar.
            var index = token.offset + 1
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                if bytes[index] == UInt8(ascii: "\"") { return index - token.offset + 1 }
                index += 1
            }
            return bytes.count - token.offset
        }
    }

    private mutating func statement() throws(Diagnostic) -> Statement {
        let first = current
        guard first.kind == .word else {
            throw unexpected("a statement such as add, set, projects or .help", suggestions: [])
        }
        let keyword = first.text.lowercased()
        if keyword.hasPrefix(".") { return try command() }
        if let word = StatementWord(rawValue: keyword) {
            switch word {
            case .import:
                return try importStatement()
            case .export:
                return try exportStatement()
            case _ where word.takesChangeSyntax:
                return try change(word)
            case .undo, .begin, .commit, .rollback:
                advance()
                return word == .undo ? .undo : word == .begin ? .begin : word == .commit ? .commit : .rollback
            case .history:
                // `history | …` and `history where …` query the journal as a source; `history`
                // alone is the report, with what each entry changed.
                let next = peek()
                if next.isKeyword("where") || next.isSymbol("|") || next.isKeyword("as") {
                    return .query(try query())
                }
                return try report(word)
            default:
                return try report(word)
            }
        }
        switch keyword {
        case "let":
            advance()
            guard current.kind == .word || current.kind == .variable else { throw unexpected("a variable name after let") }
            let name = advance()
            try expect(symbol: "=", context: "after the variable name")
            return .assign(name: name, value: try value(type: nil))
        default:
            if Grammar.sources.contains(keyword) { return .query(try query()) }
            if let habit = Parser.habit(first) { throw habit }
            throw Diagnostic(
                "unknown statement '\(first.text)'", at: first.location, length: first.length,
                suggestion: Spelling.nearest(to: first.text, in: Grammar.statementWords))
        }
    }

    /// Words from other tools' habits, too far in spelling for the nearest-word suggestion:
    /// the way out of the prompt, and SQL's verbs with the FieldKit statement for each.
    static let habits: [String: (note: String?, suggestion: String?)] = [
        "exit": (nil, ".quit"), "bye": (nil, ".quit"), "q": (nil, ".quit"),
        "select": ("FieldKit is not SQL: a question starts with its source, as in projects where status = active | columns id, title", nil),
        "insert": ("FieldKit is not SQL: add project|partner|region|outcome <id> <field> <value>…", nil),
        "update": ("FieldKit is not SQL: set <id> <field> <value>", nil),
        "delete": ("FieldKit is not SQL: remove <id>", nil),
    ]

    /// The answer to a statement that starts with another tool's word, if it does.
    static func habit(_ first: Token) -> Diagnostic? {
        guard first.kind == .word, let habit = habits[first.text.lowercased()] else { return nil }
        return Diagnostic(
            "unknown statement '\(first.text)'" + (habit.note.map { "; \($0)" } ?? ""),
            at: first.location, length: first.length, suggestion: habit.suggestion)
    }

    private mutating func command() throws(Diagnostic) -> Statement {
        guard let name = word(SessionCommand.self) else {
            throw Diagnostic(
                "unknown command '\(current.text)'", at: current.location, length: current.length,
                suggestion: Spelling.nearest(to: current.text, in: Grammar.sessionCommands))
        }
        var arguments: [Token] = []
        while !atEnd { arguments.append(advance()) }
        return .command(name: name, arguments: arguments)
    }

    // MARK: Values

    /// An id: a word, a string or a variable.
    mutating func identifier(_ what: String) throws(Diagnostic) -> Expression {
        guard current.kind == .word || current.kind == .string || current.kind == .variable else {
            throw unexpected(what)
        }
        return .token(advance())
    }

    /// One value; `type` says whether a currency or a date offset may follow.
    mutating func value(type: Grammar.ValueType?) throws(Diagnostic) -> Expression {
        guard current.kind == .word || current.kind == .string || current.kind == .variable else {
            throw unexpected("a value")
        }
        let first = advance()
        if first.kind == .word || first.kind == .variable, current.isSymbol("+") || current.isSymbol("-"),
            type == .day || type == nil, first.kind == .variable || first.text.lowercased() == "today",
            peek().kind == .word
        {
            let sign = advance()
            return .offset(base: first, sign: sign, amount: advance())
        }
        let currencyLike = current.kind == .word && current.text.utf8.count == 3
            && current.text.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        if type == .money && (currencyLike || current.kind == .variable) && !Grammar.isFieldName(current.text)
            || type == nil && currencyLike && current.text == current.text.uppercased()
                && !Grammar.conditionWords.contains(current.text.lowercased())  // `status = active AND …`
        {
            return .money(amount: first, currency: advance())
        }
        return .token(first)
    }

    /// Values separated by commas.
    mutating func values(type: Grammar.ValueType?) throws(Diagnostic) -> [Expression] {
        var result = [try value(type: type)]
        while accept(symbol: ",") { result.append(try value(type: type)) }
        return result
    }
}
