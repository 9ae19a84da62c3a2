import FieldKit
import Foundation

/// A failed script: what failed (a statement, the source, the store), the diagnostic, and
/// the source it came from so it can be shown with the offending line.
public struct ScriptFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, where.
    public var diagnostic: Diagnostic
    /// The source's name: a file name, `-c`, `repl`.
    public var sourceName: String
    /// The whole source text, for the caret line.
    public var sourceText: String
    /// What failed: a statement, the source itself, or the store. A program decides what
    /// each means to it (the `fieldkit` command turns them into its exit codes).
    public var cause: Cause

    /// What a script failed on.
    public enum Cause: Sendable, Equatable {
        /// A statement: a typo, a refused change, a value out of range.
        case statement
        /// The source itself could not be read: no such file, a folder, a device that fails.
        case unreadableSource
        /// The store: it could not be opened, read or written.
        case store(StoreError)
    }

    /// Creates a failure.
    ///
    /// - Parameters:
    ///   - diagnostic: what went wrong, where.
    ///   - sourceName: the source's name: a file name, `-c`, `repl`.
    ///   - sourceText: the whole source, for the caret line; empty when there is no line to show.
    ///   - cause: what failed; a statement unless said otherwise.
    init(diagnostic: Diagnostic, sourceName: String, sourceText: String, cause: Cause = .statement) {
        self.diagnostic = diagnostic
        self.sourceName = sourceName
        self.sourceText = sourceText
        self.cause = cause
    }

    /// `monthly.fk:12:8: no partner 'golden-gaol' (did you mean 'golden-goal'?)`.
    public var description: String { "\(sourceName):\(diagnostic.description)" }

    /// The failure rendered as a compiler shows an error: `name:line:column: error: …`, then
    /// the offending line with a caret under the text at fault, wrapped to `width` columns
    /// when given. A failure of the whole source (``sourceText`` empty) shows no line.
    ///
    /// - Parameters:
    ///   - color: whether to colour it with ANSI escapes, for a terminal.
    ///   - width: the terminal's width: the message wraps under its first word and the
    ///     source line is cut to fit; nil for no limit.
    /// - Returns: the text, ending with a newline.
    public func rendered(color: Bool = false, width: Int? = nil) -> String {
        DiagnosticRenderer(color: color, width: width).render(diagnostic, source: sourceName, text: sourceText)
    }
}

/// An accepted statement the user should hear about: a record dated after today, say.
public struct Warning: Sendable, Hashable, CustomStringConvertible {
    /// What to know, and where.
    public var diagnostic: Diagnostic
    /// The source's name: a file name, `-c`, `repl`.
    public var sourceName: String

    /// Creates a warning.
    init(diagnostic: Diagnostic, sourceName: String) {
        self.diagnostic = diagnostic
        self.sourceName = sourceName
    }

    /// `monthly.fk:3:24: warning: 2007-12-15 is after today …`.
    public var description: String { "\(sourceName):\(diagnostic.location): warning: \(diagnostic.summary)" }

    /// The warning on one line, the word `warning:` in yellow when colour is on.
    ///
    /// - Parameter color: whether to colour it with ANSI escapes, for a terminal.
    /// - Returns: `name:line:column: warning: …` and a newline.
    public func rendered(color: Bool = false) -> String {
        let label = color ? "\u{1B}[1;33mwarning:\u{1B}[0m" : "warning:"
        return "\(sourceName):\(diagnostic.location): \(label) \(diagnostic.summary)\n"
    }
}

/// What a script committed: how many statements, what they changed, which journal entries.
///
/// A count and a tally rather than the entries themselves: a store may write a long
/// script's entries as it goes and not hold them all.
public struct ScriptReport: Sendable, Equatable {
    /// How many statements were journaled.
    public var statements: Int
    /// What they changed: its `description` is the summary line
    /// (`add 2 projects (A, B)`).
    public var tally: ChangeTally
    /// The journal sequence numbers they were given; nil when nothing was journaled.
    public var sequences: ClosedRange<Int64>?

