import Foundation

/// Shows text through a pager (`$PAGER`, default `less -FRX`) that owns the terminal while
/// it runs (see ``ChildProcess``).
enum Pager {
    /// The pager command: `$PAGER` when set and not empty, else `less -FRX`.
    static var command: String {
        ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
    }

    /// Pages `text`; false when the pager could not be started (the caller then prints it).
    static func show(_ text: String, command: String = Pager.command) -> Bool {
        // 127: the shell found no such pager.
        guard let status = ChildProcess.run(shell: command, input: text) else { return false }
        return status != 127
    }
}
