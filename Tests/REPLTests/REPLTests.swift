import FieldKitFixtures
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The REPL as a person uses it, on a real pseudo-terminal.
@Suite(.serialized, .timeLimit(.minutes(3))) struct REPLTests {
    /// Removed, with the history and stores a test wrote, when the test is over.
    private let temporary: TemporaryFolder
    /// The REPL's `HOME` and working folder.
    var home: URL { temporary.url }

    init() throws { temporary = try TemporaryFolder(prefix: "fieldkit-repl") }

    static var binary: String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("fieldkit").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            url.deleteLastPathComponent()
        }
        return "fieldkit"
    }

    var environment: [String: String] {
        [
            "TERM": "xterm", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": home.path, "USER": "officer",
            "PATH": "/usr/bin:/bin", "PAGER": "cat", "TMPDIR": home.path,
        ]
    }

    /// Starts fieldkit on a terminal of `rows` × `columns` and waits for its prompt. `changes`
    /// sets (or, with nil, removes) variables of the test environment.
    func start(
        _ arguments: [String] = ["--demo"], rows: UInt16 = 30, columns: UInt16 = 100, outputPath: String? = nil,
        changes: [String: String?] = [:]
    ) throws -> PseudoTerminal {
        var environment = self.environment
        for (name, value) in changes { environment[name] = value }
        let terminal = try PseudoTerminal(
            REPLTests.binary, arguments, environment: environment, directory: home.path, rows: rows, columns: columns,
            outputPath: outputPath)
        if outputPath == nil {
            try terminal.read(until: "fieldkit> ")
            usleep(150_000)  // let libedit finish setting up the terminal before the first key
        }
        return terminal
    }

    var historyFile: String { home.path + "/.local/state/fieldkit/history" }

    @Test func theBannerNamesTheStoreAndHelp() throws {
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path)
        let banner = try repl.read(until: "fieldkit> ")
        #expect(banner.contains("osh-2007.db"))
        #expect(banner.contains("3 projects"))
        #expect(banner.contains(".help"))
    }

    @Test func tabCompletesASource() throws {
        let repl = try start()
        repl.send("partn\t| count\r")
        let screen = try repl.read(until: "1 row")
        #expect(screen.contains("partners | count"))
        #expect(screen.contains("6"))
    }

    @Test func tabCompletesAnOutcomeID() throws {
        let repl = try start()
        repl.send("show TIP-2007/gro\t\r")
        #expect(try repl.read(until: "outcome TIP-2007/groups").contains("Community-based groups"))
    }

    @Test func tabCompletesAFieldAndAnEnumValue() throws {
        let repl = try start()
        repl.send("set TIP-2007 stat\tfinal\t\r")
        #expect(try repl.read(until: "fieldkit> ").contains("set project TIP-2007: status"))
        repl.send("projects where status = fin\t| columns id, status\r")
        #expect(try repl.read(until: "1 row").contains("finalising"))
    }

    @Test func severalCandidatesAreListed() throws {
        let repl = try start()
        repl.send("show TIP-200\t\t")
        let listing = try repl.read(until: "TIP-2007/trained")
        #expect(listing.contains("TIP-2004"))
        #expect(listing.contains("TIP-2007/awareness"))
    }

    @Test func historySurvivesARestartWithMode0600() throws {
        do {
            let first = try start()
            first.send("partners | count\r")
            try first.read(until: "1 row")
            first.send("\u{4}")
            #expect(try first.waitForExit() == 0)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: historyFile)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("partners | count"))
        let second = try start()
        second.send("\u{1B}[A\r")
        #expect(try second.read(until: "1 row").contains("6"))
    }

    @Test func tabAfterHistoryListsItsWordsWithoutCrashing() throws {
        // Found by the interpreter fuzzer: this Tab once trapped the REPL.
        let repl = try start()
        repl.send("history \t\t")
        let listing = try repl.read(until: "TIP-2007/groups")
        #expect(listing.contains("take"))
        repl.send("\u{15}partners | count\r")
        #expect(try repl.read(until: "1 row").contains("6"))
    }

    @Test func aSymlinkAtTheHistoryPathIsNotFollowed() throws {
        let folder = home.appendingPathComponent(".local/state/fieldkit")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = home.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: historyFile, withDestinationPath: target)
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path)
        let banner = try repl.read(until: "fieldkit> ")
        usleep(150_000)
        #expect(banner.contains("history is not kept in \(historyFile): it is a symbolic link, which is not followed"))
        repl.send("partners | count\r")
        let answer = try repl.read(until: "1 row")
        #expect(!answer.contains("symbolic link"), "said once, not at every statement")
        repl.send("\u{4}")
        #expect(try repl.waitForExit() == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aMultiLineStatementIsRecalledAsOneEntry() throws {
        let repl = try start()
        repl.send("add project M1 title \"first\r")
        try repl.read(until: "...> ")
        repl.send("second\"\r")
        try repl.read(until: "added project M1")
        repl.send("\u{1B}[A\r")
        #expect(try repl.read(until: "error").contains("a project 'M1' already exists"))
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("add project M1 title \"first\\nsecond\""))
    }

    @Test func ctrlCAbandonsAHalfTypedLine() throws {
        let repl = try start()
        repl.send("remove TIP-2004 for")
        repl.send("\u{3}")
        try repl.read(until: "fieldkit> ")
        repl.send("projects | count\r")
        #expect(try repl.read(until: "1 row").contains("3"))
        #expect(kill(repl.process, 0) == 0)
    }

    @Test func ctrlCAbandonsAMultiLineStatement() throws {
        let repl = try start()
        repl.send("add project Z9 title \"never\r")
        try repl.read(until: "...> ")
        repl.send("finished")
        repl.send("\u{3}")
        try repl.read(until: "fieldkit> ")
        repl.send("projects | count\r")
        #expect(try repl.read(until: "1 row").contains("3"))
    }

    @Test func ctrlDLeaves() throws {
        let repl = try start()
        repl.send("\u{4}")
        #expect(try repl.waitForExit() == 0)
    }

    @Test func ctrlDRollsBackAnOpenTransaction() throws {
        let store = home.path + "/office.db"
        do {
            let repl = try start(["--store", store])
            repl.send("begin\r")
            try repl.read(until: "fieldkit*> ")
            repl.send("add project Q1\r")
            try repl.read(until: "added project Q1")
            repl.send("\u{4}")
            #expect(try repl.read(until: "rolled back 1 statement").contains("rolled back"))
            #expect(try repl.waitForExit() == 0)
        }
        let again = try start(["--store", store])
        again.send("projects | count\r")
        #expect(try again.read(until: "1 row").contains("0"))
    }

    @Test func cyrillicIsTypedMovedOverAndDeleted() throws {
        let repl = try start()
        // Type, step back over the closing quote, delete the last letter, type another.
        repl.send("add partner p2 name \"Джалал-Абад\"")
        repl.send("\u{1B}[D")
        repl.send("\u{7F}")
        repl.send("т kind other\r")
        try repl.read(until: "added partner p2")
        repl.send("partners where id = p2 | columns name\r")
        #expect(try repl.read(until: "1 row").contains("Джалал-Абат"))
    }

    @Test func anErrorShowsTheCaretAndTheSessionGoesOn() throws {
        let repl = try start()
        repl.send("link TIP-2007 golden-gaol as implementer\r")
        let error = try repl.read(until: "fieldkit> ")
        #expect(error.contains("repl:1:15: error: no partner 'golden-gaol' (did you mean 'golden-goal'?)"))
        #expect(error.contains("              ^~~~~~~~~~~"))
        repl.send("partners | count\r")
        #expect(try repl.read(until: "1 row").contains("6"))
    }

    @Test func noPagerAndNoEscapesWhenOutputIsNotATerminal() throws {
        let output = home.path + "/out.txt"
        let repl = try start(["--demo"], rows: 8, outputPath: output)
        repl.send("tree\r")
        repl.send(".quit\r")
        #expect(try repl.waitForExit() == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("Ferghana Valley"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.components(separatedBy: "\n").count > 8)
    }

    @Test func longOutputOnATerminalGoesThroughThePager() throws {
        var environment = self.environment
        environment["PAGER"] = "sed s/^/PAGED:/"
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path, rows: 8)
        try repl.read(until: "fieldkit> ")
        repl.send("tree\r")
        #expect(try repl.read(until: "fieldkit> ").contains("PAGED:"))
        repl.send(".pager off\rtree\r")
        let direct = try repl.read(until: "rows")
        #expect(!direct.contains("PAGED:"))
    }
}

