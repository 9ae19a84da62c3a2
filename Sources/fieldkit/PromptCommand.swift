/// The commands the prompt answers itself, because they act on what was typed there:
/// `.history [n]` lists the history, as psql's `\s`; `.edit` opens the statement in an
/// editor, as psql's `\e`. A session (a script, `-c`) refuses them.
enum PromptCommand: Equatable {
    /// `.history [n]`: the last n entries, or all.
    case history(Int?)
    /// `.edit`.
    case edit
    /// One of them, misspelt in its argument.
    case invalid(String)

    /// The command a line holds, or nil when it holds a statement.
    init?(_ line: String) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard let first = words.first else { return nil }
        switch first {
        case ".history":
            if words.count == 1 {
                self = .history(nil)
            } else if words.count == 2, let count = Int(words[1]), count > 0 {
                self = .history(count)
            } else {
                self = .invalid(".history takes a count of entries, such as .history 20")
            }
        case ".edit":
            self = words.count == 1 ? .edit : .invalid(".edit takes nothing: it edits the statement being typed, else the last one")
        default:
            return nil
        }
    }

    /// The entries numbered from the oldest, the last `count` of them; a multi-line entry's
    /// lines continue under its first.
    static func listing(_ history: [String], last count: Int?) -> String {
        let start = count.map { max(0, history.count - $0) } ?? 0
        let width = String(history.count).count
        var text = ""
        for index in start..<history.count {
            let number = String(index + 1)
            let lead = String(repeating: " ", count: width - number.count) + number + "  "
            let margin = String(repeating: " ", count: lead.count)
            text += lead + history[index].split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + margin) + "\n"
        }
        return text
    }
}
