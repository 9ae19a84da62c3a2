import Foundation
import Testing

/// The roles a server store enforces, each allowed and each refused action tried through
/// fieldkit and through plain psql: the server decides, FieldKit only words the refusal.
@Suite(.enabled(if: ServerFixture.isRunning, ServerFixture.skipped), .timeLimit(.minutes(3)))
struct ServerRoleTests {
    /// A store holding the contract example and a project Golden Goal does not implement,
    /// with a reader, a writer and Golden Goal's member role, and the URL of each.
    struct Office {
        let runner: CommandRunner
        let admin: String
        let reader: (role: String, url: String)
        let writer: (role: String, url: String)
        let member: (role: String, url: String)
        let stranger: (role: String, url: String)

        init() throws {
            runner = try CommandRunner()
            let database = try ServerFixture.freshDatabase()
            admin = ServerFixture.url(of: database)
            try runner.write("seed.fk", ServerStoreTests.contractExample + """
                add project OSH-ROADS title "Roads" status active
                link OSH-ROADS osce-osh as implementer
                link OSH-ROADS golden-goal as funder
                add outcome OSH-ROADS/km title "Kilometres" measure count target 10
                record OSH-ROADS/km 1 on 2007-10-01

                """)
            let seeded = try runner.run(["--store", admin, "-f", "seed.fk"])
            #expect(seeded.status == 0, "\(seeded.error)")
            reader = try ServerFixture.loginRole("osh-viewer", groups: ["fieldkit_reader"], on: database)
            writer = try ServerFixture.loginRole("osh-office", groups: ["fieldkit_writer"], on: database)
            member = try ServerFixture.loginRole("golden-goal-staff", groups: ["fieldkit_member"], on: database)
            stranger = try ServerFixture.loginRole("unbound-member", groups: ["fieldkit_member"], on: database)
            try ServerFixture.psql("INSERT INTO members (role, partner) VALUES ('\(member.role)', 'golden-goal')", url: admin)
        }

        func fieldkit(_ url: String, _ statement: String) throws -> CommandRunner.Result {
            try runner.run(["--store", url, "--today", "2007-12-01", "-c", statement])
        }

        var entries: String { (try? ServerFixture.value("SELECT count(*) FROM journal", url: admin)) ?? "?" }
    }

    @Test func aReaderAsksAndChangesNothing() throws {
        let office = try Office()
        let before = office.entries
        let asked = try office.fieldkit(office.reader.url, "progress TIP-2007")
        #expect(asked.status == 0, "\(asked.error)")
        #expect(asked.output.contains("groups"))
        for statement in ["add partner unicef", "record TIP-2007/groups 3 on 2007-11-01", "note TIP-2007 \"hello\""] {
            let refused = try office.fieldkit(office.reader.url, statement)
            #expect(refused.status == 1, "\(statement)")
            #expect(refused.error.contains("\(office.reader.role) may ask questions only"), "\(refused.error)")
        }
        #expect(office.entries == before)
        // Plain SQL gets no further.
        let insert = try ServerFixture.psql("INSERT INTO partners (id, name) VALUES ('unicef', 'UNICEF')", url: office.reader.url)
        #expect(insert.status != 0)
        #expect(insert.error.contains("permission denied"))
        #expect(try ServerFixture.value("SELECT count(*) FROM projects", url: office.reader.url) == "2")
    }

    @Test func aWriterChangesAnything() throws {
        let office = try Office()
        for statement in ["add partner unicef name UNICEF", "set TIP-2007 status finalising", "record OSH-ROADS/km 4 on 2007-11-01"] {
            let result = try office.fieldkit(office.writer.url, statement)
            #expect(result.status == 0, "\(statement): \(result.error)")
        }
        #expect(try ServerFixture.value("SELECT actor FROM journal ORDER BY seq DESC LIMIT 1", url: office.admin) == office.writer.role)
        let sql = try ServerFixture.psql("UPDATE projects SET title = 'Roads and bridges' WHERE id = 'OSH-ROADS'", url: office.writer.url)
        #expect(sql.status == 0, "\(sql.error)")
        // The journal is appended to, never changed: not by a writer, not even by the owner.
        let rewrite = try ServerFixture.psql("UPDATE journal SET actor = 'someone-else'", url: office.writer.url)
        #expect(rewrite.status != 0)
        #expect(rewrite.error.contains("permission denied"))
        let erase = try ServerFixture.psql("DELETE FROM journal WHERE seq > 3", url: office.admin)
        #expect(erase.status != 0)
        #expect(erase.error.contains("the journal is appended to, never changed"))
        // Binding members is the store's owner's to do.
        let bind = try ServerFixture.psql("INSERT INTO members (role, partner) VALUES ('\(office.writer.role)', 'golden-goal')", url: office.writer.url)
        #expect(bind.status != 0)
        #expect(bind.error.contains("permission denied"))
    }

