import Foundation
import Testing

/// Regression tests for issue 11: each statement or file that once made a store unusable,
/// overwrote it or crashed fieldkit, run through the binary against the Osh scenario.
@Suite(.timeLimit(.minutes(3))) struct StoreSafetyTests {
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/fieldkit/Resources/osh-2007.fk").standardizedFileURL
        let seeded = try runner.run(["--store", "osh.db", "--today", "2007-12-01", "-f", scenario.path])
        #expect(seeded.status == 0, "\(seeded.error)")
    }

    /// Runs fieldkit on the scenario's store on 1 December 2007.
    func run(_ arguments: [String], input: String? = nil) throws -> CommandRunner.Result {
        try runner.run(["--store", "osh.db", "--today", "2007-12-01"] + arguments, input: input)
    }

    /// The store still opens, `.check` passes, and every report still runs.
    func expectHealthy(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let check = try run(["-c", ".check"])
        #expect(check.status == 0, "\(check.error)", sourceLocation: sourceLocation)
        for report in ["show TIP-2007", "outcomes", "progress", "records | stats sum(value)", "timeline", "funding"] {
            let answer = try run(["-c", report])
            #expect(answer.status == 0, "\(report): \(answer.error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: 1. Accepted, then the store never opened again

    @Test(arguments: [
        ("set TIP-2007 actual-end today+7993y", 25),
        ("set TIP-2007 actual-end today-2007y", 25),
        ("set TIP-2007 actual-end today+2920000d", 25),
        ("record TIP-2007/campaign 1 on today+7993y", 31),
        ("projects where end < today+9223372036854775807d", 22),
        ("projects where end < today+9223372036854775807w", 22),
        ("projects where end < today+9223372036854775807m", 22),
        ("projects where end < today+9223372036854775807y", 22),
        ("projects where end < today+9223372036854775808d", 22),
        (".today today+9223372036854775807y", 8),
    ])
    func datesOutsideTheStorableRangeAreRefusedWhereTheyAreWritten(statement: String, column: Int) throws {
        let result = try run(["-c", statement])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("-c:1:\(column): error: "), "\(result.error)")
        #expect(result.error.contains("outside 0001-01-01 … 9999-12-31"))
        try expectHealthy()
    }

    @Test func theLastStorableDayHasNoDayAfterIt() throws {
        let result = try runner.run(["--store", "osh.db", "--today", "9999-12-31", "-c", "record TIP-2007/campaign 1 on today+1d"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("-c:1:31: error: 'today+1d' is not a date"))
        #expect(try runner.run(["--store", "osh.db", "--today", "9999-12-31", "-c", "record TIP-2007/campaign 1 on today"]).status == 0)
        #expect(try runner.run(["--store", "osh.db", "--today", "0001-01-01", "-c", "projects where end > today-1d"]).status == 1)
        try expectHealthy()
    }

    @Test(arguments: [
        "3000000000000000000", "9223372036854775808", "12345678901234567890123456789012345678901",
        "1000000000000000", "-1000000000000000", "1234567890123456", "0.0000000000000001", "12345678901.123456",
    ])
    func numbersAStoreCannotKeepExactlyAreRefused(value: String) throws {
        let result = try run(["-c", "record TIP-2007/campaign \(value) on 2007-11-01"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("-c:1:26: error: '\(value)' is out of range"), "\(result.error)")
        try expectHealthy()
    }

    @Test(arguments: ["999999999999999", "-999999999999999", "0.000000000000001", "12345678901.1234", "85_000"])
    func numbersAtTheEdgeOfTheRangeAreKeptExactly(value: String) throws {
        #expect(try run(["-c", "record TIP-2007/campaign \(value) on 2007-11-01"]).status == 0)
        let stored = try run(["--format", "csv", "-c", "records where outcome = TIP-2007/campaign and date = 2007-11-01 | columns value"])
        let expected = Decimal(string: value.replacingOccurrences(of: "_", with: ""), locale: Locale(identifier: "en_US_POSIX"))
        #expect(stored.output.split(separator: "\r\n").last.flatMap { Decimal(string: String($0), locale: Locale(identifier: "en_US_POSIX")) } == expected)
        try expectHealthy()
    }

    /// A store an older FieldKit wrote, holding a value past today's limits: it opens, every
    /// report shows it without trapping, `.check` passes, and other changes still commit.
    @Test func aStoreWrittenBeforeTheLimitsStillOpensAndReports() throws {
        #expect(try run(["-c", "record TIP-2007/campaign 777 on 2007-11-01"]).status == 0)
        let edited = try sqlite(["osh.db", """
            UPDATE measurements SET value = 3000000000000000000 WHERE value = 777;
            UPDATE journal SET changes = replace(changes, '"value":777}', '"value":3000000000000000000}') WHERE changes LIKE '%"value":777}%';
            """])
        #expect(edited.status == 0, "\(edited.error)")
        let shown = try run(["--format", "csv", "-c", "records where value > 1000 | columns value"])
        #expect(shown.output.contains("3000000000000000000"), "\(shown.output)")
        try expectHealthy()
        #expect(try run(["-c", "set TIP-2007 summary \"still writable\""]).status == 0)
    }

    @Test func budgetsAndTargetsAreHeldToTheSameLimits() throws {
        let budget = try run(["-c", "set TIP-2007 budget 10000000000000000 EUR"])
        #expect(budget.status == 1)
        #expect(budget.error.hasPrefix("-c:1:21: error: '10000000000000000 EUR' is out of range"), "\(budget.error)")
        let target = try run(["-c", "set outcome TIP-2007/groups target 1e20"])
        #expect(target.status == 1)
        let huge = try run(["-c", "set outcome TIP-2007/groups target 99999999999999999"])
        #expect(huge.status == 1)
        #expect(huge.error.contains("out of range"))
        try expectHealthy()
    }

    @Test func negativeBudgetsAndLinkAmountsAndDoubledSeparatorsAreRefused() throws {
        let budget = try run(["-c", "set TIP-2007 budget -5 EUR"])
        #expect(budget.status == 1)
        #expect(budget.error.hasPrefix("-c:1:21: error: '-5 EUR' is negative; a budget is zero or more"), "\(budget.error)")
        let amount = try run(["-c", "link TIP-2007 golden-goal as funder amount -1 EUR"])
        #expect(amount.status == 1)
        #expect(amount.error.hasPrefix("-c:1:44: error: '-1 EUR' is negative"), "\(amount.error)")
        let doubled = try run(["-c", "record TIP-2007/campaign 1__0 on 2007-11-01"])
        #expect(doubled.status == 1)
        #expect(doubled.error.hasPrefix("-c:1:26: error: '1__0' is not a number"), "\(doubled.error)")
        #expect(try run(["-c", "set TIP-2007 budget 0 EUR"]).status == 0)
        try expectHealthy()
    }

    // MARK: Exports

    @Test(arguments: ["osh.db", "osh.db-wal", "osh.db-shm", "./osh.db"])
    func anExportOntoTheStoreIsRefused(target: String) throws {
        let result = try run(["-c", "projects | export csv \"\(target)\""])
        #expect(result.status == 1)
        #expect(result.error.contains("cannot write '\(target)': it is the open store's"), "\(result.error)")
        let output = try run(["-c", ".output \"\(target)\""])
        #expect(output.status == 1)
        try expectHealthy()
    }

    @Test func anExportThroughAnAbsolutePathOrALinkIsRefusedToo() throws {
        let absolute = runner.folder.appendingPathComponent("osh.db").path
        #expect(try run(["-c", "projects | export csv \"\(absolute)\""]).status == 1)
        try FileManager.default.createSymbolicLink(
            atPath: runner.folder.appendingPathComponent("link.db").path, withDestinationPath: absolute)
        let linked = try run(["-c", "projects | export csv \"link.db\""])
        #expect(linked.status == 1)
        try expectHealthy()
    }

    @Test func aStoreNotYetCreatedCannotBeExportedOntoEither() throws {
        // A question where no store is stops first (exit 3); either way no e.db appears.
        let result = try runner.run(["--store", "e.db", "-c", "projects | export csv \"e.db\""])
        #expect(result.status == 3)
        #expect(result.error.contains("no store at e.db"))
        #expect(!runner.exists("e.db"))
    }

    @Test func aWriteErrorIsAnErrorAndTheOldFileStaysWhole() throws {
        let full = try run(["-c", "projects | export csv \"/dev/full\""])
        #expect(full.status == 1)
        #expect(full.error.contains("cannot write '/dev/full'"), "\(full.error)")
        #expect(!full.output.contains("exported"))
        let fullOutput = try run(["-c", ".output \"/dev/full\"", "-c", "records"])
        #expect(fullOutput.status == 1)
        // Written to, never replaced: Foundation's createFile once renamed a plain file over it.
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/full is no longer a device")
        // A file that exists is replaced whole or not at all: no temporary file stays behind.
        try runner.write("out.csv", "old\n")
        #expect(try run(["-c", "projects | export csv \"out.csv\""]).status == 0)
        let contents = try String(contentsOf: runner.folder.appendingPathComponent("out.csv"), encoding: .utf8)
        #expect(contents.hasPrefix("id,title"))
        let left = try FileManager.default.contentsOfDirectory(atPath: runner.folder.path).filter { $0.contains("fieldkit-") }
        #expect(left.isEmpty)
    }

    @Test func dryRunsAndFailedScriptsWriteNoExport() throws {
        let dry = try run(["--dry-run", "-c", "projects | export csv \"dry.csv\""])
        #expect(dry.status == 0)
        #expect((dry.output + dry.error).contains("would export 3 rows to dry.csv"), "\(dry.output)")
        #expect(!runner.exists("dry.csv"))
        try runner.write("failing.fk", "projects | export csv \"held.csv\"\nset TIP-2007 titl \"x\"\n")
        #expect(try run(["-f", "failing.fk"]).status == 1)
        #expect(!runner.exists("held.csv"))
        try runner.write("passing.fk", "projects | export csv \"held.csv\"\nset TIP-2007 summary \"x\"\n")
        #expect(try run(["-f", "passing.fk"]).status == 0)
        #expect(runner.exists("held.csv"))
    }

    // MARK: 2. Crashes and hangs

    @Test func aReadChainDeeperThan64StopsWithTheChain() throws {
        for depth in 1...70 { try runner.write("r\(depth).fk", ".read \"r\(depth + 1).fk\"\n") }
        try runner.write("r71.fk", "projects\n")
        let result = try run(["-f", "r1.fk"])
        #expect(result.status == 1)
        #expect(result.error.contains("error: .read nests deeper than 64 files: "), "\(result.error)")
        #expect(result.error.contains("r66.fk"))
    }

    @Test func anEndlessLineStopsAtTheLimit() throws {
        // What `fieldkit < /dev/zero` sends: bytes without a newline, far past the limit.
        let line = String(repeating: "x", count: 200_000)
        let piped = try run([], input: "projects\n" + line)
        #expect(piped.status == 1)
        #expect(piped.error.hasPrefix("stdin:2:1: error: line longer than 65536 bytes"), "\(piped.error.prefix(200))")
        #expect(piped.error.count < 1_000)
        try runner.write("long.fk", "projects where title ~ \"" + line + "\"\n")
        let file = try run(["-f", "long.fk"])
        #expect(file.status == 1)
        #expect(file.error.hasPrefix("long.fk:1:1: error: line longer than 65536 bytes"))
        #expect(file.error.count < 1_000)
    }

    @Test func aStatementLongerThanTheLimitIsRefused() throws {
        let lines = (0..<40).map { _ in String(repeating: "y", count: 30_000) }.joined(separator: "\n")
        try runner.write("statement.fk", "projects\nprojects where title ~ \"" + lines + "\"\n")
        let result = try run(["-f", "statement.fk"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("statement.fk:2:1: error: statement longer than 1048576 bytes"), "\(result.error.prefix(200))")
    }

    @Test func anErrorShowsAWindowOfItsLine() throws {
        try runner.write("wide.fk", "projects where titl ~ \"" + String(repeating: "z", count: 5_000) + "\"\n")
        let result = try run(["-f", "wide.fk"])
        #expect(result.status == 1)
        let shown = result.error.split(separator: "\n").dropFirst().first ?? ""
        #expect(shown.count < 260)
        #expect(shown.hasPrefix("  projects where titl"))
        #expect(shown.hasSuffix("…"))
    }

    // MARK: 3. Other findings

    @Test func aQuestionWritesNothingToTheStore() throws {
        let path = runner.folder.appendingPathComponent("osh.db").path
        // Fold the log into the file so that the file's bytes are the whole store.
        #expect(try run(["-c", "set TIP-2007 summary \"before\""]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let walBefore = FileManager.default.contents(atPath: path + "-wal")
        #expect(try run(["-c", "projects | count", "-c", "show TIP-2007", "-c", "history take 2"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(FileManager.default.contents(atPath: path + "-wal") == walBefore)
    }

    @Test func aReadOnlyFileAndAReadOnlyFolderCanBeQueried() throws {
        // As root, permissions are not enforced: run as nobody where we can.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return }
        let folder = runner.folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try run(["-c", "set TIP-2007 summary \"checkpointed\""]).status == 0)
        let copied = try sqlite(["osh.db", ".backup shared/osh.db"])
        #expect(copied.status == 0)
        let store = folder.appendingPathComponent("osh.db").path
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.folder.path)
        // A copy nobody can run, whatever the permissions of the folder the build is in.
        let binary = runner.folder.appendingPathComponent("fieldkit-copy").path
        try FileManager.default.copyItem(atPath: CommandRunner.binary.path, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        let asNobody = ["/usr/sbin/runuser", "-u", "nobody", "--", binary, "--store", store]
        let file = try shell(asNobody + ["-c", "projects | count"])
        #expect(file.status == 0, "\(file.error)")
        #expect(file.output.contains("3"))
        let write = try shell(asNobody + ["-c", "set TIP-2007 summary \"no\""])
        #expect(write.status == 1)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let readOnlyFolder = try shell(asNobody + ["-c", "show TIP-2007"])
        #expect(readOnlyFolder.status == 0, "\(readOnlyFolder.error)")
        #expect(readOnlyFolder.output.contains("checkpointed"))
    }

    @Test func checkFailsOnAGapInTheJournalAndOnTamperedState() throws {
        #expect(try run(["-c", ".check"]).status == 0)
        #expect(try sqlite(["osh.db", "DELETE FROM journal WHERE seq = 5"]).status == 0)
        let gap = try run(["-c", ".check"])
        #expect(gap.status == 1)
        #expect(gap.error.contains("the journal has a gap before entry 6: entry 5 is missing"), "\(gap.error)")
    }

    @Test func checkNamesTheEntryAndFieldOfUnreadableJournalJSON() throws {
        #expect(try sqlite(["osh.db", "UPDATE journal SET changes = '[{\"op\":\"record\"}]' WHERE seq = 3"]).status == 0)
        let result = try run(["-c", ".check"])
        #expect(result.status == 3)
        #expect(result.error.contains("journal entry 3: its changes cannot be read: changes[0]"), "\(result.error)")
        #expect(!result.error.contains("DecodingError"))
        #expect(!result.error.contains("CodingKeys"))
    }

    @Test func checkRunsSQLitesIntegrityCheck() throws {
        #expect(try run(["-c", ".check"]).output.contains("integrity check"))
    }

    /// Flips bytes at the start of the cell content area of the first page of `table`, where
    /// SQLite keeps the rows (the page header's bytes 5–6 say where that area starts).
    func flip(_ table: String, count: Int, mask: UInt8) throws {
        #expect(try run(["-c", "set TIP-2007 summary \"checkpointed\""]).status == 0)
        #expect(try sqlite(["osh.db", "PRAGMA wal_checkpoint(TRUNCATE)"]).status == 0)
        let page = try sqlite(["osh.db", "SELECT min(pageno) FROM dbstat WHERE name = '\(table)'"])
        let number = try #require(Int(page.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let url = runner.folder.appendingPathComponent("osh.db")
        var bytes = [UInt8](try Data(contentsOf: url))
        let base = (number - 1) * 4096
        let cells = base + (Int(bytes[base + 5]) << 8 | Int(bytes[base + 6]))
        for offset in cells..<(cells + count) { bytes[offset] ^= mask }
        try Data(bytes).write(to: url)
    }

    @Test func aDamagedIndexIsFoundByTheIntegrityCheck() throws {
        try flip("regions_parent", count: 20, mask: 0x55)
        let check = try run(["-c", ".check"])
        #expect(check.status != 0)
        #expect(check.error.contains("damaged") || check.error.contains("the database:"), "\(check.error)")
    }

    @Test func aFlippedValueIsFoundByTheReplay() throws {
        try flip("measurements", count: 10, mask: 0x01)
        let check = try run(["-c", ".check"])
        #expect(check.status != 0)
        #expect(!check.error.isEmpty)
    }

    @Test func readOnlyOnAnEmptyOrForeignFileSaysWhatItIs() throws {
        try runner.write("empty.db", "")
        let empty = try runner.run(["--read-only", "--store", "empty.db", "-c", "projects"])
        #expect(empty.status == 3)
        #expect(empty.error.contains("the file is empty"), "\(empty.error)")
        #expect(try sqlite(["other.db", "CREATE TABLE t (x)"]).status == 0)
        let other = try runner.run(["--read-only", "--store", "other.db", "-c", "projects"])
        #expect(other.status == 3)
        #expect(other.error.contains("not a FieldKit store (it has tables t)"), "\(other.error)")
        #expect(!other.error.contains("SQLite error"))
    }

    @Test func aScriptEndingInsideBeginKeepsNothing() throws {
        try runner.write("open.fk", "set TIP-2007 summary \"marker-one\"\nbegin\nset TIP-2007 summary \"marker-two\"\n")
        let result = try run(["-f", "open.fk"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("open.fk:2:1: error: the script ended inside this begin"), "\(result.error)")
        let summary = try run(["--format", "csv", "-c", "projects where id = TIP-2007 | columns summary"])
        #expect(!summary.output.contains("marker-"))
        try runner.write("nested.fk", "begin\nbegin\ncommit\n")
        let nested = try run(["-f", "nested.fk"])
        #expect(nested.status == 1)
        #expect(nested.error.hasPrefix("nested.fk:2:1: error: begin inside begin"), "\(nested.error)")
    }

    @Test func idsCompareByUnicodeCaseFoldingAndNormalisation() throws {
        #expect(try run(["-c", "add partner ΣΊΣΥΦΟΣ name \"Sisyphus\""]).status == 0)
        let again = try run(["-c", "add partner σίσυφος name \"Again\""])
        #expect(again.status == 1)
        #expect(again.error.contains("already exists"))
        #expect(try run(["-c", "add partner caf\u{E9} name \"Café\""]).status == 0)
        let decomposed = try run(["-c", "show partner cafe\u{301}"])
        #expect(decomposed.status == 0, "\(decomposed.error)")
        let typo = try run(["-c", "link TIP-2007 cafx\u{301} as funder"])
        #expect(typo.error.hasPrefix("-c:1:15: error: no partner"), "\(typo.error)")
    }

    @Test func scriptsAreReadFromPipesAndFIFOs() throws {
        let piped = try run(["-f", "/dev/stdin"], input: "projects | count\n")
        #expect(piped.status == 0, "\(piped.error)")
        #expect(piped.output.contains("3"))
        let fifo = runner.folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(Data("projects | count\n".utf8))
                try? handle.close()
            }
        }
        writer.start()
        let result = try run(["-f", "fifo"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("3"))
        try runner.write("reads.fk", ".read \"/dev/stdin\"\n")
        #expect(try run(["-f", "reads.fk"], input: "projects | count\n").status == 0)
    }

    @Test func aCRLFScriptShowsItsLineAndCaret() throws {
        try runner.write("crlf.fk", "projects\r\nprojects\r\nset TIP-2007 titl \"x\"\r\n")
        let result = try run(["-f", "crlf.fk"])
        #expect(result.status == 1)
        #expect(result.error == """
            crlf.fk:3:14: error: expected a field name, found 'titl' (did you mean 'title'?)
              set TIP-2007 titl "x"
                           ^~~~

            """)
    }

    // MARK: Fuzz regressions

    static var fuzzRegressions: [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fuzz/Regressions").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".fk") }.sorted()
    }

    /// Each input a fuzzer found, run as a script through the binary on the Osh store: it
    /// succeeds or fails with exit 1, never a signal, and the store stays healthy.
    @Test(arguments: StoreSafetyTests.fuzzRegressions)
    func aFuzzFindingLeavesTheStoreHealthy(_ name: String) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fuzz/Regressions/\(name)")
        try runner.write(name, bytes: [UInt8](try Data(contentsOf: source)))
        let result = try run(["-f", name])
        #expect(result.status == 0 || result.status == 1, "exit \(result.status): \(result.error.prefix(300))")
        try expectHealthy()
    }

    // MARK: Helpers

    func sqlite(_ arguments: [String]) throws -> CommandRunner.Result {
        try shell(["/usr/bin/sqlite3"] + arguments)
    }

    func shell(_ arguments: [String]) throws -> CommandRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = runner.folder
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRunner.Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }
}
