import FieldKit
import Foundation
import Testing

/// A store's own progress margins: `setThresholds` moves each status boundary, refuses
/// margins out of range or out of order, and undoes exactly.
@Suite struct ProgressThresholdTests {
    @Test func theStandardMarginsAreTheDocumentedOnes() {
        #expect(ProgressThresholds.standard == ProgressThresholds(onTrack: 10, atRisk: 25))
        #expect(Portfolio().thresholds == .standard)
    }

    @Test(arguments: [
        // Half the time has passed; with margins of 5 and 15 points.
        ("46", OutcomeStatus.onTrack), ("45", .onTrack), ("44", .atRisk), ("35", .atRisk), ("34", .offTrack),
    ])
    func eachBoundaryMovesWithTheMargins(_ value: String, _ status: OutcomeStatus) throws {
        var (portfolio, standard) = try ProgressTests.halfway(recording: try #require(Decimal(string: value)))
        let id = OutcomeID(project: "HALF", key: "done")
        let start = try day("2007-01-01")
        try portfolio.apply(.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 5, atRisk: 15)))
        #expect(portfolio.invariantViolations() == [])
        let progress = try #require(portfolio.progress(of: id, asOf: try start.adding(days: 50)))
        #expect(progress.status == status)
        // The figures are the same; only the status moved.
        #expect(progress.progress == standard?.progress && progress.expected == standard?.expected)
    }

    @Test func overdueIsOffTrackWhateverTheMargins() throws {
        var (portfolio, _) = try ProgressTests.halfway(recording: 95)
        try portfolio.apply(.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 100, atRisk: 100)))
        let late = try day("2007-01-01").adding(days: 120)
        #expect(portfolio.progress(of: OutcomeID(project: "HALF", key: "done"), asOf: late)?.status == .offTrack)
    }

    @Test(arguments: [
        ProgressThresholds(onTrack: -1, atRisk: 25), ProgressThresholds(onTrack: 101, atRisk: 101),
        ProgressThresholds(onTrack: 30, atRisk: 20), ProgressThresholds(onTrack: 10, atRisk: 100.5),
    ])
    func marginsOutOfRangeOrOrderAreRefused(_ margins: ProgressThresholds) throws {
        var portfolio = try osh()
        let before = portfolio
        #expect(margins.problem != nil)
        #expect(throws: ChangeError.self) { try portfolio.apply(.setThresholds(old: .standard, new: margins)) }
        #expect(portfolio == before)
    }

    @Test func aStaleOldValueIsAConflict() throws {
        var portfolio = try osh()
        try portfolio.apply(.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 5, atRisk: 15)))
        do {
            try portfolio.apply(.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 20, atRisk: 30)))
            Issue.record("a stale change applied")
        } catch {
            #expect(error.code == .conflict)
            #expect(error.kind == .setting)
        }
    }

    @Test func theInverseRestoresAndTheChangeReplaysFromEmpty() throws {
        var portfolio = try osh()
        let change = Change.setThresholds(old: .standard, new: ProgressThresholds(onTrack: 12.5, atRisk: 30))
        try portfolio.apply(change)
        #expect(portfolio.thresholds.onTrack == 12.5)
        #expect(portfolio != (try osh()))
        #expect(try Portfolio(applying: portfolio.changesFromEmpty) == portfolio)
        try portfolio.apply(change.inverse)
        #expect(portfolio == (try osh()))
        // The journal form reads back the same.
        let decoded = try JSONDecoder().decode(Change.self, from: JSONEncoder().encode(change))
        #expect(decoded == change)
    }
}
