import FieldKit

extension Session {
    /// One line on what others committed between two statements, as the REPL says it:
    /// `3 changes by bishkek-office since your last statement`; nil for no entries.
    ///
    /// Each journal entry is one change as its author saw it: one statement, or one script.
    ///
    /// - Parameter entries: the entries that arrived, oldest first.
    /// - Returns: the line, without a newline.
    package static func arrivals(_ entries: [JournalEntry]) -> String? {
        guard !entries.isEmpty else { return nil }
        func changes(_ count: Int) -> String { "\(count) change\(count == 1 ? "" : "s")" }
        var counts: [(actor: String, count: Int)] = []
        for entry in entries {
            if let index = counts.firstIndex(where: { $0.actor == entry.actor }) { counts[index].count += 1 } else { counts.append((entry.actor, 1)) }
        }
        if counts.count == 1 { return "\(changes(entries.count)) by \(counts[0].actor) since your last statement" }
        let parts = counts.map { "\($0.count) by \($0.actor)" }.joined(separator: ", ")
        return "\(changes(entries.count)) since your last statement: \(parts)"
    }
}
