import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

@Suite struct PortfolioJSONTests {
    func imported(_ text: String, into portfolio: Portfolio = Portfolio(), replace: Bool = false) throws -> Portfolio {
        var result = portfolio
        let plan = try PortfolioJSON.importing(Array(text.utf8), into: portfolio, replace: replace)
        try result.apply(all: plan.changes)
        return result
    }

    func failure(_ text: String, into portfolio: Portfolio = Portfolio()) -> InterchangeError? {
        do {
            _ = try PortfolioJSON.importing(Array(text.utf8), into: portfolio)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [0, 48])
    func exportImportExportIsByteIdentical(_ synthetic: Int) throws {
        let portfolio = synthetic == 0 ? try OshScenario.portfolio() : try SyntheticPortfolio.portfolio(projects: synthetic)
        let first = PortfolioJSON.export(portfolio)
        let back = try imported(first)
        #expect(back == portfolio)
        #expect(back.invariantViolations().isEmpty)
        #expect(PortfolioJSON.export(back) == first)
    }

    @Test func theStoresMarginsTravelWhereverTheyStandInTheFile() throws {
        var portfolio = try OshScenario.portfolio()
        let margins = ProgressThresholds(onTrack: 15, atRisk: 30)
        try portfolio.apply(.setThresholds(old: .standard, new: margins))
        let text = PortfolioJSON.export(portfolio)
        #expect(try imported(text).thresholds == margins)
        // A file written elsewhere, its settings after its projects: read in a second pass, not lost.
        let settings = "  \"settings\": {\n    \"on-track-margin\": 15,\n    \"at-risk-margin\": 30\n  },\n"
        let moved = text.replacingOccurrences(of: settings, with: "").replacingOccurrences(of: "\n}\n", with: ",\n  \"settings\": {\"on-track-margin\": 15, \"at-risk-margin\": 30}\n}\n")
        #expect(moved != text && moved.contains("\"settings\""))
        #expect(try imported(moved) == portfolio)
        // Into a store with margins of its own: a conflict that names both, unless replaced.
        var other = try OshScenario.portfolio()
        try other.apply(.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 5, atRisk: 20)))
        let error = try #require(failure(text, into: other))
        #expect(error.message.contains("on-track-margin 5 and at-risk-margin 20 here, 15 and 30 in the file"))
        #expect(try imported(text, into: other, replace: true).thresholds == margins)
    }

    @Test func theOshScenarioKeepsEveryKindOfFact() throws {
        let text = PortfolioJSON.export(try OshScenario.portfolio())
        for fact in ["\"format\": \"fieldkit-portfolio\"", "\"version\": 1", "\"target-groups\": [", "\"contacts\": [", "\"links\": [",
                     "\"records\": [", "\"dimensions\": {", "\"includes\": [", "\"baseline-date\"", "\"currency\": \"EUR\""] {
            #expect(text.contains(fact), "\(fact)")
        }
    }

    @Test func importingWhatIsAlreadyThereChangesNothing() throws {
        let portfolio = try OshScenario.portfolio()
        let plan = try PortfolioJSON.importing(Array(PortfolioJSON.export(portfolio).utf8), into: portfolio)
        #expect(plan.changes.isEmpty)
        #expect(plan.unchanged > 10)
    }

    @Test func aDifferentValueIsAConflictUnlessReplaced() throws {
        let portfolio = try OshScenario.portfolio()
        let text = PortfolioJSON.export(portfolio).replacingOccurrences(of: "\"status\": \"active\"", with: "\"status\": \"finalising\"")
        let error = try #require(failure(text, into: portfolio))
        #expect(error.message.contains("with different content: project TIP-2007"))
        #expect(error.message.contains("nothing was imported"))
        #expect(error.line > 1)
        let replaced = try imported(text, into: portfolio, replace: true)
        #expect(replaced.projects["TIP-2007"]?.status == .finalising)
        #expect(replaced.invariantViolations().isEmpty)
    }

    @Test func someProjectsComeWithWhatTheyReference() throws {
        let portfolio = try OshScenario.portfolio()
        let text = PortfolioJSON.export(portfolio, projects: ["TIP-2007"])
        let alone = try imported(text)
        #expect(Array(alone.projects.keys) == ["TIP-2007"])
        #expect(alone.partners.count == portfolio.participations(of: "TIP-2007").map(\.partner).reduce(into: Set()) { $0.insert($1) }.count)
        #expect(alone.regions["ferghana-valley"] != nil)
        #expect(alone.regions["KG"] != nil, "the parents of the regions it names")
        #expect(alone.measurements(of: OutcomeID(project: "TIP-2007", key: "groups")) == portfolio.measurements(of: OutcomeID(project: "TIP-2007", key: "groups")))
    }

    @Test func aHandWrittenFileNeedsNoIds() throws {
        let text = """
            {"format": "fieldkit-portfolio", "version": 1,
             "regions": [{"id": "KG", "name": "Kyrgyzstan", "level": "country"}],
             "projects": [{"id": "P1", "title": "Pilot", "status": "active", "regions": ["KG"],
               "outcomes": [{"key": "trained", "title": "People trained", "target": 40,
                 "records": [{"date": "2007-10", "value": 12.5}]}],
               "notes": [{"date": "2007-11-02", "text": "Started in Osh"}]}]}
            """
        let portfolio = try imported(text)
        #expect(portfolio.measurements(of: OutcomeID(project: "P1", key: "trained")).first?.value == Decimal(string: "12.5"))
        #expect(portfolio.notes(of: "P1").count == 1)
    }

    @Test(arguments: [
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1,}", 1, "a comma before '}'"),
        ("{\n  \"format\": \"fieldkit-portfolio\",\n  \"version\": 1,\n  \"projects\": [{\"id\": \"P\", \"titel\": \"x\"}]\n}", 4, "has no field 'titel'"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projects\": [{\"id\": \"P\", \"title\": \"x\",\n \"start\": \"2007-02-30\"}]}", 2, "start of project 'P'"),
        ("{\"format\": \"other\"}", 1, "not a FieldKit portfolio"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 2}", 1, "version"),
        ("{\"format\": \"fieldkit-portfolio\", \"format\": \"x\"}", 1, "appears twice"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projects\": [{\"id\": \"P\", \"title\": \"x\", \"status\": \"actve\"}]}", 1, "is not a status"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projects\": [{\"id\": \"P\", \"title\": \"x\"}, {\"id\": \"p\", \"title\": \"y\"}]}", 1, "appears twice in the file"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projects\": [{\"id\": \"P\", \"title\": \"x\", \"budget\": {\"amount\": 5, \"currency\": \"EUX\"}}]}", 1, "budget of project 'P'"),
        ("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projects\": [{\"id\": \"P\", \"title\": \"unterminated}]}", 1, "no closing quote"),
        ("", 1, "the file ends"),
    ])
    func badInputIsRefusedWhereItIs(_ text: String, _ line: Int, _ message: String) throws {
        let error = try #require(failure(text))
        #expect(error.line == line, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func aMisspelledKeyIsSuggested() throws {
        let error = try #require(failure("{\"format\": \"fieldkit-portfolio\", \"version\": 1, \"projetcs\": []}"))
        #expect(error.suggestion == "projects")
    }

    @Test func bytesThatAreNotUTF8AreShownWhereTheyAre() throws {
        var bytes = Array("{\"format\": \"fieldkit-portfolio\",\n \"version\": 1, \"regions\": [{\"id\": \"a".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"}]}".utf8)
        #expect(throws: InterchangeError.self) { try PortfolioJSON.importing(bytes, into: Portfolio()) }
        do { _ = try PortfolioJSON.importing(bytes, into: Portfolio()) } catch {
            #expect(error.line == 2)
            #expect(error.column == 37)
            #expect(error.message.contains("not UTF-8"))
        }
    }

    @Test func nestingIsBounded() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(failure(text))
        #expect(error.message.contains("nest deeper"))
    }

    @Test func textIsEscapedAndReadBack() throws {
        let node = JSONNode.object([("text", .string("quote \" backslash \\ tab \t newline \n bell \u{07} Ош \u{2028}"))])
        let text = JSONWriter.write(node)
        #expect(JSONWriter.write(try JSONReader.read(Array(text.utf8))) == text)
        guard case .object(let members) = try JSONReader.read(Array(text.utf8)).value, case .string(let read) = members.first?.value.value
        else { Issue.record("not read back"); return }
        #expect(read == "quote \" backslash \\ tab \t newline \n bell \u{07} Ош \u{2028}")
        #expect(!text.contains("\u{07}"))
    }
}