    @Test func aMemberRecordsAndNotesOnItsOwnProjectsOnly() throws {
        let office = try Office()
        let record = try office.fieldkit(office.member.url, "record TIP-2007/groups 3 on 2007-11-01 note \"Kadamjay\"")
        #expect(record.status == 0, "\(record.error)")
        let note = try office.fieldkit(office.member.url, "note TIP-2007 \"Training in Batken\" on 2007-11-02")
        #expect(note.status == 0, "\(note.error)")
        #expect(try ServerFixture.value("SELECT count(*) FROM journal WHERE actor = '\(office.member.role)'", url: office.admin) == "2")

        let before = office.entries
        let refusals = [
            "record OSH-ROADS/km 2 on 2007-11-01",  // funded, not implemented, by Golden Goal
            "note OSH-ROADS \"not ours\"",
            "add partner unicef",
            "set TIP-2007 status closed",
            "add outcome TIP-2007/extra title Extra",
        ]
        for statement in refusals {
            let refused = try office.fieldkit(office.member.url, statement)
            #expect(refused.status == 1, "\(statement)")
            #expect(refused.error.contains("golden-goal's members may record progress on their own projects only"), "\(statement): \(refused.error)")
        }
        #expect(office.entries == before)

        // A member bound to no partner is told so.
        let unbound = try office.fieldkit(office.stranger.url, "record TIP-2007/groups 1 on 2007-11-03")
        #expect(unbound.status == 1)
        #expect(unbound.error.contains("\(office.stranger.role) is a member of no partner"))
    }

    @Test func aMemberSpeakingSQLGetsNoFurther() throws {
        let office = try Office()
        let url = office.member.url
        // Its own project: allowed, as through fieldkit.
        let own = try ServerFixture.psql(
            "INSERT INTO measurements (id, project_id, outcome_key, date, value) VALUES ('r-own', 'TIP-2007', 'groups', '2007-11-05', 1)", url: url)
        #expect(own.status == 0, "\(own.error)")
        let cases = [
            "INSERT INTO measurements (id, project_id, outcome_key, date, value) VALUES ('r-other', 'OSH-ROADS', 'km', '2007-11-05', 1)",
            "INSERT INTO notes (id, project_id, date, text) VALUES ('n-other', 'OSH-ROADS', '2007-11-05', 'x')",
            "INSERT INTO measurement_dims (measurement_id, dim, value) VALUES ((SELECT id FROM measurements WHERE project_id = 'OSH-ROADS' LIMIT 1), 'sex', 'f')",
            """
            INSERT INTO journal (seq, origin, statement, changes)
            SELECT max(seq) + 1, 'psql', 'add', '[{"kind":"partner","op":"add","value":{"id":"x","name":"x"}}]' FROM journal
            """,
            "UPDATE measurements SET value = 100 WHERE id = 'r-own'",
            // Its own project, but not a date FieldKit could read back.
            "INSERT INTO measurements (id, project_id, outcome_key, date, value) VALUES ('r-bad', 'TIP-2007', 'groups', 'garbage', 1)",
            "DELETE FROM notes",
            "INSERT INTO projects (id, title, status) VALUES ('MINE', 'Mine', 'active')",
            "INSERT INTO participations (project_id, partner_id, role) VALUES ('OSH-ROADS', 'golden-goal', 'implementer')",
            "INSERT INTO members (role, partner) VALUES ('\(office.stranger.role)', 'golden-goal')",
            // Tables of its own that shadow the ones the policies read are not read.
            """
            CREATE TEMP TABLE members (role name, partner text); INSERT INTO members VALUES (current_user, 'osce-osh');
            CREATE TEMP TABLE participations (project_id text, partner_id text, role text);
            INSERT INTO participations VALUES ('OSH-ROADS', 'osce-osh', 'implementer');
            INSERT INTO measurements (id, project_id, outcome_key, date, value) VALUES ('r-shadow', 'OSH-ROADS', 'km', '2007-11-05', 1)
            """,
        ]
        for sql in cases {
            let refused = try ServerFixture.psql(sql, url: url)
            #expect(refused.status != 0, "\(sql)")
            #expect(
                refused.error.contains("row-level security") || refused.error.contains("permission denied") || refused.error.contains("check constraint"),
                "\(sql): \(refused.error)")
        }
        #expect(try ServerFixture.value("SELECT count(*) FROM measurements WHERE project_id = 'OSH-ROADS'", url: office.admin) == "1")
        #expect(try ServerFixture.value("SELECT count(*) FROM participations", url: office.admin) == "5")
    }
}
