import Foundation
import Testing

/// A one-shot change to one project is checked against that project's read, not the whole
/// store: the same statement in a longer script (which loads everything) must end the same —
/// same output, same error with the same suggestion, same state, same journal.
@Suite(.timeLimit(.minutes(2))) struct OneProjectChangeTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    static let statements = [
        "set TIP-2007 status finalising",
        "unset project tip-2007 summary",
        "record TIP-2007/groups 5 on 2007-12-01 note \"five\"",
        "note TIP-2007 \"Visited the Leilek group\" on 2007-12-02",
        "set TIP-2007 regions + KG-C",  // a region the gazetteer adds: beyond the project
        "set golden-goal name \"Golden Goal NGO\"",  // a partner
        "set TIP-2070 status closed",  // no such project: the suggestion comes from all ids
        "set TIP-2007 stauts closed",
        "record TIP-2007/grups 5",
        "set TIP-2007 end 2006",
        "note TIP-2007 \"\"",
        "link TIP-2007 scme as extending amount 5000 EUR",
        "link TIP-2007 france as funder",  // already
        "link TIP-2007 golden-gaol as lead",  // the suggestion comes from every partner
        "unlink TIP-2007 osh-admin",
    ]

    /// The scenario's script, as `--demo` runs it.
    static var scenario: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/fieldkit/Resources/osh-2007.fk").path
    }

    @Test func aOneProjectChangeEndsAsTheSameStatementInALongerScript() throws {
        for store in ["one.db", "whole.db"] {
            let seeded = try runner.run(["--store", store, "--actor", "seed", "-f", Self.scenario])
            #expect(seeded.status == 0, "\(seeded.error)")
        }
        let common = ["--actor", "officer", "--today", "2026-01-01"]
        for statement in Self.statements {
            let one = try runner.run(["--store", "one.db"] + common + ["-c", statement])
            // A second statement makes it a script that loads the whole store.
            let whole = try runner.run(["--store", "whole.db"] + common + ["-c", "let unused = 1\n" + statement])
            #expect(one.status == whole.status, "\(statement)")
            #expect(one.output == whole.output, "\(statement)")
            #expect(one.error == whole.error.replacingOccurrences(of: "-c:2:", with: "-c:1:"), "\(statement)")
        }
        let questions = [
            "projects", "partners", "regions", "outcomes", "notes", "links",
            // Two records of one day are ordered by their ids, which are random: by value here.
            "records | sort outcome, date, value | columns outcome, date, value, note",
            "history | columns seq, actor, origin, statement",
        ]
        for question in questions {
            let one = try runner.run(["--store", "one.db", "--read-only", "--format", "csv", "-c", question])
            let whole = try runner.run(["--store", "whole.db", "--read-only", "--format", "csv", "-c", question])
            #expect(one.status == 0, "\(one.error)")
            #expect(one.output == whole.output, "\(question)")
        }
    }
}
