import Foundation

/// The shared store's schema: the SQLite store's tables and columns (Docs/STORE.md) in
/// PostgreSQL's types, with `jsonb` for the journal's changes and `timestamptz` for its
/// times. FieldKit creates it on first use, in a database that holds nothing else, and
/// refuses a database that holds other tables, or a schema newer than it knows.
enum PostgresSchema {
    /// The schema version this FieldKit writes: SQLite's schema 3, in one step.
    static let version = 1

    /// The advisory lock that serialises creating and migrating the schema (`FKIT`).
    static let lockKey: Int64 = 0x464B_4954

    /// The tables, in the order they are created; `fieldkit_meta` says what the database is.
    static let tables = [
        "fieldkit_meta", "regions", "region_members", "partners", "partner_contacts", "projects", "project_regions",
        "project_sectors", "project_target_groups", "project_tags", "project_translations", "participations", "outcomes",
        "outcome_regions", "outcome_dims", "measurements", "measurement_dims", "notes", "settings", "journal",
    ]

    /// A `Day` as FieldKit writes it (`2007`, `2007-Q4`, `2008-01`, `2007-04-24`): the dates a
    /// member role may insert are held to it, so that what it writes with plain SQL still reads.
    static let dayPattern = "^[0-9]{4}(-Q[1-4]|-[0-9]{2}(-[0-9]{2})?)?$"

    /// The statements of version 1, one each (the extended protocol takes one at a time).
    ///
    /// Foreign keys are checked when a transaction commits (`DEFERRABLE INITIALLY DEFERRED`),
    /// their cascades still at once: a write sends its rows grouped by table
    /// (``ServerStatements``), not in the order the changes made them.
    static let version1: [String] = [
        "CREATE TABLE fieldkit_meta (key text PRIMARY KEY, value text NOT NULL)",
        "INSERT INTO fieldkit_meta (key, value) VALUES ('format', 'fieldkit'), ('schema', '1')",
        """
        CREATE TABLE regions (
            id text PRIMARY KEY, name text NOT NULL,
            level text NOT NULL CHECK (level IN ('country', 'province', 'district', 'city', 'settlement', 'area')),
            parent_id text REFERENCES regions (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED)
        """,
        "CREATE INDEX regions_parent ON regions (parent_id)",
        """
        CREATE TABLE region_members (
            area_id text NOT NULL REFERENCES regions (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            member_id text NOT NULL REFERENCES regions (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED, PRIMARY KEY (area_id, position))
        """,
        "CREATE INDEX region_members_member ON region_members (member_id)",
        """
        CREATE TABLE partners (
            id text PRIMARY KEY, name text NOT NULL, acronym text,
            kind text CHECK (kind IN ('government', 'local-government', 'public', 'international-ngo', 'national-ngo',
                'regional-ngo', 'partner-country-ngo', 'multilateral', 'foundation', 'private', 'academic', 'other')),
            country text, ref text)
        """,
        """
        CREATE TABLE partner_contacts (
            partner_id text NOT NULL REFERENCES partners (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            name text NOT NULL, role text, PRIMARY KEY (partner_id, position))
        """,
        """
        CREATE TABLE projects (
            id text PRIMARY KEY, title text NOT NULL, summary text,
            status text NOT NULL CHECK (status IN ('pipeline', 'active', 'finalising', 'closed', 'cancelled', 'suspended')),
            start text, "end" text, actual_start text, actual_end text, budget numeric, budget_currency text, language text,
            CHECK ((budget IS NULL) = (budget_currency IS NULL)))
        """,
        """
        CREATE TABLE project_regions (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            region_id text NOT NULL REFERENCES regions (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED, percentage numeric, PRIMARY KEY (project_id, position))
        """,
        "CREATE INDEX project_regions_region ON project_regions (region_id)",
        """
        CREATE TABLE project_sectors (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            sector text NOT NULL, PRIMARY KEY (project_id, position))
        """,
        """
        CREATE TABLE project_target_groups (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            target_group text NOT NULL, PRIMARY KEY (project_id, position))
        """,
        """
        CREATE TABLE project_tags (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            tag text NOT NULL, PRIMARY KEY (project_id, position))
        """,
        """
        CREATE TABLE project_translations (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, position integer NOT NULL,
            field text NOT NULL CHECK (field IN ('title', 'summary')), language text NOT NULL, text text NOT NULL,
            PRIMARY KEY (project_id, position))
        """,
        """
        CREATE TABLE participations (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
            partner_id text NOT NULL REFERENCES partners (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
            role text NOT NULL CHECK (role IN ('funder', 'lead', 'extending', 'implementer', 'counterpart')),
            amount numeric, currency text, PRIMARY KEY (project_id, partner_id, role),
            ord bigint GENERATED ALWAYS AS IDENTITY,
            CHECK ((amount IS NULL) = (currency IS NULL)))
        """,
        "CREATE INDEX participations_partner ON participations (partner_id)",
        """
        CREATE TABLE outcomes (
            project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED, key text NOT NULL,
            id text GENERATED ALWAYS AS (project_id || '/' || key) STORED, title text NOT NULL,
            level text NOT NULL CHECK (level IN ('output', 'outcome', 'impact')), unit text,
            measure text NOT NULL CHECK (measure IN ('count', 'level', 'percent', 'qualitative')),
            baseline numeric, baseline_date text, target numeric, due text,
            direction text NOT NULL CHECK (direction IN ('up', 'down')), PRIMARY KEY (project_id, key))
        """,
        """
        CREATE TABLE outcome_regions (
            project_id text NOT NULL, outcome_key text NOT NULL, position integer NOT NULL,
            region_id text NOT NULL REFERENCES regions (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED, PRIMARY KEY (project_id, outcome_key, position),
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)
        """,
        "CREATE INDEX outcome_regions_region ON outcome_regions (region_id)",
        """
        CREATE TABLE outcome_dims (
            project_id text NOT NULL, outcome_key text NOT NULL, position integer NOT NULL, dim text NOT NULL,
            PRIMARY KEY (project_id, outcome_key, position),
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)
        """,
        """
        CREATE TABLE measurements (
            id text PRIMARY KEY, project_id text NOT NULL, outcome_key text NOT NULL,
            date text NOT NULL CHECK (date ~ '\(dayPattern)'), value numeric, note text, source text,
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED)
        """,
        "CREATE INDEX measurements_outcome ON measurements (project_id, outcome_key, date)",
        """
        CREATE TABLE measurement_dims (
            measurement_id text NOT NULL REFERENCES measurements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, dim text NOT NULL, value text NOT NULL,
            PRIMARY KEY (measurement_id, dim))
        """,
        """
        CREATE TABLE notes (
            id text PRIMARY KEY, project_id text NOT NULL REFERENCES projects (id) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
            date text NOT NULL CHECK (date ~ '\(dayPattern)'), text text NOT NULL)
        """,
        "CREATE INDEX notes_project ON notes (project_id, date)",
        """
        CREATE TABLE settings (
            name text PRIMARY KEY CHECK (name IN ('on-track-margin', 'at-risk-margin')), value numeric NOT NULL)
        """,
        // The actor is the server's login role: a client cannot claim another.
        """
        CREATE TABLE journal (
            seq bigint PRIMARY KEY, "time" timestamptz NOT NULL DEFAULT now(), actor text NOT NULL DEFAULT session_user,
            origin text NOT NULL, statement text NOT NULL, changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'), undoes bigint REFERENCES journal (seq) DEFERRABLE INITIALLY DEFERRED)
        """,
    ]

