import ArgumentParser
import FieldKit
import FieldKitPostgres
import FieldKitStore
import FieldScript
import Foundation

/// `fieldkit`: query and update a field office's projects from scripts, `-c` statements
/// or an interactive prompt.
struct FieldKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldkit",
        abstract: "Track the projects, partners, regions and outcomes of a field office.",
        discussion: """
            With -c or -f, runs those statements and exits. With standard input that is not a terminal, \
            runs it as a script. Otherwise opens the interactive prompt. A script is all or nothing: \
            the first error stops it and nothing it changed is kept.
            Exit codes: 0 success, 1 a statement failed, 2 usage error, 3 the store could not be opened or is damaged.
            Shell completion: fieldkit --generate-completion-script bash|zsh|fish prints a script for your shell.
            """,
        version: "fieldkit 0.2.0")

    @Option(
        name: .long, help: ArgumentHelp("The store file, or a server: postgresql://user@host/database (default $FIELDKIT_STORE, else ./fieldkit.db; created on first write).", valueName: "path|url"),
        completion: .file())
    var store: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run a statement; repeatable, each in its own transaction.", valueName: "statement"))
    var statements: [String] = []

    @Option(name: .customShort("f"), help: ArgumentHelp("Run a script file; repeatable.", valueName: "file"), completion: .file())
    var files: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Output format: \(Format.list).", valueName: "format"),
        completion: .list(Format.allCases.map(\.rawValue)))
    var format: String?

    @Flag(name: .long, help: "Leave out the header line of csv and tsv and the 'N rows' line of tables.")
    var noHeader = false

    @Flag(name: .long, help: "Open the store in SQLite's read-only mode.")
    var readOnly = false

    @Flag(name: .long, help: "Run everything, show what would change, and keep nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("The day 'today' means, for reproducible answers.", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Who the journal says made the changes (default $USER).", valueName: "name"))
    var actor: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a variable: --set month=2007-09; repeatable.", valueName: "name=value"))
    var variables: [String] = []

    @Flag(name: .long, help: "Open a temporary store holding the Osh 2007 scenario.")
    var demo = false

    @Flag(name: .long, help: "Never colour the output (NO_COLOR and --color never do the same).")
    var noColor = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "When tables use colour: auto (on a terminal, unless NO_COLOR is set), always (into a pipe too), or never. Data formats never do.",
            valueName: "when"))
    var color: ColorChoice = .auto

    @Option(
        name: .customLong("init"),
        help: ArgumentHelp("Run this file when the prompt opens, instead of ~/.config/fieldkit/init.fk.", valueName: "file"),
        completion: .file())
    var initFile: String?

    @Flag(name: [.customShort("X"), .customLong("no-init")], help: "Do not run an init file when the prompt opens.")
    var noInit = false

    mutating func validate() throws {
        if let format, Format(rawValue: format.lowercased()) == nil {
            throw ValidationError("unknown format '\(format)'; use \(Format.list)")
        }
        if let today {
            do { _ = try Day(parsing: today) } catch { throw ValidationError("--today \(error.description)") }
        }
        for assignment in variables where !assignment.contains("=") || assignment.hasPrefix("=") {
            throw ValidationError("--set takes name=value, not '\(assignment)'")
        }
        if demo && store != nil { throw ValidationError("--demo uses a temporary store; leave out --store") }
        if noInit && initFile != nil { throw ValidationError("--no-init and --init contradict each other; give one") }
    }

    func run() throws {
        let terminal = Terminal()
        let color: Bool = switch self.color {
        case .always: !noColor
        case .never: false
        case .auto: terminal.stdoutIsTerminal && !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
        // The demo's store is scratch: gone when fieldkit ends, however it ends short of a kill.
        defer { if demo { try? FileManager.default.removeItem(at: demoFolder) } }
        let store: any PortfolioReader
        do {
            store = try openStore()
        } catch let error as StoreError {
            terminal.error("fieldkit: \(error)\n")
            throw ExitCode(3)
        }

        var settings = SessionSettings()
        settings.format = format.flatMap { Format(rawValue: $0.lowercased()) } ?? .table
        settings.today = try today.map { try Day(parsing: $0) }
        if let actor { settings.actor = actor }
        settings.headers = !noHeader
        let session = Session(store: store, settings: settings)
        for assignment in variables {
            let parts = assignment.split(separator: "=", maxSplits: 1)
            session.variables[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let console = Console(session: session, terminal: terminal, color: color)
        session.emit = { console.write($0) }
        // Warnings go to standard error, so that a script's output stays clean data.
        session.onWarning = { terminal.error($0.rendered(color: terminal.stderrIsTerminal && color)) }

        if demo { try seedDemo(session) }

        var failed: ScriptFailure?
        func attempt(_ body: () throws(ScriptFailure) -> Void) {
            guard failed == nil else { return }
            do { try body() } catch { failed = error }
        }
        for statement in statements {
            attempt { () throws(ScriptFailure) in
                try session.runScript(try ScriptSource.script(checking: statement, name: "-c"), name: "-c", origin: "-c", dryRun: dryRun)
            }
        }
        // Scripts run quietly, like sqlite3; a summary of what they changed goes to standard error.
        session.settings.confirmChanges = false
        func report(_ name: String, _ report: ScriptReport) {
            guard report.statements > 0 else { return }
            let statements = "\(report.statements) statement\(report.statements == 1 ? "" : "s")"
            terminal.error("\(name): committed \(statements): \(Session.summary(of: report.tally))\n")
        }
        for file in files {
            attempt { () throws(ScriptFailure) in
                report(file, try session.runScript(try ScriptSource.script(atPath: file), name: file, dryRun: dryRun))
            }
        }
        var promptStatus: Int32 = 0
        if statements.isEmpty && files.isEmpty {
            if terminal.stdinIsTerminal {
                let counts: [(kind: String, count: Int)]
                do { counts = try store.counts() } catch {
                    terminal.error("fieldkit: \(error)\n")
                    throw ExitCode(3)
                }
                session.settings.confirmChanges = true
                let initPath = noInit ? nil : initFile ?? Prompt.initPath
                promptStatus = Prompt(session: session, console: console, terminal: terminal, counts: counts, initPath: initPath).run()
            } else {
                attempt { () throws(ScriptFailure) in
                    let text = try ScriptSource.script(descriptor: STDIN_FILENO, name: "stdin")
                    report("stdin", try session.runScript(text, name: "stdin", dryRun: dryRun))
                }
            }
        }
        let written = console.finish()
        if let failed {
            terminal.error(failed.rendered(color: terminal.stderrIsTerminal && color, width: terminal.errorColumns))
            throw ExitCode(FieldKitCommand.exitCode(of: failed))
        }
        if promptStatus != 0 { throw ExitCode(promptStatus) }
        if !written { throw ExitCode(1) }
    }

    /// The exit code of a failed script, as the help states it: 1 for a statement, 2 for a
    /// script that could not be read (a usage error), 3 for a store that could not be opened
    /// or is damaged. A store that refused a write (read-only, busy) is a statement's failure.
    static func exitCode(of failure: ScriptFailure) -> Int32 {
        switch failure.cause {
        case .statement: 1
        case .unreadableSource: 2
        case .store(let error): [.damaged, .cannotOpen, .missing, .notAStore, .newerVersion].contains(error.code) ? 3 : 1
        }
    }

    /// Where `--demo` keeps its store while fieldkit runs.
    private var demoFolder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-demo-\(ProcessInfo.processInfo.processIdentifier)")
    }

    private func openStore() throws -> any PortfolioReader {
        if demo {
            try? FileManager.default.removeItem(at: demoFolder)
            try FileManager.default.createDirectory(at: demoFolder, withIntermediateDirectories: true)
            return try SQLiteStore(path: demoFolder.appendingPathComponent("osh-2007.db").path)
        }
        let path = store ?? ProcessInfo.processInfo.environment["FIELDKIT_STORE"] ?? "fieldkit.db"
        if PostgresLocation.isURL(path) {
            let server: PostgresLocation
            do { server = try PostgresLocation(path) } catch {
                // The URL itself is not repeated: it may hold a password.
                throw StoreError(.cannotOpen, path: "--store", "the server's URL cannot be read: \(error.message)")
            }
            let opened = try PostgresStore(server, readOnly: readOnly)
            if actor != nil {
                FileHandle.standardError.write(Data(
                    "fieldkit: --actor is ignored on a server store: the journal names the role the server logged in, \(opened.role)\n".utf8))
            }
            return opened
        }
        if !readOnly && !FileManager.default.fileExists(atPath: path) {
            let prompt = statements.isEmpty && files.isEmpty && isatty(STDIN_FILENO) == 1
            return LazyStore(path: path, questionsNeedAStore: !prompt)
        }
        // Loaded on first need: a one-shot question then reads only the projects it is about.
        if readOnly { return try SQLiteReader(path: path, deferLoading: true) }
        return try SQLiteStore(path: path, deferLoading: true)
    }

    private func seedDemo(_ session: Session) throws {
        let script = String(decoding: PackageResources.osh_2007_fk, as: UTF8.self)
        // A session of its own, so that the user's first undo does not undo the scenario.
        var settings = SessionSettings()
        settings.confirmChanges = false
        settings.actor = session.settings.actor
        let seeding = Session(store: session.store, settings: settings)
        do { try seeding.runScript(script, name: "osh-2007.fk", origin: nil) } catch {
            FileHandle.standardError.write(Data(error.rendered().utf8))
            throw ExitCode(1)
        }
        if session.settings.today == nil { session.settings.today = try Day(parsing: "2007-12-01") }
    }
}

/// `--color`: when the table formats may use ANSI colour.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never
}
