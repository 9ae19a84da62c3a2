/// The roles, grants and row-level security a server store is created with: the server, not
/// FieldKit, decides who may change what, so a client that skips FieldKit and speaks SQL gets
/// no further (Docs/SERVER.md).
///
/// - `fieldkit_reader` reads every table and changes nothing;
/// - `fieldkit_writer` also inserts, updates and deletes the state and the journal;
/// - `fieldkit_member` also inserts records, their dimensions, notes and journal entries,
///   where row-level security lets it: on projects that a partner its login role is bound to
///   in `members` implements, and journal entries made of such records and notes alone.
///
/// Whoever migrates owns the tables and binds members. A trigger sets every journal entry's
/// actor to `session_user` and keeps the numbering without gaps, whoever inserts it.
enum ServerRoles {
    /// The group roles, created when the cluster does not have them yet (roles are the
    /// cluster's, shared by its databases).
    static let groups = ["fieldkit_reader", "fieldkit_writer", "fieldkit_member"]

    /// The tables a member may insert into, under row-level security.
    static let progressTables = ["measurements", "measurement_dims", "notes", "journal"]

    /// The key of the advisory lock writers take (``PostgresStore/writeLock``): the journal's
    /// trigger takes it too, so an entry inserted with plain SQL waits for FieldKit's writers.
    static let writeLock: Int64 = 0x464B_4957

    /// The statements, for a store in `schema` (the migrating session's `current_schema()`).
    ///
    /// The functions run with a fixed `search_path`, the store's schema and the catalog only:
    /// a function body is resolved when it runs, and a session's temporary tables come first
    /// otherwise, so a member could shadow `members` or `participations` with tables of its own.
    static func statements(schema: String) -> [String] {
        // Two databases of one cluster created at once both create the roles: the second
        // waits for the first, then finds them (a unique violation), which is fine.
        let creations = groups.map {
            "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\($0)') THEN BEGIN CREATE ROLE \($0) NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; END IF;"
        }
        let state = PostgresSchema.tables.filter { $0 != "fieldkit_meta" && $0 != "journal" }
        let path = "SET search_path = pg_catalog, \"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\", pg_temp"
        var result = [
            "DO $roles$ BEGIN \(creations.joined(separator: " ")) END $roles$",
            """
            CREATE TABLE members (
                role name NOT NULL, partner text NOT NULL REFERENCES partners (id) ON UPDATE CASCADE ON DELETE CASCADE,
                PRIMARY KEY (role, partner))
            """,
            "GRANT SELECT ON \((PostgresSchema.tables + ["members"]).joined(separator: ", ")) TO \(groups.joined(separator: ", "))",
            "GRANT INSERT, UPDATE, DELETE ON \(state.joined(separator: ", ")) TO fieldkit_writer",
            // The journal is appended to, never changed: by nobody, as the trigger below says.
            "GRANT INSERT ON journal TO fieldkit_writer",
            "GRANT INSERT ON \(progressTables.joined(separator: ", ")) TO fieldkit_member",
            // Whether the login role's partner implements `project`.
            """
            CREATE FUNCTION fieldkit_reports_on(project text) RETURNS boolean LANGUAGE sql STABLE \(path) AS $f$
                SELECT EXISTS (
                    SELECT 1 FROM participations p JOIN members m ON m.partner = p.partner_id JOIN pg_roles r ON r.rolname = m.role
                    WHERE lower(p.project_id) = lower(project) AND p.role = 'implementer' AND pg_has_role(session_user, r.oid, 'MEMBER'))
            $f$
            """,
            // Whether a journal entry's changes are records and notes on the role's own projects.
            """
            CREATE FUNCTION fieldkit_progress_only(changes jsonb) RETURNS boolean LANGUAGE sql STABLE \(path) AS $f$
                SELECT jsonb_typeof(changes) = 'array' AND NOT EXISTS (
                    SELECT 1 FROM jsonb_array_elements(changes) c
                    WHERE NOT coalesce(
                        (c->>'op' = 'record' AND fieldkit_reports_on(regexp_replace(c->'value'->>'outcome', '/[^/]*$', '')))
                        OR (c->>'op' = 'note' AND fieldkit_reports_on(c->'value'->>'project')), false))
            $f$
            """,
            """
            CREATE FUNCTION fieldkit_journal_entry() RETURNS trigger LANGUAGE plpgsql \(path) AS $f$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    RAISE EXCEPTION 'the journal is appended to, never changed' USING ERRCODE = 'insufficient_privilege';
                END IF;
                PERFORM pg_advisory_xact_lock(\(writeLock));
                NEW.actor := session_user;
                IF NEW.seq <> (SELECT coalesce(max(seq), 0) + 1 FROM journal) THEN
                    RAISE EXCEPTION 'journal entry % would leave a gap: the journal is numbered without gaps', NEW.seq
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END
            $f$
            """,
            "CREATE TRIGGER journal_entry BEFORE INSERT OR UPDATE OR DELETE ON journal FOR EACH ROW EXECUTE FUNCTION fieldkit_journal_entry()",
        ]
        let checks = [
            "measurements": "fieldkit_reports_on(project_id)",
            "measurement_dims": "EXISTS (SELECT 1 FROM measurements m WHERE m.id = measurement_id AND fieldkit_reports_on(m.project_id))",
            "notes": "fieldkit_reports_on(project_id)",
            "journal": "fieldkit_progress_only(changes)",
        ]
        for table in progressTables {
            result += [
                "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY fieldkit_read ON \(table) FOR SELECT USING (true)",
                "CREATE POLICY fieldkit_write ON \(table) TO fieldkit_writer USING (true) WITH CHECK (true)",
                "CREATE POLICY fieldkit_progress ON \(table) FOR INSERT TO fieldkit_member WITH CHECK (\(checks[table] ?? "false"))",
            ]
        }
        return result
    }
}
