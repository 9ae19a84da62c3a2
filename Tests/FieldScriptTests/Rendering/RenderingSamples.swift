import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// The results that the rendering golden tests print in every format.
enum RenderingSamples {
    /// Three rows covering every kind of value: Cyrillic and CJK text, a number, a fraction,
    /// money, dates at each precision, lists, nulls, a cell with a comma and quotes, and one
    /// with a line break.
    static func table() throws -> Table {
        Table(
            columns: [
                Column("region"), Column("projects", numeric: true), Column("progress", numeric: true),
                Column("budget", numeric: true), Column("start"), Column("sectors"), Column("note"),
            ],
            rows: [
                [
                    .text("Баткенская область"), .number(6), .fraction(0.3333), .money(try Money(parsing: "85000 EUR")),
                    .day(try Day(parsing: "2007-04-24")), .list([.text("awareness"), .text("training")]),
                    .text(#"Golden Goal, "GG""#),
                ],
                [
                    .text("日本"), .number(try #require(Decimal(string: "12.5"))), .fraction(0.025),
                    .money(try Money(parsing: "1500.5 USD")), .day(try Day(parsing: "2008-01")), .list([]), .null,
                ],
                [
                    .text("Osh"), .number(0), .fraction(1), .null, .day(try Day(parsing: "2007")),
                    .list([.text("15170")]), .text("line one\nline two"),
                ],
            ])
    }

    /// A project card with a Cyrillic value, a CJK field name and one section.
    static func card() throws -> Card {
        let budget = try Money(parsing: "85000 EUR")
        return Card(
            title: "project TIP-2007",
            fields: [
                .init("id", .text("TIP-2007")),
                .init("title", .text("Anti-trafficking, south Kyrgyzstan")),
                .init("budget", .money(budget)),
                .init("start", .day(try Day(parsing: "2007-04-24"))),
                .init("地域", .text("Баткенская область")),
                .init("progress", .fraction(0.5)),
                .init("summary", .null),
            ],
            sections: [
                .init(
                    "partners",
                    Table(
                        columns: [Column("partner"), Column("role"), Column("amount", numeric: true)],
                        rows: [
                            [.text("golden-goal"), .text("implementer"), .null],
                            [.text("france"), .text("funder"), .money(budget)],
                        ]))
            ])
    }

    /// Renders an output in a format, without colour unless asked.
    static func render(_ output: Output, _ format: Format, color: Bool = false) -> String {
        Renderer(format: format, color: color).render(output)
    }
}
