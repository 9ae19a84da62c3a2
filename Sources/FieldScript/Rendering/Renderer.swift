/// Turns an ``Output`` into text in one ``Format``.
///
/// Renderers are pure: the same output, format and colour flag always give the same text,
/// which ends with a newline unless it is empty. Colour is used only by the `table` and
/// `vertical` formats and only when `color` is true: bold headings and headers, dim borders,
/// outcome statuses in their colours. Whether to ask for it (a terminal, no `NO_COLOR`) is
/// the caller's decision, as is the width (the terminal's, `$COLUMNS`, or none).
///
/// - `table`: box drawing, widths by `TerminalWidth` so Cyrillic and CJK align, numeric
///   columns (headers included) aligned right, line breaks shown as `↵`, then `N rows`.
///   Within a ``width``, text columns are wrapped at word boundaries; a table that still
///   cannot fit is drawn as `vertical` when ``expanded`` is `auto`.
/// - `vertical`: one block per row, a `name  value` line per column, as psql's `\x`.
/// - `csv` (RFC 4180, CRLF) and `tsv` (LF, `\t` `\n` `\r` `\\` escaped): a header line
///   (unless ``headers`` is off), then rows; fractions are plain decimals there (`0.333333`, not `33%`).
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
    /// Whether the `table` and `vertical` formats may use ANSI escapes.
    public let color: Bool
    /// The most terminal columns a line may take; nil for no limit.
    public let width: Int?
    /// Whether csv and tsv start with a header line and tables end with `N rows`.
    public let headers: Bool
    /// When the `table` format draws rows vertically instead.
    public let expanded: Expanded

    /// Creates a renderer for a format: without colour and without a width limit unless
    /// asked, with headers, and vertical only for a table that cannot fit.
    ///
    /// - Parameters:
    ///   - format: the format to write.
    ///   - color: whether the `table` and `vertical` formats may use ANSI escapes.
    ///   - width: the most terminal columns a line may take (at least 20); nil for no limit.
    ///   - headers: whether csv and tsv start with a header line and tables end with `N rows`.
    ///   - expanded: when the `table` format draws rows vertically instead.
    public init(format: Format, color: Bool = false, width: Int? = nil, headers: Bool = true, expanded: Expanded = .auto) {
        self.format = format
        self.color = color
        self.width = width.map { max(20, $0) }
        self.headers = headers
        self.expanded = expanded
    }

    /// Renders an output as text that ends with a newline unless it is empty.
    ///
    /// A `.message` is its text and a newline in every format, wrapped to ``width``; the
    /// caller decides whether it goes to standard error (see ``Format/isMachineReadable``).
    ///
    /// - Parameter output: a table, a card or a message.
    /// - Returns: the text.
    public func render(_ output: Output) -> String {
        switch output {
        case .message(let text):
            let wrapped = width.map { TextWrapper.message(text, width: $0) } ?? text
            return wrapped.isEmpty || wrapped.hasSuffix("\n") ? wrapped : wrapped + "\n"
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
        case .vertical: verticalTable(table)
        case .csv: delimited(table, csv: true)
        case .tsv: delimited(table, csv: false)
        case .json: jsonArray(table)
        case .jsonl: jsonLines(table)
        case .markdown: markdownTable(table)
        case .html: HTMLPage().html(.table(table))
        }
    }

    /// A card in this renderer's format.
    func renderCard(_ card: Card) -> String {
        switch format {
        case .table, .vertical: boxCard(card)
        case .csv: delimitedCard(card, csv: true)
        case .tsv: delimitedCard(card, csv: false)
        case .json: jsonCard(card, pretty: true)
        case .jsonl: jsonCard(card, pretty: false)
        case .markdown: markdownCard(card)
        case .html: HTMLPage().html(.card(card))
        }
    }

    /// Text in bold when colour is on, unchanged otherwise.
    func bold(_ text: String) -> String { paint(text, "1") }

    /// Text dimmed when colour is on: table borders, the rules between vertical rows.
    func dim(_ text: String) -> String { paint(text, "2") }

    /// An outcome status in its colour when colour is on: achieved bold green, on-track
    /// green, at-risk yellow, off-track red, not-started dim. Other text is unchanged.
    func statusColor(_ text: String) -> String {
        Renderer.statusAttributes(text).map { paint(text, $0) } ?? text
    }

    /// The SGR attributes of a status word: an outcome's (achieved bold green, on-track green,
    /// at-risk yellow, off-track red, not-started dim) or a project's (active green, pipeline
    /// cyan, finalising yellow, suspended magenta, cancelled red, closed dim); nil for other text.
    static func statusAttributes(_ text: String) -> String? {
        switch text {
        case "achieved": "1;32"
        case "on-track", "active": "32"
        case "at-risk", "finalising": "33"
        case "off-track", "cancelled": "31"
        case "not-started", "closed": "2"
        case "pipeline": "36"
        case "suspended": "35"
        default: nil
        }
    }

    /// Text between an SGR sequence and a reset, when colour is on and there is text.
    func paint(_ text: String, _ attributes: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(attributes)m" + text + "\u{1B}[0m" : text
    }
}

/// When a table is drawn vertically, one `name  value` block per row (`.expanded`).
public enum Expanded: String, CaseIterable, Sendable {
    /// Always as a table, however wide.
    case off
    /// Always vertically.
    case on
    /// Vertically when the table would not fit the width, even with its text wrapped.
    case auto
}
