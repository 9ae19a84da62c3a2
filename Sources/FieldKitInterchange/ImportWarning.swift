/// Something an import skipped or read in a way of its own, at the line of the file it
/// concerns: `covid.xml:52895: warning: sector without code; skipped`.
///
/// Warnings never stop an import: what they name is left out, and everything else comes in.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line of the file.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// What was wrong, and what the import did about it.
    public var message: String
    /// The kind of thing skipped, for the import's summary: `sectors without code`.
    public var reason: String

    /// Creates a warning.
    ///
    /// - Parameters:
    ///   - message: what was wrong and what the import did: `sector without code; skipped`.
    ///   - line: the 1-based line of the file.
    ///   - column: the 1-based column, or 0 when unknown.
    ///   - reason: the kind of thing skipped, for the summary.
    public init(_ message: String, line: Int, column: Int = 0, reason: String) {
        self.message = message
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 14: sector without code; skipped`.
    public var description: String { "line \(line): \(message)" }
}
