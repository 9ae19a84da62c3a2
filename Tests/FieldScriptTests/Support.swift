import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// A ``Session`` on an ``InMemoryStore`` whose emitted outputs are collected, with
/// `today` fixed so that nothing depends on the real date.
final class Harness {
    /// The day every harness calls today unless told otherwise.
    static let defaultToday = "2007-12-01"

    let store: InMemoryStore
    let session: Session
    private let log: OutputLog

    /// Everything emitted so far, oldest first.
    var outputs: [Output] { log.outputs }

    /// The text of every `.message` emitted so far.
    var messages: [String] {
        outputs.compactMap { output in
            if case .message(let text) = output { return text }
            return nil
        }
    }

    /// A fresh session on `store` (an empty one by default).
    init(store: InMemoryStore = InMemoryStore(), today: String = Harness.defaultToday, actor: String = "tester") throws {
        let log = OutputLog()
        var settings = SessionSettings()
        settings.today = try Day(parsing: today)
        settings.actor = actor
        self.store = store
        self.log = log
        self.session = Session(store: store, settings: settings) { log.outputs.append($0) }
        self.session.directory = FileManager.default.temporaryDirectory
    }

    /// A fresh session on a store that holds the Osh scenario.
    ///
    /// The scenario is loaded by a session of its own, so the session under test has made
    /// no changes yet (its `undo` has nothing to revert).
    static func osh(today: String = Harness.defaultToday, actor: String = "tester") throws -> Harness {
        let store = InMemoryStore()
        let loader = try Harness(store: store, today: today, actor: "officer")
        try loader.session.runScript(try Harness.oshScript(), name: "osh-2007.fk")
        return try Harness(store: store, today: today, actor: actor)
    }

    /// The text of the Osh scenario script, read from the package's sources.
    static func oshScript() throws -> String {
        try String(contentsOf: oshScriptURL, encoding: .utf8)
    }

    /// `Sources/fieldkit/Resources/osh-2007.fk`, found from this file's place in the package.
    static var oshScriptURL: URL {
        URL(fileURLWithPath: #filePath)  // Tests/FieldScriptTests/Support.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/fieldkit/Resources/osh-2007.fk")
    }

    /// The line numbers of the scenario's statements (one a line), as its journal's origins name them.
    static func oshStatementLines() throws -> [Int] {
        try oshScript().split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.isEmpty || text.hasPrefix("#") ? nil : index + 1
        }
    }

    // MARK: Running

    /// Runs `source` as the REPL would and returns what it emitted.
    @discardableResult
    func run(_ source: String) throws(ScriptFailure) -> [Output] {
        let before = log.outputs.count
        try session.runInteractive(source)
        return Array(log.outputs[before...])
    }

    /// Runs `source` as a script (all or nothing).
    @discardableResult
    func script(_ source: String, name: String = "test.fk", dryRun: Bool = false) throws(ScriptFailure) -> ScriptReport {
        try session.runScript(source, name: name, dryRun: dryRun)
    }

    /// The failure that running `source` at the prompt ends with, or nil when it succeeds.
    func failure(_ source: String) -> ScriptFailure? {
        do { try session.runInteractive(source) } catch { return error }
        return nil
    }

    /// The failure that running `source` as a script ends with, or nil when it succeeds.
    func scriptFailure(_ source: String, name: String = "test.fk") -> ScriptFailure? {
        do { try session.runScript(source, name: name) } catch { return error }
        return nil
    }

    /// The diagnostic that running `source` at the prompt ends with.
    func diagnostic(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let failure = try #require(self.failure(source), "expected '\(source)' to fail", sourceLocation: sourceLocation)
        return failure.diagnostic
    }

    /// The table that the last output of `source` is.
    func table(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Table {
        let outputs = try run(source)
        guard case .table(let table)? = outputs.last else {
            Issue.record("expected a table from '\(source)', got \(outputs)", sourceLocation: sourceLocation)
            return Table(columns: [], rows: [])
        }
        return table
    }

    /// The card that the last output of `source` is.
    func card(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Card {
        let outputs = try run(source)
        guard case .card(let card)? = outputs.last else {
            Issue.record("expected a card from '\(source)', got \(outputs)", sourceLocation: sourceLocation)
            return Card(title: "", fields: [])
        }
        return card
    }

    /// The rows of a query as plain text, the way every format writes a cell.
    func rows(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [[String]] {
        try table(source, sourceLocation: sourceLocation).texts
    }

    /// One column of a query's rows as plain text.
    func column(_ name: String, of source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String] {
        try table(source, sourceLocation: sourceLocation).column(name)
    }

    /// The messages that `source` emits.
    func messages(_ source: String) throws -> [String] {
        try run(source).compactMap { output in
            if case .message(let text) = output { return text }
            return nil
        }
    }

    // MARK: State

    /// The store's portfolio (an in-memory store throws only from inside its own write).
    var portfolio: Portfolio { try! store.portfolio }

    func journal() throws -> [JournalEntry] { try store.journal() }

    func project(_ id: String) -> Project? { portfolio.projects[ProjectID(id)] }
    func partner(_ id: String) -> Partner? { portfolio.partners[PartnerID(id)] }
    func region(_ id: String) -> Region? { portfolio.regions[RegionID(id)] }
    func outcome(_ id: String) -> Outcome? { OutcomeID(id).flatMap { portfolio.outcomes[$0] } }
}

/// Where a harness's session puts what it emits.
final class OutputLog {
    var outputs: [Output] = []
}

extension Table {
    /// Every cell as plain text.
    var texts: [[String]] { rows.map { $0.map(\.text) } }

    /// The column's names.
    var names: [String] { columns.map(\.name) }

    /// One column's cells as plain text; empty when there is no such column.
    func column(_ name: String) -> [String] {
        guard let index = columns.firstIndex(where: { $0.name == name }) else { return [] }
        return rows.map { $0[index].text }
    }

    /// The row whose first cell is `key`, as text keyed by column name.
    func row(_ key: String) -> [String: String]? { row(key, in: names.first ?? "") }

    /// The row whose `column` holds `key`, by column name.
    func row(_ key: String, in column: String) -> [String: String]? {
        guard let index = names.firstIndex(of: column), let row = rows.first(where: { $0[index].text == key }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(names, row.map(\.text)))
    }
}

extension Card {
    /// A field's value as text, or nil when the card does not show it.
    func field(_ name: String) -> String? { fields.first { $0.name == name }?.value.text }

    /// A section by its heading.
    func section(_ title: String) -> Table? { sections.first { $0.title == title }?.table }
}

/// Parses a day in tests.
func day(_ text: String) throws -> Day { try Day(parsing: text) }

/// A new empty folder under the temporary directory, for files a test writes.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldscript-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The tokens of `source`, or the lexical diagnostic.
func tokens(_ source: String) throws -> [Token] {
    var lexer = Lexer(source)
    return try lexer.tokenize()
}

/// The statements of `source`.
func parse(_ source: String) throws(Diagnostic) -> [ParsedStatement] { try Parser.parse(source) }

/// The diagnostic that parsing `source` ends with, or nil when it parses.
func parseError(_ source: String) -> Diagnostic? {
    do { _ = try Parser.parse(source) } catch { return error }
    return nil
}
