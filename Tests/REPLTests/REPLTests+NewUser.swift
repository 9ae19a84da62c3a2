import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension REPLTests {
    /// The pager owns the terminal while it runs: an answer longer than the screen is paged
    /// through with space to its last row and its footer (less used to quit after one screen,
    /// when it ran outside the terminal's foreground process group).
    @Test func lessPagesALongAnswerToItsEnd() throws {
        let partners = (1...44).map { "add partner p\($0) name \"Partner \($0)\" kind national-ngo" }.joined(separator: "\n")
        try Data((partners + "\n").utf8).write(to: home.appendingPathComponent("partners.fk"))
        var environment = self.environment
        environment["PAGER"] = nil
        environment["PATH"] = "/usr/bin:/bin"
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path, rows: 15)
        try repl.read(until: "fieldkit> ")
        usleep(150_000)
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
        let repl = try PseudoTerminal(
            REPLTests.binary, ["--demo"], environment: environment, directory: home.path, rows: size.rows, columns: size.columns)
        try repl.read(until: "fieldkit> ")
        usleep(150_000)
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

        var environment = self.environment
        environment["NO_COLOR"] = "1"
        let plain = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path)
        try plain.read(until: "fieldkit> ")
        usleep(150_000)
        plain.send("outcomes where project = TIP-2007 | columns id, status\r")
        try plain.read(until: "fieldkit> ")
        plain.send("show TIP-2007/nope\r")
        try plain.read(until: "fieldkit> ")
        #expect(plain.transcript.contains("off-track"))
        #expect(!plain.transcript.contains("\u{1B}[31m"))
        #expect(!plain.transcript.contains("\u{1B}[2m"))
        #expect(!plain.transcript.contains("\u{1B}[1;31m"))
    }
}
