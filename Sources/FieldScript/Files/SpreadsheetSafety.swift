/// Keeps a spreadsheet from running what a cell says: a text cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice and Google
/// Sheets (`=HYPERLINK(…)` in a partner's name), so an exported file prefixes it with `'`,
/// which the spreadsheet shows as text. Numbers, amounts and dates are typed values, never
/// text, and stay as they are: `-5` is a number, not a formula.
enum SpreadsheetSafety {
    /// The characters that start a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether `text`, as a cell, would be read as a formula.
    static func isFormula(_ text: String) -> Bool { text.first.map(formulaStarts.contains) ?? false }

    /// The table with every text cell that would be a formula prefixed with `'`.
    static func neutralised(_ table: Table) -> Table {
        var safe = table
        safe.rows = table.rows.map { row in row.map(neutralised) }
        return safe
    }

    /// The card with every field and section cell that would be a formula prefixed with `'`.
    static func neutralised(_ card: Card) -> Card {
        var safe = card
        safe.fields = card.fields.map { Card.Field($0.name, neutralised($0.value)) }
        safe.sections = card.sections.map { Card.Section($0.title, neutralised($0.table)) }
        return safe
    }

    static func neutralised(_ value: Value) -> Value {
        switch value {
        case .text(let text) where isFormula(text): .text("'" + text)
        case .list, .dimensions, .change:
            // A list is one cell: what matters is how the cell starts.
            isFormula(value.plainText) ? .text("'" + value.plainText) : value
        default: value
        }
    }
}
