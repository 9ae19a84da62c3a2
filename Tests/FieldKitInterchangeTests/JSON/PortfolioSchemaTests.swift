import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

/// Docs/fieldkit-portfolio.schema.json says what the code writes: its closed vocabularies
/// are the domain's, and what FieldKit exports validates against it.
@Suite struct PortfolioSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let schema = root.appendingPathComponent("Docs/fieldkit-portfolio.schema.json")

    func member(_ path: [String], of node: JSONNode) -> JSONNode? {
        var current = node
        for key in path {
            guard case .object(let members) = current.value, let next = members.first(where: { $0.key == key }) else { return nil }
            current = next.value
        }
        return current
    }

    func words(_ definition: String, _ property: String) throws -> [String] {
        let root = try JSONReader.read(Array(try Data(contentsOf: Self.schema)))
        let node = try #require(member(["$defs", definition, "properties", property, "enum"], of: root))
        guard case .array(let items) = node.value else { return [] }
        return items.compactMap { if case .string(let text) = $0.value { text } else { nil } }
    }

    @Test func theSchemasVocabulariesAreTheDomains() throws {
        #expect(try words("project", "status") == ProjectStatus.allCases.map(\.rawValue))
        #expect(try words("partner", "kind") == PartnerKind.allCases.map(\.rawValue))
        #expect(try words("region", "level") == RegionLevel.allCases.map(\.rawValue))
        #expect(try words("link", "role") == Role.allCases.map(\.rawValue))
        #expect(try words("outcome", "level") == OutcomeLevel.allCases.map(\.rawValue))
        #expect(try words("outcome", "measure") == Measure.allCases.map(\.rawValue))
        #expect(try words("outcome", "direction") == Direction.allCases.map(\.rawValue))
    }

    /// Validated by python3-jsonschema, which scripts/setup installs.
    @Test(arguments: ["osh", "synthetic"])
    func anExportValidatesAgainstTheSchema(_ which: String) throws {
        let portfolio = which == "osh" ? try OshScenario.portfolio() : try SyntheticPortfolio.portfolio()
        let folder = try TemporaryFolder(prefix: "fieldkit-schema")
        let file = folder.path("portfolio.json")
        try Data(PortfolioJSON.export(portfolio).utf8).write(to: URL(fileURLWithPath: file))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import json, sys, jsonschema; jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            Self.schema.path, file,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message.suffix(2000))")
    }
}
