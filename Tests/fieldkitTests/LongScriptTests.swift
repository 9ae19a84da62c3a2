import Foundation
import Testing

/// Scripts longer than a write batch holds in memory: their statements reach the store as
/// they pile up, yet a script stays all or nothing, `rollback` still reverts, and
/// `history` still sees every statement.
@Suite(.timeLimit(.minutes(2))) struct LongScriptTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    /// `count` partners, one statement each: more than one batch hand-over.
    static func partners(_ count: Int, prefix: String = "p") -> String {
        (0..<count).map { "add partner \(prefix)-\($0) name \"Partner \($0)\"" }.joined(separator: "\n") + "\n"
    }

    @Test func aLongScriptCommitsEveryStatementInOrder() throws {
        try runner.write("long.fk", Self.partners(9_000))
        let run = try runner.run(["-f", "long.fk"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("committed 9000 statements: add 9000 partners (p-0, p-1, p-2, p-3, p-4, …)"))
        let count = try runner.run(["--read-only", "--format", "csv", "-c", "partners | count"])
        #expect(count.lines == "count\n9000\n")
        let last = try runner.run(["--read-only", "--format", "csv", "-c", "history | sort seq desc | take 2 | columns seq, origin"])
        #expect(last.lines == "seq,origin\n9000,long.fk:9000\n8999,long.fk:8999\n")
        // `history take n` reads only the journal's tail; inside a script, its own entries count too.
        let tail = try runner.run(["--format", "csv", "-c", "history take 2", "-c", "begin; add partner extra; history take 2; rollback"])
        let rows = tail.lines.split(separator: "\n").filter { !$0.hasPrefix("seq,") }.map { line in
            line.split(separator: ",").enumerated().filter { [0, 3].contains($0.offset) }.map(\.element).joined(separator: ",")
        }
        #expect(rows == ["8999,long.fk:8999", "9000,long.fk:9000", "9000,long.fk:9000", "9001,-c"])
        let check = try runner.run(["-c", ".check"])
        #expect(check.output.contains("ok: 9000 journal entries replay to the stored state"))
        // One partner's history, across a rename, read from the entries that name it.
        #expect(try runner.run(["-c", "rename partner p-4500 to renamed-4500"]).status == 0)
        let history = try runner.run(["--read-only", "--format", "csv", "-c", "history partner renamed-4500 | columns statement"])
        #expect(history.lines.split(separator: "\n").map { $0.split(separator: ",").last.map(String.init) ?? "" } == [
            "statement", "\"add partner p-4500 name \"\"Partner 4500\"\"\"", "rename partner p-4500 to renamed-4500",
        ])
    }

    @Test func aLongScriptThatFailsAtTheEndKeepsNothing() throws {
        #expect(try runner.run(["-c", "add partner first name \"First\""]).status == 0)
        try runner.write("long.fk", Self.partners(9_000) + "add partner first name \"Again\"\n")
        let run = try runner.run(["-f", "long.fk"])
        #expect(run.status == 1)
        #expect(run.error.contains("long.fk:9001"))
        let count = try runner.run(["--read-only", "--format", "csv", "-c", "partners | count", "-c", "history | count"])
        #expect(count.lines == "count\n1\ncount\n1\n")
    }

    @Test func aRollbackInsideALongScriptRevertsOnlyItsTransaction() throws {
        let script = Self.partners(5_000, prefix: "kept") + "begin\n" + Self.partners(5_000, prefix: "dropped") + "rollback\n"
            + Self.partners(10, prefix: "after") + "partners | count\n"
        try runner.write("long.fk", script)
        let run = try runner.run(["--format", "csv", "-f", "long.fk"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.lines == "count\n5010\n")
        let stored = try runner.run(["--read-only", "--format", "csv", "-c", "partners | count", "-c", "history | count"])
        #expect(stored.lines == "count\n5010\ncount\n5010\n")
    }

    @Test func aLongScriptSeesItsOwnStatementsInHistory() throws {
        try runner.write("long.fk", Self.partners(6_000) + "history | count\n")
        let run = try runner.run(["--format", "csv", "-f", "long.fk"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.lines == "count\n6000\n")
    }

    @Test func aDryRunOfALongScriptSummarisesItAll() throws {
        try runner.write("long.fk", Self.partners(9_000))
        let run = try runner.run(["--dry-run", "-f", "long.fk"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("dry run, nothing kept: would add 9000 partners"))
        #expect(try runner.run(["--format", "csv", "-c", "partners | count"]).lines == "count\n0\n")
    }
}

extension CommandRunner.Result {
    /// Standard output with CSV's CRLF line ends as plain newlines.
    var lines: String { output.replacingOccurrences(of: "\r\n", with: "\n") }
}
