import FieldKit
import Foundation

/// Reads CSV (RFC 4180) one record at a time, knowing where each cell starts: the
/// physical line (a quoted cell may span lines) and the column, as an editor shows them.
///
/// UTF-8 with or without a byte-order mark; CRLF, LF or CR line ends; quoted cells may
/// hold commas, quotes (doubled) and line breaks. A quote inside an unquoted cell, text
/// after a closing quote, an unclosed quote and bytes that are not UTF-8 are errors at
/// their place. Lines that hold nothing are skipped.
///
/// A small reader of FieldKit's own rather than a library: the error positions must be
/// physical lines and columns, and rows must come one at a time so that a large file is
/// never held as cells at once. (`yaslab/CSV.swift` and `SwiftCSV` were weighed: the first
/// reports no positions, the second parses the whole file up front.)
package struct CSVReader {
    /// One cell, and where it starts.
    package struct Cell: Sendable, Equatable {
        package var text: String
        package var line: Int
        package var column: Int

        /// The text trimmed, with the `'` an export puts before a cell a spreadsheet would
        /// run as a formula (`'=SUM(A1)`) taken off again.
        package var value: String {
            let trimmed = text.trimmedCell
            guard trimmed.hasPrefix("'"), let next = trimmed.dropFirst().first, "=+-@\t\r".contains(next) else { return trimmed }
            return String(trimmed.dropFirst())
        }

        /// The cell as a plain decimal (`12`, `-3.5`, `45%`), read by FieldKit's own reader
        /// rather than Foundation's, which made a locale for every cell; nil otherwise. (`_`
        /// separates digits in a script, not in a cell.)
        package var decimal: Decimal? {
            var text = value
            if text.hasSuffix("%") { text.removeLast() }
            guard !text.utf8.contains(UInt8(ascii: "_")) else { return nil }
            return Money.decimal(text)
        }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// The field separator: `,` for CSV, a tab for TSV.
    private let separator: UInt8

    /// - Parameters:
    ///   - bytes: the file.
    ///   - separator: `,` or a tab.
    package init(_ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.separator = separator
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    private func column(at offset: Int) -> Int {
        1 + bytes[lineStart..<min(offset, bytes.count)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    private func error(_ message: String, at offset: Int? = nil) -> InterchangeError {
        InterchangeError(message, line: line, column: column(at: offset ?? index))
    }

    /// The header line and the name each column goes by: its header, trimmed and lower-cased,
    /// unless an HXL hashtag row under the header tags it with what `field` knows. Also the
    /// first row of data, after the hashtag row if there is one; nil for an empty file.
    ///
    /// - Parameter field: the field a hashtag names, if it names one.
    /// - Throws: ``InterchangeError`` as ``next()`` does.
    package mutating func header(
        field: (String) -> String?
    ) throws(InterchangeError) -> (cells: [Cell], names: [String], first: [Cell]?)? {
        guard let header = try next() else { return nil }
        var names = header.map { $0.text.trimmedCell.lowercased() }
        var first = try next()
        if let row = first, row.contains(where: { !$0.text.isEmpty }), row.allSatisfy({ $0.text.isEmpty || $0.text.hasPrefix("#") }) {
            for (index, cell) in row.enumerated() where index < names.count {
                if let name = field(cell.text.trimmedCell.lowercased()) { names[index] = name }
            }
            first = try next()
        }
        return (header, names, first)
    }

    /// The next record's cells, or nil at the end of the file.
    ///
    /// - Throws: ``InterchangeError`` at the first byte the format does not allow.
    package mutating func next() throws(InterchangeError) -> [Cell]? {
        while index < bytes.count {
            // A line that holds nothing is no record.
            if bytes[index] == 0x0A || bytes[index] == 0x0D {
                endLine()
                continue
            }
            var cells: [Cell] = []
            while true {
                cells.append(try cell())
                guard index < bytes.count else { return cells }
                if bytes[index] == separator {
                    index += 1
                    if index == bytes.count || bytes[index] == 0x0A || bytes[index] == 0x0D {
                        cells.append(Cell(text: "", line: line, column: column(at: index)))
                        if index < bytes.count { endLine() }
                        return cells
                    }
                    continue
                }
                endLine()
                return cells
            }
        }
        return nil
    }

    /// Steps over one line end (CRLF, LF or CR).
    private mutating func endLine() {
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        index += 1
        line += 1
        lineStart = index
    }

    private mutating func cell() throws(InterchangeError) -> Cell {
        let (startLine, startColumn) = (line, column(at: index))
        var text: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            while true {
                guard index < bytes.count else { throw InterchangeError("the quote opened here is never closed", line: startLine, column: startColumn) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        text.append(byte)
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                if byte == 0x0A || (byte == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
                    // A line break inside quotes is part of the cell; the lines still count.
                    text.append(byte)
                    index += 1
                    line += 1
                    lineStart = index
                    continue
                }
                text.append(byte)
                index += 1
            }
            guard index == bytes.count || bytes[index] == separator || bytes[index] == 0x0A || bytes[index] == 0x0D else {
                throw error("text after the closing quote of a cell; put the whole cell in quotes")
            }
        } else {
            while index < bytes.count, bytes[index] != separator, bytes[index] != 0x0A, bytes[index] != 0x0D {
                if bytes[index] == UInt8(ascii: "\"") {
                    throw error("a quote inside a cell that does not start with one; quote the cell and double the quote (\"\")")
                }
                text.append(bytes[index])
                index += 1
            }
        }
        guard let decoded = String(validating: text, as: UTF8.self) else {
            throw InterchangeError("bytes that are not UTF-8 in this cell; save the file as UTF-8", line: startLine, column: startColumn)
        }
        return Cell(text: decoded, line: startLine, column: startColumn)
    }
}
