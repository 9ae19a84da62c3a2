import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldScript

/// A store that has "not loaded" its portfolio: a scope gets the least a store may give,
/// only the projects in scope with only the detail asked for, and it remembers the scopes.
/// `refresh()` marks it loaded, as a deferred SQLite store would be.
private final class NarrowingStore: PortfolioReader, @unchecked Sendable {
    // `@unchecked Sendable`: used by one test on one thread.
    let full: Portfolio
    var asked: [(ProjectScope, ProjectDetail)] = []
    var loaded = false

    init(_ full: Portfolio) { self.full = full }

    var location: String { "narrowing" }
    var files: [String] { [] }
    var portfolio: Portfolio { full }
    var lastSequence: Int64 { 0 }
    func refresh() throws(StoreError) -> Bool {
        loaded = true
        return false
    }
    func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] { [] }
    func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] { [] }
    func counts() throws(StoreError) -> [(kind: String, count: Int)] { full.headlineCounts }
    func integrityProblems() throws(StoreError) -> [String] { [] }
    func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        asked.append((scope, detail))
        do { return try full.slice(scope, detail: detail) } catch { throw StoreError(.failed, path: location, "\(error)") }
    }
}

@Suite struct QueryScopeTests {
    /// Runs `source` on a session over `store`; the rendered outputs, or the failure.
    private func answer(_ source: String, on store: any PortfolioReader, format: Format = .csv) -> String {
        var settings = SessionSettings()
        settings.today = try? Day(parsing: "2009-06-01")
        settings.format = format
        var rendered: [String] = []
        let session = Session(store: store, settings: settings) { rendered.append(Renderer(format: format).render($0)) }
        session.variables["where"] = "KG-O"
        do { try session.runScript(source, name: "q") } catch { return "failed: \(error)" }
        return rendered.joined(separator: "\n")
    }

    static let questions = [
        "projects where regions under KG and status = active",
        "projects where regions under kg-o | sort end desc | take 3 | columns id, title, end",
        "projects where region under Fergana-Valley",
        "projects where regions under жалал-абад-d1 | columns id, regions, funders",
        "projects where regions under $where and budget > 100000",
        "projects where funders has GOLDEN-GOAL | count",
        "projects where partners has фонд-1 | columns id, partners, progress",
        "projects where implementers has osce or regions under TJ | columns id, implementers",
        "projects where status in (closed, cancelled) | count by status",
        "projects where status = Suspended | stats sum(budget) by currency",
        "projects where status = active and \"trafficking\" | columns id, summary",
        "projects where status = pipeline and \"border guards\"",
        "projects where regions under KG and progress < 50% | columns id, progress, outcomes",
        "projects where regions under KG and end < 2008 | columns id, end",
        "projects where regions under TJ | sort budget desc | take 2 | where status = active",
        "projects where not status = active and regions under KG | count",
        "projects where regions under KG-J | where partners has gov-kg",
        "projects where status = active | sort progress desc | columns id, progress",
        "projects where regions under nowhere",
        "projects where regions under KG and status = actve",
        "projects where regions under KG and funders has nobody | count",
        "projects where regions under KG and end < someday",
        "projects where regions under KG and tags has youth | columns id, sectors, target-groups",
        "projects where status = closed | sort sectors | count by tag",
        "projects where regions under KG | columns id, progress as of 2006-01-01",
        // Every project, but not every detail: the store reads the projects table alone.
        "projects | count by status",
        "projects where title ~ Project | count",
        "projects | take 5 | where status = active",
        "projects | sort budget desc | take 3 | columns id, budget, funders",
        // No project at all, or one.
        "history take 3",
        "history project P-0 take 2",
        // One project, with all it holds.
        "show project P-0",
        "show project p-mixed-1",
        "show project ПРОЕКТ-3",
        // Without a kind: a project, or an outcome, with the project it belongs to.
        "show P-0",
        "show p-0/o0",
        "show outcome P-0/o1",
        "progress P-0",
        "progress p-0/o1 as of 2008-01-01",
    ]

