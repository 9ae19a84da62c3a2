import Foundation
import Testing

@testable import FieldKit

/// `isBlank` replaced Foundation's trimming in every validation; it must agree with it.
@Suite struct StringBlankTests {
    static let samples = [
        "", " ", "\t", "  \t ", "\n", " \n ", "\r\n", "\u{A0}", "\u{2003}\u{3000}", "\u{2028}", "\u{85}", "\u{0B}",
        "a", " a ", "\tx\n", "Проект", " \u{A0}й", "\u{200B}", "\u{FEFF}",
    ]

    @Test(arguments: samples)
    func agreesWithFoundation(_ text: String) {
        #expect(text.isBlank() == text.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(text.isBlank(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
