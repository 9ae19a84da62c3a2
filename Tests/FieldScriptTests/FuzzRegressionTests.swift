import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every input a fuzzer found a crash or hang with (Tests/Fuzz/Regressions), replayed as
/// the interpreter target runs it: as a script on the Osh scenario in memory, then as
/// typed at the prompt, then completed at every prefix. A trap would end the test run.
@Suite struct FuzzRegressionTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fuzz/Regressions").standardizedFileURL
    }

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".fk") }.sorted()
    }

    @Test func thereAreRegressionsToReplay() {
        #expect(!FuzzRegressionTests.inputs.isEmpty)
    }

    @Test(arguments: FuzzRegressionTests.inputs)
    func aFoundInputRunsWithoutTrapping(_ name: String) throws {
        let data = try Data(contentsOf: FuzzRegressionTests.folder.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let harness = try Harness.osh()
        _ = harness.failure(text)  // a script: it may fail, it must not trap
        _ = try? harness.session.runInteractive(text)
        let completer = Completer(portfolio: try harness.session.portfolio, directory: URL(fileURLWithPath: NSTemporaryDirectory()))
        for end in text.indices + [text.endIndex] { _ = completer.complete(String(text[..<end])) }
        // What ran left a portfolio whose invariants still hold.
        #expect(try harness.messages(".check").first?.hasPrefix("ok:") == true)
    }
}