    @Test(arguments: questions)
    func aNarrowedQuestionAnswersAsTheWholePortfolioDoes(_ question: String) throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        let expected = answer(question, on: InMemoryStore(portfolio: full))
        for format in [Format.csv, .json, .table] {
            #expect(answer(question, on: narrowing, format: format) == answer(question, on: InMemoryStore(portfolio: full), format: format))
        }
        #expect(answer(question, on: narrowing) == expected)
        #expect(!narrowing.asked.isEmpty, "'\(question)' should have been narrowed")
        #expect(!narrowing.loaded, "'\(question)' loaded the whole portfolio")
    }

    static let wholeQuestions = [
        "projects where \"border guards\" | columns id, progress, partners, sectors",
        "outcomes where progress < 50% | count",
        "partners where kind = national-ngo",
    ]

    /// A card without a kind is first read for a project: a partner's or a region's card,
    /// which lists projects, and an id that names nothing, then read everything.
    static let showsOfEverything = ["show golden-goal", "show KG-O", "show P-00", "show p-00/o0", "progress P-00"]

    @Test(arguments: showsOfEverything)
    func aCardThatIsNotAProjectsReadsEverything(_ question: String) throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        for format in [Format.csv, .table] {
            #expect(answer(question, on: narrowing, format: format) == answer(question, on: InMemoryStore(portfolio: full), format: format))
        }
        #expect(narrowing.loaded)
    }

    @Test(arguments: wholeQuestions)
    func aQuestionThatCannotNarrowReadsEverything(_ question: String) throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        #expect(answer(question, on: narrowing) == answer(question, on: InMemoryStore(portfolio: full)))
        #expect(narrowing.asked.isEmpty)
        #expect(narrowing.loaded)
    }

    @Test func aScriptOfQuestionsNarrowsEachOfThem() throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        let script = "projects where regions under KG\nprojects where status = active\nprogress P-0"
        #expect(answer(script, on: narrowing) == answer(script, on: InMemoryStore(portfolio: full)))
        #expect(narrowing.asked.count == 3)
        #expect(!narrowing.loaded)
    }

    @Test func aScriptOfQuestionsLoadsEverythingOnceForTheFirstThatNeedsIt() throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        let script = "projects where status = active\noutcomes where progress < 50% | count\nprojects where status = closed"
        #expect(answer(script, on: narrowing) == answer(script, on: InMemoryStore(portfolio: full)))
        // The first narrowed; the second read everything, which then answered the third.
        #expect(narrowing.asked.count == 1)
        #expect(narrowing.loaded)
    }

    @Test func aProjectNotFoundIsReportedFromTheWholePortfolio() throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        let answer = answer("show project P-00", on: narrowing)
        #expect(answer == self.answer("show project P-00", on: InMemoryStore(portfolio: full)))
        #expect(answer.contains("did you mean"), "\(answer)")
        #expect(narrowing.loaded)
    }

    @Test func atThePromptAQuestionIsNarrowedToo() throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        var settings = SessionSettings()
        settings.format = .csv
        var narrowed: [String] = []
        let session = Session(store: narrowing, settings: settings) { narrowed.append(Renderer(format: .csv).render($0)) }
        var whole: [String] = []
        let reference = Session(store: InMemoryStore(portfolio: full), settings: settings) { whole.append(Renderer(format: .csv).render($0)) }
        session.variables["where"] = "KG-O"
        reference.variables["where"] = "KG-O"
        for question in Self.questions.prefix(8) {
            try session.runInteractive(question)
            try reference.runInteractive(question)
        }
        #expect(narrowed == whole)
        #expect(narrowing.asked.count == 8)
        #expect(!narrowing.loaded)
        try session.runInteractive("outcomes | count")
        #expect(narrowing.loaded)
    }

    @Test func theScopeAndDetailFollowTheQuery() throws {
        let full = try SyntheticPortfolio.portfolio()
        let narrowing = NarrowingStore(full)
        _ = answer("projects where regions under KG and status = active | columns id, title", on: narrowing)
        _ = answer("projects where funders has osce | sort progress", on: narrowing)
        _ = answer("projects where status = closed and \"guards\" | columns id, partners", on: narrowing)
        _ = answer("projects where regions under TJ | columns id, sector", on: narrowing)
        let asked = narrowing.asked
        try #require(asked.count == 4)
        #expect(asked[3].1 == .lists)
        #expect(asked[0].0 == .allOf([.allOf([.under("KG"), .status([.active])])]))
        #expect(asked[0].1 == [])
        #expect(asked[1].0 == .allOf([.linked("osce", role: .funder)]))
        #expect(asked[1].1 == [.links, .outcomes])
        #expect(asked[2].1 == [.notes, .links])
    }
}
