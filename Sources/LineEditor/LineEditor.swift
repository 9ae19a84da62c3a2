import CEditLine
import Foundation

/// A line editor on libedit: UTF-8 editing, persistent history, Tab completion through a
/// closure, and Ctrl-C that abandons the line instead of ending the program.
///
/// It knows nothing of what is being edited. One editor per terminal; not thread-safe.
public final class LineEditor {
    /// What ``readLine(prompt:)`` got.
    public enum Input: Equatable, Sendable {
        /// A line, without its newline.
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the input ended.
        case end
        /// SIGTERM or SIGHUP arrived: the caller should save and leave.
        case terminated
    }

    /// What Tab may put in place of the end of the text before the cursor.
    public struct Completion: Equatable, Sendable {
        /// How many characters before the cursor the candidates replace.
        public var replacing: Int
        /// The possible replacements.
        public var candidates: [String]
        /// Whether a single candidate is followed by a space.
        public var appendsSpace: Bool

        /// Creates a completion.
        public init(replacing: Int, candidates: [String], appendsSpace: Bool = true) {
            self.replacing = replacing
            self.candidates = candidates
            self.appendsSpace = appendsSpace
        }
    }

    /// Given the text before the cursor, what Tab may complete.
    public var completer: ((String) -> Completion)?

    let editline: OpaquePointer
    private let historyHandle: OpaquePointer
    private var event = HistEventW()
    private var promptBuffer: UnsafeMutablePointer<wchar_t>
    private let historyPath: String?
    private let historyLimit: Int
    /// The history, oldest first, without duplicates.
    public private(set) var history: [String] = []
    private let inputDescriptor: Int32
    var pendingSignal: Int32 = 0

    /// libedit could not set up an editor (it ran out of memory).
    public struct SetupError: Error, Sendable, CustomStringConvertible {
        /// What failed.
        public var description: String { "libedit could not set up a line editor" }
    }

    /// Opens an editor on the terminal.
    ///
    /// - Parameters:
    ///   - program: the name libedit uses for `~/.editrc` settings.
    ///   - historyPath: the history file, created with mode 0600; nil keeps history in memory.
    ///   - historyLimit: the most entries kept.
    public init(program: String, historyPath: String?, historyLimit: Int = 1_000) throws(SetupError) {
        setlocale(LC_CTYPE, "")
        SignalPipe.install()
        self.historyPath = historyPath
        self.historyLimit = historyLimit
        self.inputDescriptor = fileno(fk_stdin())
        // el_init and history_winit fail only when memory is exhausted.
        guard let editline = el_init(program, fk_stdin(), fk_stdout(), fk_stderr()) else { throw SetupError() }
        guard let history = history_winit() else {
            el_end(editline)
            throw SetupError()
        }
        self.editline = editline
        self.historyHandle = history
        promptBuffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: 1)
        promptBuffer.initialize(to: 0)

