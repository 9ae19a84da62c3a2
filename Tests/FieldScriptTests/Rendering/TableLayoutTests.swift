import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Tables fitted to a width: text columns wrap at word boundaries, widest first; numbers,
/// dates and ids are never cut; what cannot fit is drawn vertically.
@Suite struct TableLayoutTests {
    /// The widest line of some text, in terminal columns.
    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { TerminalWidth.of(String($0)) }.max() ?? 0
    }

    static let sample = Table(
        columns: [Column("id"), Column("title"), Column("due"), Column("budget", numeric: true)],
        rows: [
            [.text("TIP-2007/campaign"), .text("Awareness materials placed at bus stations, train stations and airports"),
             .day(try! Day(parsing: "2007-09")), .number(85000)],
            [.text("TIP-2007/groups"), .text("Community-based groups in remote areas of Batken"), .null, .number(12)],
        ])

    @Test func aTableWithinTheWidthIsDrawnAsItIs() {
        let wide = Renderer(format: .table, width: 200).render(.table(TableLayoutTests.sample))
        let unlimited = Renderer(format: .table).render(.table(TableLayoutTests.sample))
        #expect(wide == unlimited)
        #expect(unlimited.contains("Awareness materials placed at bus stations, train stations and airports"))
    }

    @Test(arguments: [60, 64, 72, 80])
    func theWidestTextColumnWrapsAtWordsAndNoLineIsWider(width: Int) {
        let text = Renderer(format: .table, width: width).render(.table(TableLayoutTests.sample))
        #expect(TableLayoutTests.widest(text) <= width, "\(text)")
        // Ids, dates and numbers whole; every word of the title still there, none cut.
        for whole in ["TIP-2007/campaign", "2007-09", "85000", "Community-based", "airports"] {
            #expect(text.contains(whole), "\(whole) in \(text)")
        }
        #expect(!text.contains("…"))
        #expect(text.hasSuffix("2 rows\n"))
    }

    @Test func theWrappedLinesContinueUnderTheirColumn() {
        let text = Renderer(format: .table, width: 60).render(.table(TableLayoutTests.sample))
        let lines = text.split(separator: "\n").map(String.init)
        guard let first = lines.firstIndex(where: { $0.contains("TIP-2007/campaign") }) else {
            Issue.record("no campaign row in \(text)")
            return
        }
        // The continuation line has empty id, due and budget cells and more of the title.
        let next = lines[first + 1]
        #expect(next.hasPrefix("│                   │ "))
        #expect(next.contains("materials placed"))
    }

    @Test func aTableThatCannotFitIsDrawnVerticallyWhenAuto() {
        let text = Renderer(format: .table, width: 40).render(.table(TableLayoutTests.sample))
        #expect(text.hasPrefix("─[ 1 ]"))
        #expect(TableLayoutTests.widest(text) <= 40)
        #expect(text.contains("id      TIP-2007/campaign\n"))
        #expect(text.contains("budget  85000\n"))
        #expect(text.contains("─[ 2 ]"))
        #expect(text.hasSuffix("2 rows\n"))
    }

    @Test func expandedOffKeepsATableAsNarrowAsItCanBe() {
        let text = Renderer(format: .table, width: 40, expanded: .off).render(.table(TableLayoutTests.sample))
        #expect(text.hasPrefix("┌"))
        #expect(text.contains("TIP-2007/campaign"))
    }

    @Test func expandedOnAndTheVerticalFormatDrawEveryRowAsABlock() {
        let on = Renderer(format: .table, expanded: .on).render(.table(TableLayoutTests.sample))
        let vertical = Renderer(format: .vertical).render(.table(TableLayoutTests.sample))
        #expect(on == vertical)
        #expect(
            vertical.hasPrefix("""
                ─[ 1 ]\(String(repeating: "─", count: 73))
                id      TIP-2007/campaign
                title   Awareness materials placed at bus stations, train stations and airports
                due     2007-09
                budget  85000
                ─[ 2 ]
                """))
        #expect(!Format.vertical.isMachineReadable)
    }

    @Test func verticalValuesWrapUnderTheirColumn() {
        let text = Renderer(format: .vertical, width: 40).render(.table(TableLayoutTests.sample))
        #expect(text.contains("title   Awareness materials placed at\n        bus stations, train stations and\n        airports\n"))
        #expect(TableLayoutTests.widest(text) <= 40)
    }

    @Test func headersOffLeavesOutTheHeaderLineAndTheRowCount() {
        let table = Table(columns: [Column("id"), Column("n", numeric: true)], rows: [[.text("a,b"), .number(1)]])
        #expect(Renderer(format: .csv, headers: false).render(.table(table)) == "\"a,b\",1\r\n")
        #expect(Renderer(format: .tsv, headers: false).render(.table(table)) == "a,b\t1\n")
        #expect(Renderer(format: .csv).render(.table(table)) == "id,n\r\n\"a,b\",1\r\n")
        let box = Renderer(format: .table, headers: false).render(.table(table))
        #expect(box.hasSuffix("┘\n"))
        #expect(!box.contains("1 row"))
    }

    @Test func statusesAreColouredOnlyWithColour() {
        let table = Table(
            columns: [Column("id"), Column("status")],
            rows: ["achieved", "on-track", "at-risk", "off-track", "not-started"].map { [.text("x"), .text($0)] })
        let coloured = Renderer(format: .table, color: true).render(.table(table))
        for (status, code) in [("achieved", "1;32"), ("on-track", "32"), ("at-risk", "33"), ("off-track", "31"), ("not-started", "2")] {
            #expect(coloured.contains("\u{1B}[\(code)m\(status)\u{1B}[0m"), "\(status)")
        }
        #expect(!Renderer(format: .table).render(.table(table)).contains("\u{1B}"))
    }

    @Test func aLongWordIsBrokenWhereTheLineEnds() {
        #expect(TextWrapper.lines(of: "a supercalifragilistic word", width: 8) == ["a", "supercal", "ifragili", "stic", "word"])
        #expect(TextWrapper.lines(of: "Баткенская областная администрация", width: 12) == ["Баткенская", "областная", "администрация".prefix(12).description, "я"])
        #expect(TextWrapper.lines(of: "", width: 5) == [""])
    }

    @Test func messagesWrapUnderTheirOwnColumn() {
        let line = "  link      link <project> <partner> as funder|lead|extending|implementer|counterpart [amount <money>]"
        let wrapped = TextWrapper.message(line, width: 60)
        #expect(wrapped == """
              link      link <project> <partner> as
                        funder|lead|extending|implementer|counterpart
                        [amount <money>]
            """)
        let paragraph = TextWrapper.message("Adds a project, partner, region or outcome. An ISO 3166 region code fills in the name.", width: 40)
        #expect(paragraph == "Adds a project, partner, region or\noutcome. An ISO 3166 region code fills\nin the name.")
    }

    @Test func anErrorWrapsUnderItsMessage() {
        let diagnostic = Diagnostic("a partner 'golden-goal' already exists; rename it or choose another id for the new one", at: SourceLocation(line: 1, column: 13), length: 11)
        let text = DiagnosticRenderer(width: 60).render(diagnostic, source: "-c", text: "add partner golden-goal")
        #expect(text.hasPrefix("-c:1:13: error: a partner 'golden-goal' already exists;\n                rename it or choose another id for the new\n                one\n"))
        #expect(TableLayoutTests.widest(text) <= 60)
    }
}