    /// Nothing committed.
    static let nothing = ScriptReport(statements: 0, tally: ChangeTally(), sequences: nil)

    /// Creates a report.
    init(statements: Int, tally: ChangeTally, sequences: ClosedRange<Int64>?) {
        self.statements = statements
        self.tally = tally
        self.sequences = sequences
    }
}

/// Settings a session runs with; `.format`, `.today`, `.echo`, `.timer` and `.output` change them.
public struct SessionSettings: Sendable {
    /// How results are rendered.
    public var format: Format = .table
    /// The day that `today` means; nil for the real date.
    public var today: Day?
    /// Whether each statement is shown before it runs.
    public var echo = false
    /// Whether each statement's run time is shown.
    public var timer = false
    /// Where results go (`.output "file"`); nil for standard output.
    public var outputPath: String?
    /// Who the journal says made the changes.
    public var actor: String = JournalDraft.defaultActor
    /// Whether change confirmations (`added project …`) are shown.
    public var confirmChanges = true
    /// Whether long results at the prompt go through `$PAGER` (`.pager on|off`).
    public var pager = true
    /// Whether csv and tsv start with a header line and tables end with `N rows`
    /// (`.headers on|off`, `--no-header`).
    public var headers = true
    /// When tables are drawn vertically (`.expanded on|off|auto`).
    public var expanded: Expanded = .auto

    /// Default settings.
    public init() {}
}

/// One user's conversation with a store: it parses and runs statements, keeps variables,
/// an open transaction and the statements it may undo, and hands every result to ``emit``.
///
/// Not thread-safe: a session belongs to one REPL or one script run.
public final class Session {
    /// The store statements run against.
    public let store: any PortfolioReader
    /// The current settings.
    public var settings: SessionSettings
    /// Variables from `let` and `--set`, by name.
    public var variables: [String: String] = [:]
    /// Receives every result and message.
    public var emit: (Output) -> Void
    /// Receives warnings; when nil, they are emitted as messages.
    public var onWarning: ((Warning) -> Void)?
    /// The name of the source being run, for warnings: a file, `-c`, `repl`.
    var sourceName = "repl"
    /// While a script runs, its warnings, given out only if it succeeds.
    var heldWarnings: [Warning]?
    /// Folder that relative paths (`.read`, `export`) are resolved against.
    public var directory: URL
    /// Set by `.quit`.
    public internal(set) var shouldQuit = false

    /// The open transaction of `begin`, with its statements applied to a private copy.
    var transaction: WriteBatch?
    /// This session's committed statements, newest last, for `undo`.
    var undoable: [JournalEntry] = []
    /// Whether statements are being run as a script (inside one write).
    var inScript = false
    /// Within a script, the open `begin`: how many statements came before it, and where it
    /// was written.
    var begun: (count: Int, location: SourceLocation, source: String)?
    /// Files being read, to refuse `.read` loops.
    var readStack: [String] = []
    /// The real date and when it was asked, so that it is computed once a second at most.
    var realToday: (Day, Date)?
    /// What this session's queries share while the portfolio stays the same.
    let queryCache = QueryCache()
    /// Where exports go: written at once at the prompt, held until a script commits.
    let exports = ExportSink()

    /// Creates a session on `store`.
    ///
    /// - Parameters:
    ///   - store: what statements run against; a reader alone refuses every change.
    ///   - settings: the format, `today`, the actor and the rest; `.format` and the other
    ///     session commands change them later.
    ///   - emit: receives every result and message, in order.
    public init(store: any PortfolioReader, settings: SessionSettings = SessionSettings(), emit: @escaping (Output) -> Void = { _ in }) {
        self.store = store
        self.settings = settings
        self.emit = emit
        self.directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        exports.protected = store.files
    }

    /// Whether a `begin` is waiting for `commit` or `rollback`.
    public var isInTransaction: Bool { transaction != nil }

