import Foundation

/// Turns SIGINT, SIGTERM, SIGHUP and SIGWINCH into bytes on a pipe, so that the editor's
/// read loop can wake up for them (a self-pipe; the handler only calls `write`).
enum SignalPipe {
    // Written once by `install` before any handler runs; read by the handler and the read loop.
    nonisolated(unsafe) static var readEnd: Int32 = -1
    nonisolated(unsafe) static var writeEnd: Int32 = -1
    /// Whether the editor is between prompts; SIGTERM then ends the program at once.
    nonisolated(unsafe) static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        // A parent may have blocked these; the editor needs them delivered.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] {
            var action = sigaction()
            // The handler's field is named differently by glibc and Darwin.
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = SignalPipe.handler
            #else
                action.__sigaction_u.__sa_handler = SignalPipe.handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Writes the signal's number to the pipe: `write` is async-signal-safe.
    private static let handler: @convention(c) (Int32) -> Void = { number in
        var byte = UInt8(truncatingIfNeeded: number)
        _ = write(SignalPipe.writeEnd, &byte, 1)
    }

    /// Empties the pipe and returns the most urgent signal read (TERM/HUP over INT over WINCH), or 0.
    @discardableResult
    static func drain() -> Int32 {
        var strongest: Int32 = 0
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) == 1 {
            let signal = Int32(byte)
            func rank(_ value: Int32) -> Int { value == SIGTERM || value == SIGHUP ? 3 : value == SIGINT ? 2 : value == SIGWINCH ? 1 : 0 }
            if rank(signal) > rank(strongest) { strongest = signal }
        }
        return strongest
    }
}
