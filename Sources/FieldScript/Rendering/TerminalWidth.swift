/// How many terminal columns text occupies, in the manner of POSIX `wcwidth` and `wcswidth`.
///
/// Width is measured per grapheme cluster (a `Character`): a cluster is as wide as its first
/// scalar that is not zero-width, and 2 when it is an emoji presentation sequence. Scalars
/// count as follows:
///
/// - 0: control characters, combining marks (`Mn`, `Me`), format characters (`Cf`: ZWJ,
///   zero-width space, soft hyphen), Hangul medial vowels and final consonants, and the line
///   and paragraph separators;
/// - 2: East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul syllables,
///   fullwidth forms) and emoji with default emoji presentation;
/// - 1: everything else, including Cyrillic, Greek and Latin letters.
///
/// The East Asian Width table holds only the ranges that emoji presentation does not already
/// cover; it was derived from `EastAsianWidth.txt` (ranges merged across unassigned gaps) and
/// treats all of planes 2 and 3 as wide, as `wcwidth` does.
enum TerminalWidth {
    /// The display width of a string: the sum of the widths of its characters.
    static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) {
            return text.utf8.count
        }
        var total = 0
        for character in text {
            total += Self.character(character)
        }
        return total
    }

    /// The display width of one grapheme cluster: 0, 1 or 2.
    static func character(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.count == 1 {
            return scalar(first)
        }
        guard let base = scalars.first(where: { scalar($0) > 0 }) else { return 0 }
        if base.properties.isEmoji, scalars.contains(emojiPresentationSelector) {
            return 2
        }
        return scalar(base)
    }

    /// The display width of one scalar on its own: 0, 1 or 2.
    static func scalar(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F {
            return value < 0x20 ? 0 : 1
        }
        if value < 0xA0 { return 0 }  // DEL and the C1 controls.
        if value < 0x300 { return value == 0xAD ? 0 : 1 }  // Latin-1 and Latin Extended; U+00AD is Cf.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return 0  // Conjoining Hangul vowels and final consonants join the preceding syllable.
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator, .paragraphSeparator:
            return 0
        default:
            break
        }
        if scalar.properties.isEmojiPresentation || isWide(value) {
            return 2
        }
        return 1
    }

    /// Text cut so that it takes at most `width` columns, ending with `ellipsis` when it was cut.
    static func truncating(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard of(text) > width else { return text }
        let room = width - of(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(max(width, 0))) }
        var kept = ""
        var used = 0
        for character in text {
            let next = Self.character(character)
            if used + next > room { break }
            kept.append(character)
            used += next
        }
        return kept + ellipsis
    }

    /// Text padded with spaces to `width` columns, on the right, or on the left when `alignRight`.
    static func padding(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let spaces = String(repeating: " ", count: max(0, width - of(text)))
        return alignRight ? spaces + text : text + spaces
    }

    /// U+FE0F VARIATION SELECTOR-16, which asks for the emoji (wide) presentation.
    private static let emojiPresentationSelector: Unicode.Scalar = "\u{FE0F}"

    /// Whether a scalar is East Asian Wide or Fullwidth, apart from emoji.
    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Width W and F ranges not already covered by `isEmojiPresentation`, sorted.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, ideographic description, CJK symbols
        0x3041...0x3247,  // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK
        0x3250...0x4DBF,  // enclosed CJK, CJK compatibility, CJK extension A
        0x4E00...0xA4C6,  // CJK unified ideographs, Yi
        0xA960...0xA97C,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6B,  // CJK compatibility forms, small form variants
        0xFF01...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x1B2FB,  // ideographic symbols, Tangut, Khitan, kana supplements, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x3FFFD,  // CJK extensions B and later, planes 2 and 3
    ]
}
