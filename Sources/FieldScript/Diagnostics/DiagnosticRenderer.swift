/// Renders a diagnostic as a compiler would: `file:line:col: error: …`, the source line,
/// and a caret under the offending text.
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes.
    public var color: Bool

    /// Creates a renderer.
    public init(color: Bool = false) { self.color = color }

    /// The rendered diagnostic, ending with a newline.
    ///
    /// - Parameters:
    ///   - source: the name shown before the location: `monthly.fk`, `-c`, `repl`.
    ///   - text: the whole source, so the offending line can be shown; when empty, the
    ///     diagnostic is about the source as a whole and no position is shown.
    public func render(_ diagnostic: Diagnostic, source: String, text: String) -> String {
        let label = color ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        guard !text.isEmpty else { return "\(source): \(label) \(diagnostic.summary)\n" }
        var output = "\(source):\(diagnostic.location): \(label) \(diagnostic.summary)\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = diagnostic.location.line - 1
        guard lines.indices.contains(index) else { return output }
        let line = String(lines[index]).replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\t", with: " ")
        let prefix = String(line.prefix(max(0, diagnostic.location.column - 1)))
        let marked = String(line.dropFirst(prefix.count).prefix(diagnostic.length))
        let indent = String(repeating: " ", count: TerminalWidth.of(prefix))
        let carets = "^" + String(repeating: "~", count: max(0, TerminalWidth.of(marked) - 1))
        output += "  \(line)\n  \(indent)\(color ? "\u{1B}[1;32m\(carets)\u{1B}[0m" : carets)\n"
        return output
    }
}
