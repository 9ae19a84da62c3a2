import ArgumentParser
import Foundation

// A pager that quits early must not kill fieldkit with SIGPIPE.
signal(SIGPIPE, SIG_IGN)

// A usage error exits with 2, as the language contract says (argument-parser's default is 64).
do {
    var command = try FieldKitCommand.parseAsRoot()
    try command.run()
} catch {
    let code = FieldKitCommand.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((FieldKitCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    FieldKitCommand.exit(withError: error)
}
