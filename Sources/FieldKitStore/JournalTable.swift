import FieldKit
import Foundation
import GRDB

/// Reads and writes the `journal` table: one row per statement, changes as JSON.
package struct JournalTable {
    let db: Database
    let path: String

    /// The highest sequence number written; 0 for an empty journal.
    func lastSequence() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") ?? 0
    }

    /// Appends `entry`, its time already formatted (one batch's entries share one time),
    /// writing its changes' JSON through `json`, a buffer reused from entry to entry.
    static func append<Runner: StatementRunner>(
        _ entry: JournalEntry, time: String, json: inout JournalJSON, with statements: Runner
    ) throws {
        json.write(entry.changes, origins: entry.changeOrigins)
        try statements.run(
            "INSERT INTO journal (seq, time, actor, origin, statement, changes, undoes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(entry.sequence), .text(time), .text(entry.actor), .text(entry.origin), .text(entry.statement),
             .utf8(json.bytes), entry.undoes.map(SQLValue.integer) ?? .null])
    }

    func entries(after sequence: Int64, limit: Int?) throws -> [JournalEntry] {
        try entries(where: "seq > ?", [sequence], limit: limit)
    }

    /// The entries whose `changes` may name any of `names` (lower-case ids), and every
    /// rename: `LIKE` folds ASCII case, so names of other letters, or of characters JSON
    /// escapes, are looked for in every entry instead.
    func entries(mentioningAnyOf names: Set<String>) throws -> [JournalEntry] {
        let plain = names.allSatisfy { name in name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } }
        guard plain, !names.isEmpty else { return try entries(after: 0, limit: nil) }
        let patterns = names.sorted().map { name in
            "%" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        let condition = (["changes LIKE '%rename%'"] + patterns.map { _ in "changes LIKE ? ESCAPE '\\'" }).joined(separator: " OR ")
        return try entries(where: condition, StatementArguments(patterns), limit: nil)
    }

    private func entries(where condition: String, _ arguments: StatementArguments, limit: Int?) throws -> [JournalEntry] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT seq, time, actor, origin, statement, changes, undoes FROM journal WHERE \(condition) ORDER BY seq LIMIT ?",
            arguments: arguments + [limit ?? -1])
        var result: [JournalEntry] = []
        var reader = JournalRowReader(path: path)
        while let row = try rows.next() {
            result.append(try reader.entry(
                sequence: row["seq"], time: row["time"], actor: row["actor"], origin: row["origin"], statement: row["statement"],
                changes: row["changes"], undoes: row["undoes"]))
        }
        return result
    }

    /// A decoding error as the field it is about and what is wrong, not Swift's dump of it:
    /// `changes[0].record.value: '1e999' is not a number`.
    package static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func field(_ path: [any CodingKey]) -> String {
            let text = path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return "changes" + text
        }
        switch error {
        case .dataCorrupted(let context):
            let reason = (context.underlyingError as? DecodingError).map(describe) ?? context.debugDescription
            return context.codingPath.isEmpty ? "the JSON is not valid (\(reason))" : "\(field(context.codingPath)): \(reason)"
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)) is not \(type == String.self ? "text" : "a \(type)")"
        case .valueNotFound(_, let context):
            return "\(field(context.codingPath)) is null"
        @unknown default:
            return "\(error)"
        }
    }

    /// `2007-04-24T09:30:00.000Z`: ISO 8601 in UTC with milliseconds, sortable as text.
    package static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }

    package static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt).parse(text)
    }
}

/// Reads a journal row's columns back into an entry, the same for SQLite's table and a
/// server's (FieldKitPostgres): the time as ISO 8601 UTC, the changes as JSON.
package struct JournalRowReader {
    let path: String
    private let decoder = JSONDecoder()
    /// The entries of one write share one time: parsed once, not once per entry.
    private var parsed: (text: String, time: Date)?

    /// A reader for the journal of the store at `path` (for its messages).
    package init(path: String) { self.path = path }

    /// The entry a row holds.
    ///
    /// - Throws: `StoreError` (`damaged`) for a time or changes that do not read.
    package mutating func entry(
        sequence: Int64, time timeText: String, actor: String, origin: String, statement: String, changes changesText: String,
        undoes: Int64?
    ) throws -> JournalEntry {
        let time: Date
        if let parsed, parsed.text == timeText {
            time = parsed.time
        } else {
            guard let read = JournalTable.parse(timeText) else {
                throw StoreError(.damaged, path: path, "journal entry \(sequence): '\(timeText)' is not a UTC time")
            }
            time = read
            parsed = (timeText, read)
        }
        let changes: [Change]
        do { changes = try decoder.decode([Change].self, from: Data(changesText.utf8)) } catch {
            throw StoreError(.damaged, path: path, "journal entry \(sequence): its changes cannot be read: \(JournalTable.describe(error))")
        }
        return JournalEntry(
            sequence: sequence, time: time, actor: actor, origin: origin, statement: statement, changes: changes, undoes: undoes)
    }
}
