import FieldKit
import Foundation
import Testing

@testable import FieldScript

@Suite("Renderer: table format")
struct RendererTableTests {
    @Test func drawsABoxWithAlignedCyrillicAndCJK() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .table)
        #expect(
            text == """
                ┌────────────────────┬──────────┬──────────┬─────────────┬────────────┬─────────────────────┬───────────────────┐
                │ region             │ projects │ progress │      budget │ start      │ sectors             │ note              │
                ├────────────────────┼──────────┼──────────┼─────────────┼────────────┼─────────────────────┼───────────────────┤
                │ Баткенская область │        6 │      33% │  85,000 EUR │ 2007-04-24 │ awareness, training │ Golden Goal, "GG" │
                │ 日本               │     12.5 │     2.5% │ 1,500.5 USD │ 2008-01    │                     │                   │
                │ Osh                │        0 │     100% │             │ 2007       │ 15170               │ line one↵line two │
                └────────────────────┴──────────┴──────────┴─────────────┴────────────┴─────────────────────┴───────────────────┘
                3 rows

                """)
    }

    @Test func everyLineOfATableHasTheSameDisplayWidth() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .table)
        let lines = text.split(separator: "\n").dropLast().map { TerminalWidth.of(String($0)) }
        #expect(Set(lines).count == 1)
    }

    @Test func saysOneRowInTheSingular() {
        let table = Table(columns: [Column("id")], rows: [[.text("TIP-2007")]])
        #expect(
            RenderingSamples.render(.table(table), .table) == """
                ┌──────────┐
                │ id       │
                ├──────────┤
                │ TIP-2007 │
                └──────────┘
                1 row

                """)
    }

    @Test func showsTheHeaderOfAnEmptyTable() {
        let table = Table(columns: [Column("id"), Column("budget", numeric: true)], rows: [])
        #expect(
            RenderingSamples.render(.table(table), .table) == """
                ┌────┬────────┐
                │ id │ budget │
                ├────┼────────┤
                └────┴────────┘
                0 rows

                """)
    }

    @Test func keepsWideCellsWholeWithoutAWidth() {
        let latin = String(repeating: "a", count: 100)
        let table = Table(columns: [Column("text")], rows: [[.text(latin)]])
        let text = RenderingSamples.render(.table(table), .table)
        #expect(text.contains("│ \(latin) │\n"))
    }

    @Test func boldsTheHeaderAndDimsTheBordersWithColour() {
        let table = Table(columns: [Column("id"), Column("n", numeric: true)], rows: [[.text("a"), .number(1)]])
        let text = RenderingSamples.render(.table(table), .table, color: true)
        #expect(
            text == """
                \u{1B}[2m┌────┬───┐\u{1B}[0m
                \u{1B}[2m│\u{1B}[0m \u{1B}[1mid\u{1B}[0m \u{1B}[2m│\u{1B}[0m \u{1B}[1mn\u{1B}[0m \u{1B}[2m│\u{1B}[0m
                \u{1B}[2m├────┼───┤\u{1B}[0m
                \u{1B}[2m│\u{1B}[0m a  \u{1B}[2m│\u{1B}[0m 1 \u{1B}[2m│\u{1B}[0m
                \u{1B}[2m└────┴───┘\u{1B}[0m
                1 row

                """)
    }

    @Test func printsACardWithItsFieldsAndSections() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .table)
        #expect(
            text == """
                project TIP-2007
                id        TIP-2007
                title     Anti-trafficking, south Kyrgyzstan
                budget    85,000 EUR
                start     2007-04-24
                地域      Баткенская область
                progress  50%
                summary

                partners
                ┌─────────────┬─────────────┬────────────┐
                │ partner     │ role        │     amount │
                ├─────────────┼─────────────┼────────────┤
                │ golden-goal │ implementer │            │
                │ france      │ funder      │ 85,000 EUR │
                └─────────────┴─────────────┴────────────┘
                2 rows

                """)
    }

    @Test func boldsTheCardTitleWithColour() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .table, color: true)
        #expect(text.hasPrefix("\u{1B}[1mproject TIP-2007\u{1B}[0m\nid        TIP-2007\n"))
        #expect(text.contains("\u{1B}[2m│\u{1B}[0m \u{1B}[1mpartner\u{1B}[0m     \u{1B}[2m│\u{1B}[0m"))
    }

    @Test func neverWritesAnsiWithoutColour() throws {
        var table = try RenderingSamples.table()
        table.rows.append([.text("\u{1B}[31mred\u{1B}[0m"), .null, .null, .null, .null, .null, .text("bell\u{07}")])
        let card = try RenderingSamples.card()
        for format in Format.allCases {
            for output in [Output.table(try RenderingSamples.table()), .card(card), .message("added project TIP-2007")] {
                #expect(!RenderingSamples.render(output, format).contains("\u{1B}"), "\(format)")
            }
        }
        // Text that holds escapes is shown with Control Pictures in the formats for people.
        for format in [Format.table, .markdown] {
            let text = RenderingSamples.render(.table(table), format)
            #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"), "\(format)")
            #expect(text.contains("␛[31mred␛[0m"), "\(format)")
        }
        #expect(RenderingSamples.render(.table(table), .json).contains(#""\u001B[31mred\u001B[0m""#))
    }

    @Test(arguments: Format.allCases)
    func printsAMessageAndANewlineInEveryFormat(_ format: Format) {
        #expect(RenderingSamples.render(.message("added project TIP-2007"), format) == "added project TIP-2007\n")
        #expect(RenderingSamples.render(.message(""), format) == "")
    }
}
