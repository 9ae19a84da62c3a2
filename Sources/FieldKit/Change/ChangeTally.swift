/// A running account of what changes did, for one-line summaries such as
/// `add 2 projects (A, B); update 1 partner (x)`.
///
/// It keeps counts and the first few names of each group, never the changes themselves,
/// so a script of a million statements is summed up in constant memory.
public struct ChangeTally: Sendable, Equatable {
    private enum Verb: String, Sendable {
        case add, update, remove, rename
    }

    private struct Group: Hashable, Sendable {
        var verb: Verb
        var kind: EntityKind
    }

    private var order: [Group] = []
    private var counts: [Group: Int] = [:]
    private var shown: [Group: [String]] = [:]

    /// An empty tally.
    public init() {}

    /// A tally of `changes`.
    public init(_ changes: some Sequence<Change>) { add(changes) }

    /// Whether nothing has been counted.
    public var isEmpty: Bool { order.isEmpty }

    /// Counts `changes`: two records on one outcome are 2; the first six distinct names
    /// of each group are kept.
    public mutating func add(_ changes: some Sequence<Change>) {
        for change in changes {
            let group = Group(verb: ChangeTally.group(change), kind: change.kind)
            guard let count = counts[group] else {
                order.append(group)
                counts[group] = 1
                shown[group] = [change.subject]
                continue
            }
            counts[group] = count + 1
            // Names stop being collected after six: most changes cost two lookups.
            if let names = shown[group], names.count < 6 {
                let subject = change.subject
                if !names.contains(subject) { shown[group]?.append(subject) }
            }
        }
    }

    /// Adds another tally's counts after this one's.
    public mutating func add(_ other: ChangeTally) {
        for group in other.order {
            if counts[group] == nil { order.append(group) }
            counts[group, default: 0] += other.counts[group] ?? 0
            for subject in other.shown[group] ?? [] where shown[group, default: []].count < 6 {
                if !(shown[group] ?? []).contains(subject) { shown[group, default: []].append(subject) }
            }
        }
    }

    /// `add 2 projects (A, B); update 1 partner (x)`, or `nothing changed`.
    public var description: String {
        guard !order.isEmpty else { return "nothing changed" }
        return order.map { group -> String in
            let count = counts[group] ?? 0
            let names = shown[group] ?? []
            let list = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            return "\(group.verb.rawValue) \(count) \(group.kind.rawValue)\(count == 1 ? "" : "s") (\(list))"
        }.joined(separator: "; ")
    }

    /// The verb a summary files a change under.
    public static func verb(_ change: Change) -> String { group(change).rawValue }

    private static func group(_ change: Change) -> Verb {
        switch change {
        case .addProject, .addPartner, .addRegion, .addOutcome, .addNote: .add
        case .updateProject, .updatePartner, .updateRegion, .updateOutcome: .update
        case .removeProject, .removePartner, .removeRegion, .removeOutcome, .removeNote: .remove
        case .renameProject, .renamePartner, .renameRegion, .renameOutcome: .rename
        case .link: .add
        case .unlink: .remove
        case .record: .add
        case .unrecord: .remove
        }
    }
}
