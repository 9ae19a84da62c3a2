import Foundation
import Testing

@testable import FieldKitInterchange
@testable import FieldScript

@Suite struct HXLTests {
    @Test func everyTagIsWrittenOutInTheDocs() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs/INTERCHANGE.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for (source, tags) in HXLTags.tags {
            for (field, tag) in tags {
                #expect(text.contains("`\(field)` `\(tag)`"), "\(source ?? "every source"): \(field) \(tag)")
            }
        }
    }

    @Test func everyTagIsValidHXL() {
        let pattern = /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/
        for tags in HXLTags.tags.values {
            for tag in tags.values { #expect(tag.wholeMatch(of: pattern) != nil, "\(tag)") }
        }
        #expect(HXL.tag("days-left", source: .outcomes) == "#meta+days_left")
        #expect(HXL.tag("Жалал", source: .records) == "#meta+f_____")
        #expect(HXL.tag("Жалал", source: .records).wholeMatch(of: pattern) != nil)
        #expect(HXL.tag("id", source: .projects) == "#activity+code")
        #expect(HXL.tag("date", source: .records) == "#date")
    }
}
