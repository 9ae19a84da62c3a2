/// Why a file could not be read or imported, and where: the file's line and column
/// (1-based, in characters), or 0 when the problem is the file as a whole.
public struct InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line, from 1; 0 when no line is at fault.
    public var line: Int
    /// The column, from 1; 0 when no column is known.
    public var column: Int
    /// What is wrong, in a sentence.
    public var message: String
    /// The nearest valid word, when a word was misspelled.
    public var suggestion: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - message: what is wrong.
    ///   - line: the line at fault, or 0.
    ///   - column: the column at fault, or 0.
    ///   - suggestion: the nearest valid word, if any.
    public init(_ message: String, line: Int = 0, column: Int = 0, suggestion: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.suggestion = suggestion
    }

    /// `line 3, column 7: …`, with the suggestion.
    public var description: String {
        let place = line == 0 ? "" : column == 0 ? "line \(line): " : "line \(line), column \(column): "
        return place + message + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }
}
