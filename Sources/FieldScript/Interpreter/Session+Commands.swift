import FieldKit
import Foundation

extension Session {
    /// Runs a session command: `.help`, `.format`, `.output`, `.timer`, `.echo`, `.today`,
    /// `.store`, `.check`, `.pager`, `.headers`, `.expanded`, `.quit`. `.read`, which may
    /// write, takes the script's batch: ``read(_:_:batch:)``.
    func command(_ command: Located<SessionCommand>, _ arguments: [Token], view: ReadView) throws {
        let name = command.token
        let word = command.value.rawValue
        func argument(_ what: String) throws(Diagnostic) -> Token {
            guard let first = arguments.first else {
                throw Diagnostic("\(word) needs \(what)", at: name.location, length: name.length)
            }
            return first
        }
        func onOff() throws(Diagnostic) -> Bool {
            let token = try argument("on or off")
            switch token.text.lowercased() {
            case "on": return true
            case "off": return false
            default:
                throw Diagnostic(
                    "\(word) takes on or off", at: token.location, length: token.length,
                    suggestion: Spelling.nearest(to: token.text, in: ["on", "off"]))
            }
        }
        switch command.value {
        case .help:
            let topic = arguments.map(\.text).joined(separator: " ")
            guard let text = Help.text(for: topic) else {
                let first = arguments[0]
                throw Diagnostic(
                    "no help on '\(topic)'; .help lists the topics", at: first.location, length: first.length,
                    suggestion: Spelling.nearest(to: topic, in: Help.topics.map(\.name)))
            }
            emit(.message(text))
        case .format:
            guard let token = arguments.first else {
                emit(.message("format \(settings.format.rawValue)"))
                return
            }
            guard let format = Format(rawValue: token.text.lowercased()) else {
                throw Diagnostic(
                    "no format '\(token.text)'; use \(Format.list)", at: token.location,
                    length: token.length, suggestion: Spelling.nearest(to: token.text, in: Format.allCases.map(\.rawValue)))
            }
            settings.format = format
        case .output:
            if let token = arguments.first {
                let path = URL(fileURLWithPath: token.text, relativeTo: directory).path
                // Checked before the file is opened, which empties it: `.output "fieldkit.db"`
                // once replaced the store with the answers written after it.
                do { try FileWriter.check(path, shownAs: token.text, against: exports.protected) } catch {
                    throw Diagnostic(error.description, at: token.location, length: token.length)
                }
                // Emptied in place, not replaced: Foundation's createFile writes a new file and
                // renames it over the old, which turned `/dev/full` into a plain file.
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
                guard descriptor >= 0 else {
                    throw Diagnostic(
                        "cannot write to '\(token.text)': \(String(cString: strerror(errno)))", at: token.location, length: token.length)
                }
                close(descriptor)
                settings.outputPath = path
            } else {
                settings.outputPath = nil
            }
        case .timer:
            settings.timer = try onOff()
        case .echo:
            settings.echo = try onOff()
        case .pager:
            settings.pager = try onOff()
        case .headers:
            settings.headers = try onOff()
        case .expanded:
            guard let token = arguments.first else {
                emit(.message("expanded \(settings.expanded.rawValue)"))
                return
            }
            guard let expanded = Expanded(rawValue: token.text.lowercased()) else {
                throw Diagnostic(
                    ".expanded takes on, off or auto", at: token.location, length: token.length,
                    suggestion: Spelling.nearest(to: token.text, in: Expanded.allCases.map(\.rawValue)))
            }
            settings.expanded = expanded
        case .today:
            if let token = arguments.first {
                let evaluator = Evaluator(portfolio: view.portfolio, variables: variables, today: today)
                let rest = arguments.dropFirst()
                let expression: Expression = rest.count == 2 ? .offset(base: token, sign: rest[rest.startIndex], amount: rest[rest.startIndex + 1]) : .token(token)
                // Set quietly, as .format is: an init file that sets it prints nothing at every start.
                settings.today = try evaluator.day(expression)
                return
            }
            emit(.message("today is \(today)\(settings.today == nil ? "" : " (set)")"))
        case .store:
            let portfolio = view.portfolio
            let counts = portfolio.counts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
            var lines = ["store \(store.location)\(store is any PortfolioWriter ? "" : " (read-only)")", counts, "journal at entry \(store.lastSequence)"]
            if let open = transaction { lines.append("transaction open with \(open.entries.count) statement(s)") }
            emit(.message(lines.joined(separator: "\n")))
        case .check:
            emit(.message(try check(view, at: name)))
        case .read:
            // Outside a script and a transaction (at the prompt): the file runs as a script of its own.
            try read(command, arguments) { text, name in try runScript(text, name: name) }
        case .quit:
            shouldQuit = true
        case .set:
            // With a name and a value it is a change, and runs as one; alone it lists the settings.
            emit(.message(Session.describe(view.portfolio.thresholds)))
        case .history, .edit:
            // The prompt answers these itself; a script or -c has no typed lines to show or edit.
            throw Diagnostic("\(word) works at the interactive prompt only", at: name.location, length: name.length)
        }
    }

