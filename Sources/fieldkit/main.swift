import ArgumentParser
import Foundation

// A pager that quits early must not kill fieldkit with SIGPIPE.
signal(SIGPIPE, SIG_IGN)

// A usage error exits with 2, as the language contract says (argument-parser's default is 64).
// argument-parser writes a `help` subcommand into every completion script; a user who
// completes it gets the help, not "Unexpected argument 'help'".
if CommandLine.arguments.dropFirst().first == "help" {
    print(FieldKitCommand.helpMessage())
    exit(CommandLine.arguments.count == 2 ? 0 : 2)
}

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
