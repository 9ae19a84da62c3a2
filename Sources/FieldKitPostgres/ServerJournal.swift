import FieldKit
import FieldKitStore
import Foundation

/// The journal table on a server: entries read back as the SQLite store reads its own, with
/// the changes' `jsonb` decoded by `Change`'s `Codable` conformance.
struct ServerJournal {
    let connection: ServerConnection
    let path: String

    init(_ connection: ServerConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Entries after `sequence`, oldest first, at most `limit`.
    func entries(after sequence: Int64, limit: Int?) throws -> [JournalEntry] {
        try entries(where: "seq > \(sequence)", limit: limit)
    }

    /// Entries whose changes mention one of `names`, and every rename; the whole journal when a
    /// name is not plain text (a superset, as the protocol allows).
    func entries(mentioningAnyOf names: Set<String>) throws -> [JournalEntry] {
        let plain = names.allSatisfy { name in name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } }
        guard plain, !names.isEmpty else { return try entries(after: 0, limit: nil) }
        // jsonb's text spells ids as they were stored; ids compare case-insensitively.
        var terms = [#"changes::text LIKE '%"rename"%'"#]
        for name in names.sorted() { terms.append("strpos(lower(changes::text), \(try ServerStatements.literal(name.lowercased()))) > 0") }
        return try entries(where: terms.joined(separator: " OR "), limit: nil)
    }

    private func entries(where condition: String, limit: Int?) throws -> [JournalEntry] {
        let sql = """
            SELECT seq::text, to_char("time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), actor, origin, statement,
                changes::text, undoes::text
            FROM journal WHERE \(condition) ORDER BY journal.seq\(limit.map { " LIMIT \($0)" } ?? "")
            """
        var reader = JournalRowReader(path: path)
        return try connection.rows(sql).map { row in
            guard row.count == 7, let seqText = row[0], let seq = Int64(seqText), let time = row[1], let actor = row[2],
                let origin = row[3], let statement = row[4], let changes = row[5]
            else { throw StoreError(.damaged, path: path, "the journal holds a row with an empty column") }
            return try reader.entry(
                sequence: seq, time: time, actor: actor, origin: origin, statement: statement, changes: changes,
                undoes: row[6].flatMap { Int64($0) })
        }
    }
}
