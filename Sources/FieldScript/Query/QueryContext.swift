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

    func progress(of outcome: OutcomeID) -> OutcomeProgress? { portfolio.progress(of: outcome, asOf: day) }

    func isIncluded(_ date: Day) -> Bool { cutoff.map { date.firstDay <= $0.lastDay } ?? true }
}
