import FieldKit

/// How much of the journal a question reads: `history take 3` on a journal of a million
/// entries reads three, the history of one project reads the entries that may name it.
enum JournalPart {
    /// Every entry.
    case all
    /// At least the last this many entries.
    case last(Int)
    /// At least the entries that name any of these ids (lower case), and every rename.
    case mentioning(Set<String>)
}

/// What a query is answered against: the portfolio, the day derived figures are computed
/// for, and, with `as of`, the day after which records are ignored.
struct QueryContext {
    let portfolio: Portfolio
    /// The day progress, status and expected progress are computed for.
    let day: Day
    /// With `as of`: records, notes and journal entries after this day are left out.
    let cutoff: Day?
    /// Reads the journal, for `history`: as much as a question needs of it.
    let journal: (_ part: JournalPart) throws(Diagnostic) -> [JournalEntry]
    /// What earlier queries of the session already computed for this portfolio revision.
    var cache: QueryCache? = nil

    func progress(of outcome: OutcomeID) -> OutcomeProgress? {
        guard let cache else { return portfolio.progress(of: outcome, asOf: day) }
        return cache.progress(of: outcome, in: portfolio, on: day)
    }

    /// The progress of the outcome in `row` of the outcomes source, cached by row.
    func progress(row: Int, of outcome: OutcomeID) -> OutcomeProgress? {
        guard let cache else { return portfolio.progress(of: outcome, asOf: day) }
        return cache.progress(row: row, of: outcome, in: portfolio, on: day)
    }

    /// The entities of a kind in storage order, with their ids: shared by every query of a
    /// session while the portfolio's revision stays the same.
    func entities<K: Hashable, V>(_ path: KeyPath<Portfolio, [K: V]>, id: (V) -> K) -> (items: [V], ids: [K]) {
        if let cache { return cache.entities(path, of: portfolio, id: id) }
        let items = Array(portfolio[keyPath: path].values)
        return (items, items.map(id))
    }

    /// The rows of the outcomes source that hold `outcomes`: `progress P` on a loaded
    /// portfolio of 20k outcomes looks its two up instead of reading every row's project.
    func rows(ofOutcomes outcomes: [OutcomeID]) -> [Int] {
        let index = cache?.outcomeRows(in: portfolio) ?? QueryCache.outcomeRows(entities(\.outcomes, id: \Outcome.id).ids)
        return outcomes.compactMap { index[$0] }
    }

    func isIncluded(_ date: Day) -> Bool { cutoff.map { date.firstDay <= $0.lastDay } ?? true }
}

/// Remembers, for one portfolio revision, what queries keep needing: each source's entities
/// in storage order, and each outcome's progress for a day. Two hundred questions then
/// copy the projects and compute each outcome's progress once, not two hundred times.
final class QueryCache {
    private var revision: UInt64?
    /// Each source's list, by the key path it was read through. A handful at most, so a
    /// list, searched in order: a dictionary keyed by key paths cost a one-shot question a
    /// runtime conformance lookup (a scan of every conformance in the binary) to set up.
    private var lists: [(path: AnyKeyPath, value: Any)] = []
    private var progressDay: Day?
    private var byID: [OutcomeID: OutcomeProgress?] = [:]
    private var byRow: [OutcomeProgress??] = []
    private var outcomeRowIndex: [OutcomeID: Int]?

    private func prepare(_ portfolio: Portfolio) {
        guard revision != portfolio.revision else { return }
        revision = portfolio.revision
        lists.removeAll()
        progressDay = nil
        byID.removeAll()
        byRow.removeAll()
        outcomeRowIndex = nil
    }

    /// Each outcome's row in the outcomes source (its position in the cached list).
    func outcomeRows(in portfolio: Portfolio) -> [OutcomeID: Int] {
        prepare(portfolio)
        if let outcomeRowIndex { return outcomeRowIndex }
        let index = QueryCache.outcomeRows(entities(\.outcomes, of: portfolio, id: \Outcome.id).ids)
        outcomeRowIndex = index
        return index
    }

    static func outcomeRows(_ ids: [OutcomeID]) -> [OutcomeID: Int] {
        Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func prepare(_ portfolio: Portfolio, day: Day) {
        prepare(portfolio)
        guard progressDay != day else { return }
        progressDay = day
        byID.removeAll()
        byRow = Array(repeating: nil, count: portfolio.outcomes.count)
    }

    func entities<K: Hashable, V>(_ path: KeyPath<Portfolio, [K: V]>, of portfolio: Portfolio, id: (V) -> K) -> (items: [V], ids: [K]) {
        prepare(portfolio)
        if let known = lists.first(where: { $0.path == path })?.value as? ([V], [K]) { return known }
        let items = Array(portfolio[keyPath: path].values)
        let computed = (items, items.map(id))
        lists.append((path, computed))
        return computed
    }

    func progress(of outcome: OutcomeID, in portfolio: Portfolio, on day: Day) -> OutcomeProgress? {
        prepare(portfolio, day: day)
        if let known = byID[outcome] { return known }
        let computed = portfolio.progress(of: outcome, asOf: day)
        byID[outcome] = .some(computed)
        return computed
    }

    /// Rows of the outcomes source are positions in the cached outcome list, so a row is a
    /// direct index here: no hashing of outcome ids per row.
    func progress(row: Int, of outcome: OutcomeID, in portfolio: Portfolio, on day: Day) -> OutcomeProgress? {
        prepare(portfolio, day: day)
        guard byRow.indices.contains(row) else { return progress(of: outcome, in: portfolio, on: day) }
        if let known = byRow[row] { return known }
        let computed = portfolio.progress(of: outcome, asOf: day)
        byRow[row] = .some(computed)
        return computed
    }
}
