import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program run on fieldkit's terminal, such as the pager or `$EDITOR`, that owns the
/// terminal while it runs.
///
/// Started with `posix_spawn`, not Foundation's `Process`: `Process` puts its child into a
/// process group of its own, and a process outside the terminal's foreground group gets EIO
/// when it reads the terminal (less then quit after the first screen and cut long answers
/// off). Here the child stays in fieldkit's group, as psql's pager and editor do, and
/// fieldkit ignores Ctrl-C while it waits, so Ctrl-C reaches the child alone.
enum ChildProcess {
    /// Runs `command` through `/bin/sh -c`, with `arguments` as `$1`, `$2`…, and `input`, if
    /// any, on its standard input; waits for it. Returns its exit status, or nil when it could
    /// not be started.
    static func run(shell command: String, arguments: [String] = [], input: String? = nil) -> Int32? {
        var ends: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&ends) == 0 else { return nil }
            // Neither end may leak into the child beyond its standard input, or it never sees the end.
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        }
        let (reading, writing) = (ends[0], ends[1])

        var actions = ChildProcess.emptyFileActions
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy: the child reads the pipe as its standard input.
        if input != nil { posix_spawn_file_actions_adddup2(&actions, reading, STDIN_FILENO) }

        var attributes = ChildProcess.emptyAttributes
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // fieldkit ignores SIGPIPE and, while waiting, SIGINT: the child gets them back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGWINCH] { sigaddset(&defaults, signal) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/sh", "-c", command, "fieldkit"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Ctrl-C while the child runs is the child's: fieldkit neither stops nor sees it.
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previousInterrupt) }
        var child: pid_t = 0
        let started = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, ChildProcess.environment)
        if input != nil { close(reading) }
        guard started == 0 else {
            if input != nil { close(writing) }
            return nil
        }
        if let input {
            // A pager that quits early closes the pipe: the write then fails with EPIPE and stops.
            Terminal.write(input, to: writing)
            close(writing)
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    // What posix_spawn's types start as: structs on glibc, pointers on Darwin.
    #if canImport(Glibc)
        private static var emptyFileActions: posix_spawn_file_actions_t { posix_spawn_file_actions_t() }
        private static var emptyAttributes: posix_spawnattr_t { posix_spawnattr_t() }
        /// This process's environment, handed on to the child.
        private static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { environ }
    #else
        // Darwin's are `void *`, imported as pointers that the init functions fill in.
        private static var emptyFileActions: posix_spawn_file_actions_t? { nil }
        private static var emptyAttributes: posix_spawnattr_t? { nil }
        /// This process's environment, handed on to the child.
        private static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? { _NSGetEnviron().pointee }
    #endif
}
