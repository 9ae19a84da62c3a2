import FieldKit

/// What a question is answered from, read-only by type: a portfolio, whole or narrowed to
/// what the question reads, and the statements of an open script or transaction that the
/// store's journal does not hold yet. A question cannot change what it reads.
struct ReadView {
    /// The portfolio as the question sees it.
    let portfolio: Portfolio
    /// Statements taken but not yet in the store's journal, oldest first.
    let pending: [JournalEntry]

    init(portfolio: Portfolio, pending: [JournalEntry] = []) {
        self.portfolio = portfolio
        self.pending = pending
    }

    /// What a write batch holds so far, as its own statements see it.
    init(_ batch: WriteBatch) { self.init(portfolio: batch.portfolio, pending: batch.entries) }

    /// Nothing: for statements that read no store (settings, `let`).
    static let empty = ReadView(portfolio: Portfolio())
}
