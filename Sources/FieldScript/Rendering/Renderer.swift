/// Turns an ``Output`` into text in one ``Format``.
///
/// Renderers are pure: the same output, format and colour flag always give the same text,
/// which ends with a newline unless it is empty. Colour (ANSI bold for headings and table
/// headers) is used only by the `table` format and only when `color` is true; whether to
/// ask for it (a terminal, no `NO_COLOR`) is the caller's decision.
///
/// - `table`: box drawing, widths by ``TerminalWidth`` so Cyrillic and CJK align, numeric
///   columns (headers included) aligned right, line breaks shown as `↵`, cells cut at 60
///   columns with `…`, then `N rows`.
/// - `csv` (RFC 4180, CRLF) and `tsv` (LF, `\t` `\n` `\r` `\\` escaped): a header line, then
///   rows; fractions are plain decimals there (`0.333333`, not `33%`).
/// - `json` (pretty, two-space indent) and `jsonl` (one compact object per line): objects
///   keyed by column name in column order; numbers, fractions and amounts as JSON numbers.
/// - `markdown`: a GitHub table, `|` escaped and line breaks as `<br>`.
///
/// ```swift
/// let text = Renderer(format: .csv).render(.table(table))
/// ```
public struct Renderer: Hashable, Sendable {
    /// The format to write.
    public let format: Format
    /// Whether the `table` format may use ANSI escapes for bold headings.
    public let color: Bool

    /// Creates a renderer for a format, without colour unless asked.
    public init(format: Format, color: Bool = false) {
        self.format = format
        self.color = color
    }

    /// Renders an output as text that ends with a newline unless it is empty.
    ///
    /// A `.message` is its text and a newline in every format; the caller decides whether it
    /// goes to standard error (see ``Format/isMachineReadable``).
    public func render(_ output: Output) -> String {
        switch output {
        case .message(let text):
            return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
        case .table(let table):
            return renderTable(table)
        case .card(let card):
            return renderCard(card)
        }
    }

    /// A table in this renderer's format.
    func renderTable(_ table: Table) -> String {
        switch format {
        case .table: boxTable(table)
        case .csv: delimited(table, csv: true)
        case .tsv: delimited(table, csv: false)
        case .json: jsonArray(table)
        case .jsonl: jsonLines(table)
        case .markdown: markdownTable(table)
        }
    }

    /// A card in this renderer's format.
    func renderCard(_ card: Card) -> String {
        switch format {
        case .table: boxCard(card)
        case .csv: delimitedCard(card, csv: true)
        case .tsv: delimitedCard(card, csv: false)
        case .json: jsonCard(card, pretty: true)
        case .jsonl: jsonCard(card, pretty: false)
        case .markdown: markdownCard(card)
        }
    }

    /// The ANSI sequence that starts bold text.
    static let boldOn = "\u{1B}[1m"
    /// The ANSI sequence that resets all attributes.
    static let reset = "\u{1B}[0m"

    /// Text in bold when colour is on, unchanged otherwise.
    func bold(_ text: String) -> String {
        color && !text.isEmpty ? Renderer.boldOn + text + Renderer.reset : text
    }
}
