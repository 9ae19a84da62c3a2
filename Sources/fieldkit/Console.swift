import FieldScript
import Foundation

/// Renders a session's results in its current format and writes them where they belong:
/// data to standard output or the `.output` file; notices to standard error when the
/// format is meant for programs, so that `--format csv > out.csv` holds only data.
final class Console {
    private let session: Session
    private let terminal: Terminal
    private let color: Bool
    private var file: FileHandle?
    private var filePath: String?

    init(session: Session, terminal: Terminal, color: Bool) {
        self.session = session
        self.terminal = terminal
        self.color = color
    }

    func write(_ output: Output) {
        let settings = session.settings
        let toFile = settings.outputPath != nil
        let renderer = Renderer(format: settings.format, color: color && !toFile)
        if case .message(let text) = output {
            guard !text.isEmpty else { return }
            if settings.format.isMachineReadable || toFile {
                terminal.error(text + "\n")
            } else {
                terminal.output(text + "\n")
            }
            return
        }
        let text = renderer.render(output)
        if let path = settings.outputPath {
            if path != filePath {
                try? file?.close()
                file = FileHandle(forWritingAtPath: path)
                filePath = path
            }
            file?.write(Data(text.utf8))
        } else {
            terminal.output(text)
        }
    }

    func finish() { try? file?.close() }
}
