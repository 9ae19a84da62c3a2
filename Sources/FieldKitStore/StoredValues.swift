import FieldKit
import Foundation

/// Reads the values of a store's state columns back into the domain's, and says which row
/// and column holds one that does not read: the same checks for SQLite's tables and a
/// server's (FieldKitPostgres), which hold the same columns as text.
package struct StoredValues {
    /// Where the store is, for the messages.
    package let path: String

    /// Checks for the store at `path`.
    package init(path: String) { self.path = path }

    // The row's name is for a message only: built when there is one (a participation's, made
    // of two ids, cost every row an interpolation).
    package func damaged(_ table: String, _ id: String, _ column: String, _ reason: String) -> StoreError {
        StoreError(.damaged, path: path, "table \(table), row '\(id)', column \(column): \(reason)")
    }

    package func word<W: Vocabulary>(_ text: String, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> W {
        do { return try W.parse(text) } catch { throw damaged(table, id(), column, error.description) }
    }

    package func day(_ text: String, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Day {
        do { return try Day(parsing: text) } catch { throw damaged(table, id(), column, error.description) }
    }

    package func decimal(_ text: String?, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Decimal? {
        guard let text else { return nil }
        // Plain digits, as written, take the fast path; SQLite's own renderings (1.0e+15) the general one.
        guard let value = Money.decimal(text) ?? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw damaged(table, id(), column, "'\(text)' is not a number")
        }
        return value
    }

    package func money(_ amount: String?, _ currency: String?, _ column: String, in table: String, _ id: @autoclosure () -> String) throws -> Money? {
        guard let value = try decimal(amount, column, in: table, id()), let currency else { return nil }
        do { return try Money(amount: value, currency: currency) } catch { throw damaged(table, id(), column, error.description) }
    }
}
