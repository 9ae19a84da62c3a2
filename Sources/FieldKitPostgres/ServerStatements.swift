import FieldKitStore
import Foundation

/// The state's statements for a server, sent many at a time: the SQLite store's own
/// statements (`StateWriter` writes both), each `?` replaced by its value as an SQL literal,
/// gathered into one anonymous code block (`DO`) that runs them in order. The rows of a run
/// of INSERTs go as one multi-row INSERT a table, the tables in the order they first came:
/// the schema's foreign keys are checked at commit, so the order of the tables does not
/// matter, and anything but an INSERT runs after the rows before it and before those after.
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
    /// The statements gathered, as UTF-8, separated by `;\n`.
    private var body: [UInt8] = []
    private var count = 0
    /// The block sent last, while the next is gathered: the server runs one while the client
    /// writes the other. Its failure is reported by the next ``flush()`` or ``finish()``.
    private var sent: ServerConnection.Pending?
    /// Each INSERT's rows, by statement, until something else is to run or the block is sent:
    /// one multi-row INSERT costs the server one parse and plan, not one a row.
    private var groups: [UnsafeRawPointer: Group] = [:]
    /// The bytes the groups hold.
    private var grouped = 0
    /// Each statement's shape, worked out once.
    private var shapes: [UnsafeRawPointer: Shape] = [:]
    /// How much SQL is gathered before it is sent.
    static let flushSize = 512 * 1_024

    init(_ connection: ServerConnection) { self.connection = connection }

    func run(_ sql: StaticString, _ values: [SQLValue]) throws {
        let key = UnsafeRawPointer(sql.utf8Start)
        let shape = shapes[key] ?? Self.shape(of: sql)
        shapes[key] = shape
        if let shape = shape.insert {
            // A row of an INSERT: onto its table's VALUES list, sent as one statement.
            var group = groups[key] ?? Group(order: groups.count, prefix: shape.prefix, rows: [])
            let start = group.rows.count
            if !group.rows.isEmpty { group.rows.append(UInt8(ascii: ",")) }
            do { try Self.substitute(shape.tuple, values, sql, into: &group.rows) } catch {
                group.rows.removeSubrange(start...)
                throw error
            }
            grouped += group.rows.count - start
            groups[key] = group
        } else {
            // Anything else runs in order: after the rows gathered so far, before those to come.
            emitGroups()
            try statement(UnsafeBufferPointer(start: sql.utf8Start, count: sql.utf8CodeUnitCount), values, sql)
        }
        if body.count + grouped >= Self.flushSize { try flush() }
    }

    /// Appends one statement to the block.
    private func statement(_ template: UnsafeBufferPointer<UInt8>, _ values: [SQLValue], _ sql: StaticString) throws {
        let start = body.count
        if count > 0 {
            body.append(UInt8(ascii: ";"))
            body.append(UInt8(ascii: "\n"))
        }
        do { try Self.substitute(template, values, sql, into: &body) } catch {
            body.removeSubrange(start...)
            throw error
        }
        count += 1
    }

    /// Each table's gathered rows, as one INSERT each, in the order the tables first came.
    private func emitGroups() {
        guard !groups.isEmpty else { return }
        for group in groups.values.sorted(by: { $0.order < $1.order }) {
            if count > 0 {
                body.append(UInt8(ascii: ";"))
                body.append(UInt8(ascii: "\n"))
            }
            body += group.prefix
            body += group.rows
            count += 1
        }
        groups.removeAll(keepingCapacity: true)
        grouped = 0
    }

    /// `template` with each `?` replaced by the next value as a literal.
    private static func substitute(
        _ template: UnsafeBufferPointer<UInt8>, _ values: [SQLValue], _ sql: StaticString, into text: inout [UInt8]
    ) throws {
        var next = 0
        for byte in template {
            guard byte == UInt8(ascii: "?") else {
                text.append(byte)
                continue
            }
            guard next < values.count else { throw ServerStatements.mismatch(sql) }
            try append(values[next], to: &text)
            next += 1
        }
        guard next == values.count else { throw ServerStatements.mismatch(sql) }
    }

    private static func substitute(_ template: [UInt8], _ values: [SQLValue], _ sql: StaticString, into text: inout [UInt8]) throws {
        try template.withUnsafeBufferPointer { try substitute($0, values, sql, into: &text) }
    }

    /// What a statement is: an INSERT of one row (`INSERT INTO t (…) VALUES (?, …)`), split
    /// into what comes before its row and the row; or anything else.
    private struct Shape {
        var insert: (prefix: [UInt8], tuple: [UInt8])?
    }

    private static func shape(of sql: StaticString) -> Shape {
        let text = Array(UnsafeBufferPointer(start: sql.utf8Start, count: sql.utf8CodeUnitCount))
        let marker = Array("VALUES (".utf8)
        guard text.starts(with: Array("INSERT INTO ".utf8)), text.last == UInt8(ascii: ")"),
            let at = text.indices.dropLast(marker.count - 1).first(where: { text[$0..<$0 + marker.count].elementsEqual(marker) })
        else { return Shape(insert: nil) }
        let split = at + marker.count - 1  // the row's opening parenthesis
        return Shape(insert: (Array(text[..<split]), Array(text[split...])))
    }

    /// An INSERT's rows gathered so far.
    private struct Group {
        var order: Int
        var prefix: [UInt8]
        var rows: [UInt8]
    }

    /// Sends what is gathered, once the block sent before it has run: a lone statement as it
    /// is, several in one `DO` block.
    func flush() throws {
        try waitForSent()
        emitGroups()
        guard count > 0 else { return }
        defer {
            body.removeAll(keepingCapacity: true)
            count = 0
        }
        if count == 1 {
            sent = try connection.send(String(decoding: body, as: UTF8.self))
            return
        }
        // Bytes, not characters: a tag followed by a combining mark is a clash to the server.
        var tag = Array("$fk$".utf8)
        var attempt = 0
        while Self.contains(body, tag) {
            attempt += 1
            tag = Array("$fk\(attempt)$".utf8)
        }
        var block = Array("DO ".utf8) + tag + Array(" BEGIN\n".utf8)
        block.reserveCapacity(body.count + 32)
        block += body
        block += Array(";\nEND ".utf8) + tag
        sent = try connection.send(String(decoding: block, as: UTF8.self))
    }

    /// Whether `tag` occurs in `body`. (Foundation's generic search took a sixth of an ingest.)
    static func contains(_ body: [UInt8], _ tag: [UInt8]) -> Bool {
        guard let first = tag.first, body.count >= tag.count else { return false }
        return body.withUnsafeBufferPointer { bytes in
            var index = 0
            while index <= bytes.count - tag.count {
                if bytes[index] == first {
                    var matched = 1
                    while matched < tag.count && bytes[index + matched] == tag[matched] { matched += 1 }
                    if matched == tag.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Sends what is left and waits until the server has run all of it.
    func finish() throws {
        try flush()
        try waitForSent()
    }

    private func waitForSent() throws {
        guard let pending = sent else { return }
        sent = nil
        try connection.wait(pending)
    }

    /// `value` as an SQL literal.
    static func append(_ value: SQLValue, to text: inout [UInt8]) throws {
        switch value {
        case .null: text.append(contentsOf: "NULL".utf8)
        case .integer(let number): text.append(contentsOf: String(number).utf8)
        case .text(let string): try quote(string.utf8, into: &text)
        case .utf8(let bytes): try quote(bytes, into: &text)
        }
    }

    /// `'…'` with each quote doubled: a literal under `standard_conforming_strings`.
    static func quote(_ bytes: some Sequence<UInt8>, into text: inout [UInt8]) throws {
        text.append(UInt8(ascii: "'"))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "'"):
                text.append(UInt8(ascii: "'"))
                text.append(UInt8(ascii: "'"))
            case 0: throw ServerStatementError.nul
            default: text.append(byte)
            }
        }
        text.append(UInt8(ascii: "'"))
    }

    /// `'…'` for `string`, for a query's text.
    static func literal(_ string: String) throws -> String {
        var text: [UInt8] = []
        try quote(string.utf8, into: &text)
        return String(decoding: text, as: UTF8.self)
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
