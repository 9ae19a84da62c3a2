import Foundation
import Testing

/// Each report of the Osh scenario, drawn at 80 and at 140 columns on a fixed day, against
/// the text kept in `Golden/`; and every report in every data format, where no drawing and
/// no colour may appear. `FIELDKIT_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests`
/// writes the files anew after a change meant to alter them (then read the diff).
@Suite(.timeLimit(.minutes(3))) struct ReportGoldenTests {
    static let reports: [(name: String, statement: String)] = [
        ("progress", "progress TIP-2007"), ("progress-by-sex", "progress TIP-2007 by sex"),
        ("progress-as-of", "progress TIP-2007 as of 2007-10-01"), ("timeline", "timeline"), ("tree", "tree"),
        ("funding", "funding"), ("funding-by-project", "funding by project"), ("show-project", "show TIP-2007"),
        ("show-outcome", "show TIP-2007/trained"), ("show-partner", "show partner osce-osh"), ("show-region", "show KG-B"),
        ("history", "history TIP-2007 take 4 | columns seq, actor, origin, statement, changed"),
    ]
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// The scenario's amounts and a change of status, so that funding and history have something to show.
    static let setup = """
        set TIP-2007 budget 100000 EUR
        link TIP-2007 france as funder amount 85000 EUR
        set TIP-2007 actual-start 2007-05-02
        """

    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        try runner.write("setup.fk", ReportGoldenTests.setup)
    }

    func run(_ statement: String, _ extra: [String] = [], columns: Int? = nil) throws -> CommandRunner.Result {
        try runner.write("s.fk", ".read \"setup.fk\"\n" + statement + "\n")
        var environment = ["TZ": "Asia/Bishkek"]
        if let columns { environment["COLUMNS"] = "\(columns)" }
        return try runner.run(["--demo", "--today", "2007-12-01", "--actor", "osh-office"] + extra + ["-f", "s.fk"], environment: environment)
    }

    /// Times of the journal are when the test ran: they are put as `HH:MM` of a fixed day.
    static func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?=[ │])"#, with: "YYYY-MM-DD hh:mm", options: .regularExpression)
            .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2} by"#, with: "YYYY-MM-DD hh:mm by", options: .regularExpression)
    }

    @Test(arguments: [80, 140])
    func eachReportDrawsAsItsGoldenText(columns: Int) throws {
        let update = ProcessInfo.processInfo.environment["FIELDKIT_UPDATE_GOLDEN"] == "1"
        for report in ReportGoldenTests.reports {
            let result = try run(report.statement, columns: columns)
            #expect(result.status == 0, "\(report.statement): \(result.error)")
            let text = ReportGoldenTests.stable(result.output)
            let file = ReportGoldenTests.folder.appendingPathComponent("\(report.name)-\(columns).txt")
            if update {
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let golden = (try? String(contentsOf: file, encoding: .utf8)) ?? "(missing \(file.lastPathComponent))"
            #expect(text == golden, "\(report.statement) at \(columns) columns differs from Golden/\(file.lastPathComponent)")
            for line in text.split(separator: "\n") {
                #expect(line.count <= columns, "\(report.statement) at \(columns): \(line)")
            }
        }
    }

    @Test(arguments: ["csv", "tsv", "json", "jsonl", "markdown"])
    func dataFormatsCarryNumbersNeverDrawingsOrColour(format: String) throws {
        for report in ReportGoldenTests.reports {
            for color in ["auto", "always"] {
                let result = try run(report.statement, ["--format", format, "--color", color], columns: 80)
                #expect(result.status == 0, "\(report.statement): \(result.error)")
                #expect(!result.output.contains("\u{1B}"), "\(report.statement) in \(format) with --color \(color)")
                #expect(!result.output.contains { "█░▏▎▍▌▋▊▉┃├└▁▂▃▅▆▇".contains($0) }, "\(report.statement) in \(format)")
            }
        }
        // The numbers are there: a bar is its fraction (a percentage in Markdown, which is
        // read by people), an amount is plain.
        let progress = try run("progress TIP-2007/groups | columns progress, expected", ["--format", format])
        #expect(progress.output.contains(format == "markdown" ? "33%" : "0.333333"))
        let funding = try run("funding by project | where project = TIP-2007 | columns covered, gap", ["--format", format])
        #expect(funding.output.contains(format == "markdown" ? "85%" : "0.85") && funding.output.contains("15000"))
        #expect(!funding.output.contains("15,000"))
    }

    @Test func colourOnlyWhenAskedOrOnATerminal() throws {
        let plain = try run("progress TIP-2007")
        #expect(!plain.output.contains("\u{1B}"))
        let always = try run("progress TIP-2007", ["--color", "always"])
        #expect(always.output.contains("\u{1B}[31moff-track\u{1B}[0m"))
        let never = try run("progress TIP-2007", ["--color", "always", "--no-color"])
        #expect(!never.output.contains("\u{1B}"))
        let bad = try runner.run(["--demo", "--color", "sometimes", "-c", "projects"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("Please provide one of 'auto', 'always' or 'never'"))
    }

    @Test func timelineTellsPlannedFromActualAndMarksToday() throws {
        let text = try run("timeline | where id = TIP-2007", columns: 100).output
        #expect(text.contains("░") && text.contains("█") && text.contains("┃"))
        #expect(text.contains("░ planned  █ actual  │ today 2007-12-01"))
    }
}
