import Foundation

// The cell texts that renderers share: plain text for data formats, and display text that is
// safe to print on a terminal.

extension Value {
    /// Cell text for data formats (CSV, TSV): ``text``, but a fraction as a plain decimal
    /// (`0.333333`, `0.5`, `1`) and the items of a list likewise, joined by `, `.
    var plainText: String {
        switch self {
        case .fraction(let fraction): Value.decimal(fraction) ?? ""
        case .list(let values):
            values.map { Value.item($0, joinedBy: " ", \.plainText) }.joined(separator: ", ")
        default: text
        }
    }

    /// Cell text for people: ``text`` on one line, line breaks shown as `↵`.
    var displayText: String { Value.display(text) }

    /// A number with at most six decimals and no trailing zeros: `0.3333`, `0.333333`, `12`;
    /// nil when it is not finite.
    static func decimal(_ number: Double) -> String? {
        guard number.isFinite else { return nil }
        var digits = String(format: "%.6f", number)
        if digits.utf8.contains(UInt8(ascii: ".")) {
            while digits.hasSuffix("0") { digits.removeLast() }
            if digits.hasSuffix(".") { digits.removeLast() }
        }
        return digits == "-0" ? "0" : digits
    }

    /// Text made safe for one line of a terminal or a Markdown cell: each line break becomes
    /// `lineBreak`, other C0 controls their Control Pictures (`␛`, `␉`), DEL `␡`, C1 controls `�`.
    static func display(_ text: String, lineBreak: String = "↵") -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var shown = ""
        for character in text {
            if character.isNewline {
                shown += lineBreak
                continue
            }
            for scalar in character.unicodeScalars {
                shown.unicodeScalars.append(needsReplacing(scalar) ? picture(of: scalar) : scalar)
            }
        }
        return shown
    }

    /// Whether a scalar is a control character or a line break that may not be printed as is.
    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The visible stand-in for a control character.
    private static func picture(of scalar: Unicode.Scalar) -> Unicode.Scalar {
        let replacement: UInt32 =
            switch scalar.value {
            case 0..<0x20: 0x2400 + scalar.value
            case 0x7F: 0x2421
            default: 0xFFFD
            }
        return Unicode.Scalar(replacement) ?? "\u{FFFD}"
    }
}
