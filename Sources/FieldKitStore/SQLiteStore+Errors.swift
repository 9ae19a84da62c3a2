import FieldKit
import Foundation
import GRDB

extension SQLiteStore {
    /// The first 16 bytes of every SQLite database file.
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Refuses, before SQLite sees it, a file that is not an SQLite database, and a
    /// missing file when opening read-only. Returns whether the file exists and is not empty.
    @discardableResult
    static func checkHeader(path: String, readOnly: Bool) throws(StoreError) -> Bool {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if readOnly { throw StoreError(.cannotOpen, path: path, "there is no store here to open read-only") }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard manager.isWritableFile(atPath: folder) else {
                throw StoreError(.cannotOpen, path: path, "the store cannot be created: \(folder) is not writable")
            }
            return false
        }
        if isDirectory.boolValue { throw StoreError(.cannotOpen, path: path, "this is a folder, not a store file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.cannotOpen, path: path, "the file cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 100)) ?? Data()
        if head.isEmpty {
            if readOnly { throw StoreError(.cannotOpen, path: path, "the file is empty; open it once without --read-only to create a store") }
            return false
        }
        guard head.starts(with: sqliteHeader) else {
            throw StoreError(.notAStore, path: path, "this file is not a FieldKit store (it is not an SQLite database)")
        }
        guard head.count == 100 else {
            throw StoreError(.damaged, path: path, "the store is damaged: the file is cut short (\(head.count) bytes)")
        }
        return true
    }

    /// Maps an SQLite error to a `StoreError` that says what it means for the user.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return StoreError(.failed, path: path, "\(error)")
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.damaged, path: path, "the store is damaged (\(detail)); restore it from a backup, or try `sqlite3 \(path) .recover`")
        case .SQLITE_READONLY:
            return StoreError(.readOnly, path: path, "the store cannot be written (\(detail))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError(.cannotOpen, path: path, "the store cannot be opened (\(detail))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.failed, path: path, "another process kept the store locked for too long (\(detail))")
        case .SQLITE_FULL:
            return StoreError(.failed, path: path, "the disk is full; nothing was written")
        default:
            return StoreError(.failed, path: path, "SQLite error \(error.resultCode.rawValue): \(detail)")
        }
    }
}
