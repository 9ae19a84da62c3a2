import Foundation

/// The text of each decimal a write has already written, to write it again for free.
///
/// `Decimal.description` costs thousands of instructions, and a record statement wrote
/// its value twice (its row and its journal entry); a script's values repeat besides.
/// Equal decimals have equal descriptions (`1.50` and `1.5` both read `1.5`), so a
/// remembered text is the one `description` would give.
package final class NumberTexts {
    private var known: [Decimal: String] = [:]

    /// `value.description`, remembered for the first few thousand distinct values.
    package func text(_ value: Decimal) -> String {
        if let text = known[value] { return text }
        let text = value.description
        if known.count < 4_096 { known[value] = text }
        return text
    }
}
