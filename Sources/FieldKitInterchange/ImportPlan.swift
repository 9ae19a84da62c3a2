import FieldKit

/// What importing a file would change in a portfolio: the changes, in an order that
/// applies, and the line of the file each comes from. An import only plans; the caller
/// applies the changes to a portfolio or commits them through a store.
public struct ImportPlan: Sendable {
    /// The changes, in an order that applies: regions, partners, projects, outcomes,
    /// links, records, notes.
    public var changes: [Change] = []
    /// For each change, the line of the file it comes from.
    public var lines: [Int] = []
    /// How many entities the portfolio already holds exactly as the file has them.
    public var unchanged = 0
    /// What the import skipped or read in its own way, in the order of the file. Only IATI
    /// imports, which never stop at dirty data, give warnings.
    public var warnings: [ImportWarning] = []
    /// One line that counts what came in and what was skipped, by reason, for the imports
    /// that give one: `401 activities: 401 projects, 512 partners, …; skipped: 3 sectors without code`.
    public var summary: String?

    mutating func add(_ change: Change, at line: Int) {
        changes.append(change)
        lines.append(line)
    }

    /// The error for conflicts found while planning: how many, the first five with their
    /// lines, and that nothing was imported; nil when there are none.
    ///
    /// - Parameters:
    ///   - conflicts: what differs, and the line of each.
    ///   - one: the sentence's subject and verb for one (`record exists`), `many` for more.
    ///   - difference: how they differ (`with different content`).
    ///   - column: the column of the first, when known.
    static func conflictError(
        _ conflicts: [(what: String, line: Int)], one: String, many: String, difference: String, column: Int = 1
    ) -> InterchangeError? {
        guard let first = conflicts.first else { return nil }
        let shown = conflicts.prefix(5).map { "\($0.what) (line \($0.line))" }.joined(separator: ", ")
        let more = conflicts.count > 5 ? " and \(conflicts.count - 5) more" : ""
        return InterchangeError(
            "\(conflicts.count) \(conflicts.count == 1 ? one : many) \(difference): \(shown)\(more); "
                + "nothing was imported. Import with replace to take the file's version",
            line: first.line, column: column)
    }
}
