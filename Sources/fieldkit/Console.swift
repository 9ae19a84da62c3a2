import FieldScript
import Foundation

/// Renders a session's results in its current format and writes them where they belong:
/// data to standard output or the `.output` file; notices to standard error when the
/// format is meant for programs, so that `--format csv > out.csv` holds only data.
final class Console {
    private let session: Session
    private let terminal: Terminal
    /// Whether output may be coloured.
    let color: Bool
    /// Whether long results may go through `$PAGER` (at the interactive prompt only).
    var paging = false
    private var file: FileHandle?
    private var filePath: String?
    /// The first failure to write to the `.output` file, if any.
    private(set) var writeFailure: String?

    init(session: Session, terminal: Terminal, color: Bool) {
        self.session = session
        self.terminal = terminal
        self.color = color
    }

    func write(_ output: Output) {
        let settings = session.settings
        let toFile = settings.outputPath != nil
        if case .message(let text) = output {
            guard !text.isEmpty else { return }
            let toError = settings.format.isMachineReadable || toFile
            let width = Terminal.columns(of: toError ? STDERR_FILENO : STDOUT_FILENO)
            let shown = Renderer(format: settings.format, width: width).render(output)
            if toError { terminal.error(shown) } else { terminal.output(shown) }
            return
        }
        // A file is not a terminal: `$COLUMNS` or no limit, as for a pipe.
        let renderer = Renderer(
            format: settings.format, color: color && !toFile, width: Terminal.columns(of: toFile ? nil : STDOUT_FILENO),
            headers: settings.headers, expanded: settings.expanded)
        let text = renderer.render(output)
        if let path = settings.outputPath {
            if path != filePath {
                try? file?.close()
                file = FileHandle(forWritingAtPath: path)
                filePath = path
            }
            do { try file?.write(contentsOf: Data(text.utf8)) } catch {
                // A full disk or a closed pipe: said once, and fieldkit then exits with 1.
                if writeFailure == nil {
                    writeFailure = "cannot write to '\(path)': \(error.localizedDescription)"
                    terminal.error("fieldkit: \(writeFailure ?? "")\n")
                }
            }
        } else if paging && settings.pager && terminal.stdoutIsTerminal && exceedsScreen(text) {
            if !Pager.show(text) { terminal.output(text) }
        } else {
            terminal.output(text)
        }
    }

    private func exceedsScreen(_ text: String) -> Bool {
        guard let size = Terminal.size(of: STDOUT_FILENO), size.ws_row > 0 else { return false }
        return text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } >= Int(size.ws_row) - 1
    }

    /// Closes the `.output` file; false when it could not be written whole.
    func finish() -> Bool {
        do { try file?.close() } catch {
            if writeFailure == nil {
                writeFailure = "cannot write to '\(filePath ?? "")': \(error.localizedDescription)"
                terminal.error("fieldkit: \(writeFailure ?? "")\n")
            }
        }
        file = nil
        return writeFailure == nil
    }
}