    /// Checks the store: the engine's own integrity check, a journal numbered 1, 2, 3… without
    /// gaps, and that replaying it, then the statements not yet committed, gives the current
    /// state with every invariant holding. Any problem fails the statement (exit code 1).
    private func check(_ view: ReadView, at name: Token) throws -> String {
        var problems = try store.integrityProblems().prefix(10).map { "the database: \($0)" }
        let journal = try store.journal()
        var expected: Int64 = 1
        for entry in journal {
            if entry.sequence != expected {
                let missing = entry.sequence < expected ? "entry \(entry.sequence) comes out of order"
                    : entry.sequence == expected + 1 ? "entry \(expected) is missing" : "entries \(expected)…\(entry.sequence - 1) are missing"
                problems.append("the journal has a gap before entry \(entry.sequence): \(missing)")
            }
            expected = entry.sequence + 1
        }
        var replayed = Portfolio()
        var replays = true
        for entry in journal + view.pending {
            do { try replayed.apply(all: entry.changes) } catch {
                problems.append("journal entry \(entry.sequence) (\(entry.origin)) does not replay: \(error)")
                replays = false
                break
            }
        }
        if replays, replayed != view.portfolio {
            problems.append("replaying the \(journal.count) journal entries does not give the stored state")
        }
        // The indexes of what was loaded and of what was replayed, rebuilt and compared.
        problems += view.portfolio.invariantViolations().prefix(10).map { "the stored state: \($0)" }
        if replays { problems += replayed.invariantViolations().prefix(10).map { "the replayed journal: \($0)" } }
        guard problems.isEmpty else {
            throw Diagnostic("the store check found \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n  " + problems.joined(separator: "\n  "), at: name.location, length: name.length)
        }
        let count = view.pending.count
        let pending = count == 0 ? "" : " (and \(count) statement\(count == 1 ? "" : "s") not yet committed)"
        let engine = store.files.isEmpty ? "" : "; the database passes its integrity check"
        return "ok: \(journal.count) journal entries replay to the stored state\(pending); every invariant holds\(engine)"
    }

    /// `.read "file"`: reads the file, then hands its text and name to `run`, which joins
    /// it to the script or transaction it is read from, or runs it as a script of its own.
    func read(_ command: Located<SessionCommand>, _ arguments: [Token], run: (String, String) throws -> Void) throws {
        guard let token = arguments.first else {
            throw Diagnostic(".read needs a file name in quotes", at: command.location, length: command.length)
        }
        let path = URL(fileURLWithPath: token.text, relativeTo: directory).standardizedFileURL.path
        guard !readStack.contains(path) else {
            throw Diagnostic("'\(token.text)' is already being read; .read cannot loop", at: token.location, length: token.length)
        }
        guard readStack.count < SourceLimits.readDepth else {
            let names = readStack.map { ($0 as NSString).lastPathComponent }
            let chain = names.count > 6 ? names.prefix(3) + ["…"] + names.suffix(3) : names[...]
            throw Diagnostic(
                ".read nests deeper than \(SourceLimits.readDepth) files: \((chain + [token.text]).joined(separator: " → "))",
                at: token.location, length: token.length)
        }
        let text: String
        do { text = try ScriptSource.read(path: path) } catch {
            // Bad bytes or a long line inside the file are shown there, not at the .read.
            if error.location != nil { throw ScriptSource.failure(error, name: token.text, cause: .statement) }
            // Named as written, not by the absolute path it was resolved to.
            throw Diagnostic(error.message.replacingOccurrences(of: path, with: token.text), at: token.location, length: token.length)
        }
        readStack.append(path)
        defer { readStack.removeLast() }
        try run(text, token.text)
    }
}
