import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program running on a real pseudo-terminal: keys go in, the screen's bytes come out.
///
/// The child is started in a new session (`POSIX_SPAWN_SETSID`) and opens the terminal
/// as its controlling terminal, so Ctrl-C really sends SIGINT.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var seen: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); the screen so far:\n\(seen)" }
    }

    let process: pid_t
    private let master: Int32
    private(set) var transcript = ""
    /// The bytes of a character that a read cut in two, kept for the next read.
    private var partial: [UInt8] = []

    /// Starts `executable` with `arguments` on a terminal of `rows` × `columns`.
    /// With `outputPath`, standard output goes to that file instead of the terminal.
    init(_ executable: String, _ arguments: [String], environment: [String: String], directory: String,
         rows: UInt16 = 30, columns: UInt16 = 100, outputPath: String? = nil) throws
    {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENODEV) }
        // ttyname_r, not ttyname: suites run in parallel, and ttyname shares one static buffer.
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else { throw POSIXError(.ENODEV) }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.master = master

        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
            let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID in glibc
        #else
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
            let setSession = Int32(POSIX_SPAWN_SETSID)
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        // Opening the terminal after setsid makes it the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        if let outputPath {
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session, with no signal blocked or ignored whatever the test runner does.
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(setSession | Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)))

        // A shell starts the program in `directory`: spawn has no portable chdir action, and
        // `env -C` is GNU's alone.
        let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        close(slave)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        process = pid
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        kill(process, SIGKILL)
        var status: Int32 = 0
        waitpid(process, &status, 0)
        close(master)
    }

    /// Types `keys`, a few at a time, as a person would.
    func send(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        usleep(30_000)
    }

    /// Reads the screen until `text` appears after what was already consumed; returns what came in.
    @discardableResult
    func read(until text: String, timeout: TimeInterval = 10) throws -> String {
        let start = transcript.endIndex
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(waiting: 0.05)
            let fresh = PseudoTerminal.plain(String(transcript[start...]))
            if fresh.contains(text) { return fresh }
        }
        throw Timeout(waitingFor: text, seen: PseudoTerminal.plain(String(transcript[start...])))
    }

    /// Waits for the program to exit and returns its exit status.
    func waitForExit(timeout: TimeInterval = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(waiting: 0.05)
            var status: Int32 = 0
            if waitpid(process, &status, WNOHANG) == process {
                pump(waiting: 0)
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
        }
        throw Timeout(waitingFor: "exit", seen: PseudoTerminal.plain(transcript))
    }

    private func pump(waiting seconds: TimeInterval) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(seconds * 1000))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            #if canImport(Glibc)
                let count = Glibc.read(master, &buffer, buffer.count)
            #else
                let count = Darwin.read(master, &buffer, buffer.count)
            #endif
            guard count > 0 else { break }
            // Decoded whole characters only: a read that ends inside one keeps its first bytes.
            var bytes = partial + buffer[0..<count]
            var cut = bytes.count
            var back = 0
            while back < 3, cut - back - 1 >= 0, bytes[cut - back - 1] & 0xC0 == 0x80 { back += 1 }
            if cut - back - 1 >= 0 {
                let lead = bytes[cut - back - 1]
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                if length > back + 1 { cut -= back + 1 }
            }
            partial = Array(bytes[cut...])
            bytes.removeSubrange(cut...)
            transcript += String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The text without ANSI escape sequences and carriage returns.
    static func plain(_ text: String) -> String {
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                }
                continue
            }
            if scalar == "\r" || scalar == "\u{7}" { continue }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
