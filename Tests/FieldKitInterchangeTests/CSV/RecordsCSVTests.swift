import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

@Suite struct CSVReaderTests {
    func rows(_ text: String) throws -> [[CSVReader.Cell]] {
        var reader = CSVReader(Array(text.utf8))
        var rows: [[CSVReader.Cell]] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    @Test func quotedCellsHoldCommasQuotesAndLineBreaksAndLinesCountAsAnEditorShowsThem() throws {
        let rows = try rows("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\nlast,Ош,\n")
        #expect(rows.map { $0.map(\.text) } == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "Ош", ""]])
        #expect(rows[2][0].line == 5)  // after the quoted line break and the empty line
        #expect(rows[2][1].column == 6)
        #expect(rows[2][2].column == 9)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        var reader = CSVReader([0xEF, 0xBB, 0xBF] + Array("outcome\n".utf8))
        #expect(try reader.next()?.first?.text == "outcome")
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [
        ("a,b\n\"open,x\n", 2, 1, "never closed"),
        ("a,b\nx\"y,z\n", 2, 2, "a quote inside a cell"),
        ("a,b\n\"x\"y,z\n", 2, 4, "text after the closing quote"),
    ])
    func badRowsAreRefusedWhereTheyAre(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        do {
            _ = try rows(text)
            Issue.record("accepted")
        } catch let error as InterchangeError {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() {
        var reader = CSVReader(Array("a\n".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        _ = try? reader.next()
        #expect(throws: InterchangeError.self) { try reader.next() }
    }
}

@Suite struct RecordsCSVTests {
    func plan(_ text: String, replace: Bool = false) throws -> ImportPlan {
        try RecordsCSV.importing(Array(text.utf8), into: try OshScenario.portfolio(), replace: replace)
    }

    func failure(_ text: String) -> InterchangeError? {
        do {
            _ = try plan(text)
            return nil
        } catch {
            return error as? InterchangeError
        }
    }

    @Test func theMonthlyWorkflowAddsOneRecordPerRow() throws {
        let text = "\u{FEFF}Outcome,DATE,value,sex,Note,source\r\nTIP-2007/trained,2007-12-01,14,female,\"Ош, second court\",sheet\r\n"
            + "TIP-2007/trained,2007-12-01,9,male,,\r\nTIP-2007/groups,2007-12,1,,Isfana,\r\n"
        let plan = try plan(text)
        #expect(plan.lines == [2, 3, 4])
        var portfolio = try OshScenario.portfolio()
        try portfolio.apply(all: plan.changes)
        let trained = portfolio.measurements(of: OutcomeID(project: "TIP-2007", key: "trained")).filter { $0.date.description == "2007-12-01" }
        #expect(Set(trained.compactMap { $0.dimensions["sex"] }) == ["female", "male"])
        #expect(trained.first { $0.dimensions["sex"] == "female" }?.note == "Ош, second court")
        #expect(portfolio.invariantViolations().isEmpty)
        // Again: the same records, left alone.
        let again = try RecordsCSV.importing(Array(text.utf8), into: portfolio)
        #expect(again.changes.isEmpty)
        #expect(again.unchanged == 3)
    }

    @Test func aBadCellOnLine14IsNamedWithItsColumn() throws {
        let rows = (2...13).map { "TIP-2007/groups,2007-10-\(String(format: "%02d", $0)),1" }
        let text = (["outcome,date,value"] + rows + ["TIP-2007/groups,2007-10-20,\"1,5\""]).joined(separator: "\n") + "\n"
        let error = try #require(failure(text))
        #expect(error.line == 14)
        #expect(error.description == "line 14, column 28: column 'value': '1,5' is not a number; write 1.5, with a point")
    }

    @Test(arguments: [
        ("outcome,date,valeu\n", 1, "unknown column 'valeu'"),
        ("outcome,value\n", 1, "no 'date' column"),
        ("outcome,date,value\nTIP-2007/grups,2007-10-01,1\n", 2, "no outcome 'TIP-2007/grups'"),
        ("outcome,date,value\nTIP-2007/groups,2007-02-30,1\n", 2, "February 2007 has 28 days"),
        ("outcome,date,value,sex\nTIP-2007/groups,2007-10-01,1,female\n", 2, "declares no dimension 'sex'"),
        ("outcome,date,value\nTIP-2007/groups,2007-10-01,1\nTIP-2007/groups,2007-10-01,2\n", 3, "repeats line 2"),
        ("outcome,date,value\nTIP-2007/groups,2007-10-01,1,extra\n", 2, "this row has 4 cells"),
        ("outcome,date,value\nTIP-2007/groups,2007-09-30,5\n", 2, "different value"),
    ])
    func badFilesAreRefusedAtTheirCell(_ text: String, _ line: Int, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func aMisspelledColumnIsSuggested() throws {
        #expect(failure("outcome,date,value,sx\n")?.suggestion == "sex")
    }

    @Test func anHXLFileIsReadByItsTags() throws {
        let text = "Indicator,When,Achieved,Gender\n#indicator+code,#date,#indicator+value+num,#meta+sex\nTIP-2007/trained,2007-12-10,3,female\n"
        let plan = try plan(text)
        guard case .record(let record) = plan.changes.first else { Issue.record("no record"); return }
        #expect(record.value == 3)
        #expect(record.dimensions == ["sex": "female"])
        #expect(plan.lines == [3])
    }

    @Test func replaceTakesTheFilesValue() throws {
        let plan = try plan("outcome,date,value\nTIP-2007/groups,2007-09-30,5\n", replace: true)
        #expect(plan.changes.count == 2)
        var portfolio = try OshScenario.portfolio()
        try portfolio.apply(all: plan.changes)
        #expect(portfolio.measurements(of: OutcomeID(project: "TIP-2007", key: "groups")).first { $0.date.description == "2007-09-30" }?.value == 5)
    }
}
