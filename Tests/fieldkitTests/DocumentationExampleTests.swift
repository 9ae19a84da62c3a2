import Foundation
import Testing

/// Every ```fieldkit block in Docs/ and the README runs, on its own, against the Osh demo.
@Suite(.timeLimit(.minutes(5))) struct DocumentationExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var file: String
        var line: Int
        var text: String
        var testDescription: String { "\(file):\(line)" }
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var examples: [Example] {
        let documents = ["README.md", "Docs/LANGUAGE.md", "Docs/TUTORIAL.md", "Docs/ARCHITECTURE.md", "Docs/STORE.md", "Docs/INTERCHANGE.md", "Docs/REPORTS.md"]
        var found: [Example] = []
        for document in documents {
            guard let text = try? String(contentsOf: root.appendingPathComponent(document), encoding: .utf8) else { continue }
            var block: [String]?
            var start = 0
            for (index, line) in text.components(separatedBy: "\n").enumerated() {
                if block == nil, line.trimmingCharacters(in: .whitespaces) == "```fieldkit" {
                    block = []
                    start = index + 2
                } else if block != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                    found.append(Example(file: document, line: start, text: (block ?? []).joined(separator: "\n") + "\n"))
                    block = nil
                } else if block != nil {
                    block?.append(line)
                }
            }
        }
        return found
    }

    @Test func theDocumentsHaveExamples() {
        #expect(Self.examples.count >= 10)
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: Example) throws {
        let runner = try CommandRunner()
        try runner.write("example.fk", example.text)
        let result = try runner.run(["--demo", "--today", "2007-12-01", "-f", "example.fk"])
        #expect(result.status == 0, "\(example.file):\(example.line) failed:\n\(result.error)")
    }
}
