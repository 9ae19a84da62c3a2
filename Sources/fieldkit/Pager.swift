import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Shows text through a pager (`$PAGER`, default `less -FRX`) that owns the terminal while it runs.
///
/// The pager is started with `posix_spawn`, not Foundation's `Process`: `Process` puts its
/// child into a process group of its own, and a process outside the terminal's foreground
/// group gets EIO when it reads the terminal, so `less` quit after the first screen and cut
/// long answers off. Here the pager stays in fieldkit's group, as psql's does, and fieldkit
/// ignores Ctrl-C while it waits, so Ctrl-C reaches the pager alone.
enum Pager {
    /// The pager command: `$PAGER` when set and not empty, else `less -FRX`.
    static var command: String {
        ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
    }

    /// Runs `command` through `/bin/sh` with `text` on its standard input and waits for it.
    /// Returns false when the pager could not be started (the caller then prints the text).
    static func show(_ text: String, command: String = Pager.command) -> Bool {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        let (reading, writing) = (ends[0], ends[1])
        // Neither end may leak into the pager beyond its standard input, or it never sees the end.
        _ = fcntl(reading, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writing, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy: the pager reads the pipe as its standard input.
        posix_spawn_file_actions_adddup2(&actions, reading, STDIN_FILENO)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // fieldkit ignores SIGPIPE and, while waiting, SIGINT: the pager gets both back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGWINCH] { sigaddset(&defaults, signal) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", command]).map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        // Ctrl-C while the pager runs is the pager's: fieldkit neither stops nor sees it.
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previousInterrupt) }
        var child: pid_t = 0
        let started = posix_spawn(&child, "/bin/sh", &actions, &attributes, arguments, environ)
        close(reading)
        guard started == 0 else {
            close(writing)
            return false
        }
        // A pager that quits early closes the pipe: the write then fails with EPIPE and stops.
        Terminal.write(text, to: writing)
        close(writing)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}
