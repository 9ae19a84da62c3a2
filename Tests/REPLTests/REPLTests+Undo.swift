import Foundation
import Testing

/// `undo` at the prompt: a chain walks back this session's changes, and a change made since
/// by another process is named and never overwritten.
extension REPLTests {
    /// Runs fieldkit once, as another office would, on the same store.
    func other(_ store: String, actor: String, _ statement: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: REPLTests.binary)
        process.arguments = ["--store", store, "--actor", actor, "-c", statement]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func undoWalksBackThisSessionsChanges() throws {
        let store = home.path + "/undo.db"
        let repl = try start(["--store", store, "--actor", "osh-office"])
        for statement in ["add project U1 title \"First\"", "set U1 status active", "set U1 end 2008-06"] {
            repl.send(statement + "\r")
            try repl.read(until: "fieldkit> ")
        }
        repl.send("undo\r")
        #expect(try repl.read(until: "fieldkit> ").contains("undid: set U1 end 2008-06"))
        repl.send("undo\r")
        #expect(try repl.read(until: "fieldkit> ").contains("undid: set U1 status active"))
        repl.send("projects where id = U1 | columns status, end\r")
        let answer = try repl.read(until: "1 row")
        #expect(answer.contains("pipeline"))
        repl.send("undo\r")
        #expect(try repl.read(until: "fieldkit> ").contains("undid: add project U1"))
        repl.send("undo\r")
        #expect(try repl.read(until: "fieldkit> ").contains("nothing to undo"))
        // Each undo is in the journal, with what it changed back.
        repl.send("history U1 | columns statement, undoes\r")
        let history = try repl.read(until: "rows")
        #expect(history.components(separatedBy: "│ undo ").count - 1 == 3)
    }

    @Test func anUndoThatWouldOverwriteAnotherOfficesChangeIsRefused() throws {
        let store = home.path + "/shared.db"
        let repl = try start(["--store", store, "--actor", "osh-office"])
        repl.send("add project U2 title \"Shared\" status active\r")
        try repl.read(until: "fieldkit> ")
        repl.send("set U2 status suspended\r")
        try repl.read(until: "fieldkit> ")
        #expect(try other(store, actor: "bishkek-office", "set U2 summary \"Bishkek's summary\"") == 0)
        repl.send("undo\r")
        let refusal = try repl.read(until: "fieldkit> ")
        #expect(refusal.contains("cannot undo 'set U2 status suspended': entry 3 by bishkek-office"))
        #expect(refusal.contains("summary: — → Bishkek's summary"))
        // Nothing changed: Bishkek's summary and the suspension both stand.
        repl.send("projects where id = U2 | columns status, summary\r")
        let state = try repl.read(until: "1 row")
        #expect(state.contains("suspended") && state.contains("Bishkek's summary"))
        // A change by another office to something else does not stand in the way.
        repl.send("add project U3 title \"Mine\"\r")
        try repl.read(until: "fieldkit> ")
        #expect(try other(store, actor: "bishkek-office", "add project B1 title \"Theirs\"") == 0)
        repl.send("undo\r")
        #expect(try repl.read(until: "fieldkit> ").contains("undid: add project U3"))
    }
}
