/// A running account of what changes did, for one-line summaries such as
/// `add 2 projects (A, B); update 1 partner (x)`.
///
/// It keeps counts and the first few names of each group, never the changes themselves,
/// so a script of a million statements is summed up in constant memory.
///
/// Its counts are data too: ``entries`` gives each verb and kind with its count, and
/// ``count(_:_:)`` one of them, for a program that reacts to what a script did.
public struct ChangeTally: Sendable, Equatable {
    /// What a change did to its kind of thing.
    public enum Verb: String, Sendable, CaseIterable {
        /// Added it: also a link, a record or a note.
        case add
        /// Changed its fields.
        case update
        /// Removed it: also an unlink or an unrecord.
        case remove
        /// Gave it a new id.
        case rename
    }

    private struct Group: Hashable, Sendable {
        var verb: Verb
        var kind: EntityKind
    }

    /// A group's count and its first distinct names.
    private struct Line: Equatable, Sendable {
        var group: Group
        var count: Int
        var names: [String]
    }

    /// One group of a tally: a verb, a kind, how many changes, and the first (at most six)
    /// distinct names they were about.
    public struct Entry: Hashable, Sendable {
        /// What the changes did.
        public var verb: Verb
        /// What kind of thing they did it to (a link is a `link`, a record a `record`).
        public var kind: EntityKind
        /// How many changes.
        public var count: Int
        /// The first distinct ids or names, at most six.
        public var names: [String]
    }

    /// Every group, in the order first seen.
    public var entries: [Entry] {
        lines.map { Entry(verb: $0.group.verb, kind: $0.group.kind, count: $0.count, names: $0.names) }
    }

    /// How many changes did `verb` to things of `kind`: `tally.count(.add, .record)`.
    ///
    /// - Parameters:
    ///   - verb: what the changes did.
    ///   - kind: what kind of thing they did it to.
    /// - Returns: the count; 0 when there were none.
    public func count(_ verb: Verb, _ kind: EntityKind) -> Int {
        lines.first { $0.group == Group(verb: verb, kind: kind) }?.count ?? 0
    }

    /// In first-seen order. A handful of groups at most (verbs × kinds), so a scan beats
    /// hashing: a large script tallies every one of its changes.
    private var lines: [Line] = []

    /// An empty tally.
    public init() {}

    /// A tally of `changes`.
    ///
    /// - Parameter changes: the changes to count, in the order they were made.
    public init(_ changes: some Sequence<Change>) { add(changes) }

    /// Whether nothing has been counted.
    public var isEmpty: Bool { lines.isEmpty }

    /// Counts `changes`: two records on one outcome are 2; the first six distinct names
    /// of each group are kept.
    ///
    /// - Parameter changes: the changes to count; a group first seen here goes last.
    public mutating func add(_ changes: some Sequence<Change>) {
        for change in changes {
            let group = Group(verb: ChangeTally.group(change), kind: change.kind)
            guard let index = lines.firstIndex(where: { $0.group == group }) else {
                lines.append(Line(group: group, count: 1, names: [change.subject]))
                continue
            }
            lines[index].count += 1
            // Names stop being collected after six: most changes cost no more than the count.
            if lines[index].names.count < 6 {
                let subject = change.subject
                if !lines[index].names.contains(subject) { lines[index].names.append(subject) }
            }
        }
    }

    /// Adds another tally's counts after this one's.
    ///
    /// - Parameter other: the tally to add; its groups new to this one go last, and its
    ///   names join each group's up to six.
    public mutating func add(_ other: ChangeTally) {
        for line in other.lines {
            guard let index = lines.firstIndex(where: { $0.group == line.group }) else {
                lines.append(line)
                continue
            }
            lines[index].count += line.count
            for subject in line.names where lines[index].names.count < 6 && !lines[index].names.contains(subject) {
                lines[index].names.append(subject)
            }
        }
    }

    /// `add 2 projects (A, B); update 1 partner (x)`, or `nothing changed`.
    public var description: String {
        guard !lines.isEmpty else { return "nothing changed" }
        return lines.map { line -> String in
            let list = line.names.prefix(5).joined(separator: ", ") + (line.names.count > 5 ? ", …" : "")
            return "\(line.group.verb.rawValue) \(line.count) \(line.group.kind.rawValue)\(line.count == 1 ? "" : "s") (\(list))"
        }.joined(separator: "; ")
    }

    /// The verb a summary files a change under.
    static func verb(_ change: Change) -> String { group(change).rawValue }

    private static func group(_ change: Change) -> Verb {
        switch change {
        case .addProject, .addPartner, .addRegion, .addOutcome, .addNote: .add
        case .updateProject, .updatePartner, .updateRegion, .updateOutcome: .update
        case .removeProject, .removePartner, .removeRegion, .removeOutcome, .removeNote: .remove
        case .renameProject, .renamePartner, .renameRegion, .renameOutcome: .rename
        case .setThresholds: .update
        case .link: .add
        case .unlink: .remove
        case .record: .add
        case .unrecord: .remove
        }
    }
}
