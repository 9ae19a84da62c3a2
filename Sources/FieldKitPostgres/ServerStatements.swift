import FieldKitStore
import Foundation

/// The state's statements for a server, sent many at a time: the SQLite store's own
/// statements (``StateWriter`` writes both), each `?` replaced by its value as an SQL literal,
/// gathered into one anonymous code block (`DO`) that runs them in order.
///
/// postgres-nio speaks the extended protocol, one statement and one round trip at a time;
/// the state of a 10,000-project portfolio is some 150,000 statements. One `DO` block of a
/// few thousand of them costs one round trip, and PL/pgSQL runs them in the transaction, in
/// order, stopping at the first that fails.
///
/// Literals are safe by construction: text is quoted with its quotes doubled, under
/// `standard_conforming_strings` (checked when the store opens), where a backslash is just a
/// backslash; the block's dollar-quote tag is one its text does not contain; a NUL, which
/// PostgreSQL's text cannot hold, is refused.
///
/// `@unchecked Sendable`: a write's batch hands it entries from the writing thread only,
/// while the store's lock is held.
final class ServerStatements: StatementRunner, @unchecked Sendable {
    private let connection: ServerConnection
    private var statements: [String] = []
    private var size = 0
    /// How much SQL is gathered before it is sent.
    static let flushSize = 512 * 1_024

    init(_ connection: ServerConnection) { self.connection = connection }

    func run(_ sql: StaticString, _ values: [SQLValue]) throws {
        var text = ""
        text.reserveCapacity(sql.utf8CodeUnitCount + 16 * values.count)
        var next = values.makeIterator()
        let template = String(decoding: UnsafeBufferPointer(start: sql.utf8Start, count: sql.utf8CodeUnitCount), as: UTF8.self)
        for character in template {
            guard character == "?" else {
                text.append(character)
                continue
            }
            guard let value = next.next() else { throw ServerStatements.mismatch(sql) }
            try Self.append(value, to: &text)
        }
        guard next.next() == nil else { throw ServerStatements.mismatch(sql) }
        statements.append(text)
        size += text.utf8.count
        if size >= Self.flushSize { try flush() }
    }

    /// Sends what is gathered: a lone statement as it is, several in one `DO` block.
    func flush() throws {
        guard !statements.isEmpty else { return }
        defer {
            statements.removeAll(keepingCapacity: true)
            size = 0
        }
        if statements.count == 1 {
            try connection.execute(statements[0])
            return
        }
        let body = statements.joined(separator: ";\n")
        var tag = "$fk$"
        var attempt = 0
        // Bytes, not characters: a tag followed by a combining mark is a clash to the server.
        while body.utf8.firstRange(of: tag.utf8) != nil {
            attempt += 1
            tag = "$fk\(attempt)$"
        }
        try connection.execute("DO \(tag) BEGIN\n\(body);\nEND \(tag)")
    }

    /// `value` as an SQL literal.
    static func append(_ value: SQLValue, to text: inout String) throws {
        switch value {
        case .null: text += "NULL"
        case .integer(let number): text += String(number)
        case .text(let string): try quote(string, into: &text)
        case .utf8(let bytes): try quote(String(decoding: bytes, as: UTF8.self), into: &text)
        }
    }

    /// `'…'` with each quote doubled: a literal under `standard_conforming_strings`.
    static func quote(_ string: String, into text: inout String) throws {
        text.append("'")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "'": text += "''"
            case "\0": throw ServerStatementError.nul
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("'")
    }

    /// `'…'` for `string`, for a query's text.
    static func literal(_ string: String) throws -> String {
        var text = ""
        try quote(string, into: &text)
        return text
    }

    /// `('a', 'b')`, or `(NULL)` for none (a list `IN` finds nothing in).
    static func list(_ strings: some Sequence<String>) throws -> String {
        var parts: [String] = []
        for string in strings { parts.append(try literal(string)) }
        return "(" + (parts.isEmpty ? "NULL" : parts.joined(separator: ", ")) + ")"
    }

    private static func mismatch(_ sql: StaticString) -> ServerStatementError { .parameters("\(sql)") }
}

/// A value the server's statements could not be written with.
enum ServerStatementError: Error, CustomStringConvertible {
    /// A NUL character, which PostgreSQL's text cannot hold.
    case nul
    /// A statement given more or fewer values than it has `?`s: a bug, not a user's error.
    case parameters(String)

    var description: String {
        switch self {
        case .nul: "a value holds a NUL character, which a PostgreSQL server cannot store"
        case .parameters(let sql): "the values do not match the parameters of \(sql)"
        }
    }
}