    /// The day `today` means now.
    public var today: Day {
        if let day = settings.today { return day }
        // Asking the calendar for every statement of a large script was measurable; a day lasts long enough.
        let now = Date()
        if let (day, at) = realToday, now.timeIntervalSince(at) < 1 { return day }
        let day = Day.today(now: now)
        realToday = (day, now)
        return day
    }

    /// The portfolio as this session sees it: with its open transaction's changes.
    public var portfolio: Portfolio {
        get throws(StoreError) {
            if let transaction { return transaction.portfolio }
            return try store.portfolio
        }
    }

    /// The store as a writer: a store opened read-only is a reader only, and refuses every change.
    func writer() throws(StoreError) -> any PortfolioWriter {
        guard let writer = store as? any PortfolioWriter else {
            throw StoreError(.readOnly, path: store.location, "the store is open read-only; changes are refused")
        }
        return writer
    }

    // MARK: Running

    /// Runs `source` as a script: every statement in one transaction, all or nothing.
    ///
    /// The first failing statement stops the script and nothing it changed is kept. With
    /// `dryRun`, everything runs, a summary of what would change is emitted, and nothing is kept.
    /// Results and warnings are handed on once the script has run: a script that fails gives
    /// only its failure.
    ///
    /// - Parameters:
    ///   - source: the script's text; handed over, so a long one is not held twice.
    ///   - name: the source's name in errors and warnings: a file name, `-c`.
    ///   - origin: what the journal records as each statement's origin; by default
    ///     `name:line`.
    ///   - dryRun: run everything and keep nothing.
    /// - Returns: how many statements were journaled and what they changed.
    /// - Throws: ``ScriptFailure`` for the first statement that fails, the source, or the store.
    @discardableResult
    public func runScript(_ source: consuming String, name: String, origin: String? = nil, dryRun: Bool = false) throws(ScriptFailure) -> ScriptReport {
        // The text is handed over and lives on as the stream's bytes only: a script of
        // 77 MB is not held twice while it runs.
        var stream = StatementStream(source)
        let undoBefore = undoable
        let variablesBefore = variables
        // What a run that keeps nothing must leave as it found it.
        func forgetRun() {
            undoable = undoBefore
            variables = variablesBefore
        }
        // Results wait until the script has run: a script that fails shows only its error,
        // never the confirmations of changes that were then rolled back.
        let deliver = emit
        var held: [Output] = []
        emit = { held.append($0) }
        // Warnings wait too: a record "kept" by a script that then fails was not kept.
        heldWarnings = []
        func release() {
            held.forEach(deliver)
            let warnings = heldWarnings ?? []
            heldWarnings = nil
            warnings.forEach(deliverWarning)
        }
        inScript = true
        begun = nil
        // Exports wait for the script to succeed: none is written by one that fails, or by a dry run.
        let exportMode = exports.mode
        exports.mode = dryRun ? .dryRun : .held
        defer {
            inScript = false
            begun = nil
            emit = deliver
            heldWarnings = nil
            exports.discard()
            exports.mode = exportMode
        }
        // A script of one statement (every -c, most prompt lines) is lexed and parsed once:
        // what it may write or read, and how narrowly, is decided from its tree, and the
        // stream then hands out that tree instead of reading the text again.
        let sole = stream.takeSole()
        let (writes, readsJournal, _) = sole.map(StatementStream.scan) ?? stream.scan()
        do {
            guard writes || dryRun else {
                // Only questions: answer them from the latest state without taking the write lock,
                // each from the narrowest read that answers it. Settings alone read nothing, so
                // `.help` runs where no store is yet.
                try answerAll(&stream, name: name, origin: origin)
                try exports.commit(try exports.stageHeld())
                release()
                return .nothing
            }
            if !dryRun, let project = sole.flatMap(changeNarrowing) {
                // One change to one project: read that project, not the whole store. Only what
                // the read cannot settle — another entity, a missing project — runs again below
                // on all of it. A user's error, or a store that stayed busy past its timeout, is
                // reported at once: the read holds every partner and region and the project
                // whole, so its messages and suggestions are those of the whole portfolio.
                var attempt = stream
                do {
                    let (report, staged) = try writer().write(onProject: project) { batch in
                        try run(&attempt, name: name, origin: origin, batch: &batch)
                        return (ScriptReport(statements: batch.count, tally: batch.tally, sequences: batch.sequences), try exports.stageHeld())
                    }
                    try exports.commit(staged)
                    release()
                    return report
                } catch is WholePortfolioNeeded {
                    forgetRun()
                    held.removeAll()
                    heldWarnings = []
                    exports.discard()
                }
            }
            var staged: [(StagedFile, String)] = []
            let report = try writer().write { batch in
                // A script that reads the journal sees its own statements in it: they stay in memory.
                try run(&stream, name: name, origin: origin, batch: &batch, holdAll: readsJournal)
                if dryRun {
                    emit(.message(Session.summary(of: batch.tally, dryRun: true)))
                    throw DryRun()
                }
                // Written beside their targets before the commit, put in place after it.
                staged = try exports.stageHeld()
                return ScriptReport(statements: batch.count, tally: batch.tally, sequences: batch.sequences)
            }
            do { try exports.commit(staged) } catch {
                // The changes are kept; only the files failed, and the error says which.
                release()
                throw error
            }
            release()
            return report
        } catch is DryRun {
            forgetRun()
            release()
            return .nothing
        } catch {
            forgetRun()
            throw failure(error, name: name, source: stream.text)
        }
    }

