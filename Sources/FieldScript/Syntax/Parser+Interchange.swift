import FieldKit

/// What the rows of an imported CSV file are.
enum CSVKind: String, CaseIterable, Sendable {
    case projects, partners, outcomes, records, links
}

/// The formats `import` and `export` name.
enum InterchangeFormat: String, CaseIterable, Sendable {
    case json, csv, iati
}

extension Parser {
    /// `import json "<file>" [replace]`, `import csv <kind> "<file>" [replace]` and
    /// `import iati "<file>"`.
    mutating func importStatement() throws(Diagnostic) -> Statement {
        advance()
        let format = try interchangeFormat(after: "import")
        if format.value == .csv {
            let kinds = CSVKind.allCases.map(\.rawValue)
            guard let kind = word(CSVKind.self) else {
                throw unexpected("what the file holds: \(kinds.joined(separator: ", "))", suggestions: kinds)
            }
            let path = try fileName()
            return .importCSV(kind: kind, path: path, replace: accept(keyword: "replace"))
        }
        if format.value == .iati {
            // An IATI import always updates what it finds: there is nothing to replace.
            return .importIATI(path: try fileName())
        }
        let path = try fileName()
        let replace = accept(keyword: "replace")
        return .importJSON(path: path, replace: replace)
    }

    /// `export json "<file>" [where <condition>]` and `export iati "<file>" [where <condition>]`;
    /// a query's rows go out through the stage.
    mutating func exportStatement() throws(Diagnostic) -> Statement {
        let first = advance()
        let format = try interchangeFormat(after: "export")
        switch format.value {
        case .json:
            let path = try fileName()
            let condition = accept(keyword: "where") ? try self.condition() : nil
            return .exportJSON(path: path, condition: condition)
        case .csv:
            // The stage works: point at it, with the file the user wrote.
            let file = current.kind == .string ? "\"\(current.text)\"" : "\"projects.csv\""
            throw Diagnostic(
                "export csv is not a statement; export a query's rows with the stage: projects | export csv \(file)",
                at: first.location, length: first.length)
        case .iati:
            let path = try fileName()
            // `reporting <partner>`: who reports every activity, instead of each one's lead partner.
            var reporting: Expression?
            if accept(keyword: "reporting") {
                guard [.word, .string, .variable].contains(current.kind) else { throw unexpected("the partner that reports, after reporting") }
                reporting = .token(advance())
            }
            let condition = accept(keyword: "where") ? try self.condition() : nil
            return .exportIATI(path: path, reporting: reporting, condition: condition)
        }
    }

    private mutating func interchangeFormat(after word: String) throws(Diagnostic) -> Located<InterchangeFormat> {
        let formats = InterchangeFormat.allCases.map(\.rawValue)
        guard let format = self.word(InterchangeFormat.self) else {
            throw unexpected("a format after \(word): \(formats.joined(separator: ", "))", suggestions: formats)
        }
        return format
    }

    private mutating func fileName() throws(Diagnostic) -> Expression {
        guard current.kind == .string || current.kind == .variable else { throw unexpected("the file name in quotes") }
        return .token(advance())
    }
}
