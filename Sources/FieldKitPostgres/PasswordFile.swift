import Foundation

/// libpq's password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything, `\:` and `\\`
/// escaping, the first matching line winning. As libpq does, a file that its group or
/// others may read is not used.
enum PasswordFile {
    /// The password for `location` from the file at `path`; nil when there is no file, no
    /// matching line, or the file is readable by others.
    static func password(for location: PostgresLocation, path: String?) -> String? {
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let wanted = [location.host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#"), let fields = fields(of: Substring(line)), fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, with `\:` and `\\` unescaped.
    static func fields(of line: Substring) -> [String]? {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
