/// The history file's format: one entry per line, with `\` escaping newlines and backslashes
/// so that a multi-line statement stays one entry.
enum HistoryFile {
    static func encode(_ entries: [String]) -> String {
        entries.map { entry in
            entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
        }.joined(separator: "\n") + (entries.isEmpty ? "" : "\n")
    }

    static func decode(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            var result = ""
            var escaped = false
            for character in line {
                if escaped {
                    result.append(character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }
}