    /// For a script that is one change to one project — `set`/`unset` on it, `record` on one of
    /// its outcomes, `note` on it, `link`/`unlink` of it — that project's id; nil otherwise.
    private func changeNarrowing(_ first: ParsedStatement) -> ProjectID? {
        let evaluator = Evaluator(portfolio: Portfolio(), variables: variables, today: today)
        switch first.statement {
        case .set(let kind, let id, _) where kind.map({ $0.value == .project }) ?? true,
            .unset(let kind, let id, _) where kind.map({ $0.value == .project }) ?? true:
            return (try? evaluator.text(id)).map { ProjectID($0) }
        case .record(let outcome, _, _, _, _, _):
            return (try? evaluator.text(outcome)).flatMap { OutcomeID($0)?.project }
        case .note(let project, _, _), .link(let project, _, _, _), .unlink(let project, _, _):
            return (try? evaluator.text(project)).map { ProjectID($0) }
        default:
            return nil
        }
    }

    /// What a question is answered from: a narrowed read when one is given and answers it,
    /// else the latest portfolio, whole.
    func questionView(_ narrowing: (ProjectScope, ProjectDetail)?) throws(StoreError) -> ReadView {
        if let narrowing, let slice = try narrowedView(narrowing) { return slice }
        return try wholeView()
    }

    /// The projects a question reads (`PortfolioReader/portfolio(covering:detail:)`); nil
    /// when the one project it names is not there, which is reported with the nearest ids,
    /// from all of them.
    func narrowedView(_ narrowing: (ProjectScope, ProjectDetail)) throws(StoreError) -> ReadView? {
        let (scope, detail) = narrowing
        let slice = try store.portfolio(covering: scope, detail: detail)
        if case .project(let id) = scope, slice.projects[id] == nil { return nil }
        return ReadView(portfolio: slice)
    }

    /// The latest portfolio, whole.
    func wholeView() throws(StoreError) -> ReadView {
        try store.refresh()
        return ReadView(portfolio: try store.portfolio)
    }

