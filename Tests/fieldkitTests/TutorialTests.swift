import Foundation
import Testing

/// Docs/TUTORIAL.md as a reader follows it: from an empty store, every statement block in
/// order (the ```fieldkit blocks and the ```fieldkit step blocks that build the store), each
/// as one session, on 1 December 2007. The reports at the end must find what the steps built.
@Suite(.timeLimit(.minutes(3))) struct TutorialTests {
    static var blocks: [(line: Int, text: String)] {
        let url = DocumentationExampleTests.root.appendingPathComponent("Docs/TUTORIAL.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var blocks: [(Int, String)] = []
        var block: [String]?
        var start = 0
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if block == nil, fence == "```fieldkit" || fence == "```fieldkit step" {
                block = []
                start = index + 2
            } else if block != nil, fence == "```" {
                blocks.append((start, (block ?? []).joined(separator: "\n") + "\n"))
                block = nil
            } else if block != nil {
                block?.append(line)
            }
        }
        return blocks
    }

    @Test func theTutorialRunsFromAnEmptyStoreToItsReports() throws {
        let runner = try CommandRunner()
        let blocks = Self.blocks
        #expect(blocks.count >= 25)
        // The store is built by the steps, not given: the first block adds the first regions.
        #expect(blocks.first?.text.hasPrefix("add region KG-B") == true)
        for block in blocks {
            try runner.write("step.fk", block.text)
            let result = try runner.run(["--store", "osh.db", "--today", "2007-12-01", "--actor", "aigerim", "-f", "step.fk"])
            #expect(result.status == 0, "Docs/TUTORIAL.md:\(block.line):\n\(block.text)\n\(result.error)")
        }
        let progress = try runner.run(["--store", "osh.db", "--today", "2007-12-01", "--format", "csv", "-c", "progress TIP-2007 | columns outcome, status"])
        #expect(progress.output.contains("groups,"))
        for page in ["tip-2007-progress.html", "timeline.html", "tip-2007.html"] {
            #expect(runner.exists(page), "\(page)")
        }
        #expect(try runner.run(["--store", "osh.db", "-c", ".check"]).status == 0)
    }
}
