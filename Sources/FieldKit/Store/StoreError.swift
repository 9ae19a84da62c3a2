/// Why a store could not be opened, read or written.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem, for programs that react to it.
    public enum Code: String, Hashable, Sendable {
        /// The file could not be opened or created.
        case cannotOpen
        /// There is no store at the path, and a question cannot create one.
        case missing
        /// The file is not a FieldKit store.
        case notAStore
        /// The store was written by a newer FieldKit.
        case newerVersion
        /// The store is damaged: SQLite reports corruption, or its rows break an invariant.
        case damaged
        /// The store was opened read-only and a write was attempted.
        case readOnly
        /// Reading or writing failed for another reason (disk full, locked too long).
        case failed
        /// The store's server refused a change to the login role making it (a reader's, or a
        /// member's outside its partner's projects): nothing was kept.
        case refused
    }

    /// The class of problem.
    public var code: Code
    /// The store's path, or `memory`.
    public var path: String
    /// What happened, with what to do about it where that is known.
    public var message: String

    /// Creates a store error.
    ///
    /// - Parameters:
    ///   - code: the class of problem.
    ///   - path: the store's path, or `memory`.
    ///   - message: what happened, with what to do about it where that is known.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `PATH: message`; a missing store's message alone, which names the path.
    public var description: String { code == .missing ? message : "\(path): \(message)" }
}

extension StoreError {
    /// A store's portfolio read, or refreshed, inside one of its own writes: the write's batch
    /// holds the state then, and is what to read.
    package static func readDuringWrite(path: String) -> StoreError {
        StoreError(.failed, path: path, "the portfolio is being written; inside a write, read it from the batch")
    }
}
