import Foundation
import Testing

/// `| export html`: one self-contained page per report, query or card, through the binary.
@Suite(.timeLimit(.minutes(2))) struct ReportHTMLTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    /// Runs a script on the demo store and returns the page it wrote.
    func page(_ statement: String, file: String = "report.html") throws -> String {
        try runner.write("s.fk", statement + "\n")
        let result = try runner.run(["--demo", "--today", "2007-12-01", "--actor", "osh-office", "-f", "s.fk"])
        #expect(result.status == 0, "\(result.error)")
        return String(decoding: try Data(contentsOf: runner.folder.appendingPathComponent(file)), as: UTF8.self)
    }

    /// libxml2's HTML parser: what it says of the page (nothing when it is well-formed).
    func lint(_ html: String) throws -> (status: Int32, errors: String) {
        try runner.write("lint.html", html)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--html", "--noout", runner.folder.appendingPathComponent("lint.html").path]
        // Into a file, not a pipe: a pipe's write end inherited by a process another test
        // starts at the same moment would keep the read waiting until that one ends.
        let errors = runner.folder.appendingPathComponent("lint.err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errors)
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// The SVG drawings the page carries as images.
    func drawings(_ html: String) -> [String] {
        html.components(separatedBy: "data:image/svg+xml;base64,").dropFirst().compactMap { piece in
            Data(base64Encoded: String(piece.prefix { $0 != "\"" })).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    func expectSelfContained(_ html: String) throws {
        let lint = try lint(html)
        #expect(lint.status == 0 && lint.errors.isEmpty, "\(lint.errors)")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.lowercased().contains("<script"))
        // Nothing fetched: no address but the SVG namespace, which names and fetches nothing.
        for reference in ["src=\"http", "href=", "url(", "@import", "<link"] {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(html.contains("<style>"))
        // The header: the store, the day the figures stand on, who made it.
        #expect(html.contains("as of <b>2007-12-01</b>"))
        #expect(html.contains("made by <b>osh-office</b>"))
    }

    @Test func aProgressReportIsAPageWithItsFiguresAndBars() throws {
        let html = try page("progress TIP-2007 | export html \"report.html\"")
        try expectSelfContained(html)
        #expect(html.contains("<title>progress TIP-2007</title>"))
        #expect(html.contains("TIP-2007 — Combating human trafficking in south Kyrgyzstan"))
        for figure in ["groups", "33%", "off-track", "Students who know how to recognise trafficking", "2007-11-30", "NGOs from Osh, Andijan and Khujand met in Osh"] {
            #expect(html.contains(figure), "\(figure)")
        }
        #expect(html.contains("class=\"s-off-track\""))
        let bars = drawings(html)
        #expect(bars.count == 4)  // the qualitative outcome has none
        #expect(bars.allSatisfy { $0.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && $0.hasSuffix("</svg>") })
        #expect(bars.contains { $0.contains(">33%</text>") })
        // No terminal drawing in the page.
        #expect(!html.contains { "█░▏▎▍▌▋▊▉│".contains($0) })
    }

    @Test func aTimelineIsAPageWithAGanttChart() throws {
        let html = try page("timeline | export html \"report.html\"")
        try expectSelfContained(html)
        let chart = try #require(drawings(html).last)
        #expect(chart.contains(">2004</text>") && chart.contains(">2008</text>"))
        #expect(chart.contains("TIP-RESEARCH-2006"))
        #expect(chart.contains("stroke=\"#cf222e\""))  // the today line
        #expect(html.contains("light: planned · solid: actual · red line: today"))
    }

    @Test func aCardFundingAndAQueryArePagesToo() throws {
        let card = try page("show TIP-2007 | export html \"report.html\"")
        try expectSelfContained(card)
        #expect(card.contains("<h2>project TIP-2007</h2>"))
        #expect(card.contains("<dt>status</dt><dd><span class=\"s-active\">active</span></dd>"))
        #expect(card.contains("<h2>outcomes</h2>"))
        let funding = try page("""
            set TIP-2007 budget 100000 EUR
            link TIP-2007 france as funder amount 85000 EUR
            funding by project | export html "report.html"
            """)
        try expectSelfContained(funding)
        #expect(funding.contains("100,000 EUR") && funding.contains("15,000 EUR") && funding.contains(">85%</text>") == false)
        #expect(drawings(funding).contains { $0.contains(">85%</text>") })
        let query = try page("projects where status = closed | columns id, title | export html \"report.html\"")
        try expectSelfContained(query)
        #expect(query.contains("<td>TIP-2004</td>"))
    }

    @Test func markupInTheDataIsEscaped() throws {
        let html = try page("""
            add partner x name "<script>alert('x')</script> & co" kind other
            partners where id = x | columns name | export html "report.html"
            """)
        try expectSelfContained(html)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"))
    }
}
