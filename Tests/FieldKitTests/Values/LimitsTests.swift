import Foundation
import Testing

@testable import FieldKit

/// The numbers and dates a store keeps exactly (Docs/RELIABILITY.md), at and past each edge.
@Suite("Limits")
struct LimitsTests {
    static func decimal(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    @Test(arguments: [
        "0", "1", "-1", "999999999999999", "-999999999999999", "0.000000000000001", "-0.000000000000001",
        "12345678901.1234", "99999999999999.9", "0.999999999999999", "85000", "1.50",
    ])
    func numbersWithinTheLimitsPass(_ text: String) throws {
        try Limits.check(LimitsTests.decimal(text))
    }

    @Test(arguments: [
        "1000000000000000", "-1000000000000000", "3000000000000000000", "9223372036854775808",
        "1234567890123456", "0.0000000000000001", "12345678901.123456", "1.000000000000001", "999999999999999.5",
    ])
    func numbersPastTheLimitsAreRefused(_ text: String) {
        #expect(throws: ValueError.self) { try Limits.check(LimitsTests.decimal(text)) }
    }

    @Test func aNaNIsRefused() {
        #expect(throws: ValueError.self) { try Limits.check(.nan) }
    }

    @Test func theErrorShowsTheNumberAsWritten() {
        do {
            try Limits.check(LimitsTests.decimal("3000000000000000000"), written: "3_000_000_000_000_000_000")
            Issue.record("accepted")
        } catch {
            #expect(error.text == "3_000_000_000_000_000_000")
            #expect(error.reason.contains("10^15"))
        }
    }

    /// Every number that passes reads back from its own text exactly as a store's NUMERIC
    /// column returns it (15 significant digits of a double).
    @Test func whatPassesSurvivesADoubleRoundTrip() throws {
        for text in ["999999999999999", "0.000000000000001", "12345678901.1234", "99999999999999.9", "0.123456789012345"] {
            let value = LimitsTests.decimal(text)
            try Limits.check(value)
            let double = NSDecimalNumber(decimal: value).doubleValue
            #expect(LimitsTests.decimal(String(format: "%.15g", double)) == value, "\(text)")
        }
    }

    @Test func everyCommitRefusesWhatTheLanguageRefuses() throws {
        var portfolio = Portfolio()
        try portfolio.apply(.addProject(Project(id: "P")))
        let outcome = OutcomeID(project: "P", key: "k")
        try portfolio.apply(.addOutcome(Outcome(id: outcome)))
        var batch = WriteBatch(portfolio: portfolio, after: 0)
        func commit(_ change: Change) throws(ChangeError) {
            try batch.commit(JournalDraft(actor: "t", origin: "test", statement: "", changes: [change]))
        }
        let huge = OutcomeRecord(id: recordID(1), outcome: outcome, date: try day("2007-11-01"), value: LimitsTests.decimal("3000000000000000000"))
        #expect(throws: ChangeError.self) { try commit(.record(huge)) }
        #expect(throws: ChangeError.self) { try commit(.addProject(Project(id: "Q", budget: try Money(amount: -5, currency: "EUR")))) }
        #expect(throws: ChangeError.self) {
            try commit(.addOutcome(Outcome(id: OutcomeID(project: "P", key: "t"), target: LimitsTests.decimal("1e20"))))
        }
        #expect(batch.entries.isEmpty)
        #expect(batch.portfolio.measurementCount == 0)
    }

    /// What an older FieldKit stored stays readable: loading and replaying use `apply`,
    /// which holds no number limit, and a change that leaves such a value alone commits.
    @Test func storedValuesPastTheLimitsStillLoadAndUnrelatedChangesCommit() throws {
        var portfolio = Portfolio()
        let legacy = Project(id: "P", budget: try Money(amount: LimitsTests.decimal("3000000000000000000"), currency: "EUR"))
        try portfolio.apply(.addProject(legacy))
        var renamed = legacy
        renamed.title = "Renamed"
        var batch = WriteBatch(portfolio: portfolio, after: 0)
        try batch.commit(JournalDraft(actor: "t", origin: "test", statement: "", changes: [.updateProject(old: legacy, new: renamed)]))
        #expect(batch.portfolio.projects["P"]?.title == "Renamed")
    }

    // MARK: Dates

    @Test func dateArithmeticStopsAtTheStorableRange() throws {
        #expect(try Day.latest.adding(days: 0) == Day.latest)
        #expect(throws: ValueError.self) { try Day.latest.adding(days: 1) }
        #expect(throws: ValueError.self) { try Day.earliest.adding(days: -1) }
        #expect(throws: ValueError.self) { try Day.earliest.adding(months: -1) }
        #expect(throws: ValueError.self) { try Day.latest.adding(years: 1) }
        #expect(try Day.latest.adding(years: -9998) == day("0001-12-31"))
    }

    @Test(arguments: [Int.max, Int.min, Int.max / 7, Int.max / 12 + 1])
    func hugeOffsetsThrowInsteadOfTrapping(_ count: Int) throws {
        let today = try day("2007-12-01")
        #expect(throws: ValueError.self) { try today.adding(days: count) }
        #expect(throws: ValueError.self) { try today.adding(months: count) }
        #expect(throws: ValueError.self) { try today.adding(years: count) }
    }

    @Test func ordinalsOutsideTheRangeAreRefused() throws {
        #expect(try Day(ordinal: Day.latest.ordinal) == Day.latest)
        #expect(throws: ValueError.self) { try Day(ordinal: Day.latest.ordinal + 1) }
        #expect(throws: ValueError.self) { try Day(ordinal: Day.earliest.ordinal - 1) }
        #expect(throws: ValueError.self) { try Day(ordinal: Int.max) }
    }
}