/// The projects of a document are read one at a time, and planned as they come.
@Suite struct PortfolioJSONStreamingTests {
    /// The Osh export with its members in another order: projects first, the header last.
    func reordered() throws -> String {
        let text = PortfolioJSON.export(try OshScenario.portfolio())
        let root = try JSONReader.read(Array(text.utf8))
        guard case .object(let members) = root.value else { return text }
        return JSONWriter.write(JSONNode(.object(members.reversed())))
    }

    @Test func aDocumentInAnyOrderImportsTheSame() throws {
        let osh = try OshScenario.portfolio()
        let text = try reordered()
        #expect(text.hasPrefix("{\n  \"projects\""))
        var portfolio = Portfolio()
        try portfolio.apply(all: try PortfolioJSON.importing(Array(text.utf8), into: Portfolio()).changes)
        #expect(portfolio == osh)
        #expect(portfolio.invariantViolations() == [])
    }

    @Test func aProblemInAStreamedProjectIsShownAtItsLine() throws {
        let text = PortfolioJSON.export(try OshScenario.portfolio()).replacingOccurrences(of: "\"status\": \"active\"", with: "\"status\": \"busy\"")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"busy\"") }.map { $0 + 1 }
        #expect {
            _ = try PortfolioJSON.importing(Array(text.utf8), into: Portfolio())
        } throws: { error in
            (error as? InterchangeError)?.line == line && (error as? InterchangeError)?.message.contains("is not a status") == true
        }
    }

    @Test func aWrongFormatIsSaidBeforeAnythingInTheProjects() throws {
        let text = #"{"projects": [{"id": "P", "title": "T", "status": "busy"}], "format": "other", "version": 1}"#
        #expect {
            _ = try PortfolioJSON.importing(Array(text.utf8), into: Portfolio())
        } throws: { error in
            (error as? InterchangeError)?.message.contains("not a FieldKit portfolio") == true
        }
    }
}
