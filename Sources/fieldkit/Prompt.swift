import FieldKit
import FieldScript
import Foundation
import LineEditor

/// The interactive prompt on libedit: line editing, history, completion, multi-line
/// statements, Ctrl-C to abandon a line, Ctrl-D to leave.
struct Prompt {
    let session: Session
    let console: Console
    let terminal: Terminal
    /// What the banner says the store holds (``PortfolioReader/counts()``).
    let counts: [(kind: String, count: Int)]
    /// The file run when the prompt opens (``initPath`` unless `--init` or `--no-init`); nil for none.
    let initPath: String?

    /// `$XDG_STATE_HOME/fieldkit/history`, by default `~/.local/state/fieldkit/history`.
    static var historyPath: String {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/fieldkit/history"
    }

    /// `$XDG_CONFIG_HOME/fieldkit/init.fk`, by default `~/.config/fieldkit/init.fk`.
    static var initPath: String {
        let environment = ProcessInfo.processInfo.environment
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return config + "/fieldkit/init.fk"
    }

    /// Runs the prompt until `.quit`, Ctrl-D or SIGTERM; returns the exit status.
    func run() -> Int32 {
        let editor: LineEditor
        do { editor = try LineEditor(program: "fieldkit", historyPath: Prompt.historyPath) } catch {
            terminal.error("fieldkit: \(error)\n")
            return 1
        }
        var pending = ""
        let session = self.session
        editor.completer = { before in
            let context = pending.isEmpty ? before : pending.replacingOccurrences(of: "\\\n", with: " ") + "\n" + before
            let completion = Completer(session: session).complete(context)
            return LineEditor.Completion(
                replacing: completion.replacing, candidates: completion.candidates, appendsSpace: completion.appendsSpace)
        }
        console.paging = true
        // Counted by the store: a large one is loaded when a question first needs it, not here.
        let holds = counts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
        terminal.output("FieldKit — \(session.store.location) (\(holds))\nType .help for the statements, Tab to complete, Ctrl-D to leave.\n")
        runInitFile()

        // What others commit meanwhile is said before the next statement runs.
        var seen = session.store.lastSequence
        while !session.shouldQuit {
            let prompt = !pending.isEmpty ? "...> " : session.isInTransaction ? "fieldkit*> " : "fieldkit> "
            switch editor.readLine(prompt: prompt) {
            case .line(let line):
                if let command = PromptCommand(line) {
                    guard let statement = run(command, pending: &pending, editor: editor) else { continue }
                    editor.addHistory(statement)
                    announceArrivals(since: &seen)
                    do { try session.runInteractive(statement) } catch {
                        terminal.error(error.rendered(color: terminal.stderrIsTerminal && console.color, width: terminal.errorColumns))
                    }
                    continue
                }
                pending += pending.isEmpty ? line : "\n" + line
                if pending.trimmingCharacters(in: .whitespaces).isEmpty {
                    pending = ""
                    continue
                }
                if Session.needsMoreInput(pending) { continue }
                let statement = pending
                pending = ""
                editor.addHistory(statement)
                announceArrivals(since: &seen)
                do { try session.runInteractive(statement) } catch {
                    terminal.error(error.rendered(color: terminal.stderrIsTerminal && console.color, width: terminal.errorColumns))
                }
            case .interrupted:
                pending = ""
            case .end:
                if !pending.isEmpty {
                    pending = ""
                    terminal.output("\n")
                    continue
                }
                terminal.output("\n")
                leave()
                return 0
            case .terminated:
                terminal.output("\n")
                leave()
                return 128 + SIGTERM
            }
        }
        leave()
        return 0
    }

    /// Says in one line what other processes (other offices, on a server) committed since
    /// `seen`, the journal's end after the last statement; then moves `seen` on. Entries a
    /// write of this session caught up on are in its own statement's answer already.
    private func announceArrivals(since seen: inout Int64) {
        seen = max(seen, session.store.lastSequence)
        guard let newer = try? session.store.newCommits(after: seen) else { return }
        if let line = Session.arrivals(newer) { terminal.output(line + "\n") }
        seen = newer.last?.sequence ?? seen
    }

    /// Runs a command of the prompt itself; returns a statement to run, if it gives one.
    private func run(_ command: PromptCommand, pending: inout String, editor: LineEditor) -> String? {
        switch command {
        case .history(let count):
            terminal.output(PromptCommand.listing(editor.history, last: count))
            return nil
        case .edit:
            let text = pending.isEmpty ? editor.history.last ?? "" : pending
            pending = ""
            switch StatementEditor.edit(text) {
            case .edited(let statement):
                terminal.output(statement + "\n")
                return statement
            case .unchanged:
                return nil
            case .failed(let message):
                terminal.error("fieldkit: \(message)\n")
                return nil
            }
        case .invalid(let message):
            terminal.error("fieldkit: \(message)\n")
            return nil
        }
    }

    private func leave() {
        if session.isInTransaction {
            do { try session.runInteractive("rollback") } catch { terminal.error(error.rendered(width: terminal.errorColumns)) }
        }
    }

    /// Runs the init file, if there is one: at the prompt only, never for -c, -f or a piped script.
    /// The default file may be missing; one named with `--init` must exist.
    private func runInitFile() {
        guard let path = initPath else { return }
        guard FileManager.default.fileExists(atPath: path) else {
            if path != Prompt.initPath { terminal.error("fieldkit: no init file '\(path)'\n") }
            return
        }
        do {
            let text = try ScriptSource.script(atPath: path)
            try session.runInteractive(text, name: path, origin: path)
        } catch {
            terminal.error(error.rendered(width: terminal.errorColumns))
        }
    }
}
