import FieldKit
import FieldKitStore
import Foundation

/// A store file that does not exist yet: reads see an empty portfolio, and the first
/// write creates the file. Queries in an empty folder leave no `fieldkit.db` behind.
///
/// `@unchecked Sendable`: `opened` is only touched under `lock`.
final class LazyStore: PortfolioStore, @unchecked Sendable {
    let path: String
    private let lock = NSRecursiveLock()
    private var opened: SQLiteStore?

    init(path: String) { self.path = path }

    private var current: SQLiteStore? { lock.withLock { opened } }

    var location: String { path }
    var files: [String] { SQLiteStore.files(of: path) }
    var portfolio: Portfolio { current?.portfolio ?? Portfolio() }
    var lastSequence: Int64 { current?.lastSequence ?? 0 }
    var isReadOnly: Bool { false }

    func refresh() throws(StoreError) -> Bool {
        if let store = current { return try store.refresh() }
        // Another process may have created it meanwhile.
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let store = try open()
        return store.lastSequence > 0
    }

    func write<T>(_ body: (inout WriteBatch) throws -> T) throws -> T {
        try (current ?? open()).write(body)
    }

    func journal(after sequence: Int64, limit: Int?) throws(StoreError) -> [JournalEntry] {
        try current?.journal(after: sequence, limit: limit) ?? []
    }

    func counts() throws(StoreError) -> [(kind: String, count: Int)] {
        try current?.counts() ?? Portfolio().headlineCounts
    }

    func integrityProblems() throws(StoreError) -> [String] { try current?.integrityProblems() ?? [] }

    func portfolio(covering scope: ProjectScope, detail: ProjectDetail) throws(StoreError) -> Portfolio {
        try current?.portfolio(covering: scope, detail: detail) ?? Portfolio()
    }

    private func open() throws(StoreError) -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        lock.withLock { opened = store }
        return store
    }
}