@Suite(.serialized, .timeLimit(.minutes(2))) struct REPLStartupTests {
    @Test func theInitFileRunsAtStart() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-init-\(UUID().uuidString)")
        let config = home.appendingPathComponent(".config/fieldkit")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data(".format csv\nlet p = TIP-2007\n".utf8).write(to: config.appendingPathComponent("init.fk"))
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["TERM": "xterm", "LANG": "C.UTF-8", "HOME": home.path, "PATH": "/usr/bin:/bin", "PAGER": "cat", "TMPDIR": home.path]
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path)
        try repl.read(until: "fieldkit> ")
        repl.send("projects where id = $p | columns id, end\r")
        #expect(try repl.read(until: "fieldkit> ").contains("TIP-2007,2008-01"))
    }

    @Test func sigtermLeavesThroughTheNormalPath() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-term-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["TERM": "xterm", "LANG": "C.UTF-8", "HOME": home.path, "PATH": "/usr/bin:/bin", "TMPDIR": home.path]
        let repl = try PseudoTerminal(REPLTests.binary, ["--demo"], environment: environment, directory: home.path)
        try repl.read(until: "fieldkit> ")
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("fieldkit-demo-\(repl.process)").path))
        repl.send("partners | count\r")
        try repl.read(until: "1 row")
        repl.send("proj")
        kill(repl.process, SIGTERM)
        #expect(try repl.waitForExit() == 128 + SIGTERM)
        // The history was saved on the way out.
        let history = home.appendingPathComponent(".local/state/fieldkit/history").path
        #expect(try String(contentsOfFile: history, encoding: .utf8).contains("partners | count"))
        // And the demo's scratch store was removed.
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("fieldkit-demo-\(repl.process)").path))
    }
}