    /// For a query on some of the projects, `show X` or `progress X` of a project or an
    /// outcome, `history project X` or the whole history: which projects and what of them
    /// it reads.
    func narrowing(_ statement: ParsedStatement) -> (ProjectScope, ProjectDetail)? {
        // Ids and literals only: nothing the narrowing reads depends on the portfolio.
        let evaluator = Evaluator(portfolio: Portfolio(), variables: variables, today: today)
        // The project an id names, or the project of the outcome it names.
        func project(of id: Expression) -> ProjectID? {
            (try? evaluator.text(id)).map { OutcomeID($0)?.project ?? ProjectID($0) }
        }
        switch statement.statement {
        case .history(nil, nil, _, _, _):
            // History of everything reads the journal and no project.
            return (.none, [])
        case .show(let kind, let id, _) where kind.map({ $0.value == .project || $0.value == .outcome }) ?? true:
            // That project, with all it holds: enough for its card, or an outcome's. Without a
            // kind the id may name a partner or a region, whose cards list projects: those
            // find no project in the read (every partner and region is in it, so an id that
            // names a project and a partner is refused as on the whole), and run on all of it.
            return project(of: id).map { (.project($0), .all) }
        case .progress(let id?, nil, _, _):
            // One project's outcomes, or one outcome: that project with all it holds.
            return project(of: id).map { (.project($0), .all) }
        case .history(let kind?, let id?, _, _, _) where kind.value == .project:
            // That project alone: its history is in the journal.
            return (try? evaluator.text(id)).map { (.project(ProjectID($0)), []) }
        case .query(let query) where query.source.value == .projects:
            let scope = QueryScope.of(query, evaluator: evaluator)
            let detail = QueryScope.detail(of: query)
            // Some projects, or every project without all it holds (`projects | count` reads the
            // projects table, not a million records).
            return scope.narrows || detail != .all ? (scope, detail) : nil
        default:
            return nil
        }
    }

    /// Runs `source` statement by statement, as typed in the REPL: each change commits on
    /// its own (or joins the open transaction); the first failure stops the rest of the input.
    ///
    /// - Parameters:
    ///   - source: one line or more, as typed.
    ///   - name: the source's name in errors and warnings.
    ///   - origin: what the journal records as the statements' origin.
    /// - Throws: ``ScriptFailure`` for the first statement that fails; the ones before it stay.
    public func runInteractive(_ source: String, name: String = "repl", origin: String = "repl") throws(ScriptFailure) {
        let statements = try parse(source, name: name)
        for statement in statements {
            if shouldQuit { return }
            do {
                try runInteractive(statement, source: source, name: name, origin: origin)
            } catch {
                throw failure(error, name: name, source: source)
            }
        }
    }

    func parse(_ source: String, name: String) throws(ScriptFailure) -> [ParsedStatement] {
        do { return try Parser.parse(source) } catch {
            throw ScriptFailure(diagnostic: error, sourceName: name, sourceText: source)
        }
    }

    /// Converts anything thrown while running into a failure with a source to show.
    func failure(_ error: any Error, name: String, source: String) -> ScriptFailure {
        switch error {
        case let failure as ScriptFailure: return failure
        case let diagnostic as Diagnostic:
            return ScriptFailure(diagnostic: diagnostic, sourceName: name, sourceText: source)
        case let storeError as StoreError:
            return ScriptFailure(
                diagnostic: Diagnostic(storeError.description, at: SourceLocation(line: 1, column: 1)),
                sourceName: name, sourceText: "", cause: .store(storeError))
        default:
            return ScriptFailure(diagnostic: Diagnostic("\(error)", at: SourceLocation(line: 1, column: 1)), sourceName: name, sourceText: "")
        }
    }

    private struct DryRun: Error {}

    /// `would add 2 projects (A, B); update 1 partner (x)`.
    static func summary(of changes: [Change], dryRun: Bool = false) -> String {
        summary(of: ChangeTally(changes), dryRun: dryRun)
    }

    /// The summary line of a tally: `add 2 projects (A, B)`, or with `dryRun`, what would be added.
    package static func summary(of tally: ChangeTally, dryRun: Bool = false) -> String {
        guard !tally.isEmpty else { return dryRun ? "dry run: nothing would change" : "nothing changed" }
        return (dryRun ? "dry run, nothing kept: would " : "") + tally.description
    }
}

extension Session {
    /// Whether `text` leaves a statement open (a trailing `\`, an open quote or bracket),
    /// so an interactive reader should ask for another line.
    package static func needsMoreInput(_ text: String) -> Bool { Lexer.needsMoreInput(text) }
}
