import Foundation
import Testing

/// The bad-input corpus of issue 11: scripts that `fieldkit` must refuse cleanly.
///
/// Each case is run through the real binary, as `fieldkit --store copy.db --today 2007-12-01
/// -f <file>`, on a copy of a store seeded once per test run with the Osh scenario
/// (scripts/examples/osh-2007.fk). Every case must give:
///
/// - exit code 1 (not 0, not a crash, not a hang);
/// - `<file>:<line>:<col>: error:` on standard error, with the line and column the corpus
///   declares, and every declared fragment of the message;
/// - an unchanged store: the schema, every table (state and journal) ordered by all its
///   columns, read with the `sqlite3` command-line tool, the same before and after;
/// - nothing on standard output (a script that fails shows only its error), and at most
///   ``stderrLimit`` bytes on standard error (an error shows a window of its line, never a
///   whole long line).
///
/// Every problem of a case is reported together, one test case per file.
///
/// **The files** are in `BadInput/`, next to this file (found from `#filePath`: the tests run
/// from the source tree, and the test target declares no resources). `BadInput/expected.tsv`
/// says what each one must give, one line per file:
///
///     file<TAB>line:col<TAB>fragment<TAB>fragment...
///
/// Fragments are text that standard error must contain, with the escapes `\n \t \r \\`
/// (so a fragment can hold the source line and the caret under it). Columns count the
/// Unicode scalars of the line, in NFC. The files hold the bytes to test as they are:
/// invalid UTF-8, NUL bytes and CR-LF line endings need no comment line, which is why
/// the positions are in the sidecar.
///
/// **Generated cases** are too big to commit, and are written at run time (see
/// ``BadInputCase/Generated``): lines of 1 MiB (a string, a typo at the end of the line,
/// an id, a comment, NUL bytes, invalid UTF-8), a statement of more than 1 MiB made of
/// lines that are each short enough, and an error after 50,000 lines. For the long lines
/// only the line is declared (column `*`): where on the line the limit is reported is left
/// to the implementation. The corpus takes lines of 1 MiB and statements of more than
/// 1 MiB to be beyond the documented limits.
@Suite(.timeLimit(.minutes(2))) struct BadInputCorpusTests {
    /// The most bytes an error may write to standard error.
    static let stderrLimit = 4_096

    @Test(arguments: BadInputCorpus.cases)
    func theScriptIsRefusedAtItsPositionAndTheStoreIsUnchanged(_ badInput: BadInputCase) throws {
        let seed = try BadInputCorpus.seed.get()
        let runner = try CommandRunner()
        try seed.place(in: runner, as: "copy.db")
        try runner.write(badInput.name, bytes: [UInt8](try badInput.bytes()))
        let before = try StoreState.read(runner.folder.appendingPathComponent("copy.db"))
        #expect(before == seed.state, "the copy of the seeded store reads differently from the seed")

        let run = try BadInputCorpus.run(runner, ["--store", "copy.db", "--today", "2007-12-01", "-f", badInput.name])
        let after = try StoreState.read(runner.folder.appendingPathComponent("copy.db"))

        var problems: [String] = []
        if run.timedOut {
            problems.append("still running after \(Int(BadInputCorpus.timeout)) s, killed")
        } else if run.status != 1 {
            problems.append(run.signalled ? "killed by signal \(run.status) (a crash), not exit 1" : "exit \(run.status), not 1")
        }
        let positions = BadInputCorpus.positions(of: badInput.name, in: run.error)
        if !positions.contains(where: badInput.position.matches) {
            let found = positions.first.map { "\($0.line):\($0.column)" } ?? "none"
            problems.append("no '\(badInput.name):\(badInput.position): error:' (error position found: \(found))")
        }
        for fragment in badInput.fragments where !run.error.contains(fragment) {
            problems.append("standard error lacks \(fragment.debugDescription)")
        }
        if after != before {
            problems.append("the store changed: checksum \(before.checksum) became \(after.checksum); \(before.firstDifference(from: after))")
        }
        if !run.output.isEmpty {
            problems.append("standard output is not empty (\(run.output.utf8.count) bytes: \(BadInputCorpus.excerpt(run.output)))")
        }
        if run.error.utf8.count > Self.stderrLimit {
            problems.append("standard error has \(run.error.utf8.count) bytes, more than \(Self.stderrLimit)")
        }
        #expect(
            problems.isEmpty,
            """
            \(badInput.name) misbehaved: \(problems.joined(separator: "; "))
            actual: exit \(run.status), stderr: \(BadInputCorpus.excerpt(run.error))
            """)
    }

    @Test func theSidecarListsEveryFileOfTheFolderOnce() throws {
        let entries = try BadInputCorpus.loadEntries()
        let names = entries.map(\.name)
        let duplicates = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(duplicates.isEmpty, "listed more than once in expected.tsv: \(duplicates)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: BadInputCorpus.folder.path))
            .subtracting(["expected.tsv", "README.md", ".gitattributes"])
        let unlisted = files.subtracting(names).sorted()
        let missing = Set(names).subtracting(files).sorted()
        #expect(unlisted.isEmpty, "files in BadInput/ that expected.tsv does not list: \(unlisted)")
        #expect(missing.isEmpty, "files listed in expected.tsv that are not in BadInput/: \(missing)")
        #expect(entries.count >= 120, "the corpus has \(entries.count) files, fewer than 120")
        #expect(BadInputCorpus.cases.count == entries.count + BadInputCase.Generated.allCases.count)
    }
}

