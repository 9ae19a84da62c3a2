/// Why a written value (a date, an amount, an enum word) could not be read.
public struct ValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was rejected.
    public var text: String
    /// What is wrong with it, as a sentence fragment: `February 2007 has 28 days`.
    public var reason: String
    /// The nearest valid spelling, when there is one.
    public var suggestion: String?

    /// Creates a value error.
    ///
    /// - Parameters:
    ///   - text: the text that was rejected.
    ///   - reason: what is wrong with it, as a sentence fragment.
    ///   - suggestion: the nearest valid spelling, when there is one.
    public init(text: String, reason: String, suggestion: String? = nil) {
        self.text = text
        self.reason = reason
        self.suggestion = suggestion
    }

    /// `'2007-02-30' is not valid: February 2007 has 28 days`.
    public var description: String {
        var message = "'\(text)' is not valid: \(reason)"
        if let suggestion { message += " (did you mean '\(suggestion)'?)" }
        return message
    }
}
