import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's standard streams, and whether each is a terminal.
struct Terminal {
    let stdinIsTerminal = isatty(STDIN_FILENO) == 1
    let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// How many columns output to `descriptor` may take: the terminal's width when it is a
    /// terminal, else `$COLUMNS` when set, else nil (no limit).
    static func columns(of descriptor: Int32?) -> Int? {
        if let descriptor, let size = size(of: descriptor), size.ws_col > 0 { return Int(size.ws_col) }
        return environmentColumns
    }

    /// The size of the terminal `descriptor` is, read anew (a window may have been resized);
    /// nil when it is not a terminal.
    static func size(of descriptor: Int32) -> winsize? {
        var size = winsize()
        guard isatty(descriptor) == 1, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return size
    }

    /// `$COLUMNS`, read once: the environment is rebuilt on every read of it, and a long
    /// script writes many answers.
    private static let environmentColumns: Int? =
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }

    /// The width errors are wrapped to: standard error's.
    var errorColumns: Int? { Terminal.columns(of: STDERR_FILENO) }

    func output(_ text: String) { Terminal.write(text, to: STDOUT_FILENO) }
    func error(_ text: String) { Terminal.write(text, to: STDERR_FILENO) }

    /// Writes all of the text's bytes, retrying after a signal or a short write; stops at any
    /// other error (a pager or pipe that closed early: there is no one left to tell).
    /// The bytes go straight from the string's storage, not through a `Data` copy.
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}

/// The C library's `write`, which `Terminal.write` shadows within the type.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
