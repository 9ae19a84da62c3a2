import GRDB
import GRDBSQLite

/// What the state's statements run through: SQLite's prepared statements, or a server's
/// batch of statements (FieldKitPostgres). The SQL is the same on both: `?` for each value.
package protocol StatementRunner {
    /// Runs `sql` once with `values` for its `?` parameters, in order.
    func run(_ sql: StaticString, _ values: [SQLValue]) throws
}

/// A value for one parameter of an SQL statement.
package enum SQLValue {
    case null
    case integer(Int64)
    case text(String)
    /// Text already encoded as UTF-8 (the journal's JSON, written as bytes).
    case utf8([UInt8])

    /// Text, or NULL for nil.
    package static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
}

/// The statements one write runs, each prepared once and then run with plain values
/// through SQLite's C API.
///
/// Persisting a script of 150k statements runs about 400k INSERTs. Through GRDB's
/// general statement API each run built an array of existential values and checked
/// its scheduling; that cost as much again as SQLite's own work. Here a run binds
/// each value directly.
///
/// Not GRDB's statements, for a second reason: a long write persists on a thread of
/// its own (see ``Persister``), which GRDB's scheduling checks forbid. SQLite itself
/// allows it, since GRDB opens connections in multi-thread mode: a connection may move
/// between threads as long as no two use it at once. A write guarantees that: its own
/// thread touches these statements only before the persisting thread starts and after
/// it has drained.
final class PreparedStatements: StatementRunner {
    private let connection: OpaquePointer
    /// By the address of the SQL's text: every statement is a literal, so its address names
    /// it, and hashing an address instead of a hundred characters was a twentieth of the
    /// persisting thread.
    private var prepared: [UnsafeRawPointer: OpaquePointer] = [:]
    /// The text values of the current run, copied end to end and bound in place
    /// (`SQLITE_STATIC`): SQLite then makes no copy of its own, which was a malloc and a
    /// copy per value. A value stays put until the next run, and SQLite reads bound
    /// values only in `sqlite3_step`.
    private var scratch: UnsafeMutableRawBufferPointer

    /// Statements on `db`'s connection; call only from the thread that holds `db`.
    init(_ db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed")
        }
        self.connection = connection
        scratch = .allocate(byteCount: 4_096, alignment: 8)
    }

    deinit {
        for statement in prepared.values { sqlite3_finalize(statement) }
        scratch.deallocate()
    }

    /// Runs `sql` once with `values` for its parameters.
    func run(_ sql: StaticString, _ values: [SQLValue]) throws {
        let statement = try self.statement(sql)
        // Every parameter is bound on every run: one left over from an earlier run would
        // point into the scratch buffer as it was then.
        guard Int(sqlite3_bind_parameter_count(statement)) == values.count else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(values.count) values for \(sqlite3_bind_parameter_count(statement)) parameters", sql: "\(sql)")
        }
        defer { sqlite3_reset(statement) }
        reserve(values.reduce(0) { total, value in
            switch value {
            case .null, .integer: total
            case .text(let text): total + text.utf8.count
            case .utf8(let bytes): total + bytes.count
            }
        })
        var used = 0
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32 = switch value {
            case .null: sqlite3_bind_null(statement, position)
            case .integer(let number): sqlite3_bind_int64(statement, position, number)
            case .text(var text): text.withUTF8 { bind($0, to: position, of: statement, at: &used) }
            case .utf8(let bytes): bytes.withUnsafeBufferPointer { bind($0, to: position, of: statement, at: &used) }
            }
            guard code == SQLITE_OK else { throw failure(code, sql) }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code, sql) }
    }

    /// Makes room for `count` bytes of text values.
    private func reserve(_ count: Int) {
        guard count > scratch.count else { return }
        scratch.deallocate()
        scratch = .allocate(byteCount: max(count, 2 * scratch.count), alignment: 8)
    }

    /// Copies `bytes` into the scratch buffer at `offset` and binds them there as text.
    private func bind(_ bytes: UnsafeBufferPointer<UInt8>, to position: Int32, of statement: OpaquePointer, at offset: inout Int) -> Int32 {
        guard let base = scratch.baseAddress else { return SQLITE_NOMEM }
        let start = base + offset
        if !bytes.isEmpty { UnsafeMutableRawBufferPointer(rebasing: scratch[offset..<offset + bytes.count]).copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        offset += bytes.count
        // An empty value still gets an address: a null pointer would bind NULL.
        return sqlite3_bind_text(statement, position, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    private func statement(_ sql: StaticString) throws -> OpaquePointer {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let statement = prepared[key] { return statement }
        var statement: OpaquePointer?
        let code = sql.utf8Start.withMemoryRebound(to: CChar.self, capacity: sql.utf8CodeUnitCount) { text in
            sqlite3_prepare_v3(connection, text, Int32(sql.utf8CodeUnitCount), UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        }
        guard code == SQLITE_OK, let statement else { throw failure(code, sql) }
        prepared[key] = statement
        return statement
    }

    private func failure(_ code: Int32, _ sql: StaticString) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: "\(sql)")
    }
}
