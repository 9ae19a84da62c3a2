import FieldKit
import Foundation

/// What a login role may change on a server store, as the server's grants say: the three
/// group roles FieldKit's schema creates, and the partners a member role is bound to in
/// `members`.
///
/// The server enforces it (grants, row-level security: Docs/SERVER.md); the store checks it
/// before it writes only to say, in FieldKit's words, what is not allowed and for whom.
public enum PostgresStoreRights: Hashable, Sendable {
    /// Every change (`fieldkit_writer`, or the store's owner).
    case write
    /// Progress only: `record` on, and `note`, the projects these partners implement
    /// (`fieldkit_member`, bound to them in `members`).
    case progress(partners: [String])
    /// Questions only (`fieldkit_reader`, or a role given nothing).
    case read

    /// The partner role a member's partner must have on a project for its members to report on it.
    public static let reportingRole = Role.implementer

    /// The login role and its rights, as the server tells them.
    static func read(_ connection: ServerConnection) throws(PostgresStoreError) -> (String, PostgresStoreRights) {
        let sql = """
            SELECT session_user::text, current_setting('standard_conforming_strings'),
                has_table_privilege('projects', 'INSERT')::text, has_table_privilege('measurements', 'INSERT')::text,
                (SELECT string_agg(m.partner, E'\\n' ORDER BY m.partner) FROM members m JOIN pg_roles r ON r.rolname = m.role::text
                    WHERE pg_has_role(session_user, r.oid, 'MEMBER'))
            """
        let rows = try connection.rows(sql)
        guard let row = rows.first, row.count == 5, let role = row[0] else {
            throw PostgresStoreError(.server, connection.location, "the server did not say which role it logged in")
        }
        // Every literal FieldKit sends relies on it (ServerStatements).
        guard row[1] == "on" else {
            throw PostgresStoreError(.server, connection.location, "the server has standard_conforming_strings off; FieldKit needs it on")
        }
        if row[2] == "true" { return (role, .write) }
        if row[3] == "true" { return (role, .progress(partners: row[4]?.split(separator: "\n").map(String.init) ?? [])) }
        return (role, .read)
    }

    /// Why `role` may not make `changes` on `portfolio` (the state they apply to); nil when it may.
    ///
    /// - Parameters:
    ///   - changes: a statement's changes.
    ///   - portfolio: the portfolio with them applied, whose links say which projects are whose.
    ///   - role: the login role, for the message.
    /// - Returns: the refusal's message, or nil.
    public func refusal(of changes: [Change], on portfolio: Portfolio, for role: String) -> String? {
        switch self {
        case .write:
            return nil
        case .read:
            return "\(role) may ask questions only: changes need the fieldkit_writer role, progress the fieldkit_member role"
        case .progress(let partners):
            guard !partners.isEmpty else {
                return "\(role) is a member of no partner: bind it to one in the members table before it records progress"
            }
            let own = Set(partners.map { PartnerID($0) })
            for change in changes {
                let project: ProjectID? = switch change {
                case .record(let record): record.outcome.project
                case .addNote(let note): note.project
                default: nil
                }
                let allowed = project.map { project in
                    portfolio.participations(of: project).contains { own.contains($0.partner) && $0.role == Self.reportingRole }
                }
                if allowed != true {
                    return "\(partners.joined(separator: " and "))'s members may record progress on their own projects only"
                        + " (those \(partners.count == 1 ? "it implements" : "they implement")): \(role) cannot \(Self.describe(change))"
                }
            }
            return nil
        }
    }

    /// What a change does, in a few words, for a refusal.
    private static func describe(_ change: Change) -> String {
        switch change {
        case .record(let record): "record on \(record.outcome)"
        case .addNote(let note): "note on \(note.project)"
        default: "change the \(change.kind.rawValue) \(change.subject)"
        }
    }
}
