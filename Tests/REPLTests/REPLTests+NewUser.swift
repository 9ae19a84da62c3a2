import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension REPLTests {
    /// The pager owns the terminal while it runs: an answer longer than the screen is paged
    /// through with space to its last row and its footer (less used to quit after one screen,
    /// when it ran outside the terminal's foreground process group).
    @Test func lessPagesALongAnswerToItsEnd() throws {
        let partners = (1...44).map { "add partner p\($0) name \"Partner \($0)\" kind national-ngo" }.joined(separator: "\n")
        try Data((partners + "\n").utf8).write(to: home.appendingPathComponent("partners.fk"))
        let repl = try start(rows: 15, changes: ["PAGER": nil])
        repl.send(".read partners.fk\r")
        try repl.read(until: "fieldkit> ")
        repl.send("partners | columns id | sort id\r")
        // The first screen, then less waits: the footer is not there yet.
        let first = try repl.read(until: ":")
        #expect(!first.contains("50 rows"))
        var rest = ""
        for _ in 0..<6 {
            repl.send(" ")
            rest += (try? repl.read(until: "\n", timeout: 1)) ?? ""
            if rest.contains("50 rows") { break }
        }
        rest += (try? repl.read(until: "50 rows", timeout: 3)) ?? ""
        #expect(rest.contains("│ scme"))
        #expect(rest.contains("└"))
        #expect(rest.contains("50 rows"))
        repl.send("q")
        try repl.read(until: "fieldkit> ")
        repl.send("partners | count\r")
        #expect(try repl.read(until: "1 row").contains("50"))
    }

    @Test func letAtThePromptStandsForAnIDInLaterStatements() throws {
        let repl = try start()
        repl.send("let q = TIP-2007\r")
        try repl.read(until: "fieldkit> ")
        repl.send("show $q\r")
        #expect(try repl.read(until: "fieldkit> ").contains("Combating human trafficking"))
        repl.send("show $nope\r")
        let error = try repl.read(until: "fieldkit> ")
        #expect(error.contains("no variable '$nope'; set it with let nope = …"))
    }

    /// At 80×24 and 140×45, with the terminal's own width: no line of any answer is wider.
    @Test(arguments: [(UInt16(24), UInt16(80)), (UInt16(45), UInt16(140))])
    func answersFitTheTerminal(size: (rows: UInt16, columns: UInt16)) throws {
        let repl = try start(rows: size.rows, columns: size.columns)
        for statement in ["progress TIP-2007", "history take 12", "show TIP-2007", ".help", "timeline", "funding"] {
            repl.send(statement + "\r")
            let screen = try repl.read(until: "fieldkit> ")
            for line in screen.split(separator: "\n") {
                #expect(line.count <= Int(size.columns), "\(statement) at \(size.columns): \(line)")
            }
        }
    }

    /// Statuses in their colours, errors in red and dim borders on a terminal; none with NO_COLOR.
    @Test func colourOnATerminalAndNeverWithNoColor() throws {
        let repl = try start()
        repl.send("outcomes where project = TIP-2007 | columns id, status\r")
        try repl.read(until: "fieldkit> ")
        repl.send("show TIP-2007/nope\r")
        try repl.read(until: "fieldkit> ")
        #expect(repl.transcript.contains("\u{1B}[31moff-track\u{1B}[0m"))
        #expect(repl.transcript.contains("\u{1B}[2m┌"))
        #expect(repl.transcript.contains("\u{1B}[1;31merror:\u{1B}[0m"))

        let plain = try start(changes: ["NO_COLOR": "1"])
        plain.send("outcomes where project = TIP-2007 | columns id, status\r")
        try plain.read(until: "fieldkit> ")
        plain.send("show TIP-2007/nope\r")
        try plain.read(until: "fieldkit> ")
        #expect(plain.transcript.contains("off-track"))
        #expect(!plain.transcript.contains("\u{1B}[31m"))
        #expect(!plain.transcript.contains("\u{1B}[2m"))
        #expect(!plain.transcript.contains("\u{1B}[1;31m"))
    }

    /// Ctrl-R searches from the newest entry even after Up browsed back past the match
    /// (libedit's search once failed there with `bck?outc`, and Enter ran another entry).
    @Test func reverseSearchAfterBrowsingFindsTheNewestMatch() throws {
        let repl = try start()
        for statement in ["projects | count", "partners | count", "regions | count", "outcomes | count"] {
            repl.send(statement + "\r")
            try repl.read(until: "fieldkit> ")
        }
        repl.send("\u{1B}[A\u{1B}[A\u{1B}[A")
        repl.send("\u{12}outc")
        #expect(try repl.read(until: "'outc': outcomes | count").contains("reverse-i-search"))
        repl.send("\r")
        #expect(try repl.read(until: "1 row").contains("│     5 │"))
        // Ctrl-R again goes to the next older match; Ctrl-G gives the line back.
        repl.send("\u{12}count\u{12}")
        try repl.read(until: "'count': regions | count")
        repl.send("\u{7}partners | count\r")
        #expect(try repl.read(until: "1 row").contains("│     6 │"))
    }

    @Test func tabLeavesOutRegionsTheListHoldsAndCompletesDimensionValues() throws {
        let repl = try start()
        repl.send("set TIP-2007 regions + \t\t")
        let listing = try repl.read(until: "KG-J")
        #expect(!listing.contains("KG-O"))
        #expect(!listing.contains("ferghana-valley"))
        repl.send("\u{15}set TIP-2007 regions - \t\t")
        let held = try repl.read(until: "KG-O")
        #expect(!held.contains("KG-J"))
        repl.send("\u{15}record TIP-2007/trained 5 sex=fe\t\r")
        #expect(try repl.read(until: "fieldkit> ").contains("sex=female"))
    }

    @Test func theSpaceTabInsertedIsNotSavedInTheHistory() throws {
        let repl = try start()
        repl.send("partners | coun\t\r")
        try repl.read(until: "1 row")
        repl.send("\u{4}")
        #expect(try repl.waitForExit() == 0)
        let saved = try String(contentsOfFile: historyFile, encoding: .utf8)
        #expect(saved.contains("partners | count\n"))
        #expect(!saved.contains("count \n"))
    }

    @Test func dotHistoryListsTheStatementsNumbered() throws {
        let repl = try start()
        repl.send("partners | count\r")
        try repl.read(until: "fieldkit> ")
        repl.send("projects where (status = active\r")
        try repl.read(until: "...> ")
        repl.send(") | count\r")
        try repl.read(until: "fieldkit> ")
        repl.send(".history\r")
        let listing = try repl.read(until: "fieldkit> ")
        #expect(listing.contains("1  partners | count\n2  projects where (status = active\n   ) | count\n"))
        repl.send(".history 1\r")
        let last = try repl.read(until: "fieldkit> ")
        #expect(!last.contains("partners | count"))
        #expect(last.contains("2  projects"))
    }

    @Test func dotEditOpensTheLastStatementInTheEditorAndRunsWhatIsSaved() throws {
        let repl = try start(changes: ["EDITOR": "sed -i s/regions/partners/"])
        repl.send("regions | count\r")
        try repl.read(until: "1 row")
        repl.send(".edit\r")
        let edited = try repl.read(until: "1 row")
        #expect(edited.contains("partners | count"))
        #expect(edited.contains("│     6 │"))
        let failing = try start(changes: ["EDITOR": "false"])
        failing.send(".edit\r")
        #expect(try failing.read(until: "fieldkit> ").contains("the editor 'false' exited with status 1; nothing was run"))
    }

    /// The init file: run at the prompt quietly (`.today` sets without a line), skipped with
    /// -X, replaced with --init; a missing --init file is said.
    @Test func theInitFileCanBeSkippedOrChosenAndSetsQuietly() throws {
        let config = home.appendingPathComponent(".config/fieldkit")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data(".today 2007-10-01\nlet p = TIP-2007\n".utf8).write(to: config.appendingPathComponent("init.fk"))
        try Data("let p = TIP-2004\n".utf8).write(to: home.appendingPathComponent("other.fk"))

        let usual = try start()
        #expect(!usual.transcript.contains("today is"))
        usual.send(".today\r")
        #expect(try usual.read(until: "fieldkit> ").contains("today is 2007-10-01 (set)"))

        let skipped = try start(["--demo", "-X"])
        skipped.send("show $p\r")
        #expect(try skipped.read(until: "fieldkit> ").contains("no variable '$p'"))

        let other = try start(["--demo", "--init", "other.fk"])
        other.send("show $p\r")
        #expect(try other.read(until: "fieldkit> ").contains("project TIP-2004"))

        let missing = try start(["--demo", "--init", "nowhere.fk"])
        #expect(missing.transcript.contains("fieldkit: no init file 'nowhere.fk'"))
    }

    /// The prompt on a store not created yet sees it once another process creates it, for
    /// narrowed questions as for the rest (they answered from an empty portfolio).
    @Test func aStoreCreatedMeanwhileIsSeenByEveryQuestion() throws {
        let repl = try start(["--store", "later.db"])
        repl.send("projects where status = active | count\r")
        #expect(try repl.read(until: "1 row").contains("│     0 │"))
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: REPLTests.binary)
        writer.arguments = ["--store", home.appendingPathComponent("later.db").path, "-c", "add project P1 title \"P\" status active"]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        repl.send("projects where status = active | count\r")
        #expect(try repl.read(until: "1 row").contains("│     1 │"))
    }
}
