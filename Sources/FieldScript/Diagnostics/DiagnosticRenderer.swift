/// Renders a diagnostic as a compiler would: `file:line:col: error: …`, the source line,
/// and a caret under the offending text.
package struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes.
    package var color: Bool
    /// The terminal's width: the message wraps at word boundaries under its first word, and
    /// the source line is cut to fit; nil for no limit.
    package var width: Int?

    /// About how many characters of the offending line are shown.
    static let window = 200

    /// Creates a renderer.
    package init(color: Bool = false, width: Int? = nil) {
        self.color = color
        self.width = width.map { max(20, $0) }
    }

    /// The rendered diagnostic, ending with a newline.
    ///
    /// - Parameters:
    ///   - source: the name shown before the location: `monthly.fk`, `-c`, `repl`.
    ///   - text: the whole source, so the offending line can be shown; when empty, the
    ///     diagnostic is about the source as a whole and no position is shown.
    package func render(_ diagnostic: Diagnostic, source: String, text: String) -> String {
        guard !text.isEmpty else { return heading("\(source): ", diagnostic.summary) }
        var output = heading("\(source):\(diagnostic.location): ", diagnostic.summary)
        // Lines split at the newline scalar: a CR-LF script's "\r\n" is one Character, and
        // splitting Characters at "\n" found no line in it at all.
        let lines = text.unicodeScalars.split(separator: "\n", maxSplits: diagnostic.location.line, omittingEmptySubsequences: false)
        let index = diagnostic.location.line - 1
        guard lines.indices.contains(index) else { return output }
        // A tab shows as a space, another control character (a NUL, say) as U+FFFD: one column each, as the lexer counts.
        // A CR ending the line (CR-LF) is dropped; one inside it is a control character like the rest.
        let scalars = lines[index].last == "\r" ? lines[index].dropLast() : lines[index][...]
        let line = String(String.UnicodeScalarView(scalars.map { scalar -> Unicode.Scalar in
            scalar == "\t" ? " " : scalar.value < 0x20 || scalar.value == 0x7F ? "\u{FFFD}" : scalar
        }))
        var prefix = String(line.prefix(max(0, diagnostic.location.column - 1)))
        let marked = String(line.dropFirst(prefix.count).prefix(diagnostic.length))
        var rest = String(line.dropFirst(prefix.count + marked.count))
        // A window around the column, never the whole of a long line: about 200 characters.
        let window = width.map { min(DiagnosticRenderer.window, $0 - 4) } ?? DiagnosticRenderer.window
        if prefix.count > window / 2 { prefix = "…" + String(prefix.suffix(window / 2)) }
        if marked.count + rest.count > window / 2 {
            rest = rest.count > max(0, window / 2 - marked.count) ? String(rest.prefix(max(0, window / 2 - marked.count))) + "…" : rest
        }
        let shownMark = marked.count > window / 2 ? String(marked.prefix(window / 2)) + "…" : marked
        let indent = String(repeating: " ", count: TerminalWidth.of(prefix))
        let carets = "^" + String(repeating: "~", count: max(0, TerminalWidth.of(shownMark) - 1))
        output += "  \(prefix)\(shownMark)\(shownMark == marked ? rest : "")\n  \(indent)\(color ? "\u{1B}[1;32m\(carets)\u{1B}[0m" : carets)\n"
        return output
    }

    /// `place error: message`, the word `error:` in red when colour is on; the message wrapped
    /// to ``width``, its continuation lines under its first word when that leaves room.
    private func heading(_ place: String, _ message: String) -> String {
        let label = color ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        guard let width else { return "\(place)\(label) \(message)\n" }
        let lead = TerminalWidth.of(place) + 7
        let indent = lead <= width / 2 ? lead : 2
        let first = TextWrapper.lines(of: message, width: width - lead).first ?? ""
        var lines = [first]
        let rest = message.dropFirst(first.count).drop { $0 == " " }
        if !rest.isEmpty {
            lines += TextWrapper.lines(of: String(rest), width: width - indent)
        }
        return "\(place)\(label) " + lines.joined(separator: "\n" + String(repeating: " ", count: indent)) + "\n"
    }
}
