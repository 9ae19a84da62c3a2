import Foundation
import Testing

/// `import iati` and `export iati` through the binary, on the real files of `Tests/Fixtures/IATI` (`../shared/data/iati`, copied as it is).
@Suite(.timeLimit(.minutes(3))) struct InterchangeIATITests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/IATI").standardizedFileURL
    let runner: CommandRunner

    init() throws {
        runner = try CommandRunner()
        let covid = try Data(contentsOf: Self.data.appendingPathComponent("covid-dportal.xml"))
        try runner.write("covid.xml", bytes: Array(covid))
    }

    func run(_ store: String, _ statement: String, _ options: [String] = []) throws -> CommandRunner.Result {
        try runner.run(["--store", store, "--today", "2021-06-01"] + options + ["-c", statement])
    }

    @Test func aRealFileImportsWithWarningsAtItsLinesAndASummary() throws {
        let imported = try run("c.db", "import iati \"covid.xml\"")
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("401 activities: 401 projects"))
        #expect(imported.output.contains("skipped or read with a warning:"))
        #expect(imported.error.contains("covid.xml:52895:"))
        #expect(imported.error.contains("warning: sector without code; skipped"))
        #expect(try run("c.db", "projects | count").output.contains("401"))
        #expect(try run("c.db", "history | count").output.contains("│     1 │"))
        #expect(try run("c.db", ".check").status == 0)
        // Each change is journaled with its line of the file.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [
            runner.folder.appendingPathComponent("c.db").path,
            "SELECT json_extract(value, '$.at') FROM journal, json_each(journal.changes) WHERE json_extract(value, '$.kind') = 'project' LIMIT 2",
        ]
        let lines = Pipe()
        sqlite.standardOutput = lines
        try sqlite.run()
        let origins = String(decoding: lines.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sqlite.waitUntilExit()
        #expect(origins == "covid.xml:3\ncovid.xml:71\n", "\(origins)")
        // An IATI id with spaces, quoted in the language.
        let show = try run("c.db", "show \"CH-FDJP-f7f0b51e-7432-4c0c-a6c0-7df1101d7983-FH-projet Covid H2H\"")
        #expect(show.status == 0, "\(show.error)")
        #expect(show.output.contains("project CH-FDJP-f7f0b51e-7432-4c0c-a6c0-7df1101d7983-FH-projet Covid H2H"))

        let again = try run("c.db", "import iati \"covid.xml\"")
        #expect(again.status == 0)
        #expect(again.output.hasPrefix("nothing to import from covid.xml"))
        #expect(try run("c.db", "undo").status == 1)  // a new session has nothing of its own to undo
    }

    /// An IATI identifier with `/` names its project; an outcome id splits at its last `/`.
    @Test func idsWithSlashesAndSpacesWorkInTheLanguage() throws {
        let food = try Data(contentsOf: Self.data.appendingPathComponent("foodsecurity-dportal.xml"))
        try runner.write("food.xml", bytes: Array(food))
        #expect(try run("f.db", "import iati \"food.xml\"").status == 0)
        let show = try run("f.db", "show \"XI-IATI-EC_INTPA-2021/429-054\"")
        #expect(show.status == 0, "\(show.error)")
        #expect(show.output.hasPrefix("project XI-IATI-EC_INTPA-2021/429-054"))
        let note = try run("f.db", "note \"XI-IATI-EC_INTPA-2021/429-054\" \"visited\" on 2021-05-01")
        #expect(note.status == 0, "\(note.error)")
        let add = try run("f.db", "add outcome \"XI-IATI-EC_INTPA-2021/429-054/wells\" title \"Wells\" target 10")
        #expect(add.status == 0, "\(add.error)")
        #expect(try run("f.db", "record \"XI-IATI-EC_INTPA-2021/429-054/wells\" 4 on 2021-05-01").status == 0)
        let progress = try run("f.db", "progress \"XI-IATI-EC_INTPA-2021/429-054/wells\"")
        #expect(progress.status == 0, "\(progress.error)")
        #expect(progress.output.contains("40%"))
        let outcome = try run("f.db", "show \"XI-IATI-EC_INTPA-2021/429-054/wells\"")
        #expect(outcome.output.hasPrefix("outcome XI-IATI-EC_INTPA-2021/429-054/wells"))
        #expect(try run("f.db", ".check").status == 0)
    }

    @Test func aDryRunKeepsNothingAndUndoTakesTheImportBack() throws {
        let script = "import iati \"covid.xml\"\nprojects | count\nundo\nprojects | count\n"
        try runner.write("undo.fk", script)
        let undone = try runner.run(["--store", "u.db", "--today", "2021-06-01", "-f", "undo.fk"])
        #expect(undone.status == 0, "\(undone.error)")
        #expect(undone.output.contains("401"))
        #expect(undone.output.contains("│     0 │"))
        let planned = try run("p.db", "import iati \"covid.xml\"", ["--dry-run"])
        #expect(planned.status == 0, "\(planned.error)")
        #expect(planned.output.contains("would"))
        #expect(try run("p.db", "projects | count").output.contains("│     0 │"))
    }

    @Test func xmlThatIsNotWellFormedStopsAtItsLineAndAppliesNothing() throws {
        try runner.write("bad.xml", "<iati-activities version=\"2.03\">\n <iati-activity>\n  <iati-identifier>A</iati-identifier>\n </iati-activitie>\n")
        let failed = try run("b.db", "import iati \"bad.xml\"")
        #expect(failed.status == 1)
        #expect(failed.error.contains("bad.xml:4:"))
        #expect(failed.error.contains("not well-formed"))
        #expect(try run("b.db", "projects | count").output.contains("│     0 │"))
        try runner.write("lol.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaa\">]>\n<iati-activities/>\n")
        let dtd = try run("b.db", "import iati \"lol.xml\"")
        #expect(dtd.status == 1)
        #expect(dtd.error.contains("lol.xml:2:1: error: the file declares a document type"))
        let folder = try run("b.db", "import iati \".\"")
        #expect(folder.status == 1)
        #expect(folder.error.contains("is not a file"))
        let device = try run("b.db", "import iati \"/dev/zero\"")
        #expect(device.status == 1)
        #expect(device.error.contains("is not a file"))
    }

    @Test func anExportIsValidIATIAndReadsBack() throws {
        #expect(try run("c.db", "import iati \"covid.xml\"").status == 0)
        let exported = try run("c.db", "export iati \"out.xml\" where status = active")
        #expect(exported.status == 0, "\(exported.error)")
        #expect(exported.output.contains("as IATI activities to out.xml"))
        let schema = Self.data.appendingPathComponent("schema-2.03/iati-activities-schema.xsd").path
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        lint.arguments = ["--noout", "--schema", schema, runner.folder.appendingPathComponent("out.xml").path]
        lint.standardError = FileHandle.nullDevice
        try lint.run()
        lint.waitUntilExit()
        #expect(lint.terminationStatus == 0)
        let active = try run("c.db", "projects where status = active | count").output
        let back = try run("r.db", "import iati \"out.xml\"")
        #expect(back.status == 0, "\(back.error)")
        #expect(try run("r.db", "projects | count").output == active)
        // Reported by a partner named, instead of each project's lead.
        let reported = try runner.run(["--demo", "-c", "export iati \"osh.xml\" reporting golden-goal"])
        #expect(reported.status == 0, "\(reported.error)")
        let osh = try String(contentsOf: runner.folder.appendingPathComponent("osh.xml"), encoding: .utf8)
        #expect(osh.components(separatedBy: "<reporting-org ref=\"golden-goal\" type=\"22\">").count == 4)
        let typo = try runner.run(["--demo", "-c", "export iati \"osh.xml\" reporting golden-gaol"])
        #expect(typo.status == 1)
        #expect(typo.error.contains("no partner 'golden-gaol' (did you mean 'golden-goal'?)"))
        // The export never writes onto the open store.
        let onStore = try run("c.db", "export iati \"c.db\"")
        #expect(onStore.status == 1)
    }
}
