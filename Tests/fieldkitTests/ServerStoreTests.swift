import FieldKitFixtures
import Foundation
import Testing

/// `fieldkit --store postgresql://…`: the same language on a shared server, answering as
/// it does on SQLite; errors, the password, and the journal's actor.
@Suite(.enabled(if: ServerFixture.isRunning, ServerFixture.skipped), .timeLimit(.minutes(5)))
struct ServerStoreTests {
    /// The Example block at the end of LANGUAGE.md (the contract), as written there.
    static let contractExample = ContractExample.script

    /// The current minute, as answers show when something was committed: it differs from
    /// run to run, and between two runs a minute apart.
    static func withoutNow(_ text: String) -> String {
        text.replacingOccurrences(of: #"20[2-9]\d-\d\d-\d\d \d\d:\d\d"#, with: "<now>", options: .regularExpression)
    }

    @Test func theContractExampleAnswersAsOnSQLite() throws {
        let runner = try CommandRunner()
        try runner.write("example.fk", Self.contractExample)
        let server = ServerFixture.url(of: try ServerFixture.freshDatabase())
        let onFile = try runner.run(["--store", "osh.db", "--today", "2007-12-01", "-f", "example.fk"])
        let onServer = try runner.run(["--store", server, "--today", "2007-12-01", "-f", "example.fk"])
        #expect(onFile.status == 0, "\(onFile.error)")
        #expect(onServer.status == 0, "\(onServer.error)")
        #expect(onServer.output == onFile.output)
        #expect(onServer.output.contains("TIP-2007"))
        #expect(onServer.error == onFile.error.replacingOccurrences(of: "osh.db", with: server))
    }

    @Test func theTutorialAnswersAsOnSQLite() throws {
        let (file, server) = (try CommandRunner(), try CommandRunner())
        let database = try ServerFixture.freshDatabase()
        // The tutorial's reader, logged in as herself: the journal then names her on both engines.
        let url = ServerFixture.url(of: database)
        #expect(try file.run(["--store", url, "-c", ".store"]).status == 0)  // creates the schema and its roles
        let aigerim = try ServerFixture.loginRole("aigerim", groups: ["fieldkit_writer"], on: database, exact: true)
        let blocks = TutorialTests.blocks
        #expect(blocks.count >= 25)
        for block in blocks {
            try file.write("step.fk", block.text)
            try server.write("step.fk", block.text)
            let expected = try file.run(["--store", "osh.db", "--today", "2007-12-01", "--actor", "aigerim", "-f", "step.fk"])
            let answered = try server.run(["--store", aigerim.url, "--today", "2007-12-01", "-f", "step.fk"])
            #expect(answered.status == expected.status, "Docs/TUTORIAL.md:\(block.line): \(answered.error)")
            #expect(Self.withoutNow(answered.output) == Self.withoutNow(expected.output), "Docs/TUTORIAL.md:\(block.line)")
        }
        let check = try server.run(["--store", aigerim.url, "-c", ".check"])
        #expect(check.status == 0, "\(check.error)")
        #expect(check.output.contains("replay to the stored state"))
        // What the pages and files say is the same, but for where the store is.
        for name in ["tip-2007-outcomes.csv", "tip-2007-progress.csv"] {
            let left = try String(contentsOf: file.folder.appendingPathComponent(name), encoding: .utf8)
            let right = try String(contentsOf: server.folder.appendingPathComponent(name), encoding: .utf8)
            #expect(left == right, "\(name)")
        }
        #expect(try ServerFixture.value("SELECT DISTINCT actor FROM journal", url: url) == aigerim.role)
    }

    /// Docs/SERVER.md's move of an office's SQLite store to the server: `export json`, then
    /// `import json`; the server's export is then the file's, byte for byte.
    @Test func anOfficesStoreMovesToTheServerWithNothingLost() throws {
        let runner = try CommandRunner()
        try runner.write("example.fk", Self.contractExample)
        #expect(try runner.run(["--store", "osh.db", "-f", "example.fk"]).status == 0)
        #expect(try runner.run(["--store", "osh.db", "-c", ".set on-track-margin 15"]).status == 0)
        #expect(try runner.run(["--store", "osh.db", "-c", "export json \"osh.json\""]).status == 0)
        let url = ServerFixture.url(of: try ServerFixture.freshDatabase())
        let imported = try runner.run(["--store", url, "-c", "import json \"osh.json\""])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(try runner.run(["--store", url, "-c", "export json \"server.json\""]).status == 0)
        let file = try Data(contentsOf: runner.folder.appendingPathComponent("osh.json"))
        let server = try Data(contentsOf: runner.folder.appendingPathComponent("server.json"))
        #expect(file == server)
        #expect(try runner.run(["--store", url, "-c", ".check"]).status == 0)
        let progress = try runner.run(["--store", url, "--today", "2007-12-01", "-c", "progress TIP-2007"])
        #expect(progress.output == (try runner.run(["--store", "osh.db", "--today", "2007-12-01", "-c", "progress TIP-2007"])).output)
    }

    @Test func thePasswordNeverShows() throws {
        let runner = try CommandRunner()
        let database = try ServerFixture.freshDatabase()
        let url = ServerFixture.url(of: database)
        let password = try #require(url.split(separator: ":")[2].split(separator: "@").first.map(String.init))
        let results = [
            try runner.run(["--store", url, "-c", "add partner golden-goal name \"Golden Goal\""]),
            try runner.run(["--store", url, "-c", ".store"]),
            try runner.run(["--store", url, "-c", "history"]),
            try runner.run(["--store", url, "-c", "add partner golden-goal"]),
            try runner.run(["--store", url.replacingOccurrences(of: password, with: "wrong-\(password.prefix(3))"), "-c", ".store"]),
            try runner.run(["--store", url.replacingOccurrences(of: "/\(database)", with: "/nowhere"), "-c", ".store"]),
        ]
        for result in results {
            #expect(!result.output.contains(password) && !result.error.contains(password), "\(result.output)\(result.error)")
        }
        #expect(results[1].output.contains("store postgresql://\(ServerFixture.admin)@"))
        #expect(results[4].status == 3)
        #expect(results[4].error.contains("password authentication failed"))
        #expect(results[5].status == 3)
        let journal = try ServerFixture.psql("SELECT j::text FROM journal j", url: url)
        #expect(!journal.output.isEmpty && !journal.output.contains(password))
    }

    @Test func aStoreThatCannotBeUsedExitsThree() throws {
        let runner = try CommandRunner()
        let other = try ServerFixture.freshDatabase()
        try ServerFixture.psql("CREATE TABLE invoices (id int)", url: ServerFixture.url(of: other))
        let wrong = try runner.run(["--store", ServerFixture.url(of: other), "-c", "projects"])
        #expect(wrong.status == 3)
        #expect(wrong.error.contains("holds other tables (invoices)"))

        let newer = try ServerFixture.freshDatabase()
        #expect(try runner.run(["--store", ServerFixture.url(of: newer), "-c", ".store"]).status == 0)
        try ServerFixture.psql("UPDATE fieldkit_meta SET value = '7' WHERE key = 'schema'", url: ServerFixture.url(of: newer))
        let upgraded = try runner.run(["--store", ServerFixture.url(of: newer), "-c", "projects"])
        #expect(upgraded.status == 3)
        #expect(upgraded.error.contains("newer FieldKit"))

        let nobody = try runner.run(["--store", "postgresql://someone@127.0.0.1:1/portfolio?sslmode=disable", "-c", "projects"])
        #expect(nobody.status == 3)
        #expect(nobody.error.contains("cannot reach the server at 127.0.0.1:1: the connection was refused"))

        let unreadable = try runner.run(["--store", "postgresql://osh:secret/portfolio", "-c", "projects"])
        #expect(unreadable.status == 3)
        #expect(!unreadable.error.contains("secret"))
        #expect(unreadable.error.contains("the port is not a number"))
    }

    @Test func theStoreComesFromTheEnvironmentToo() throws {
        let runner = try CommandRunner()
        let url = ServerFixture.url(of: try ServerFixture.freshDatabase())
        #expect(try runner.run(["-c", "add partner unicef name UNICEF"], environment: ["FIELDKIT_STORE": url]).status == 0)
        let partners = try runner.run(["--store", url, "--format", "csv", "-c", "partners | columns id, name"])
        #expect(partners.output.split(whereSeparator: \.isNewline) == ["id,name", "unicef,UNICEF"])
        #expect(!runner.exists("fieldkit.db"))
    }

    @Test func theActorIsTheServersLoginRole() throws {
        let runner = try CommandRunner()
        let database = try ServerFixture.freshDatabase()
        let url = ServerFixture.url(of: database)
        let claimed = try runner.run(["--store", url, "--actor", "somebody-else", "-c", "add partner unicef"])
        #expect(claimed.status == 0)
        #expect(claimed.error.contains("--actor is ignored on a server store"))
        #expect(try ServerFixture.value("SELECT actor FROM journal", url: url) == ServerFixture.admin)
        // Through SQL too: the server sets it, whatever the row says.
        try ServerFixture.psql(
            "INSERT INTO journal (seq, actor, origin, statement, changes) VALUES (2, 'somebody-else', 'psql', 'nothing', '[]')", url: url)
        #expect(try ServerFixture.value("SELECT actor FROM journal WHERE seq = 2", url: url) == ServerFixture.admin)
        // And the numbering has no gaps, whoever inserts.
        let gap = try ServerFixture.psql("INSERT INTO journal (seq, origin, statement, changes) VALUES (9, 'psql', 'gap', '[]')", url: url)
        #expect(gap.status != 0)
        #expect(gap.error.contains("would leave a gap"))
    }

    @Test func aScriptIsAllOrNothingOnTheServer() throws {
        let runner = try CommandRunner()
        let url = ServerFixture.url(of: try ServerFixture.freshDatabase())
        try runner.write("bad.fk", "add partner unicef\nadd partner osce\nlink NOPE-1 unicef as funder\n")
        let failed = try runner.run(["--store", url, "-f", "bad.fk"])
        #expect(failed.status == 1)
        #expect(failed.error.contains("bad.fk:3"))
        #expect(try ServerFixture.value("SELECT count(*) FROM partners", url: url) == "0")
        #expect(try ServerFixture.value("SELECT count(*) FROM journal", url: url) == "0")
    }

    /// A connection the server ends mid-script: the error is said, and the server has rolled
    /// the transaction back.
    @Test func aLostConnectionMidScriptKeepsNothing() throws {
        let runner = try CommandRunner()
        let url = ServerFixture.url(of: try ServerFixture.freshDatabase())
        #expect(try runner.run(["--store", url, "-c", "add partner osce"]).status == 0)
        let script = (0..<40_000).map { "add partner p\($0) name \"Partner \($0)\"" }.joined(separator: "\n") + "\n"
        try runner.write("long.fk", script)
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["--store", url, "-f", "long.fk"]
        process.currentDirectoryURL = runner.folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once the script has begun writing on the server (its transaction has an id), its backend is ended.
        var terminated = ""
        for _ in 0..<400 where terminated != "true" {
            terminated = try ServerFixture.value(
                """
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE application_name = 'fieldkit' AND datname = current_database() AND backend_xid IS NOT NULL
                """, url: url)
            if terminated != "true" { Thread.sleep(forTimeInterval: 0.01) }
        }
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(terminated == "true", "the script's backend was never seen in a transaction")
        #expect(process.terminationStatus != 0)
        #expect(said.contains("terminating connection due to administrator command") || said.contains("the connection to the server was lost"), "\(said)")
        #expect(said.contains("nothing of it was kept"), "\(said)")
        #expect(try ServerFixture.value("SELECT count(*) FROM partners", url: url) == "1")
        #expect(try ServerFixture.value("SELECT count(*) FROM journal", url: url) == "1")
        // And the store goes on: the next statement connects anew.
        #expect(try runner.run(["--store", url, "-c", "add partner unicef"]).status == 0)
        #expect(try ServerFixture.value("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM journal", url: url) == "1,2")
    }

    /// Four offices, each recording at once through fieldkit, each a login role of its own.
    @Test func fourOfficesWritingAtOnceLoseNothing() throws {
        let runner = try CommandRunner()
        let database = try ServerFixture.freshDatabase()
        let url = ServerFixture.url(of: database)
        try runner.write("seed.fk", Self.contractExample)
        #expect(try runner.run(["--store", url, "-f", "seed.fk"]).status == 0)
        let seeded = Int(try ServerFixture.value("SELECT count(*) FROM journal", url: url)) ?? 0
        let offices = try ["osh", "bishkek", "dushanbe", "khujand"].map {
            try ServerFixture.loginRole("\($0)-office", groups: ["fieldkit_writer"], on: database)
        }
        let perOffice = 12
        try runner.write("records.sh", """
            for i in $(seq 1 \(perOffice)); do "$1" --store "$2" -c "record TIP-2007/groups 1 on 2007-11-$(printf %02d $i) source \\"$3\\"" || exit 1; done
            """)
        let processes = try offices.map { office in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["records.sh", CommandRunner.binary.path, office.url, office.role]
            process.currentDirectoryURL = runner.folder
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let total = seeded + offices.count * perOffice
        #expect(try ServerFixture.value("SELECT count(*) FROM journal", url: url) == String(total))
        #expect(try ServerFixture.value("SELECT max(seq) FROM journal", url: url) == String(total))
        #expect(try ServerFixture.value("SELECT count(DISTINCT actor) FROM journal", url: url) == "5")
        for office in offices {
            #expect(try ServerFixture.value("SELECT count(*) FROM measurements WHERE source = '\(office.role)'", url: url) == String(perOffice))
        }
        #expect(try runner.run(["--store", url, "-c", ".check"]).status == 0)
    }
}
