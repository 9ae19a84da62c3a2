import Foundation
import Testing

/// `import csv records`, the monthly workflow, through the binary.
@Suite(.timeLimit(.minutes(2))) struct InterchangeCSVTests {
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/fieldkit/Resources/osh-2007.fk").standardizedFileURL
        #expect(try runner.run(["--store", "osh.db", "--today", "2007-12-15", "-f", scenario.path]).status == 0)
    }

    func run(_ statement: String, _ options: [String] = []) throws -> CommandRunner.Result {
        try runner.run(["--store", "osh.db", "--today", "2007-12-15"] + options + ["-c", statement])
    }

    static let monthly = "\u{FEFF}outcome,date,value,sex,note,source\r\nTIP-2007/trained,2007-12-01,14,female,\"Osh, second court\",attendance\r\n"
        + "TIP-2007/trained,2007-12-01,9,male,,attendance\r\nTIP-2007/groups,2007-12-01,1,,Isfana,\r\n"

    @Test func theMonthlyFileImportsOnceAsOneUndoableStatement() throws {
        try runner.write("monthly.csv", Self.monthly)
        let dry = try run("import csv records \"monthly.csv\"", ["--dry-run"])
        #expect(dry.output.contains("would add 3 records"), "\(dry.output)\(dry.error)")
        let imported = try run("import csv records \"monthly.csv\"")
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.hasPrefix("imported monthly.csv: add 3 records"))
        let records = try run("records where date = 2007-12-01 | columns outcome, value, sex, note")
        #expect(records.output.contains("Osh, second court"))
        #expect(try run("import csv records \"monthly.csv\"").output.hasPrefix("nothing to import from monthly.csv"))
        #expect(try run("history | columns statement").output.contains("import csv records \"monthly.csv\""))
        try runner.write("other.csv", Self.monthly.replacingOccurrences(of: "2007-12-01", with: "2007-12-08"))
        let undone = try runner.run(
            ["--store", "osh.db"], input: "import csv records \"other.csv\"\nundo\nrecords where date = 2007-12-08 | count\n")
        #expect(undone.output.contains("│     0 │"), "\(undone.output)")
    }

    @Test func aBadCellIsShownAtItsLineAndColumnAndNothingIsImported() throws {
        try runner.write("bad.csv", "outcome,date,value\nTIP-2007/groups,2007-12-02,1\nTIP-2007/groups,2007-12-03,\"1,5\"\n")
        let result = try run("import csv records \"bad.csv\"")
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("bad.csv:3:28: error: column 'value': '1,5' is not a number; write 1.5, with a point\n"), "\(result.error)")
        #expect(try run("records where date >= 2007-12-02 | count").output.contains("│     0 │"))
    }

    @Test func aNumberPastTheLimitsIsShownAtItsRow() throws {
        try runner.write("big.csv", "outcome,date,value\nTIP-2007/groups,2007-12-02,1\nTIP-2007/groups,2007-12-03,99999999999999999999999\n")
        let result = try run("import csv records \"big.csv\"")
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("big.csv:3:"), "\(result.error)")
        #expect(result.error.contains("out of range"))
    }

    @Test(arguments: [
        ("import csv \"p.csv\"", "expected what the file holds"),
        ("import csv project \"p.csv\"", "did you mean 'projects'"),
        ("import csv records \"none.csv\"", "no file 'none.csv'"),
    ])
    func whatCannotBeDoneIsSaid(_ statement: String, _ message: String) throws {
        let result = try run(statement)
        #expect(result.status == 1)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func anExportWithHashtagsReadsBackAsTheSameRecords() throws {
        let exported = try run("records | columns outcome, date, value, sex, note, source | export csv \"all.csv\" hxl bom")
        #expect(exported.status == 0, "\(exported.error)")
        let again = try run("import csv records \"all.csv\"")
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.hasPrefix("nothing to import from all.csv"), "\(again.output)")
    }

    @Test func partnersProjectsLinksAndOutcomesComeFromTheirSpreadsheets() throws {
        try runner.write("partners.csv", "id,name,kind,country\nunicef,UNICEF,multilateral,KG\n")
        try runner.write("projects.csv", "id,title,status,start,end,regions\nWASH-2008,\"Water, Batken\",pipeline,2008-02,2008-12,KG-B\n")
        try runner.write("links.csv", "project,partner,role,amount\nWASH-2008,unicef,funder,50000 USD\n")
        try runner.write("outcomes.csv", "id,title,measure,target,dims\nWASH-2008/wells,Wells dug,count,40,sex\n")
        try runner.write("all.fk", "import csv partners \"partners.csv\"\nimport csv projects \"projects.csv\"\nimport csv links \"links.csv\"\nimport csv outcomes \"outcomes.csv\"\n")
        let result = try runner.run(["--store", "osh.db", "--today", "2007-12-15", "-f", "all.fk"])
        #expect(result.status == 0, "\(result.error)")
        #expect(try run("projects where funders has unicef | columns id, title").output.contains("Water, Batken"))
        #expect(try run("outcomes where project = WASH-2008 | columns id, target").output.contains("WASH-2008/wells"))
        try runner.write("late.csv", "id,end\nWASH-2008,2009-06\n")
        let refused = try run("import csv projects \"late.csv\"")
        #expect(refused.status == 1)
        #expect(refused.error.contains("late.csv:2:1: error: 1 row differs from what the store holds: project WASH-2008"))
        #expect(try run("import csv projects \"late.csv\" replace").status == 0)
        #expect(try run("projects where id = WASH-2008 | columns end, title").output.contains("2009-06"))
        #expect(try run(".check").status == 0)
    }
}
