import GRDB

/// The store's schema: current-state tables an analyst can read with plain `sqlite3`,
/// and the append-only journal. Docs/STORE.md documents every table.
enum Schema {
    /// `PRAGMA application_id` of a FieldKit store: the bytes `FKIT`.
    static let applicationID: Int32 = 0x464B_4954

    /// The migrations, oldest first. A store that has applied a migration this list
    /// lacks was written by a newer FieldKit and is refused.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: version1)
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        // Version 2 keeps a project's language, its title and summary in other languages, and
        // the share of each of its regions, as IATI files carry them.
        migrator.registerMigration("v2") { db in try db.execute(sql: version2) }
        // Version 3 keeps the store's settings: the progress margins (`.set on-track-margin 10`).
        migrator.registerMigration("v3") { db in try db.execute(sql: version3) }
        return migrator
    }

    private static let version1 = """
        CREATE TABLE fieldkit_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO fieldkit_meta (key, value) VALUES ('format', 'fieldkit'), ('schema', '1');

        CREATE TABLE regions (
            id        TEXT PRIMARY KEY,
            name      TEXT NOT NULL,
            level     TEXT NOT NULL CHECK (level IN ('country', 'province', 'district', 'city', 'settlement', 'area')),
            parent_id TEXT REFERENCES regions (id) ON UPDATE CASCADE
        );
        CREATE INDEX regions_parent ON regions (parent_id);

        CREATE TABLE region_members (
            area_id   TEXT NOT NULL REFERENCES regions (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            member_id TEXT NOT NULL REFERENCES regions (id) ON UPDATE CASCADE,
            PRIMARY KEY (area_id, position)
        );
        CREATE INDEX region_members_member ON region_members (member_id);

        CREATE TABLE partners (
            id      TEXT PRIMARY KEY,
            name    TEXT NOT NULL,
            acronym TEXT,
            kind    TEXT CHECK (kind IN ('government', 'local-government', 'public', 'international-ngo',
                'national-ngo', 'regional-ngo', 'partner-country-ngo', 'multilateral', 'foundation', 'private',
                'academic', 'other')),
            country TEXT,
            ref     TEXT
        );

        CREATE TABLE partner_contacts (
            partner_id TEXT NOT NULL REFERENCES partners (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            name       TEXT NOT NULL,
            role       TEXT,
            PRIMARY KEY (partner_id, position)
        );

        CREATE TABLE projects (
            id              TEXT PRIMARY KEY,
            title           TEXT NOT NULL,
            summary         TEXT,
            status          TEXT NOT NULL CHECK (status IN ('pipeline', 'active', 'finalising', 'closed', 'cancelled', 'suspended')),
            start           TEXT,
            "end"           TEXT,
            actual_start    TEXT,
            actual_end      TEXT,
            budget          NUMERIC,
            budget_currency TEXT,
            CHECK ((budget IS NULL) = (budget_currency IS NULL))
        );

        CREATE TABLE project_regions (
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            region_id  TEXT NOT NULL REFERENCES regions (id) ON UPDATE CASCADE,
            PRIMARY KEY (project_id, position)
        );
        CREATE INDEX project_regions_region ON project_regions (region_id);

        CREATE TABLE project_sectors (
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            sector     TEXT NOT NULL,
            PRIMARY KEY (project_id, position)
        );

        CREATE TABLE project_target_groups (
            project_id   TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position     INTEGER NOT NULL,
            target_group TEXT NOT NULL,
            PRIMARY KEY (project_id, position)
        );

        CREATE TABLE project_tags (
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            tag        TEXT NOT NULL,
            PRIMARY KEY (project_id, position)
        );

        CREATE TABLE participations (
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE,
            partner_id TEXT NOT NULL REFERENCES partners (id) ON UPDATE CASCADE,
            role       TEXT NOT NULL CHECK (role IN ('funder', 'lead', 'extending', 'implementer', 'counterpart')),
            amount     NUMERIC,
            currency   TEXT,
            PRIMARY KEY (project_id, partner_id, role),
            CHECK ((amount IS NULL) = (currency IS NULL))
        );
        CREATE INDEX participations_partner ON participations (partner_id);

        CREATE TABLE outcomes (
            project_id    TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE,
            key           TEXT NOT NULL,
            id            TEXT GENERATED ALWAYS AS (project_id || '/' || key) VIRTUAL,
            title         TEXT NOT NULL,
            level         TEXT NOT NULL CHECK (level IN ('output', 'outcome', 'impact')),
            unit          TEXT,
            measure       TEXT NOT NULL CHECK (measure IN ('count', 'level', 'percent', 'qualitative')),
            baseline      NUMERIC,
            baseline_date TEXT,
            target        NUMERIC,
            due           TEXT,
            direction     TEXT NOT NULL CHECK (direction IN ('up', 'down')),
            PRIMARY KEY (project_id, key)
        );

        CREATE TABLE outcome_regions (
            project_id  TEXT NOT NULL,
            outcome_key TEXT NOT NULL,
            position    INTEGER NOT NULL,
            region_id   TEXT NOT NULL REFERENCES regions (id) ON UPDATE CASCADE,
            PRIMARY KEY (project_id, outcome_key, position),
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE ON DELETE CASCADE
        );
        CREATE INDEX outcome_regions_region ON outcome_regions (region_id);

        CREATE TABLE outcome_dims (
            project_id  TEXT NOT NULL,
            outcome_key TEXT NOT NULL,
            position    INTEGER NOT NULL,
            dim         TEXT NOT NULL,
            PRIMARY KEY (project_id, outcome_key, position),
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE ON DELETE CASCADE
        );

        CREATE TABLE measurements (
            id          TEXT PRIMARY KEY,
            project_id  TEXT NOT NULL,
            outcome_key TEXT NOT NULL,
            date        TEXT NOT NULL,
            value       NUMERIC,
            note        TEXT,
            source      TEXT,
            FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key) ON UPDATE CASCADE
        );
        CREATE INDEX measurements_outcome ON measurements (project_id, outcome_key, date);

        CREATE TABLE measurement_dims (
            measurement_id TEXT NOT NULL REFERENCES measurements (id) ON DELETE CASCADE,
            dim            TEXT NOT NULL,
            value          TEXT NOT NULL,
            PRIMARY KEY (measurement_id, dim)
        );

        CREATE TABLE notes (
            id         TEXT PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE,
            date       TEXT NOT NULL,
            text       TEXT NOT NULL
        );
        CREATE INDEX notes_project ON notes (project_id, date);

        CREATE TABLE journal (
            seq       INTEGER PRIMARY KEY,
            time      TEXT NOT NULL,
            actor     TEXT NOT NULL,
            origin    TEXT NOT NULL,
            statement TEXT NOT NULL,
            changes   TEXT NOT NULL CHECK (json_valid(changes)),
            undoes    INTEGER REFERENCES journal (seq)
        );
        """
}

extension Schema {
    fileprivate static let version2 = """
        ALTER TABLE projects ADD COLUMN language TEXT;
        ALTER TABLE project_regions ADD COLUMN percentage NUMERIC;
        CREATE TABLE project_translations (
            project_id TEXT NOT NULL REFERENCES projects (id) ON UPDATE CASCADE ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            field      TEXT NOT NULL CHECK (field IN ('title', 'summary')),
            language   TEXT NOT NULL,
            text       TEXT NOT NULL,
            PRIMARY KEY (project_id, position)
        );
        UPDATE fieldkit_meta SET value = '2' WHERE key = 'schema';
        """
}

extension Schema {
    /// A row per setting that differs from the standard; none in a store that keeps them all.
    fileprivate static let version3 = """
        CREATE TABLE settings (
            name  TEXT PRIMARY KEY CHECK (name IN ('on-track-margin', 'at-risk-margin')),
            value NUMERIC NOT NULL
        );
        UPDATE fieldkit_meta SET value = '3' WHERE key = 'schema';
        """
}
