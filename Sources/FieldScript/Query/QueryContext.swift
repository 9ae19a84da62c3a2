import FieldKit

/// What a query is answered against: the portfolio, the day derived figures are computed
/// for, and, with `as of`, the day after which records are ignored.
struct QueryContext {
    let portfolio: Portfolio
    /// The day progress, status and expected progress are computed for.
    let day: Day
    /// With `as of`: records, notes and journal entries after this day are left out.
    let cutoff: Day?
    /// Reads the journal, for the `history` source.
    let journal: () throws(Diagnostic) -> [JournalEntry]
    /// Progress already computed for this portfolio and day, shared across queries.
    var cache: ProgressCache? = nil

    func progress(of outcome: OutcomeID) -> OutcomeProgress? {
        guard let cache else { return portfolio.progress(of: outcome, asOf: day) }
        return cache.progress(of: outcome, in: portfolio, on: day)
    }

    func isIncluded(_ date: Day) -> Bool { cutoff.map { date.firstDay <= $0.lastDay } ?? true }
}

/// Remembers each outcome's progress for one portfolio revision and one day: two hundred
/// questions about outcomes then compute each outcome's progress once, not two hundred times.
final class ProgressCache {
    private var key: (revision: UInt64, day: Day)?
    private var values: [OutcomeID: OutcomeProgress?] = [:]

    func progress(of outcome: OutcomeID, in portfolio: Portfolio, on day: Day) -> OutcomeProgress? {
        if key?.revision != portfolio.revision || key?.day != day {
            key = (portfolio.revision, day)
            values.removeAll(keepingCapacity: true)
        }
        if let known = values[outcome] { return known }
        let computed = portfolio.progress(of: outcome, asOf: day)
        values[outcome] = .some(computed)
        return computed
    }
}
