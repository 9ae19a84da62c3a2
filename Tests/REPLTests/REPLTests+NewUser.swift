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
}
