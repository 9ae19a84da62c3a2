import Foundation

/// One statement's worth of changes as the journal keeps it: who, when, from where, what.
public struct JournalEntry: Hashable, Sendable, Codable {
    /// The position in the journal, from 1, with no gaps.
    public var sequence: Int64
    /// When it was committed, UTC.
    public var time: Date
    /// Who made it: `$USER` or an explicit actor.
    public var actor: String
    /// Where it came from: `monthly.fk:12`, `repl`, `-c`.
    public var origin: String
    /// The statement text as typed.
    public var statement: String
    /// The changes, in the order they were applied.
    public var changes: [Change]
    /// For an undo, the sequence number of the entry it reverts.
    public var undoes: Int64?
    /// Where each change came from, for an import: `covid.xml:5213`, one per change; empty
    /// when every change comes from ``origin``.
    public var changeOrigins: [String]

    /// Creates an entry.
    package init(
        sequence: Int64, time: Date, actor: String, origin: String, statement: String, changes: [Change],
        undoes: Int64? = nil, changeOrigins: [String] = []
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.origin = origin
        self.statement = statement
        self.changes = changes
        self.undoes = undoes
        self.changeOrigins = changeOrigins
    }
}

/// A statement's changes waiting to be committed, with the metadata the journal keeps.
public struct JournalDraft: Hashable, Sendable {
    /// Who makes the change.
    public var actor: String
    /// Where it comes from: `monthly.fk:12`, `repl`, `-c`.
    public var origin: String
    /// The statement text.
    public var statement: String
    /// The changes, applied in order.
    public var changes: [Change]
    /// For an undo, the sequence number of the entry it reverts.
    public var undoes: Int64?
    /// Where each change comes from, for an import: `covid.xml:5213`, one per change; empty
    /// when every change comes from ``origin``.
    public var changeOrigins: [String]

    /// Creates a draft; the actor defaults to ``defaultActor``.
    ///
    /// - Parameters:
    ///   - actor: who makes the change; nil for ``defaultActor``.
    ///   - origin: where it comes from: `monthly.fk:12`, `repl`, `-c`, or a tool's own name.
    ///   - statement: the statement text the journal shows for it.
    ///   - changes: the changes, applied in order, all or none.
    ///   - undoes: for an undo, the sequence number of the entry it reverts; nil otherwise.
    ///   - changeOrigins: for an import, where each change comes from (`covid.xml:5213`),
    ///     one per change; empty when all come from `origin`.
    public init(
        actor: String? = nil, origin: String, statement: String, changes: [Change], undoes: Int64? = nil,
        changeOrigins: [String] = []
    ) {
        self.actor = actor ?? JournalDraft.defaultActor
        self.origin = origin
        self.statement = statement
        self.changes = changes
        self.undoes = undoes
        self.changeOrigins = changeOrigins.count == changes.count ? changeOrigins : []
    }

    /// `$USER`, else `$LOGNAME`, else the login name of the process's user.
    public static var defaultActor: String {
        // getenv, not ProcessInfo.environment: that copies the whole environment into a
        // dictionary, a tenth of a millisecond of every one-shot question.
        let variable = getenv("USER") ?? getenv("LOGNAME")
        let name = variable.map { String(cString: $0) } ?? ProcessInfo.processInfo.userName
        return name.isEmpty ? "unknown" : name
    }
}
