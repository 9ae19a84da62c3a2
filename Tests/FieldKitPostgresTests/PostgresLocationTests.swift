import Foundation
import Testing

@testable import FieldKitPostgres

/// `--store postgresql://…` read as libpq reads it: the URL, then the PG* variables, then the
/// password file; and the password never shown.
@Suite struct PostgresLocationTests {
    let empty: [String: String] = [:]

    @Test func aFullURL() throws {
        let location = try PostgresLocation("postgresql://osh-office:s3cr%40t@db.example.org:6543/portfolio?sslmode=require", environment: empty)
        #expect(location == PostgresLocation(
            host: "db.example.org", port: 6543, user: "osh-office", password: "s3cr@t", database: "portfolio", sslMode: .require))
        #expect(location.description == "postgresql://osh-office@db.example.org:6543/portfolio?sslmode=require")
        #expect(!location.description.contains("s3cr"))
    }

    @Test func bothSchemesAndIPv6() throws {
        #expect(PostgresLocation.isURL("postgres://x") && PostgresLocation.isURL("POSTGRESQL://x"))
        #expect(!PostgresLocation.isURL("osh.db") && !PostgresLocation.isURL("postgresql.db"))
        let location = try PostgresLocation("postgres://u@[::1]:5433/d", environment: empty)
        #expect(location.host == "::1" && location.port == 5433)
        #expect(location.description == "postgresql://u@[::1]:5433/d")
    }

    @Test func whatTheURLLeavesOutComesFromTheEnvironmentAsInLibpq() throws {
        let environment = ["PGHOST": "pg.osce.local", "PGPORT": "5544", "PGUSER": "bishkek-office", "PGDATABASE": "shared",
                           "PGPASSWORD": "from-env", "PGSSLMODE": "verify-full"]
        let location = try PostgresLocation("postgresql://", environment: environment)
        #expect(location == PostgresLocation(
            host: "pg.osce.local", port: 5544, user: "bishkek-office", password: "from-env", database: "shared", sslMode: .verifyFull))
        // The URL wins over the environment; the database defaults to the user's name.
        let mine = try PostgresLocation("postgresql://osh@h", environment: ["PGUSER": "other", "USER": "login"])
        #expect(mine.user == "osh" && mine.database == "osh" && mine.port == 5432 && mine.sslMode == .prefer)
        #expect(try PostgresLocation("postgresql:///d", environment: ["USER": "login"]).user == "login")
        #expect(try PostgresLocation("postgresql:///d", environment: empty).host == "localhost")
        // Query parameters, as libpq takes them.
        let query = try PostgresLocation("postgresql:///?host=q&port=7000&user=qu&dbname=qd&sslmode=disable", environment: empty)
        #expect(query == PostgresLocation(host: "q", port: 7000, user: "qu", database: "qd", sslMode: .disable))
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".pgpass")
        try """
            # offices
            other.host:5432:*:osh:wrong
            db.example.org:5432:portfolio:osh:p\\:ass\\\\word
            *:*:*:*:fallback
            """.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let found = try PostgresLocation("postgresql://osh@db.example.org/portfolio", environment: [:], home: folder.path)
        #expect(found.password == "p:ass\\word")
        #expect(try PostgresLocation("postgresql://x@y/z", environment: [:], home: folder.path).password == "fallback")
        // PGPASSFILE names another file; a password in the URL or PGPASSWORD comes first.
        #expect(try PostgresLocation("postgresql://x@y/z", environment: ["PGPASSFILE": file.path]).password == "fallback")
        #expect(try PostgresLocation("postgresql://x:given@y/z", environment: [:], home: folder.path).password == "given")
        #expect(try PostgresLocation("postgresql://x@y/z", environment: ["PGPASSWORD": "env"], home: folder.path).password == "env")
        // A file others may read is not used, as libpq refuses it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(try PostgresLocation("postgresql://x@y/z", environment: [:], home: folder.path).password == nil)
    }

    @Test(arguments: [
        ("osh.db", "postgresql:// or postgres://"), ("postgresql://u@h:99999/d", "port is not a number from 1 to 65535"),
        ("postgresql://u:secret/d", "port is not a number"), ("postgresql://u@h/d?sslmode=verify-ca", "sslmode 'verify-ca' is not one FieldKit knows"),
        ("postgresql://u@h/d?colour=red", "a parameter 'colour'"), ("postgresql://u:p%zz@h/d", "the password in the URL has a %"),
        ("postgresql://u@[::1/d", "opens a [ but does not close it"),
    ])
    func aURLThatCannotBeReadSaysWhyWithoutThePassword(_ url: String, _ expected: String) {
        #expect {
            _ = try PostgresLocation(url, environment: [:])
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("secret")
        }
    }
}
