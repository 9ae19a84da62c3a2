import FieldKit
import Foundation
import Testing

@testable import FieldScript

/// Every example of `.help` runs without error on a fresh Osh-scenario session.
@Suite struct HelpExampleTests {
    /// Every example with its topic, for the test's name.
    static let examples: [HelpExample] = Help.topics.flatMap { topic in
        topic.examples.map { HelpExample(topic: topic.name, statement: $0) }
    }

    @Test(arguments: HelpExampleTests.examples)
    func theExampleRuns(example: HelpExample) throws {
        let harness = try Harness.osh()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        defer { try? FileManager.default.removeItem(at: folder) }
        harness.session.directory = folder
        do {
            try harness.session.runInteractive(example.statement)
        } catch {
            Issue.record("\(example.topic): \(error.rendered())")
        }
    }

    /// `.read` needs a file; `.quit`, `.history` and `.edit` act on the prompt, which a session does not have.
    @Test func everyTopicButReadQuitHistoryAndEditHasAnExample() {
        for topic in Help.topics where ![".read", ".quit", ".history", ".edit"].contains(topic.name) {
            #expect(!topic.examples.isEmpty, "\(topic.name) has no example")
        }
    }

    @Test func everyExampleIsShownInItsTopicsHelp() throws {
        for topic in Help.topics {
            let text = try #require(Help.text(for: topic.name))
            for example in topic.examples {
                #expect(text.contains("  \(example)"))
            }
        }
    }

    @Test func everyChangeStatementAndReportHasATopic() {
        let names = Set(Help.topics.map(\.name))
        // commit and rollback share begin's topic; .help alone lists the topics.
        for word in Grammar.changeStatements + Grammar.reportStatements + Grammar.sessionCommands
        where !["commit", "rollback", ".help"].contains(word) {
            #expect(names.contains(word), "no help topic for \(word)")
        }
    }
}

/// One help example, named by its topic.
struct HelpExample: Sendable, CustomTestStringConvertible {
    var topic: String
    var statement: String

    var testDescription: String { "\(topic): \(statement)" }
}
