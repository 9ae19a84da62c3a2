import Foundation

/// Where a shared store's server is and how to log in, read the way libpq (and so `psql`)
/// reads it: a `postgresql://` or `postgres://` URL, then `PGHOST`, `PGPORT`, `PGUSER`,
/// `PGDATABASE`, `PGPASSWORD` and `PGSSLMODE` for what it leaves out, then the password
/// file (`PGPASSFILE`, else `~/.pgpass`).
///
/// The password is never part of ``description``, of an error, or of anything FieldKit
/// writes: `postgresql://osh-office@db.example.org:5432/portfolio`.
///
/// ```swift
/// let location = try PostgresLocation("postgresql://osh-office@db.example.org/portfolio")
/// ```
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// libpq's `sslmode`: whether the connection is encrypted, and the server's certificate checked.
    public enum SSLMode: String, CaseIterable, Hashable, Sendable {
        /// Never encrypted.
        case disable
        /// Encrypted when the server offers it (libpq's default).
        case prefer
        /// Always encrypted, without checking the server's certificate.
        case require
        /// Always encrypted, with the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    public var host: String
    /// Its port.
    public var port: Int
    /// The login role.
    public var user: String
    /// The password, when one was given or found; never printed.
    public var password: String?
    /// The database.
    public var database: String
    /// How the connection is secured.
    public var sslMode: SSLMode

    /// Creates a location from its parts.
    ///
    /// - Parameters:
    ///   - host: the server's host name or address.
    ///   - port: its port; 5432 unless given.
    ///   - user: the login role.
    ///   - password: the password, if any.
    ///   - database: the database.
    ///   - sslMode: how the connection is secured; `prefer` unless given.
    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, sslMode: SSLMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// Whether `text` names a PostgreSQL server rather than a file: it starts with
    /// `postgresql://` or `postgres://`.
    ///
    /// - Parameter text: a `--store` value.
    /// - Returns: whether it is a server URL.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// Reads a URL, with libpq's environment variables and password file for what it leaves out.
    ///
    /// - Parameters:
    ///   - url: `postgresql://[user[:password]@][host][:port][/database][?sslmode=…&…]`.
    ///   - environment: where `PGHOST` and the others are read; the process's unless given.
    ///   - home: the folder of `.pgpass`; `$HOME` unless given.
    /// - Throws: ``PostgresLocationError`` for a URL that cannot be read; its message never holds the password.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment, home: String? = nil) throws(PostgresLocationError) {
        let scheme = ["postgresql://", "postgres://"].first { url.lowercased().hasPrefix($0) }
        guard let scheme else {
            throw PostgresLocationError("a server store is named by a postgresql:// or postgres:// URL")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = try Self.decoded(info[..<colon], "the user name")
                password = try Self.decoded(info[info.index(after: colon)...], "the password")
            } else {
                user = try Self.decoded(info, "the user name")
            }
        }
        var host: String?
        var port: Int?
        if rest.hasPrefix("[") {
            // An IPv6 address: [::1]:5432.
            guard let close = rest.firstIndex(of: "]") else { throw PostgresLocationError("the host '\(rest)' opens a [ but does not close it") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(after.dropFirst()) } else if !after.isEmpty {
                throw PostgresLocationError("unexpected '\(after)' after the host [\(host ?? "")]")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = try Self.decoded(rest[..<colon], "the host")
            port = try Self.port(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            host = try Self.decoded(rest, "the host")
        }
        var database = path.isEmpty ? nil : try Self.decoded(path, "the database name")
        var sslMode: SSLMode?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decoded(parts[0], "a parameter name")
            let value = parts.count > 1 ? try Self.decoded(parts[1], "the value of \(key)") : ""
            switch key {
            case "sslmode": sslMode = try Self.sslMode(value)
            case "host": host = value
            case "port": port = try Self.port(Substring(value))
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "application_name", "connect_timeout": break
            default:
                throw PostgresLocationError("the URL has a parameter '\(key)' FieldKit does not know; it knows sslmode, host, port, user, password and dbname")
            }
        }
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let resolvedHost = host.flatMap { $0.isEmpty ? nil : $0 } ?? variable("PGHOST") ?? "localhost"
        var resolvedPort = 5432
        if let port { resolvedPort = port } else if let text = variable("PGPORT") { resolvedPort = try Self.port(Substring(text)) }
        let resolvedUser = user.flatMap { $0.isEmpty ? nil : $0 } ?? variable("PGUSER") ?? variable("USER") ?? "postgres"
        let resolvedDatabase = database.flatMap { $0.isEmpty ? nil : $0 } ?? variable("PGDATABASE") ?? resolvedUser
        var resolvedMode = SSLMode.prefer
        if let sslMode { resolvedMode = sslMode } else if let text = variable("PGSSLMODE") { resolvedMode = try Self.sslMode(text) }
        self.init(host: resolvedHost, port: resolvedPort, user: resolvedUser, password: password, database: resolvedDatabase, sslMode: resolvedMode)
        if self.password == nil {
            self.password = variable("PGPASSWORD")
                ?? PasswordFile.password(for: self, path: variable("PGPASSFILE") ?? (home ?? variable("HOME")).map { $0 + "/.pgpass" })
        }
    }

    /// `postgresql://user@host:port/database`, with `?sslmode=` unless it is `prefer`: never the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let mode = sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)"
        return "postgresql://\(Self.encoded(user))@\(shownHost):\(port)/\(Self.encoded(database))\(mode)"
    }

    private static func decoded(_ text: Substring, _ what: String) throws(PostgresLocationError) -> String {
        guard let value = String(text).removingPercentEncoding else {
            throw PostgresLocationError("\(what) in the URL has a % that is not followed by two hexadecimal digits")
        }
        return value
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }

    private static func port(_ text: Substring) throws(PostgresLocationError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            // The text itself is not repeated: in `postgresql://user:secret/db`, a URL without
            // its host, what stands where the port would is the password.
            throw PostgresLocationError("the port is not a number from 1 to 65535 (a URL with a password needs user:password@host)")
        }
        return port
    }

    private static func sslMode(_ text: String) throws(PostgresLocationError) -> SSLMode {
        guard let mode = SSLMode(rawValue: text.lowercased()) else {
            let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw PostgresLocationError("sslmode '\(text)' is not one FieldKit knows: \(known) (allow and verify-ca are not offered)")
        }
        return mode
    }
}

/// A `--store` URL that cannot be read. Its message never holds a password.
public struct PostgresLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// Creates the error.
    ///
    /// - Parameter message: what is wrong, without the password.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
