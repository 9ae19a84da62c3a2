import ArgumentParser
import FieldKit
import FieldKitStore
import Foundation

/// The `fieldkit` command: opens a store and reports what it holds.
@main
struct FieldKitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldkit",
        abstract: "Track the projects, partners, regions and outcomes of a field office.",
        version: "0.1.0")

    @Option(name: .long, help: ArgumentHelp("The store file; created on first use.", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Open the store in SQLite's read-only mode.")
    var readOnly = false

    func run() throws {
        let path = store ?? ProcessInfo.processInfo.environment["FIELDKIT_STORE"] ?? "fieldkit.db"
        let opened: SQLiteStore
        do {
            opened = try SQLiteStore(path: path, readOnly: readOnly)
        } catch {
            FileHandle.standardError.write(Data("fieldkit: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print("store \(opened.path) (journal at \(opened.lastSequence)\(readOnly ? ", read-only" : ""))")
        for (kind, count) in opened.portfolio.counts {
            print("  \(kind.padding(toLength: 9, withPad: " ", startingAt: 0)) \(count)")
        }
    }
}