/// Where an error must be reported: a line, and a column unless any column will do.
struct ExpectedPosition: Sendable, CustomStringConvertible {
    var line: Int
    /// Nil for `*`: any column.
    var column: Int?

    init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let line = Int(parts[0]), line > 0 else { return nil }
        self.line = line
        if parts[1] == "*" {
            column = nil
        } else if let column = Int(parts[1]), column > 0 {
            self.column = column
        } else {
            return nil
        }
    }

    init(line: Int, column: Int?) {
        self.line = line
        self.column = column
    }

    var description: String { "\(line):\(column.map(String.init) ?? "*")" }

    func matches(_ position: (line: Int, column: Int)) -> Bool {
        position.line == line && (column == nil || column == position.column)
    }
}

/// One bad input: a file of the corpus, or one generated at run time.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    /// The cases too big to commit, written when the test runs.
    enum Generated: String, Sendable, CaseIterable {
        /// A note whose string is 1 MiB long, on line 2.
        case longLineInAString = "generated-long-line-in-a-string.fk"
        /// A 1 MiB summary and then a typo (`statsu`), on line 2: the error must not echo the line.
        case longLineWithATypoAtItsEnd = "generated-long-line-with-a-typo-at-its-end.fk"
        /// `show` and an id of 1 MiB, without a final newline.
        case longLineOfOneId = "generated-long-line-of-one-id.fk"
        /// A comment of 1 MiB on line 1, then a good statement.
        case longCommentLine = "generated-long-comment-line.fk"
        /// 1 MiB of NUL bytes, as `fieldkit < /dev/zero` would read.
        case longLineOfNULBytes = "generated-long-line-of-nul-bytes.fk"
        /// 1 MiB of 0xFF bytes: invalid UTF-8 from the first byte.
        case longLineOfInvalidUTF8 = "generated-long-line-of-invalid-utf8.fk"
        /// One note whose string runs over 24 lines of 48,000 bytes: each line is short
        /// enough, the statement (1.1 MiB) is not.
        case longStatementOfShortLines = "generated-long-statement-of-short-lines.fk"
        /// 50,000 comment lines, then a typo on line 50,001 at column 14.
        case errorAfterFiftyThousandLines = "generated-error-after-fifty-thousand-lines.fk"

        static let mebibyte = 1_048_576

        var position: ExpectedPosition {
            switch self {
            case .longLineInAString, .longLineWithATypoAtItsEnd: ExpectedPosition(line: 2, column: nil)
            case .longLineOfOneId, .longCommentLine, .longLineOfNULBytes, .longLineOfInvalidUTF8,
                .longStatementOfShortLines:
                ExpectedPosition(line: 1, column: nil)
            case .errorAfterFiftyThousandLines: ExpectedPosition(line: 50_001, column: 14)
            }
        }

        var fragments: [String] {
            switch self {
            case .errorAfterFiftyThousandLines: ["(did you mean 'status'?)"]
            default: []
            }
        }

        var bytes: Data {
            let mebibyte = Self.mebibyte
            switch self {
            case .longLineInAString:
                return Data(("projects | count\nnote TIP-2007 \"" + String(repeating: "x", count: mebibyte) + "\"\n").utf8)
            case .longLineWithATypoAtItsEnd:
                return Data(
                    ("projects | count\nset TIP-2007 summary \"" + String(repeating: "y", count: mebibyte) + "\" statsu closed\n").utf8)
            case .longLineOfOneId:
                return Data(("show " + String(repeating: "w", count: mebibyte)).utf8)
            case .longCommentLine:
                return Data(("# " + String(repeating: "z", count: mebibyte) + "\nset TIP-2007 status closed\n").utf8)
            case .longLineOfNULBytes:
                return Data(repeating: 0, count: mebibyte)
            case .longLineOfInvalidUTF8:
                return Data(repeating: 0xFF, count: mebibyte)
            case .longStatementOfShortLines:
                let line = String(repeating: "s", count: 48_000) + "\n"
                return Data(("note TIP-2007 \"" + String(repeating: line, count: 24) + "\"\n").utf8)
            case .errorAfterFiftyThousandLines:
                return Data((String(repeating: "# a comment\n", count: 50_000) + "set TIP-2007 statsu closed\n").utf8)
            }
        }
    }

    enum Source: Sendable {
        case file(URL)
        case generated(Generated)
    }

    var name: String
    var position: ExpectedPosition
    var fragments: [String]
    var source: Source

    var testDescription: String { name }

    func bytes() throws -> Data {
        switch source {
        case .file(let url): try Data(contentsOf: url)
        case .generated(let generated): generated.bytes
        }
    }
}

