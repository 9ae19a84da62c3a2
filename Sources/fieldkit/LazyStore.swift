import FieldKit
import FieldKitStore
import Foundation

/// A store file that does not exist yet: the first write creates the file, and queries leave
/// no `fieldkit.db` behind. At the prompt, reads see an empty portfolio; for `-c`, `-f` and
/// piped scripts a question refuses with `no store at PATH` (exit 3), as psql refuses an
/// unknown database, so that a mistyped path is not answered with an empty table.
///
/// `@unchecked Sendable`: `opened` is only touched under `lock`.
final class LazyStore: PortfolioWriter, @unchecked Sendable {
    let path: String
    private let lock = NSRecursiveLock()
    private var opened: SQLiteStore?

    /// Whether a question before the first write is an error rather than an empty answer.
    let questionsNeedAStore: Bool

    init(path: String, questionsNeedAStore: Bool) {
        self.path = path
        self.questionsNeedAStore = questionsNeedAStore
    }

    /// Throws `no store at PATH` when questions need a store and there is none yet.
    private func requireStore() throws(StoreError) {
        guard questionsNeedAStore, lock.withLock({ opened }) == nil, !FileManager.default.fileExists(atPath: path) else { return }
        throw StoreError(.missing, path: path, "no store at \(path): a change creates one; check the path or --store")
    }

    /// The store once it exists: opened here when another process has created the file since,
    /// so that no read answers from an empty portfolio while there is a store to read.
    private func current() throws(StoreError) -> SQLiteStore? {
        if let store = lock.withLock({ opened }) { return store }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try open()
    }

    var location: String { path }
    var files: [String] { SQLiteStore.files(of: path) }
    /// The store's portfolio once it exists; before, an empty one (at the prompt) or the
    /// `no store` error (for -c, -f and piped scripts).
    var portfolio: Portfolio {
        get throws(StoreError) {
            if let store = try current() { return try store.portfolio }
            try requireStore()
            return Portfolio()
        }
    }
    var lastSequence: Int64 { lock.withLock { opened }?.lastSequence ?? 0 }

    func refresh() throws(StoreError) -> Bool {
        // Opened here when another process has created it meanwhile.
        if let store = try current() { return try store.refresh() }
        try requireStore()
        return false
    }

    func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        try (current() ?? open()).write(body)
    }

    /// A write on one project: no project exists before the store does, so only once it is open.
    func write<T>(onProject id: ProjectID, _ body: (inout WriteBatch) throws -> T) throws -> T {
        guard let store = try current() else { throw WholePortfolioNeeded(project: id) }
        return try store.write(onProject: id, body)
    }

    func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        try requireStore()
        return try current()?.journal(after: sequence, limit: limit) ?? []
    }

    func journal(mentioningAnyOf names: Set<String>) throws(StoreError) -> [JournalEntry] {
        try requireStore()
        return try current()?.journal(mentioningAnyOf: names) ?? []
    }

    func counts() throws(StoreError) -> [(kind: String, count: Int)] {
        try current()?.counts() ?? Portfolio().headlineCounts
    }

    func integrityProblems() throws(StoreError) -> [String] { try current()?.integrityProblems() ?? [] }

    func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try requireStore()
        return try current()?.portfolio(covering: scope, detail: detail) ?? Portfolio()
    }

    private func open() throws(StoreError) -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        lock.withLock { opened = store }
        return store
    }
}
