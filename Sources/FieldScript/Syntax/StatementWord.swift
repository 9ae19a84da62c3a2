/// The words that start a change, a transaction or a report: one table that the parser,
/// ``Statement/isChange``, `Grammar`'s lists, completion and help all read, so that a new
/// statement is added in one place.
enum StatementWord: String, CaseIterable, Sendable {
    case add, set, unset, link, unlink, record, note, rename, remove, `import`
    case undo, begin, commit, rollback
    case show, progress, timeline, tree, funding, history, export

    /// What a statement starting with the word does.
    enum Role: Sendable {
        /// Changes the portfolio: add … remove, import, and undo.
        case change
        /// Opens or ends a transaction: begin, commit, rollback.
        case transaction
        /// Answers with a report: show … history, or writes one to a file: export.
        case report
    }

    var role: Role {
        switch self {
        case .add, .set, .unset, .link, .unlink, .record, .note, .rename, .remove, .import, .undo: .change
        case .begin, .commit, .rollback: .transaction
        case .show, .progress, .timeline, .tree, .funding, .history, .export: .report
        }
    }

    /// The words that change the portfolio with the syntax of `Parser+Changes` (all but
    /// undo, and import, which names a file).
    var takesChangeSyntax: Bool { role == .change && self != .undo && self != .import }

    /// The word that starts `statement`, when it is a change, a transaction or a report.
    init?(_ statement: Statement) {
        switch statement {
        case .add: self = .add
        case .set: self = .set
        case .unset: self = .unset
        case .link: self = .link
        case .unlink: self = .unlink
        case .record: self = .record
        case .note: self = .note
        case .rename: self = .rename
        case .remove: self = .remove
        case .undo: self = .undo
        case .begin: self = .begin
        case .commit: self = .commit
        case .rollback: self = .rollback
        case .show: self = .show
        case .progress: self = .progress
        case .timeline: self = .timeline
        case .tree: self = .tree
        case .funding: self = .funding
        case .history: self = .history
        case .importJSON, .importCSV, .importIATI: self = .import
        case .exportJSON, .exportIATI: self = .export
        case .query, .assign, .command: return nil
        }
    }
}

/// The session commands: they set how the session runs or read the store's state.
enum SessionCommand: String, CaseIterable, Sendable {
    case help = ".help", format = ".format", output = ".output", timer = ".timer", read = ".read", echo = ".echo"
    case today = ".today", store = ".store", check = ".check", pager = ".pager", headers = ".headers"
    case expanded = ".expanded", history = ".history", edit = ".edit", quit = ".quit", set = ".set"

    /// Whether the command reads the store; the others are settings of the session.
    var readsStore: Bool { self == .check || self == .store || self == .read || self == .set }
    /// Whether it reads the journal (`.read` may run a script that does).
    var readsJournal: Bool { self == .check || self == .read }
}
