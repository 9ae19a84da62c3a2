import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL server, as a shared store opens it.
///
/// What it throws is a ``PostgresStoreError`` that names the server by its
/// ``PostgresLocation/description``, never with the password.
public enum PostgresServer {
    /// The server's `version()` and the role the server logged us in as (`session_user`):
    /// the check that a location reaches a server that accepts its login.
    ///
    /// - Parameter location: where the server is and how to log in.
    /// - Returns: the server's version string and the login role.
    /// - Throws: ``PostgresStoreError`` when the server cannot be reached or refuses the login.
    public static func probe(_ location: PostgresLocation) async throws(PostgresStoreError) -> (version: String, role: String) {
        let connection = try await connect(location)
        do {
            let rows = try await connection.query("SELECT version(), session_user::text", logger: logger)
            var result: (String, String)?
            for try await (version, role) in rows.decode((String, String).self) { result = (version, role) }
            try? await connection.close()
            guard let result else { throw PostgresStoreError(.unreachable, location, "the server answered no row to SELECT version()") }
            return result
        } catch let error as PostgresStoreError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw PostgresStoreError(error, at: location)
        }
    }

    /// Creates the store's schema in an empty database, or checks the one there.
    ///
    /// - Parameter location: the server and database.
    /// - Returns: the schema version found; 0 when it was just created.
    /// - Throws: ``PostgresStoreError``: `wrongDatabase` for a database that holds other
    ///   tables, `newerSchema` for a store written by a newer FieldKit, `damaged` for
    ///   FieldKit's own table saying nothing readable, or what the server said.
    @discardableResult
    public static func prepare(_ location: PostgresLocation) throws(PostgresStoreError) -> Int {
        try PostgresSchema.prepare(try ServerConnection(location))
    }

    /// A logger that says nothing: what goes wrong reaches the user as a ``PostgresStoreError``.
    static let logger = Logger(label: "fieldkit.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// Opens a connection with the location's TLS mode.
    static func connect(_ location: PostgresLocation) async throws(PostgresStoreError) -> PostgresConnection {
        let configuration = try configuration(location)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresStoreError(error, at: location)
        }
    }

    /// How postgres-nio is to reach the server and log in, with the location's TLS mode.
    static func configuration(_ location: PostgresLocation) throws(PostgresStoreError) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try tls(location))
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "fieldkit")]
        return configuration
    }

    /// libpq's `sslmode` as PostgresNIO's TLS setting.
    static func tls(_ location: PostgresLocation) throws(PostgresStoreError) -> PostgresConnection.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        do {
            switch location.sslMode {
            case .disable: return .disable
            case .prefer: return .prefer(try NIOSSLContext(configuration: unchecked))
            case .require: return .require(try NIOSSLContext(configuration: unchecked))
            case .verifyFull: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw PostgresStoreError(.unreachable, location, "TLS could not be set up: \(error)")
        }
    }
}
