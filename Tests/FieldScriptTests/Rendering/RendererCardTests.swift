import FieldKit
import Foundation
import Testing

@testable import FieldScript

@Suite("Renderer: cards in the data formats")
struct RendererCardTests {
    @Test func writesACardAsOneJSONObject() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .json)
        #expect(
            text == #"""
                {
                  "title": "project TIP-2007",
                  "fields": {
                    "id": "TIP-2007",
                    "title": "Anti-trafficking, south Kyrgyzstan",
                    "budget": {
                      "amount": 85000,
                      "currency": "EUR"
                    },
                    "start": "2007-04-24",
                    "地域": "Баткенская область",
                    "progress": 0.5,
                    "summary": null
                  },
                  "partners": [
                    {
                      "partner": "golden-goal",
                      "role": "implementer",
                      "amount": null
                    },
                    {
                      "partner": "france",
                      "role": "funder",
                      "amount": {
                        "amount": 85000,
                        "currency": "EUR"
                      }
                    }
                  ]
                }

                """#)
    }

    @Test func writesACardAsOneJSONLine() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .jsonl)
        let line =
            #"{"title":"project TIP-2007","fields":{"id":"TIP-2007","title":"Anti-trafficking, south Kyrgyzstan","#
            + #""budget":{"amount":85000,"currency":"EUR"},"start":"2007-04-24","地域":"Баткенская область","#
            + #""progress":0.5,"summary":null},"partners":[{"partner":"golden-goal","role":"implementer","amount":null},"#
            + #"{"partner":"france","role":"funder","amount":{"amount":85000,"currency":"EUR"}}]}"#
        #expect(text == line + "\n")
    }

    @Test func writesACardAsCSVBlocks() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .csv)
        let lines = [
            "field,value",
            "id,TIP-2007",
            "title,\"Anti-trafficking, south Kyrgyzstan\"",
            "budget,85000 EUR",
            "start,2007-04-24",
            "地域,Баткенская область",
            "progress,0.5",
            "summary,",
            "",
            "partner,role,amount",
            "golden-goal,implementer,",
            "france,funder,85000 EUR",
        ]
        #expect(text == lines.map { $0 + "\r\n" }.joined())
    }

    @Test func writesACardAsTSVBlocks() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .tsv)
        let lines = [
            "field\tvalue",
            "id\tTIP-2007",
            "title\tAnti-trafficking, south Kyrgyzstan",
            "budget\t85000 EUR",
            "start\t2007-04-24",
            "地域\tБаткенская область",
            "progress\t0.5",
            "summary\t",
            "",
            "partner\trole\tamount",
            "golden-goal\timplementer\t",
            "france\tfunder\t85000 EUR",
        ]
        #expect(text == lines.map { $0 + "\n" }.joined())
    }

    @Test func writesACardAsMarkdown() throws {
        let text = RenderingSamples.render(.card(try RenderingSamples.card()), .markdown)
        #expect(
            text == """
                ### project TIP-2007

                | field    | value                              |
                | -------- | ---------------------------------- |
                | id       | TIP-2007                           |
                | title    | Anti-trafficking, south Kyrgyzstan |
                | budget   | 85000 EUR                          |
                | start    | 2007-04-24                         |
                | 地域     | Баткенская область                 |
                | progress | 50%                                |
                | summary  |                                    |

                #### partners

                | partner     | role        |    amount |
                | ----------- | ----------- | --------: |
                | golden-goal | implementer |           |
                | france      | funder      | 85000 EUR |

                """)
    }
}
