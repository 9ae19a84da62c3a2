import FieldKit
import FieldScript
import Foundation

/// The interactive prompt: reads statements line by line, continuing a statement while
/// it is open, and shows each error with its caret without leaving.
struct Prompt {
    let session: Session
    let console: Console
    let terminal: Terminal

    mutating func run() {
        let counts = session.portfolio.counts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
        terminal.output("fieldkit — \(session.store.location): \(counts)\nType .help for the statements, .quit or Ctrl-D to leave.\n")
        var pending = ""
        while !session.shouldQuit {
            let prompt = pending.isEmpty ? (session.isInTransaction ? "fieldkit*> " : "fieldkit> ") : "...> "
            terminal.output(prompt)
            guard let line = readLine(strippingNewline: true) else {
                terminal.output("\n")
                if session.isInTransaction {
                    try? session.runInteractive("rollback")
                }
                return
            }
            pending += pending.isEmpty ? line : "\n" + line
            if Session.needsMoreInput(pending) { continue }
            let input = pending
            pending = ""
            do { try session.runInteractive(input) } catch {
                terminal.error(error.rendered(color: terminal.stderrIsTerminal))
            }
        }
    }
}
