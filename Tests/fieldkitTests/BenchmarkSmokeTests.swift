import Foundation
import Testing

/// Keeps scripts/bench from rotting: a tiny run (N = 200, one round, no thresholds).
@Suite(.timeLimit(.minutes(5))) struct BenchmarkSmokeTests {
    static var tools: Bool {
        ["/usr/bin/python3", "/usr/bin/sqlite3"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: tools, "needs python3 and sqlite3")) func smokeRunReportsEveryWorkload() throws {
        let root = DocumentationExampleTests.root
        let runner = try CommandRunner()
        let report = runner.folder.appendingPathComponent("PERFORMANCE.md").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            root.appendingPathComponent("scripts/bench").path, "--smoke", "--interchange", "--binary", CommandRunner.binary.path, "--out", report,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let table = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for workload in ["| W1 |", "| W2 |", "| W3 |", "| W7 |", "| W7m |", "| W7c |"] { #expect(table.contains(workload)) }
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.hasPrefix("# Performance"))
        #expect(written.contains("| W1 |"))
    }
}
