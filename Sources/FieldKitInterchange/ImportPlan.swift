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

    mutating func add(_ change: Change, at line: Int) {
        changes.append(change)
        lines.append(line)
    }
}
