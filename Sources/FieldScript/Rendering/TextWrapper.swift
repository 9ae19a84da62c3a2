/// Breaks text into lines of at most a given number of terminal columns, at word boundaries.
///
/// Widths are measured with `TerminalWidth`, so Cyrillic and CJK wrap where they end on the
/// screen. A word wider than the whole line is broken where the line ends: nothing is lost.
enum TextWrapper {
    /// The lines of `text`, each at most `width` columns wide; spaces at a break are dropped.
    /// A `width` below 1 is taken as 1.
    static func lines(of text: String, width: Int) -> [String] {
        let width = max(1, width)
        guard TerminalWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in words(of: text) {
            let wordWidth = TerminalWidth.of(word)
            let gap = line.isEmpty ? 0 : 1
            if used + gap + wordWidth <= width {
                if gap == 1 { line += " " }
                line += word
                used += gap + wordWidth
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                line = ""
                used = 0
            }
            // A word wider than the line is cut into pieces of the line's width.
            var rest = Substring(word)
            while TerminalWidth.of(String(rest)) > width {
                let piece = prefix(of: rest, width: width)
                lines.append(String(piece))
                rest = rest.dropFirst(piece.count)
            }
            line = String(rest)
            used = TerminalWidth.of(line)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// A message wrapped to `width`: each line that is too wide is broken at word boundaries,
    /// and its continuation lines are indented to the line's own column: under the text after
    /// a label followed by two spaces (`  add       add project|…`), else under the line's
    /// first word.
    static func message(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            guard TerminalWidth.of(line) > width else { return line }
            let indent = hangingIndent(of: line, width: width)
            let margin = String(repeating: " ", count: indent)
            let body = String(line.dropFirst(indent))
            let wrapped = lines(of: body, width: width - indent)
            return String(line.prefix(indent)) + wrapped.joined(separator: "\n" + margin)
        }.joined(separator: "\n")
    }

    /// Where a line's continuation lines start: after its leading spaces, or after a first
    /// column that two or more spaces end, when that leaves at least half the width.
    static func hangingIndent(of line: String, width: Int) -> Int {
        let characters = Array(line)
        var index = 0
        while index < characters.count, characters[index] == " " { index += 1 }
        let leading = index
        while index < characters.count, characters[index] != " " { index += 1 }
        var spaces = 0
        while index + spaces < characters.count, characters[index + spaces] == " " { spaces += 1 }
        let column = index + spaces
        if spaces >= 2, column < characters.count, column <= width / 2,
            characters[..<column].allSatisfy({ TerminalWidth.character($0) == 1 })
        {
            return column
        }
        return leading <= width / 2 ? leading : 0
    }

    /// The words of text, split at spaces; runs of spaces count as one break.
    private static func words(of text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    /// The longest prefix of text that fits in `width` columns, at least one character.
    private static func prefix(of text: Substring, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = TerminalWidth.character(text[index])
            if used + next > width && end > text.startIndex { break }
            used += next
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