        fk_history_set_size(history, &event, Int32(historyLimit))
        fk_history_set_unique(history, &event, 1)
        fk_el_set_clientdata(editline, Unmanaged.passUnretained(self).toOpaque())
        fk_el_set_editor(editline, "emacs".wideCString)
        fk_el_set_signal(editline, 0)
        fk_el_set_history(editline, history)
        fk_el_set_prompt(editline) { editline in
            guard let editor = LineEditor.from(editline) else { return nil }
            return editor.promptBuffer
        }
        fk_el_set_getc(editline) { editline, character in
            guard let editor = LineEditor.from(editline), let character else { return -1 }
            return editor.readCharacter(into: character)
        }
        fk_el_add_function(editline, "fk-complete".wideCString, "Complete the word before the cursor".wideCString) { editline, _ in
            guard let editor = LineEditor.from(editline) else { return FK_CC_ERROR }
            return editor.complete()
        }
        fk_el_bind(editline, "^I".wideCString, "fk-complete".wideCString)
        fk_el_add_function(editline, "fk-search".wideCString, "Search the history backwards as you type".wideCString) { editline, _ in
            guard let editor = LineEditor.from(editline) else { return FK_CC_ERROR }
            return editor.reverseSearch()
        }
        fk_el_bind(editline, "^R".wideCString, "fk-search".wideCString)
        el_source(editline, nil)  // the user's ~/.editrc, if any
        loadHistory()
    }

    deinit {
        el_end(editline)  // restores the terminal
        history_wend(historyHandle)
        promptBuffer.deallocate()
    }

    private static func from(_ editline: OpaquePointer?) -> LineEditor? {
        guard let editline, let data = fk_el_get_clientdata(editline) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one line with `prompt`, with editing, history and completion.
    public func readLine(prompt: String) -> Input {
        setPrompt(prompt)
        SignalPipe.drain()
        pendingSignal = 0
        var count: Int32 = 0
        let line = el_wgets(editline, &count)
        if pendingSignal == SIGINT {
            fputs("^C\n", fk_stdout())
            fflush(fk_stdout())
            return .interrupted
        }
        if pendingSignal == SIGTERM || pendingSignal == SIGHUP { return .terminated }
        guard let line, count > 0 else { return .end }
        var text = String(wideCString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    private func setPrompt(_ prompt: String) {
        promptBuffer.deallocate()
        let wide = prompt.wideCString
        promptBuffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: wide.count)
        promptBuffer.initialize(from: wide, count: wide.count)
    }

    /// Reads one character for libedit, waking up for signals. Returns 1, 0 at end of
    /// input, or -1 when a signal should end this line.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [UInt8] = []
        while true {
            var fds = [
                pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: SignalPipe.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                let signal = SignalPipe.drain()
                if signal == SIGWINCH {
                    el_resize(editline)
                    continue
                }
                pendingSignal = signal
                return -1
            }
            var byte: UInt8 = 0
            let got = read(inputDescriptor, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            guard got == 1 else { return 0 }
            bytes.append(byte)
            switch LineEditor.decode(bytes) {
            case .complete(let scalar):
                character.pointee = wchar_t(bitPattern: scalar)
                return 1
            case .incomplete:
                continue
            case .invalid:
                character.pointee = 0xFFFD
                return 1
            }
        }
    }

    enum Decoded: Equatable { case complete(UInt32), incomplete, invalid }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        guard let first = bytes.first else { return .incomplete }
        let length = first < 0x80 ? 1 : first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 0
        guard length > 0 else { return .invalid }
        guard bytes.count >= length else { return .incomplete }
        guard let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first else { return .invalid }
        return .complete(scalar.value)
    }

    // MARK: History

    /// Adds an entry (a multi-line statement stays one entry), dropping an older equal one.
    /// Trailing spaces (the one Tab inserts after a completed word) are not kept.
    public func addHistory(_ entry: String) {
        var entry = entry
        while let last = entry.last, last == " " || last == "\t" { entry.removeLast() }
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        history.removeAll { $0 == entry }
        history.append(entry)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        fk_history_enter(historyHandle, &event, entry.wideCString)
        saveHistory()
    }

    /// Said once, on standard error, when the history file cannot be used: a symbolic
    /// link there is refused rather than followed, so that no other file is appended to.
    public var reportHistoryProblem: (String) -> Void = { message in
        fputs("fieldkit: \(message)\n", fk_stderr())
    }
    private var reportedHistoryProblem = false

    private func historyProblem(_ reason: Int32) {
        guard !reportedHistoryProblem, let historyPath else { return }
        reportedHistoryProblem = true
        let why = reason == ELOOP ? "it is a symbolic link, which is not followed" : String(cString: strerror(reason))
        reportHistoryProblem("history is not kept in \(historyPath): \(why)")
    }

    private func loadHistory() {
        guard let historyPath else { return }
        let descriptor = open(historyPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno != ENOENT { historyProblem(errno) }
            return
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let data = try? handle.readToEnd(), let text = String(data: data, encoding: .utf8) else { return }
        var seen = Set<String>()
        let entries = HistoryFile.decode(text).reversed().filter { seen.insert($0).inserted }.reversed()
        history = Array(entries.suffix(historyLimit))
        for entry in history { fk_history_enter(historyHandle, &event, entry.wideCString) }
    }

    /// Writes the history file with mode 0600, creating its folder.
    public func saveHistory() {
        guard let historyPath else { return }
        let folder = URL(fileURLWithPath: historyPath).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = Data(HistoryFile.encode(history).utf8)
        // O_NOFOLLOW: a link planted at the history path is refused, not written through.
        let descriptor = open(historyPath, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            historyProblem(errno)
            return
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        _ = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    // MARK: Completion

    private func complete() -> UInt8 {
        guard let completer, let info = el_wline(editline) else { return FK_CC_ERROR }
        let before = String(wideCharacters: info.pointee.buffer, count: info.pointee.cursor - info.pointee.buffer)
        let completion = completer(before)
        let candidates = completion.candidates
        guard !candidates.isEmpty else { return FK_CC_ERROR }
        let typed = String(before.suffix(completion.replacing))
        if candidates.count == 1, let only = candidates.first {
            replace(typed.count, with: only + (completion.appendsSpace ? " " : ""))
            return FK_CC_REFRESH
        }
        let prefix = LineEditor.commonPrefix(candidates)
        if prefix.count > typed.count {
            replace(typed.count, with: prefix)
            return FK_CC_REFRESH
        }
        fputs("\n" + LineEditor.columns(candidates, width: terminalWidth()), fk_stdout())
        fflush(fk_stdout())
        return FK_CC_REDISPLAY
    }

    func replace(_ count: Int, with text: String) {
        if count > 0 { el_deletestr(editline, Int32(count)) }
        el_winsertstr(editline, text.wideCString)
    }

    func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(fileno(fk_stdout()), UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    /// The longest prefix all candidates share (compared case-insensitively, spelled as the first).
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for candidate in candidates.dropFirst() {
            let other = Array(candidate)
            var length = 0
            while length < min(prefix.count, other.count), prefix[length].lowercased() == other[length].lowercased() { length += 1 }
            prefix = Array(prefix.prefix(length))
        }
        return String(prefix)
    }

    /// Candidates laid out in columns across `width`, ending with a newline.
    static func columns(_ candidates: [String], width: Int) -> String {
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(1, cell))
        let rows = (candidates.count + perRow - 1) / perRow
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let index = column * rows + row
                guard index < candidates.count else { continue }
                let item = candidates[index]
                line += column == perRow - 1 || index + rows >= candidates.count ? item : item.padding(toLength: cell, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string as a NUL-terminated wide-character array for libedit.
    var wideCString: [wchar_t] { unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0] }

    /// A string from a NUL-terminated wide-character buffer.
    init(wideCString pointer: UnsafePointer<wchar_t>) {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while pointer[index] != 0 {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: pointer[index])) { scalars.append(scalar) }
            index += 1
        }
        self = String(scalars)
    }

    /// A string from `count` wide characters.
    init(wideCharacters pointer: UnsafePointer<wchar_t>, count: Int) {
        var scalars = String.UnicodeScalarView()
        for index in 0..<Swift.max(0, count) {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: pointer[index])) { scalars.append(scalar) }
        }
        self = String(scalars)
    }
}
