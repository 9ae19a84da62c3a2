import FieldKit
import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKitInterchange

/// Every input fuzz-iati found (Tests/Fuzz/Regressions/iati-*.xml), checked as the target
/// checks it: refused at a place inside it, or planned, applied and exported again.
@Suite struct IATIFuzzRegressionTests {
    static let folder = XMLLint.root.appendingPathComponent("Tests/Fuzz/Regressions")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasPrefix("iati-") && $0.hasSuffix(".xml") }.sorted()

    @Test func thereAreRegressionsToReplay() { #expect(!Self.inputs.isEmpty) }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        for base in [Portfolio(), try OshScenario.portfolio()] {
            let plan: ImportPlan
            do { plan = try IATI.importing(bytes, into: base, gazetteer: try? Gazetteer.system.get()) } catch {
                #expect(error.line >= 1 && error.line <= lines, "\(error)")
                continue
            }
            #expect(plan.warnings.allSatisfy { $0.line >= 1 && $0.line <= lines })
            var portfolio = base
            try portfolio.apply(all: plan.changes)
            #expect(portfolio.invariantViolations() == [])
        }
    }

    @Test func aNameThatIsNotUTF8IsRefusedAtItsPlace() throws {
        let bytes: [UInt8] = Array("<iati-activities>\n <iati-activity b".utf8) + [0xFF] + Array("=\"1\"/>\n</iati-activities>\n".utf8)
        #expect {
            _ = try IATI.importing(bytes, into: Portfolio(), gazetteer: nil)
        } throws: { error in
            guard let error = error as? InterchangeError else { return false }
            return error.line == 2 && error.column == 18 && error.message.hasPrefix("bytes that are not UTF-8")
        }
        // Declared in another encoding, the same byte is a letter (ÿ), and libxml2 converts it.
        let latin = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<iati-activities version=\"2.03\"><iati-activity><iati-identifier>A".utf8)
            + [0xFF] + Array("</iati-identifier></iati-activity></iati-activities>\n".utf8)
        let plan = try IATI.importing(latin, into: Portfolio(), gazetteer: nil)
        #expect(plan.changes.contains { $0.subject == "Aÿ" })
    }

    /// In UTF-16 or UTF-7 a document type would hide from a byte search: such files are refused.
    @Test(arguments: [
        [0xFF, 0xFE] + Array("<?xml version=\"1.0\"?>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
        Array("<\0i\0".utf8),
        Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n+ADw-!DOCTYPE x+AD4-\n<iati-activities/>".utf8),
        Array("\u{4C}\u{6F}\u{A7}\u{94}".unicodeScalars.map { UInt8($0.value) }),
    ] as [[UInt8]])
    func aFileInAnEncodingThatHidesMarkupIsRefused(_ bytes: [UInt8]) {
        #expect(throws: InterchangeError.self) { _ = try IATI.importing(bytes, into: Portfolio(), gazetteer: nil) }
    }
}