    /// Creates the schema in an empty database, or checks the one there: a database that
    /// holds other tables, or a FieldKit schema newer than this one, is refused.
    ///
    /// - Returns: the schema version found (0 when it was just created).
    @discardableResult
    static func prepare(_ connection: ServerConnection) throws(PostgresStoreError) -> Int {
        let location = connection.location
        func scalar(_ sql: String) throws(PostgresStoreError) -> String? { try connection.rows(sql).first?.first ?? nil }
        do {
            // A store that is there is checked without a transaction or a lock: the common case.
            if try scalar("SELECT (to_regclass('fieldkit_meta') IS NOT NULL)::text") == "true" { return try check(connection) }
            try connection.execute("BEGIN")
            // Two offices opening a new store at once: one creates it, the other then finds it.
            try connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            if try scalar("SELECT (to_regclass('fieldkit_meta') IS NOT NULL)::text") == "true" {
                try connection.execute("ROLLBACK")
                return try check(connection)
            }
            let others = try connection.rows(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename LIMIT 5"
            ).compactMap { $0.first ?? nil }
            guard others.isEmpty else {
                throw PostgresStoreError(
                    .wrongDatabase, location,
                    "this database holds other tables (\(others.joined(separator: ", "))) and no FieldKit store; give FieldKit a database of its own")
            }
            let schema = try scalar("SELECT current_schema()::text") ?? "public"
            for statement in version1 + ServerRoles.statements(schema: schema) { try connection.execute(statement) }
            try connection.execute("COMMIT")
            return 0
        } catch let error as PostgresStoreError {
            try? connection.execute("ROLLBACK")
            throw error
        } catch {
            try? connection.execute("ROLLBACK")
            throw PostgresStoreError(error, at: location)
        }
    }

    /// Reads `fieldkit_meta`: the store's format and schema version.
    private static func check(_ connection: ServerConnection) throws(PostgresStoreError) -> Int {
        let location = connection.location
        var meta: [String: String] = [:]
        for row in try connection.rows("SELECT key, value FROM fieldkit_meta") where row.count == 2 {
            if let key = row[0], let value = row[1] { meta[key] = value }
        }
        guard meta["format"] == "fieldkit" else {
            throw PostgresStoreError(.wrongDatabase, location, "this database has a table fieldkit_meta, but it does not say it is a FieldKit store")
        }
        guard let text = meta["schema"], let found = Int(text) else {
            throw PostgresStoreError(.damaged, location, "fieldkit_meta gives no schema version")
        }
        guard found <= version else {
            throw PostgresStoreError(.newerSchema, location, "the store's schema is version \(found), written by a newer FieldKit; this one knows version \(version)")
        }
        return found
    }
}
