import Foundation
import Testing

/// The `| export csv` options: safe cells, a byte-order mark, HXL hashtags.
@Suite(.timeLimit(.minutes(2))) struct ExportStageTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    func run(_ script: String) throws -> CommandRunner.Result {
        try runner.write("s.fk", script)
        return try runner.run(["--demo", "--today", "2007-12-01", "-f", "s.fk"])
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: runner.folder.appendingPathComponent(name))) }

    @Test func aCellThatASpreadsheetWouldRunIsKeptAsText() throws {
        let result = try run("""
            add partner evil name "=HYPERLINK(\\"http://x\\")" acronym "@SUM(A1)" kind other
            add partner minus name "-2+3" kind other
            partners where kind = other | columns id, name, acronym | export csv "p.csv"
            add outcome TIP-2007/loss title "Dropped out" measure count baseline 10 target 0 direction down
            record TIP-2007/loss -4 on 2007-11-01
            records where outcome = TIP-2007/loss | columns outcome, value | export tsv "r.tsv"
            """)
        #expect(result.status == 0, "\(result.error)")
        let csv = String(decoding: try bytes("p.csv"), as: UTF8.self)
        #expect(csv.contains("evil,\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1)\r\n"))
        #expect(csv.contains("minus,'-2+3,\r\n"))
        // A number stays a number, even a negative one.
        #expect(String(decoding: try bytes("r.tsv"), as: UTF8.self).contains("TIP-2007/loss\t-4\n"))
    }

    @Test func bomPutsAByteOrderMarkFirst() throws {
        #expect(try run("projects | columns id | export csv \"p.csv\" bom").status == 0)
        #expect(try bytes("p.csv").starts(with: [0xEF, 0xBB, 0xBF, UInt8(ascii: "i"), UInt8(ascii: "d")]))
    }

    @Test func hxlPutsTheHashtagRowUnderTheHeader() throws {
        let result = try run("""
            projects | columns id, title, funders, implementers, regions, days | export csv "p.csv" hxl
            records | columns outcome, date, value, sex | export csv "r.csv" hxl bom
            """)
        #expect(result.status == 1, "days is no field")
        #expect(try run("""
            projects | columns id, title, funders, implementers, regions, duration | export csv "p.csv" hxl
            records | columns outcome, date, value, sex | export csv "r.csv" hxl bom
            """).status == 0)
        let lines = String(decoding: try bytes("p.csv"), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0] == "id,title,funders,implementers,regions,duration")
        #expect(lines[1] == "#activity+code,#activity+name,#org+funder,#org+impl,#adm1+code,#meta+duration")
        let records = String(decoding: try bytes("r.csv").dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(records[1] == "#indicator+code,#date,#indicator+value+num,#meta+sex")
    }

    @Test(arguments: [
        ("projects | export csv \"p.csv\" bmo", "unknown export option 'bmo' (did you mean 'bom'?)"),
        ("projects | export json \"p.json\" hxl", "hxl is an option of csv and tsv exports"),
    ])
    func aWrongOptionIsRefused(_ statement: String, _ message: String) throws {
        let result = try run(statement)
        #expect(result.status == 1)
        #expect(result.error.contains(message), "\(result.error)")
    }
}
