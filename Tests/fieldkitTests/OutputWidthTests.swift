import Foundation
import Testing

/// Output that fits: tables, cards, help and errors within `$COLUMNS` through the binary;
/// the vertical format, `.expanded`, and headers left out for bare data.
@Suite(.timeLimit(.minutes(2))) struct OutputWidthTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    /// Every report and a few wide queries of the Osh scenario.
    static let statements = [
        "progress TIP-2007", "history", "show TIP-2007", "show golden-goal", "tree", "funding", "timeline",
        "projects", "outcomes", "records", "notes", "links", ".help", ".help add", "partners",
        "funding by project", "progress by sex", "history take 3", "tree ferghana-valley",
    ]

    func run(_ arguments: [String], columns: Int? = nil) throws -> CommandRunner.Result {
        try runner.run(["--demo", "--today", "2007-12-01"] + arguments, environment: columns.map { ["COLUMNS": "\($0)"] } ?? [:])
    }

    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { line in
            // Width as the terminal counts it: box drawing and Cyrillic are one column each.
            line.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.properties.isEmojiPresentation) ? 2 : 1) }
        }.max() ?? 0
    }

    @Test(arguments: [80, 140])
    func everyReportFitsTheColumns(columns: Int) throws {
        for statement in OutputWidthTests.statements {
            let result = try run(["-c", statement], columns: columns)
            #expect(result.status == 0, "\(statement): \(result.error)")
            #expect(OutputWidthTests.widest(result.output) <= columns, "\(statement) at \(columns):\n\(result.output)")
        }
    }

    @Test func progressFitsIn80AndKeepsEveryFigure() throws {
        let result = try run(["-c", "progress TIP-2007"], columns: 80)
        #expect(OutputWidthTests.widest(result.output) <= 80)
        // The outcome, its title (wrapped), its figures, its bar and its status; what does not
        // fit is named under the table, and is there at 140 columns.
        for figure in ["TIP-2007  Combating human trafficking", "awareness", "Students who", "38%", "off-track", "███"] {
            #expect(result.output.contains(figure), "\(figure)")
        }
        #expect(result.output.contains("not shown, for the width: baseline, unit, last-recorded"))
        // The qualitative outcome's note stands in its progress column.
        #expect(result.output.contains("NGOs from Osh,"))
        let wide = try run(["-c", "progress TIP-2007"], columns: 140)
        #expect(OutputWidthTests.widest(wide.output) <= 140)
        for figure in ["2007-11-30", "baseline", "Students who know", "NGOs from Osh,"] {
            #expect(wide.output.contains(figure), "\(figure)")
        }
    }

    @Test func withoutColumnsNothingIsCut() throws {
        let result = try run(["-c", "notes | columns text"])
        #expect(result.output.contains("│ Launched by the OSCE Osh Field Office and Golden Goal, financed by the French Government. │"))
        #expect(!result.output.contains("…"))
    }

    @Test func errorsWrapAtWordsWithinTheColumns() throws {
        let result = try run(["-c", "add partner golden-goal name \"Golden Goal\" kind national-ngo"], columns: 50)
        #expect(result.status == 1)
        #expect(OutputWidthTests.widest(result.error) <= 50, "\(result.error)")
        #expect(result.error.hasPrefix("-c:1:13: error: a partner 'golden-goal' already\n"))
    }

    @Test func theVerticalFormatShowsABlockPerRow() throws {
        let result = try run(["--format", "vertical", "-c", "projects where id = TIP-2007 | columns id, status, start"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("─[ 1 ]"))
        #expect(result.output.contains("\nid      TIP-2007\nstatus  active\nstart   2007-04-24\n1 row\n"))
        let dot = try run(["-c", ".format vertical", "-c", "partners | take 1 | columns id"])
        #expect(dot.output.hasPrefix("─[ 1 ]"))
        #expect(dot.output.hasSuffix("\nid  batken-admin\n1 row\n"))
    }

    @Test func expandedSwitchesBetweenTablesAndBlocks() throws {
        let on = try run(["-c", ".expanded on", "-c", "partners | take 1 | columns id"])
        #expect(on.output.hasPrefix("─[ 1 ]"))
        // At 60 columns the report fits once the columns it can do without are left out; at 40
        // even that is too wide, and it is drawn a block per row.
        let fits = try run(["-c", ".expanded", "-c", "progress TIP-2007"], columns: 60)
        #expect(fits.output.hasPrefix("expanded auto\n┌"))
        #expect(fits.output.contains("not shown, for the width: baseline, unit, last-recorded,\ntitle (.expanded on shows them)"))
        let auto = try run(["-c", ".expanded", "-c", "progress TIP-2007"], columns: 40)
        #expect(auto.output.hasPrefix("expanded auto\nTIP-2007 Combating human trafficking in\nsouth Kyrgyzstan\n─[ 1 ]"))
        #expect(OutputWidthTests.widest(auto.output) <= 40)
        let off = try run(["-c", ".expanded off", "-c", "progress TIP-2007"], columns: 60)
        #expect(off.output.hasPrefix("┌"))
        let bad = try run(["-c", ".expanded aut"])
        #expect(bad.status == 1)
        #expect(bad.error.contains(".expanded takes on, off or auto (did you mean 'auto'?)"))
    }

    @Test func noHeaderGivesBareDataInAPipe() throws {
        let csv = try run(["--format", "csv", "--no-header", "-c", "projects | sort id | columns id, status"])
        #expect(csv.output == "TIP-2004,closed\r\nTIP-2007,active\r\nTIP-RESEARCH-2006,closed\r\n")
        let tsv = try run(["--format", "tsv", "-c", ".headers off", "-c", "partners | count"])
        #expect(tsv.output == "6\n")
        let table = try run(["-c", ".headers off", "-c", "partners | count"])
        #expect(table.output.hasSuffix("┘\n"))
        #expect(!table.output.contains("1 row"))
        let back = try run(["-c", ".headers off", "-c", ".headers on", "-c", "partners | count"])
        #expect(back.output.hasSuffix("1 row\n"))
    }
}
