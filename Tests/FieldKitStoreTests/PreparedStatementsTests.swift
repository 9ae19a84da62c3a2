import Foundation
import GRDB
import Testing

@testable import FieldKitStore

/// Statements run through SQLite's C API, values bound in place.
@Suite struct PreparedStatementsTests {
    @Test func valuesComeBackAsBoundAndAMissingOneIsRefused() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, a TEXT, b TEXT)")
            let statements = try PreparedStatements(db)
            let long = String(repeating: "Ош — ", count: 2_000)  // past the first scratch buffer
            try statements.run("INSERT INTO t VALUES (?, ?, ?)", [.integer(1), .text(""), .null])
            try statements.run("INSERT INTO t VALUES (?, ?, ?)", [.integer(2), .text(long), .utf8(Array("bytes".utf8))])
            // One value short: refused, rather than run with what an earlier run left bound.
            #expect(throws: DatabaseError.self) { try statements.run("INSERT INTO t VALUES (?, ?, ?)", [.integer(3), .text("x")]) }
            let rows = try Row.fetchAll(db, sql: "SELECT n, a, b FROM t ORDER BY n")
            #expect(rows.count == 2)
            #expect(rows[0]["a"] as String? == "")
            #expect(rows[0]["b"] as String? == nil)
            #expect(rows[1]["a"] as String == long)
            #expect(rows[1]["b"] as String == "bytes")
        }
    }
}
