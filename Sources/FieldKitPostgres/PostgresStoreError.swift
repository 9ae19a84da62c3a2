import Foundation
import PostgresNIO

/// Why a shared store on PostgreSQL could not be reached or used. The message names the
/// server by its location without the password, and says what the server said.
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem.
    public enum Code: String, Hashable, Sendable {
        /// No server answered there, or the connection broke.
        case unreachable
        /// The server refused the login (a wrong password, an unknown role or database).
        case refused
        /// The server refused a statement.
        case server
        /// The database holds something other than a FieldKit store.
        case wrongDatabase
        /// The store's schema was written by a newer FieldKit.
        case newerSchema
        /// The store's own tables say something FieldKit cannot read.
        case damaged
    }

    /// The class of problem.
    public var code: Code
    /// The server, without the password.
    public var location: String
    /// What went wrong.
    public var message: String
    /// The server's SQLSTATE, when it gave one (`28P01`: a wrong password).
    public var sqlState: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: the class of problem.
    ///   - location: the server.
    ///   - message: what went wrong, without a password.
    ///   - sqlState: the server's SQLSTATE, if any.
    public init(_ code: Code, _ location: PostgresLocation, _ message: String, sqlState: String? = nil) {
        self.code = code
        self.location = location.description
        self.message = Self.redacted(message, location)
        self.sqlState = sqlState
    }

    /// What PostgresNIO threw, in the words of the server when it gave some.
    init(_ error: any Error, at location: PostgresLocation) {
        guard let error = error as? PSQLError else {
            self.init(.unreachable, location, "\(error)")
            return
        }
        if let fields = error.serverInfo, let message = fields[.message] {
            let state = fields[.sqlState]
            // Class 28: invalid authorization; 3D000: no such database.
            let refused = state?.hasPrefix("28") == true || state == "3D000"
            self.init(refused ? .refused : .server, location, message, sqlState: state)
            return
        }
        switch error.code {
        case .connectionError:
            self.init(.unreachable, location, Self.unreachable(error.underlying, location))
        case .serverClosedConnection, .uncleanShutdown:
            self.init(.unreachable, location, "the server closed the connection")
        case .sslUnsupported:
            self.init(.unreachable, location, "the server does not offer TLS, and sslmode asks for it")
        default:
            self.init(.unreachable, location, "the connection failed (\(error.code))")
        }
    }

    /// Why no connection could be made, in a user's words: NIO's own describe its internals.
    private static func unreachable(_ cause: (any Error)?, _ location: PostgresLocation) -> String {
        let text = cause.map { "\($0)" } ?? ""
        let reason = if text.contains("refused") {
            "the connection was refused"
        } else if text.lowercased().contains("timed out") || text.contains("Timeout") || text.contains("timeout") {
            "the connection timed out"
        } else if text.contains("resolve") || text.contains("getaddrinfo") || text.contains("Name or service") || text.contains("DNS") {
            "the host name does not resolve"
        } else {
            "the connection failed (\(text.isEmpty ? "no reason given" : text))"
        }
        return "cannot reach the server at \(location.host):\(location.port): \(reason); check that PostgreSQL runs there and accepts TCP connections"
    }

    /// `postgresql://osh-office@db:5432/portfolio: password authentication failed for user "osh-office"`.
    public var description: String { "\(location): \(message)" }

    /// The message with the password taken out, should a library have repeated it.
    private static func redacted(_ message: String, _ location: PostgresLocation) -> String {
        guard let password = location.password, !password.isEmpty else { return message }
        return message.replacingOccurrences(of: password, with: "•••")
    }
}
