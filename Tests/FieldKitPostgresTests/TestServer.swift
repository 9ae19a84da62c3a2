import Foundation
import Testing

@testable import FieldKitPostgres

/// The private cluster that scripts/test starts: `$FIELDKIT_TEST_POSTGRES`, a superuser's
/// URL. Without one (no PostgreSQL could be installed), the suites that need it are
/// skipped and say so.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["FIELDKIT_TEST_POSTGRES"]
    static var isRunning: Bool { url != nil }

    /// The superuser's location, without TLS (the private cluster offers none).
    static func admin() throws -> PostgresLocation {
        var location = try PostgresLocation(try #require(url), environment: [:])
        location.sslMode = .disable
        return location
    }

    /// A new, empty database on the test server, and the superuser's location of it.
    static func freshDatabase() throws -> PostgresLocation {
        let admin = try admin()
        let name = "fk_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        _ = try rows("CREATE DATABASE \(name)", at: admin)
        var location = admin
        location.database = name
        return location
    }

    /// Runs `sql` at `location`, on a connection of its own, and returns its rows as text.
    @discardableResult
    static func rows(_ sql: String, at location: PostgresLocation) throws -> [[String?]] {
        try ServerConnection(location).rows(sql)
    }

    /// A login role with `password`, a member of `groups`; its location on `database`.
    static func loginRole(_ name: String, groups: [String], on database: PostgresLocation) throws -> PostgresLocation {
        let password = "pw-\(UUID().uuidString)"
        try rows("CREATE ROLE \"\(name)\" LOGIN PASSWORD '\(password)'", at: database)
        for group in groups { try rows("GRANT \(group) TO \"\(name)\"", at: database) }
        var location = database
        location.user = name
        location.password = password
        return location
    }
}
