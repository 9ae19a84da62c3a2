extension StringProtocol {
    /// Whether the text is empty or only spaces and tabs (Foundation's `.whitespaces`),
    /// or with `newlines`, line breaks too (`.whitespacesAndNewlines`).
    ///
    /// Every add and update checks its titles with this, so it answers at the first
    /// visible ASCII character without going through Foundation's character sets.
    func isBlank(newlines: Bool = false) -> Bool {
        for scalar in unicodeScalars {
            switch scalar {
            case " ", "\t", "\u{200B}": continue  // Foundation counts the zero-width space as a space
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": if !newlines { return false }
            default:
                if scalar.isASCII || scalar.properties.generalCategory != .spaceSeparator { return false }
            }
        }
        return true
    }
}

extension String {
    /// The noun with `a` or `an` before it, as English spells it for FieldKit's nouns:
    /// `a project`, `an outcome`, `an outcome level`.
    package var withArticle: String {
        guard let first = first?.lowercased().first else { return self }
        return ("aeiou".contains(first) ? "an " : "a ") + self
    }
}
