/// A 1-based position in source text: line, and column counted in characters.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in characters (grapheme clusters).
    public var column: Int

    /// Creates a location.
    ///
    /// - Parameters:
    ///   - line: the line, from 1.
    ///   - column: the column, from 1, in characters (grapheme clusters).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `12:8`.
    public var description: String { "\(line):\(column)" }

    /// Orders by line, then column.
    ///
    /// - Parameters:
    ///   - lhs: a location.
    ///   - rhs: another location.
    /// - Returns: whether `lhs` comes before `rhs` in the source.
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.line, lhs.column) < (rhs.line, rhs.column) }
}

/// A problem found in a statement, as a value: what, where, and what to try instead.
///
/// Diagnostics are rendered separately (``ScriptFailure/rendered(color:width:)`` shows one
/// as a compiler would, with its line and a caret), so an embedding program can show them
/// its own way.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong: `no partner 'golden-gaol'`.
    public var message: String
    /// Where, in the statement's source.
    public var location: SourceLocation
    /// How many characters the offending text spans (at least 1), for the caret line.
    public var length: Int
    /// The nearest valid word, when one is close: `golden-goal`.
    public var suggestion: String?

    /// Creates a diagnostic.
    init(_ message: String, at location: SourceLocation, length: Int = 1, suggestion: String? = nil) {
        self.message = message
        self.location = location
        self.length = max(1, length)
        self.suggestion = suggestion
    }

    /// `12:8: no partner 'golden-gaol' (did you mean 'golden-goal'?)`.
    public var description: String { "\(location): \(summary)" }

    /// The message with its suggestion.
    public var summary: String {
        suggestion.map { "\(message) (did you mean '\($0)'?)" } ?? message
    }
}
