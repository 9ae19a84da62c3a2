import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's standard streams, and whether each is a terminal.
struct Terminal {
    let stdinIsTerminal = isatty(STDIN_FILENO) == 1
    let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    func output(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    func error(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
