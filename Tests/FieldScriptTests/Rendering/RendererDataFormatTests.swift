import FieldKit
import Foundation
import Testing

@testable import FieldScript

@Suite("Renderer: csv, tsv, json, jsonl and markdown formats")
struct RendererDataFormatTests {
    @Test func writesRFC4180CSV() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .csv)
        let lines = [
            "region,projects,progress,budget,start,sectors,note",
            #"Баткенская область,6,0.3333,85000 EUR,2007-04-24,"awareness, training","Golden Goal, ""GG""""#,
            "日本,12.5,0.025,1500.5 USD,2008-01,,",
            "Osh,0,1,,2007,15170,\"line one\nline two\"",
        ]
        #expect(text == lines.map { $0 + "\r\n" }.joined())
    }

    @Test func quotesCSVFieldsOnlyWhenNeeded() {
        #expect(Renderer.csvField("Osh") == "Osh")
        #expect(Renderer.csvField("a,b") == "\"a,b\"")
        #expect(Renderer.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Renderer.csvField("a\r\nb") == "\"a\r\nb\"")
        #expect(Renderer.csvField("tab\there") == "tab\there")
    }

    @Test func writesFractionsAsPlainDecimals() {
        #expect(Value.decimal(0.3333) == "0.3333")
        #expect(Value.decimal(1.0 / 3) == "0.333333")
        #expect(Value.decimal(0.5) == "0.5")
        #expect(Value.decimal(1) == "1")
        #expect(Value.decimal(12) == "12")
        #expect(Value.decimal(-0.0000001) == "0")
        #expect(Value.decimal(.nan) == nil)
        #expect(Value.fraction(0.125).plainText == "0.125")
        #expect(Value.list([.fraction(0.5), .text("x")]).plainText == "0.5, x")
    }

    @Test func writesTSVWithEscapes() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .tsv)
        let lines = [
            "region\tprojects\tprogress\tbudget\tstart\tsectors\tnote",
            "Баткенская область\t6\t0.3333\t85000 EUR\t2007-04-24\tawareness, training\tGolden Goal, \"GG\"",
            "日本\t12.5\t0.025\t1500.5 USD\t2008-01\t\t",
            "Osh\t0\t1\t\t2007\t15170\tline one\\nline two",
        ]
        #expect(text == lines.map { $0 + "\n" }.joined())
        #expect(Renderer.tsvField("a\tb\\c\r\nd") == #"a\tb\\c\r\nd"#)
    }

    @Test func writesPrettyJSONWithKeysInColumnOrder() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .json)
        #expect(
            text == #"""
                [
                  {
                    "region": "Баткенская область",
                    "projects": 6,
                    "progress": 0.3333,
                    "budget": {
                      "amount": 85000,
                      "currency": "EUR"
                    },
                    "start": "2007-04-24",
                    "sectors": [
                      "awareness",
                      "training"
                    ],
                    "note": "Golden Goal, \"GG\""
                  },
                  {
                    "region": "日本",
                    "projects": 12.5,
                    "progress": 0.025,
                    "budget": {
                      "amount": 1500.5,
                      "currency": "USD"
                    },
                    "start": "2008-01",
                    "sectors": [],
                    "note": null
                  },
                  {
                    "region": "Osh",
                    "projects": 0,
                    "progress": 1,
                    "budget": null,
                    "start": "2007",
                    "sectors": [
                      "15170"
                    ],
                    "note": "line one\nline two"
                  }
                ]

                """#)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?.first?["region"] as? String == "Баткенская область")
    }

    @Test func writesJSONLinesOneCompactObjectPerRow() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .jsonl)
        let lines = [
            #"{"region":"Баткенская область","projects":6,"progress":0.3333,"budget":{"amount":85000,"currency":"EUR"},"start":"2007-04-24","sectors":["awareness","training"],"note":"Golden Goal, \"GG\""}"#,
            #"{"region":"日本","projects":12.5,"progress":0.025,"budget":{"amount":1500.5,"currency":"USD"},"start":"2008-01","sectors":[],"note":null}"#,
            #"{"region":"Osh","projects":0,"progress":1,"budget":null,"start":"2007","sectors":["15170"],"note":"line one\nline two"}"#,
        ]
        #expect(text == lines.map { $0 + "\n" }.joined())
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
    }

    @Test func writesTimesAndEscapesInJSON() throws {
        let table = Table(
            columns: [Column("at"), Column("text")],
            rows: [[.time(Date(timeIntervalSince1970: 1_177_407_000)), .text("tab\tbell\u{07}\\ /\u{2028}")]])
        #expect(
            RenderingSamples.render(.table(table), .jsonl)
                == #"{"at":"2007-04-24T09:30:00Z","text":"tab\tbell\u0007\\ /\u2028"}"# + "\n")
    }

    @Test func writesAnEmptyTableInEachFormat() {
        let table = Table(columns: [Column("id"), Column("budget", numeric: true)], rows: [])
        #expect(RenderingSamples.render(.table(table), .json) == "[]\n")
        #expect(RenderingSamples.render(.table(table), .jsonl) == "")
        #expect(RenderingSamples.render(.table(table), .csv) == "id,budget\r\n")
        #expect(RenderingSamples.render(.table(table), .tsv) == "id\tbudget\n")
        #expect(RenderingSamples.render(.table(table), .markdown) == "| id  | budget |\n| --- | -----: |\n")
    }

    @Test func writesAGitHubMarkdownTable() throws {
        let text = RenderingSamples.render(.table(try RenderingSamples.table()), .markdown)
        #expect(
            text == """
                | region             | projects | progress |     budget | start      | sectors             | note                 |
                | ------------------ | -------: | -------: | ---------: | ---------- | ------------------- | -------------------- |
                | Баткенская область |        6 |      33% |  85000 EUR | 2007-04-24 | awareness, training | Golden Goal, "GG"    |
                | 日本               |     12.5 |     2.5% | 1500.5 USD | 2008-01    |                     |                      |
                | Osh                |        0 |     100% |            | 2007       | 15170               | line one<br>line two |

                """)
    }

    @Test func escapesPipesInMarkdownCells() {
        let table = Table(columns: [Column("a|b")], rows: [[.text("x | y")]])
        #expect(RenderingSamples.render(.table(table), .markdown) == "| a\\|b   |\n| ------ |\n| x \\| y |\n")
    }
}
