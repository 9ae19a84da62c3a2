// Drives the language as an embedding tool would: FieldScript's public API only, no @testable.
import FieldKit
import FieldKitStore
import FieldScript
import Foundation
import Testing

@Suite struct LanguageEmbeddingTests {
    /// A session on an in-memory store whose outputs are collected.
    final class Collected: @unchecked Sendable {
        // `@unchecked Sendable`: one test, one thread.
        var outputs: [Output] = []
        var warnings: [Warning] = []
    }

    func session(_ collected: Collected) throws -> Session {
        var settings = SessionSettings()
        settings.today = try Day(parsing: "2007-12-01")
        settings.actor = "dashboard"
        let session = Session(store: InMemoryStore(), settings: settings) { collected.outputs.append($0) }
        session.onWarning = { collected.warnings.append($0) }
        return session
    }

    @Test func statementsRunAndAnswersAreTypedRows() throws {
        let collected = Collected()
        let session = try session(collected)
        let report = try session.runScript("""
            add region KG-B
            add partner golden-goal name "Golden Goal" kind national-ngo country KG
            add project TIP-2007 title "Combating trafficking" status active start 2007-04-24 end 2008-01 budget 85000 EUR regions KG-B
            add outcome TIP-2007/groups title "Groups" measure count target 6 due 2008-01
            record TIP-2007/groups 2 on 2007-09-30
            record TIP-2007/groups 1 on 2007-12-20
            """, name: "setup.fk")
        // What the script changed, as data.
        #expect(report.statements == 6)
        #expect(report.tally.count(.add, .project) == 1)
        #expect(report.tally.count(.add, .record) == 2)
        #expect(report.tally.entries.first?.verb == .add)
        // The record dated after today was kept, and said so once the script had run.
        #expect(collected.warnings.count == 1)
        #expect(collected.warnings.first?.diagnostic.location == SourceLocation(line: 6, column: 29))

        collected.outputs = []
        try session.runScript("outcomes | columns id, current, progress, status", name: "question")
        guard case .table(let table) = collected.outputs.first else {
            Issue.record("no table: \(collected.outputs)")
            return
        }
        #expect(table.columns.map(\.name) == ["id", "current", "progress", "status"])
        #expect(table.rows.first?[0] == .text("TIP-2007/groups"))
        #expect(table.rows.first?[1] == .number(2))
        if case .fraction(let progress)? = table.rows.first?[2] { #expect(abs(progress - 1.0 / 3.0) < 1e-9) } else {
            Issue.record("progress is not a fraction: \(String(describing: table.rows.first))")
        }
        // The same rows rendered as any format, by the public renderer.
        #expect(Renderer(format: .csv).render(.table(table)) == "id,current,progress,status\r\nTIP-2007/groups,2,0.333333,off-track\r\n")
    }

    @Test func aFailureSaysWhatFailedAndWhere() throws {
        let collected = Collected()
        let session = try session(collected)
        do {
            try session.runScript("add partner x name \"X\"\nlink TIP-2007 x as funder", name: "typo.fk")
            Issue.record("the script ran")
        } catch {
            #expect(error.cause == .statement)
            #expect(error.diagnostic.location == SourceLocation(line: 2, column: 6))
            #expect(error.rendered().hasPrefix("typo.fk:2:6: error: no project 'TIP-2007'"))
        }
        // All or nothing: the partner of line 1 was not kept either.
        #expect(try session.portfolio.partners.isEmpty)
    }

    @Test func aReadOnlyStoreIsAReaderAndRefusesChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("osh.db").path
        _ = try Session(store: SQLiteStore(path: path)).runScript("add partner p name \"P\"", name: "-c")
        let reader = Session(store: try SQLiteReader(path: path))
        do {
            try reader.runScript("add partner q name \"Q\"", name: "-c")
            Issue.record("a read-only store took a change")
        } catch {
            guard case .store(let storeError) = error.cause else {
                Issue.record("not a store error: \(error)")
                return
            }
            #expect(storeError.code == .readOnly)
        }
        #expect(try reader.portfolio.partners.count == 1)
    }
}
