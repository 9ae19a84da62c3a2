/// A project's title or summary in a language other than the project's own.
///
/// IATI activities carry their narratives in several languages (`<narrative xml:lang="fr">`).
/// The project's ``Project/title`` and ``Project/summary`` hold one of them, in
/// ``Project/language``; the others are kept here, so that they are exported again.
public struct Translation: Hashable, Sendable, Codable {
    /// Which text a translation gives.
    public enum Field: String, Vocabulary {
        /// `translated field`, for messages.
        public static var vocabularyName: String { "translated field" }

        /// The project's title.
        case title
        /// The project's summary.
        case summary
    }

    /// The text translated.
    public var field: Field
    /// The language: an ISO 639 code in lower case, such as `fr` or `ky`.
    public var language: String
    /// The text in that language.
    public var text: String

    /// Creates a translation.
    ///
    /// - Parameters:
    ///   - field: the title or the summary.
    ///   - language: an ISO 639 code, such as `fr`; it is kept in lower case.
    ///   - text: the text in that language.
    public init(field: Field, language: String, text: String) {
        self.field = field
        self.language = language.lowercased()
        self.text = text
    }

    /// Whether `code` is a language code as `xml:lang` and FieldKit write it: two or three
    /// letters, with optional subtags (`en`, `ky`, `pt-br`).
    package static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.utf8.allSatisfy({ (0x61...0x7A).contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        }
    }
}
