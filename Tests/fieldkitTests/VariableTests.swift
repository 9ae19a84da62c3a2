import Foundation
import Testing

/// `$name` variables through the `fieldkit` binary: `let` in a script and in `-c`, `--set`, an
/// undefined name, and a variable in every place a value may stand. A byte-level lexer change
/// once broke every `$variable` and no test noticed; these would have.
@Suite(.timeLimit(.minutes(2))) struct VariableTests {
    let runner: CommandRunner

    init() throws { runner = try CommandRunner() }

    func run(_ arguments: [String]) throws -> CommandRunner.Result {
        try runner.run(["--demo", "--today", "2007-12-01", "--format", "csv"] + arguments)
    }

    @Test func letInAScriptStandsForAnIDADateANumberAStringAndAListItem() throws {
        try runner.write("variables.fk", """
            let p = TIP-2007
            let d = 2007-04-24
            let n = 90000 EUR
            let t = "Combating trafficking, renamed"
            let r = KG-J
            set $p budget $n
            set $p title $t
            set $p regions KG-B, $r
            projects where id = $p and start >= $d | columns id, title, budget, regions
            projects where id in ($p, TIP-2004) | columns id
            records where outcome = TIP-2007/trained and value > $k | columns value
            """)
        let result = try run(["--set", "k=15", "-f", "variables.fk"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("TIP-2007,\"Combating trafficking, renamed\",90000 EUR,\"KG-B, KG-J\"\r\n"))
        #expect(result.output.contains("id\r\nTIP-2004\r\nTIP-2007\r\n"))
        #expect(result.output.hasSuffix("value\r\n18\r\n"))
    }

    @Test func letInOneDashCIsSeenByTheNext() throws {
        let result = try run(["-c", "let q = TIP-2007", "-c", "show $q"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Combating human trafficking in south Kyrgyzstan"))
    }

    @Test func setFromTheCommandLineStandsForADate() throws {
        let result = try run(["--set", "month=2007-10", "-c", "records where date >= $month | count"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "count\r\n4\r\n")
    }

    @Test func anUndefinedVariableNamesItOnceWithTheRightSyntax() throws {
        let result = try run(["-c", "show $nope"])
        #expect(result.status == 1)
        #expect(result.error.contains("-c:1:6: error: no variable '$nope'; set it with let nope = … or --set nope=…"))
        #expect(!result.error.contains("$$"))
        #expect(!result.error.contains("let $"))
    }

    @Test func theHelpExampleForLetRuns() throws {
        let help = try runner.run(["-c", ".help let"])
        #expect(help.status == 0)
        let examples = help.output.components(separatedBy: "Examples:").last.map {
            $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? []
        #expect(!examples.isEmpty, "\(help.output)")
        let result = try run(examples.flatMap { ["-c", $0] })
        #expect(result.status == 0, "\(examples) \(result.error)")
    }
}
