import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The store's one connection to its server, used synchronously: the store's protocols are
/// synchronous, so each query waits for its `EventLoopFuture` on the caller's thread while
/// NIO's own threads do the work (never a Swift concurrency thread: a test's or an embedding
/// tool's task may call the store without starving the pool that would have to answer it).
///
/// It listens on the `fieldkit` channel: every commit notifies it (``PostgresStore``), and
/// ``takeNews()`` says whether anything arrived since it was last asked.
///
/// A connection the server dropped (a restart, `pg_terminate_backend`, a network cut) is
/// opened again by ``reading(_:)`` with backoff; a write on a dropped connection fails, and the
/// server has rolled its transaction back.
///
/// `@unchecked Sendable`: the store calls it under its own lock only; the notification
/// count, which NIO's threads bump, has a lock of its own.
final class ServerConnection: @unchecked Sendable {
    let location: PostgresLocation
    private var connection: PostgresConnection?
    private let newsLock = NSLock()
    /// Notifications not yet taken; a fresh connection counts as news, having missed some.
    private var news = 1
    /// The waits before each new attempt to reach a server that dropped the connection.
    static let backoff: [Double] = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2]

    /// Opens the connection.
    ///
    /// - Throws: ``PostgresStoreError`` when the server cannot be reached or refuses the login.
    init(_ location: PostgresLocation) throws(PostgresStoreError) {
        self.location = location
        connection = try open()
    }

    // Not waited for: the last reference may go on one of NIO's own threads. The connection
    // is kept until its close completes (postgres-nio asserts that it goes closed).
    deinit {
        guard let connection else { return }
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// The notification channel every commit notifies.
    static let channel = "fieldkit"

    private func open() throws(PostgresStoreError) -> PostgresConnection {
        let configuration = try PostgresServer.configuration(location)
        let opened: PostgresConnection
        do {
            opened = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: PostgresServer.logger
            ).wait()
        } catch {
            throw PostgresStoreError(error, at: location)
        }
        // postgres-nio sends the LISTEN itself when the first listener comes.
        opened.addListener(channel: Self.channel) { [weak self] _, _ in self?.noteNews() }
        noteNews()
        return opened
    }

    private func noteNews() { newsLock.withLock { news += 1 } }

    /// Keeps the news for the next ``takeNews()``, after a failed attempt to read what it was.
    func keepNews() { noteNews() }

    /// Whether a commit was notified (or the connection was opened again) since the last call.
    func takeNews() -> Bool {
        newsLock.withLock {
            defer { news = 0 }
            return news > 0
        }
    }

    /// Runs `sql` and returns its rows, every column as text (the SQL casts each to `text`:
    /// postgres-nio asks for binary results, which for text are its UTF-8 bytes).
    ///
    /// - Throws: ``PostgresStoreError`` with what the server said, or that the connection is lost.
    func rows(_ sql: String) throws(PostgresStoreError) -> [[String?]] {
        let connection = try current()
        do {
            let result = try connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresServer.logger).wait()
            return result.rows.map { row in row.map { cell in cell.bytes.map { String(buffer: $0) } } }
        } catch {
            throw lost(error)
        }
    }

    /// A statement sent and not yet waited for.
    struct Pending {
        fileprivate let result: EventLoopFuture<PostgresQueryResult>
    }

    /// Sends `sql` without waiting for it: the server runs it while the caller goes on.
    /// postgres-nio runs a connection's queries in the order they were sent.
    ///
    /// - Throws: ``PostgresStoreError`` when the connection is lost already.
    func send(_ sql: String) throws(PostgresStoreError) -> Pending {
        Pending(result: try current().query(PostgresQuery(unsafeSQL: sql), logger: PostgresServer.logger))
    }

    /// Waits until a statement ``send(_:)`` sent has run.
    ///
    /// - Throws: ``PostgresStoreError`` with what the server said, or that the connection is lost.
    func wait(_ pending: Pending) throws(PostgresStoreError) {
        do { _ = try pending.result.wait() } catch { throw lost(error) }
    }

    /// Runs `sql`, a statement whose rows (if any) are not wanted.
    ///
    /// - Throws: ``PostgresStoreError`` with what the server said, or that the connection is lost.
    func execute(_ sql: String) throws(PostgresStoreError) {
        _ = try rows(sql)
    }

    /// Runs `body`, a read, on a working connection: when the server dropped the connection
    /// (before or during the read), it is opened again with backoff and the read runs once more.
    ///
    /// - Throws: what `body` throws, or ``PostgresStoreError`` `unreachable` once the backoff is spent.
    func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresStoreError where error.isConnectionLost {
            try reconnect()
            return try body()
        }
    }

    /// Opens the connection again, waiting longer after each failed attempt.
    func reconnect() throws(PostgresStoreError) {
        _ = try? connection?.close().wait()
        connection = nil
        var last: PostgresStoreError?
        for wait in Self.backoff {
            do {
                connection = try open()
                return
            } catch {
                // A refused login will not mend: say so at once.
                guard error.code == .unreachable || error.isConnectionLost else { throw error }
                last = error
                Thread.sleep(forTimeInterval: wait)
            }
        }
        throw last ?? PostgresStoreError(.unreachable, location, "cannot reach the server")
    }

    private func current() throws(PostgresStoreError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        throw PostgresStoreError(.unreachable, location, "the connection to the server was lost")
    }

    /// The error, with the connection dropped when the server closed it: the next read
    /// opens a new one.
    private func lost(_ error: any Error) -> PostgresStoreError {
        let failure = PostgresStoreError(error, at: location)
        if failure.isConnectionLost || connection?.isClosed == true {
            _ = try? connection?.close().wait()
            connection = nil
            return failure.isConnectionLost ? failure : PostgresStoreError(.unreachable, location, "the connection to the server was lost: \(failure.message)")
        }
        return failure
    }
}

extension PostgresStoreError {
    /// Whether the connection is gone: it broke, or the server ended the session (SQLSTATE
    /// class 08, or 57P01-57P03: an administrator, a shutdown, or a server starting up).
    var isConnectionLost: Bool {
        if code == .unreachable { return true }
        guard let state = sqlState else { return false }
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }
}