enum BadInputCorpus {
    /// `Tests/fieldkitTests/BadInput`, in the source tree.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInput")
    /// The Osh scenario, `scripts/examples/osh-2007.fk`.
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/examples/osh-2007.fk")

    struct CorpusError: Error, CustomStringConvertible {
        var description: String
    }

    /// The entries of `expected.tsv`, in order.
    static func loadEntries() throws -> [BadInputCase] {
        let text = try String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)
        var entries: [BadInputCase] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, let position = ExpectedPosition(columns[1]) else {
                throw CorpusError(description: "expected.tsv:\(index + 1): expected file<TAB>line:col[<TAB>fragment]..., found \(line)")
            }
            let name = String(columns[0])
            entries.append(
                BadInputCase(
                    name: name, position: position, fragments: columns.dropFirst(2).filter { !$0.isEmpty }.map(unescape),
                    source: .file(folder.appendingPathComponent(name))))
        }
        return entries
    }

    /// Every case: the files of the sidecar, then the generated ones. A sidecar that does
    /// not load gives no file cases, and `theSidecarListsEveryFileOfTheFolderOnce` fails.
    static let cases: [BadInputCase] =
        ((try? loadEntries()) ?? [])
        + BadInputCase.Generated.allCases.map {
            BadInputCase(name: $0.rawValue, position: $0.position, fragments: $0.fragments, source: .generated($0))
        }

    /// How long one run of fieldkit may take before it counts as a hang and is killed.
    static let timeout: TimeInterval = 60

    struct Run {
        var status: Int32
        /// Killed by a signal (a crash: SIGILL on a trap, SIGSEGV), `status` being the signal.
        var signalled: Bool
        var timedOut: Bool
        var output: String
        var error: String
    }

    /// Runs the binary that ``CommandRunner`` finds, in the runner's folder and with its
    /// environment, as ``CommandRunner/run(_:input:environment:)`` does; but its output
    /// goes to files, so that an error of megabytes cannot fill a pipe that nobody reads
    /// yet, and a run that takes longer than ``timeout`` is killed and reported as a hang.
    static func run(_ runner: CommandRunner, _ arguments: [String]) throws -> Run {
        let id = UUID().uuidString
        let outputURL = runner.folder.appendingPathComponent(".stdout-\(id)")
        let errorURL = runner.folder.appendingPathComponent(".stderr-\(id)")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer {
            try? output.close()
            try? error.close()
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = runner.folder
        var environment = ProcessInfo.processInfo.environment
        environment["FIELDKIT_STORE"] = nil
        environment["USER"] = "tester"
        process.environment = environment
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
            output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// `\n`, `\t`, `\r` and `\\` in a fragment of the sidecar.
    static func unescape(_ text: Substring) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Every `<name>:<line>:<col>: error:` in `text`, in order.
    static func positions(of name: String, in text: String) -> [(line: Int, column: Int)] {
        var found: [(line: Int, column: Int)] = []
        var rest = text[...]
        while let range = rest.range(of: name + ":") {
            rest = rest[range.upperBound...]
            let line = rest.prefix(while: \.isASCIIDigit)
            var after = rest.dropFirst(line.count)
            guard !line.isEmpty, after.first == ":" else { continue }
            after = after.dropFirst()
            let column = after.prefix(while: \.isASCIIDigit)
            after = after.dropFirst(column.count)
            guard !column.isEmpty, after.hasPrefix(": error:"), let lineNumber = Int(line), let columnNumber = Int(column) else {
                continue
            }
            found.append((lineNumber, columnNumber))
        }
        return found
    }

    /// The start of some output on one line, for a report.
    static func excerpt(_ text: String, limit: Int = 300) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎ ")
        return flat.count > limit ? String(flat.prefix(limit)) + "… (\(text.utf8.count) bytes)" : flat
    }

    /// The store every case starts from, seeded once per test run.
    struct Seed: Sendable {
        /// The store file and, when there is one, its write-ahead log.
        var database: Data
        var log: Data?
        var state: StoreState

        /// Writes the store into the runner's folder as `name` (and `name-wal`).
        func place(in runner: CommandRunner, as name: String) throws {
            try runner.write(name, bytes: [UInt8](database))
            if let log { try runner.write(name + "-wal", bytes: [UInt8](log)) }
        }
    }

    static let seed: Result<Seed, any Error> = Result {
        let runner = try CommandRunner()
        let run = try BadInputCorpus.run(runner, ["--store", "base.db", "--today", "2007-12-01", "-f", scenario.path])
        guard run.status == 0 else {
            throw CorpusError(description: "seeding the store with \(scenario.path) exited \(run.status): \(run.error)")
        }
        let base = runner.folder.appendingPathComponent("base.db")
        let database = try Data(contentsOf: base)
        let log = try? Data(contentsOf: runner.folder.appendingPathComponent("base.db-wal"))
        // The state is read from a copy, so that sqlite3 does not touch the files being copied.
        let copy = try CommandRunner()
        let seed = Seed(database: database, log: log, state: StoreState(text: ""))
        try seed.place(in: copy, as: "seed.db")
        return Seed(database: database, log: log, state: try StoreState.read(copy.folder.appendingPathComponent("seed.db")))
    }
}

