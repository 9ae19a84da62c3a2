import Foundation
import Testing

/// The private PostgreSQL cluster scripts/test starts (`$FIELDKIT_TEST_POSTGRES`, a
/// superuser's URL), spoken to through `psql` as an administrator would: a database per
/// test, login roles, and SQL that skips FieldKit altogether.
enum ServerFixture {
    static let url = ProcessInfo.processInfo.environment["FIELDKIT_TEST_POSTGRES"]
    static var isRunning: Bool { url != nil }
    static let skipped: Comment = "no PostgreSQL server: scripts/test starts one (FIELDKIT_TEST_POSTGRES)"

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// `scheme://user:password@host:port`, from the superuser's URL.
    private static var parts: (user: String, password: String, server: String) {
        let text = url ?? ""
        let rest = text.replacingOccurrences(of: "postgresql://", with: "")
        let credentials = rest.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        let server = rest.split(separator: "@", maxSplits: 1).last.map { String($0.split(separator: "/").first ?? "") } ?? ""
        let pair = credentials.split(separator: ":", maxSplits: 1).map(String.init)
        return (pair.first ?? "", pair.count > 1 ? pair[1] : "", server)
    }

    /// The URL of `database` for `user` (the superuser unless given).
    static func url(of database: String, user: String? = nil, password: String? = nil) -> String {
        let (admin, adminPassword, server) = parts
        return "postgresql://\(user ?? admin):\(password ?? adminPassword)@\(server)/\(database)?sslmode=disable"
    }

    /// The superuser's login role.
    static var admin: String { parts.user }

    /// A new, empty database; its name.
    static func freshDatabase() throws -> String {
        let name = "fk_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let created = try psql("CREATE DATABASE \(name)", url: url(of: "postgres"))
        #expect(created.status == 0, "\(created.error)")
        return name
    }

    /// A login role with a password, in `groups`; its URL on `database`. Roles are the
    /// cluster's: the name gets a suffix of its own unless `exact`.
    static func loginRole(_ name: String, groups: [String], on database: String, exact: Bool = false) throws -> (role: String, url: String) {
        let role = exact ? name : "\(name)-\(UUID().uuidString.prefix(8).lowercased())"
        let password = "pw-\(UUID().uuidString)"
        var sql = "CREATE ROLE \"\(role)\" LOGIN PASSWORD '\(password)';"
        if exact {
            // Tests running at once may create the same role: the one that loses says so, and is fine.
            sql = "DO $$ BEGIN CREATE ROLE \"\(role)\" LOGIN; EXCEPTION WHEN OTHERS THEN NULL; END $$; ALTER ROLE \"\(role)\" PASSWORD '\(password)';"
        }
        for group in groups { sql += " GRANT \(group) TO \"\(role)\";" }
        let made = try psql(sql, url: url(of: database))
        #expect(made.status == 0, "\(made.error)")
        return (role, url(of: database, user: role, password: password))
    }

    /// Runs `sql` through psql at `url`: unaligned, tuples only, stopping at the first error.
    @discardableResult
    static func psql(_ sql: String, url: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    /// One value from `sql` at `url`.
    static func value(_ sql: String, url: String) throws -> String {
        try psql(sql, url: url).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
