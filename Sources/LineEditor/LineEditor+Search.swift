import CEditLine
import Foundation

extension LineEditor {
    /// Ctrl-R: searches the history backwards as the user types, from the newest entry,
    /// whatever entry Up and Down left the line on; Ctrl-R again goes to the next older match.
    ///
    /// libedit's own search starts where Up/Down browsing stopped: it then failed
    /// (`bck?proj`) on an entry newer than that, and Enter ran the line shown before the
    /// search. Here the line shows `(reverse-i-search)'proj': projects | count`; Enter runs
    /// the match, Ctrl-G or Ctrl-C gives the line back as it was, and any other key keeps the
    /// match for editing and then acts as usual.
    func reverseSearch() -> UInt8 {
        guard let info = el_wline(editline) else { return FK_CC_ERROR }
        let original = String(wideCharacters: info.pointee.buffer, count: info.pointee.lastchar - info.pointee.buffer)
        var query = ""
        var skipped = 0
        var match: String?
        func matches(_ query: String) -> [String] {
            guard !query.isEmpty else { return [] }
            return history.reversed().filter { $0.range(of: query, options: [.caseInsensitive]) != nil }
        }
        func draw(failing: Bool) {
            let shown = (match ?? "").replacingOccurrences(of: "\n", with: "↵")
            var line = "(\(failing ? "failing " : "")reverse-i-search)'\(query)': \(shown)"
            // One screen line: libedit redraws its own line from the start of this one.
            let width = terminalWidth() - 1
            if line.count > width { line = String(line.prefix(max(0, width))) }
            fputs("\r\u{1B}[K" + line, fk_stdout())
            fflush(fk_stdout())
        }
        draw(failing: false)
        while true {
            var character: wchar_t = 0
            guard readCharacter(into: &character) == 1 else {
                // Ctrl-C (as SIGINT), SIGTERM or the end of input: readLine reports it.
                replaceLine(with: original)
                fputs("\r\u{1B}[K", fk_stdout())
                return FK_CC_EOF
            }
            switch character {
            case 0x12:  // Ctrl-R: the next older match
                let found = matches(query)
                if skipped + 1 < found.count { skipped += 1 }
                match = found.isEmpty ? match : found[skipped]
                draw(failing: found.isEmpty)
            case 0x7F, 0x08:  // Backspace
                if !query.isEmpty { query.removeLast() }
                skipped = 0
                match = matches(query).first
                draw(failing: !query.isEmpty && match == nil)
            case 0x07, 0x03:  // Ctrl-G, or Ctrl-C when the terminal passes it as a key
                replaceLine(with: original)
                fputs("\r\u{1B}[K", fk_stdout())
                return FK_CC_REDISPLAY
            case 0x0D, 0x0A:  // Enter: run the match
                replaceLine(with: match ?? original)
                fputs("\r\u{1B}[K", fk_stdout())
                fk_el_push(editline, "\n".wideCString)
                return FK_CC_REDISPLAY
            case _ where character >= 0x20:
                guard let scalar = Unicode.Scalar(UInt32(bitPattern: character)) else { continue }
                query.unicodeScalars.append(scalar)
                skipped = 0
                let found = matches(query).first
                if found != nil { match = found }
                draw(failing: found == nil)
            default:
                // Another control key (Esc, an arrow, Ctrl-A…): keep the match and let the key act on it.
                replaceLine(with: match ?? original)
                fputs("\r\u{1B}[K", fk_stdout())
                if let scalar = Unicode.Scalar(UInt32(bitPattern: character)) {
                    fk_el_push(editline, String(scalar).wideCString)
                }
                return FK_CC_REDISPLAY
            }
        }
    }

    /// Replaces the whole line being edited, leaving the cursor at its end.
    private func replaceLine(with text: String) {
        guard let info = el_wline(editline) else { return }
        let after = info.pointee.lastchar - info.pointee.cursor
        if after > 0 { el_cursor(editline, Int32(after)) }
        let count = info.pointee.lastchar - info.pointee.buffer
        replace(count, with: text)
    }
}