/// What a store holds, read with the `sqlite3` command-line tool: the schema, then every
/// table ordered by all its columns.
struct StoreState: Sendable, Equatable {
    var text: String

    /// FNV-1a, 64 bits, of the text: a short name for a state in a report.
    var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    func firstDifference(from other: StoreState) -> String {
        let mine = text.split(separator: "\n", omittingEmptySubsequences: false)
        let theirs = other.text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(mine.count, theirs.count) {
            let a = index < mine.count ? String(mine[index]) : "(nothing)"
            let b = index < theirs.count ? String(theirs[index]) : "(nothing)"
            if a != b { return "first difference at line \(index + 1): \(a.prefix(200)) became \(b.prefix(200))" }
        }
        return "no line differs"
    }

    static func read(_ database: URL) throws -> StoreState {
        let listing = try sqlite3(
            ["-batch", "-bail", "-list", "-noheader", "-separator", "|", database.path,
             "SELECT m.name, (SELECT count(*) FROM pragma_table_info(m.name)) FROM sqlite_master AS m WHERE m.type = 'table' ORDER BY m.name;"])
        var query = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;\n"
        for row in listing.split(separator: "\n") {
            let fields = row.split(separator: "|")
            guard fields.count == 2, let columns = Int(fields[1]), columns > 0 else {
                throw BadInputCorpus.CorpusError(description: "sqlite3 listed the tables of \(database.path) as \(listing)")
            }
            let table = fields[0].replacingOccurrences(of: "\"", with: "\"\"")
            let order = (1...columns).map(String.init).joined(separator: ", ")
            query += "SELECT 'table \(table.replacingOccurrences(of: "'", with: "''"))';\nSELECT * FROM \"\(table)\" ORDER BY \(order);\n"
        }
        return StoreState(text: try sqlite3(["-batch", "-bail", "-quote", "-noheader", database.path, query]))
    }

    private static func sqlite3(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3"] + arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Standard output first: it holds the dump; sqlite3 writes a line or two to standard error at most.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: err, as: UTF8.self)
            if process.terminationStatus == 127 {
                throw BadInputCorpus.CorpusError(description: "sqlite3 is not installed (scripts/setup installs it): \(message)")
            }
            throw BadInputCorpus.CorpusError(
                description: "sqlite3 \(arguments.dropLast().joined(separator: " ")) exited \(process.terminationStatus): \(message)")
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
