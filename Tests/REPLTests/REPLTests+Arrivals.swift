import Foundation
import Testing

/// What other offices commit while the prompt is open is said in one line before the next
/// statement runs.
extension REPLTests {
    @Test func othersCommitsAreSaidBeforeTheNextStatement() throws {
        let store = home.path + "/arrivals.db"
        let repl = try start(["--store", store, "--actor", "osh-office"])
        repl.send("add project A1 title \"Ours\"\r")
        try repl.read(until: "fieldkit> ")
        for index in 1...3 { #expect(try other(store, actor: "bishkek-office", "add partner bishkek-\(index)") == 0) }
        repl.send("partners | columns id\r")
        let screen = try repl.read(until: "3 rows")
        #expect(screen.contains("3 changes by bishkek-office since your last statement"))
        // Said once: the next statement has nothing new to say, and this session's own changes are never announced.
        repl.send("set A1 status active\r")
        let next = try repl.read(until: "fieldkit> ")
        #expect(!next.contains("since your last statement"))
        #expect(try other(store, actor: "dushanbe-office", "add partner dushanbe-1") == 0)
        #expect(try other(store, actor: "bishkek-office", "add partner bishkek-4") == 0)
        repl.send("partners | columns id\r")
        #expect(try repl.read(until: "5 rows").contains("2 changes since your last statement: 1 by dushanbe-office, 1 by bishkek-office"))
    }

    /// On a server, the prompt hears other offices' commits (LISTEN/NOTIFY) and refreshes.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FIELDKIT_TEST_POSTGRES"] != nil, "no PostgreSQL server: scripts/test starts one"))
    func aServerStoresPromptHearsOtherOffices() throws {
        let admin = try #require(ProcessInfo.processInfo.environment["FIELDKIT_TEST_POSTGRES"])
        let database = "fk_repl_\(UUID().uuidString.prefix(8).lowercased())"
        let create = Process()
        create.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        create.arguments = ["psql", admin, "-X", "-q", "-c", "CREATE DATABASE \(database)"]
        try create.run()
        create.waitUntilExit()
        #expect(create.terminationStatus == 0)
        let server = try #require(admin.range(of: "/", options: .backwards)).lowerBound
        let url = String(admin[..<server]) + "/\(database)?sslmode=disable"
        let repl = try start(["--store", url])
        #expect(try other(url, actor: "ignored", "add partner bishkek-1") == 0)
        #expect(try other(url, actor: "ignored", "add partner bishkek-2") == 0)
        repl.send("partners | columns id\r")
        let screen = try repl.read(until: "2 rows")
        #expect(screen.contains("2 changes by "))
        #expect(screen.contains("since your last statement"))
        #expect(!screen.contains(admin))
    }
}
