import FieldKit
import Foundation

/// What Tab may complete at the end of some text: the words that may come next, from the
/// same grammar tables the parser uses, and the ids in the live portfolio.
package struct Completer {
    /// Candidates for the word before the cursor.
    package struct Completion: Equatable, Sendable {
        /// How many characters before the cursor the candidates replace.
        package var replacing: Int
        /// The possible words, sorted.
        package var candidates: [String]
        /// Whether a single candidate should be followed by a space (not after a folder).
        package var appendsSpace: Bool
    }

    let portfolio: Portfolio
    let directory: URL

    /// A completer over the session's current portfolio.
    package init(session: Session) {
        // A store that cannot be read offers no ids; the statement itself will say why.
        portfolio = (try? session.portfolio) ?? Portfolio()
        directory = session.directory
    }

    init(portfolio: Portfolio, directory: URL) {
        self.portfolio = portfolio
        self.directory = directory
    }

    /// Completes the last word of `text` (the statement typed so far, up to the cursor).
    package func complete(_ text: String) -> Completion {
        let fragment = Completer.currentStatement(text)
        if let quoted = fragment.openQuote {
            return files(matching: quoted, after: fragment.words)
        }
        let words = fragment.words
        let current = fragment.current
        let matches = candidates(after: words).filter { $0.lowercased().hasPrefix(current.lowercased()) }
        var seen = Set<String>()
        let unique = matches.filter { seen.insert($0.lowercased()).inserted }
        return Completion(replacing: current.count, candidates: unique.sorted { $0.lowercased() < $1.lowercased() }, appendsSpace: true)
    }

    // MARK: Splitting

    struct Fragment {
        var words: [String]
        var current: String
        var openQuote: String?
    }

    /// The words of the statement being typed: `;` and newlines outside quotes end statements.
    static func currentStatement(_ text: String) -> Fragment {
        var words: [String] = []
        var word = ""
        var inQuote = false
        var quoted = ""
        let symbols: Set<Character> = [",", "|", "(", ")", "[", "]", "=", "<", ">", "~", "!", "+"]
        for character in text {
            if inQuote {
                if character == "\"" {
                    inQuote = false
                    words.append("\"\(quoted)\"")
                    quoted = ""
                } else {
                    quoted.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if !word.isEmpty { words.append(word); word = "" }
                inQuote = true
            case ";", "\n":
                words = []
                word = ""
            case _ where character.isWhitespace:
                if !word.isEmpty { words.append(word); word = "" }
            case _ where symbols.contains(character):
                if !word.isEmpty { words.append(word); word = "" }
                if let last = words.last, ["!", "<", ">"].contains(last), character == "=" {
                    words[words.count - 1] = last + "="
                } else {
                    words.append(String(character))
                }
            default:
                word.append(character)
            }
        }
        return Fragment(words: words, current: word, openQuote: inQuote ? quoted : nil)
    }

    // MARK: Candidates

    var projectIDs: [String] { portfolio.projects.keys.map(\.rawValue) }
    var partnerIDs: [String] { portfolio.partners.keys.map(\.rawValue) }
    var regionIDs: [String] { portfolio.regions.keys.map(\.rawValue) }
    var outcomeIDs: [String] { portfolio.outcomes.keys.map(\.rawValue) }

    func ids(of kind: String?) -> [String] {
        switch kind {
        case "project": projectIDs
        case "partner": partnerIDs
        case "region": regionIDs
        case "outcome": outcomeIDs
        default: projectIDs + partnerIDs + regionIDs + outcomeIDs
        }
    }

    func candidates(after words: [String]) -> [String] {
        guard let first = words.first?.lowercased() else { return Grammar.statementWords }
        let position = words.count
        switch first {
        case "add":
            if position == 1 { return Grammar.kinds }
            if position == 2 { return [] }
            return assignmentCandidates(kind: EntityKind(rawValue: words[1].lowercased()), after: Array(words.dropFirst(3)))
        case "set", "unset", "show", "remove", "rename":
            let hasKind = words.count > 1 && Grammar.kinds.contains(words[1].lowercased())
            let idIndex = hasKind ? 2 : 1
            if position == 1 { return Grammar.kinds + ids(of: nil) }
            if position == idIndex { return ids(of: hasKind ? words[1].lowercased() : nil) }
            guard position > idIndex else { return [] }
            if first == "remove" { return ["force"] }
            if first == "rename" { return position == idIndex + 1 ? ["to"] : [] }
            if first == "show" { return [] }
            let kind = hasKind ? EntityKind(rawValue: words[1].lowercased()) : kindOf(words[idIndex])
            if first == "unset" { return (Grammar.fields[kind ?? .project] ?? []).map(\.name) }
            return assignmentCandidates(kind: kind, id: words[idIndex], after: Array(words.dropFirst(idIndex + 1)))
        case "link", "unlink":
            switch position {
            case 1: return projectIDs
            case 2: return partnerIDs
            case 3: return ["as"]
            case 4: return Grammar.words(Role.self)
            case 5: return first == "link" ? ["amount"] : []
            default: return []
            }
        case "record":
            if position == 1 { return outcomeIDs }
            let outcome = OutcomeID(words[1])
            let declared = outcome.flatMap { portfolio.outcomes[$0] }?.dims ?? []
            // After `sex=`: the values that dimension has been recorded with, on this outcome first.
            if words.last == "=", words.count >= 2, declared.contains(words[words.count - 2].lowercased()), let outcome {
                return dimensionValues(words[words.count - 2].lowercased(), preferring: outcome)
            }
            if ["on", "note", "source", "="].contains(words.last?.lowercased() ?? "") { return [] }
            return ["on", "note", "source"] + declared.map { "\($0)=" }
        case "note":
            return position == 1 ? projectIDs : ["on"]
        case "progress":
            if position == 1 { return projectIDs + outcomeIDs + ["where", "by", "as", "|"] }
            if words.last?.lowercased() == "by" { return declaredDimensions }
            if words.last?.lowercased() == "as" { return ["of"] }
            return reportCandidates(first, after: words, own: ["by", "as", "|"])
        case "timeline":
            if position == 1 { return ["where", "as", "|"] }
            if words.last?.lowercased() == "as" { return ["of"] }
            return reportCandidates(first, after: words, own: ["as", "|"])
        case "funding":
            if position == 1 { return ["where", "by", "|"] }
            if words.last?.lowercased() == "by" { return ["project"] }
            return reportCandidates(first, after: words, own: ["by", "|"])
        case "tree":
            return position == 1 ? regionIDs + ["|"] : reportCandidates(first, after: words, own: ["|"])
        case "import":
            // import json|iati "<file>" [replace]; import csv <kind> "<file>" [replace]
            if position == 1 { return InterchangeFormat.allCases.map(\.rawValue) }
            let format = words[1].lowercased()
            if format == "csv" && position == 2 { return CSVKind.allCases.map(\.rawValue) }
            let fileAt = format == "csv" ? 3 : 2
            return position == fileAt + 1 && format != "iati" ? ["replace"] : []
        case "export":
            // export json "<file>" [where …]; export iati "<file>" [reporting <partner>] [where …];
            // a query's rows go out through the stage.
            if position == 1 { return ["json", "iati"] }
            let iati = words[1].lowercased() == "iati"
            if position == 3 { return iati ? ["reporting", "where"] : ["where"] }
            if iati && position == 4 && words[3].lowercased() == "reporting" { return partnerIDs }
            return iati && position == 5 && words[3].lowercased() == "reporting" ? ["where"] : []
        // `history` alone has no second word to look at (Tab after `history ` once trapped here).
        case "history" where position == 1 || (words[1] != "|" && words[1].lowercased() != "where"):
            if position == 1 { return ["take", "by", "since", "until", "where", "|"] + ids(of: nil) }
            if ["by", "since", "until", "take"].contains(words.last?.lowercased() ?? "") { return [] }
            return reportCandidates(first, after: words, own: ["take", "by", "since", "until", "|"])
        case ".set":
            return position == 1 ? Session.settingNames : []
        case ".format":
            return position == 1 ? Format.allCases.map(\.rawValue) : []
        case ".expanded":
            return position == 1 ? Expanded.allCases.map(\.rawValue) : []
        case ".timer", ".echo", ".pager", ".headers":
            return position == 1 ? ["on", "off"] : []
        case ".help":
            return position == 1 ? Help.topics.map(\.name) : []
        default:
            if Grammar.sources.contains(first) { return queryCandidates(source: first, after: Array(words.dropFirst())) }
            return []
        }
    }

    private func kindOf(_ id: String) -> EntityKind? {
        if id.utf8.contains(UInt8(ascii: "/")) { return .outcome }
        if portfolio.projects[ProjectID(id)] != nil { return .project }
        if portfolio.partners[PartnerID(id)] != nil { return .partner }
        if portfolio.regions[RegionID(id)] != nil { return .region }
        return nil
    }

    /// After `add <kind> <id>` or `set <id>`: a field name, or a value of the field just named.
    /// With the `id` of a `set`, a list's values leave out what it already holds after `+`,
    /// and are what it holds after `-`.
    private func assignmentCandidates(kind: EntityKind?, id: String? = nil, after words: [String]) -> [String] {
        let fields = kind.map { Grammar.fields[$0] ?? [] } ?? Grammar.fields.values.flatMap { $0 }
        let names = fields.map(\.name)
        // Walk back to the last field name, skipping list values and their commas.
        var index = words.count - 1
        while index >= 0, !fields.contains(where: { $0.field == Field(spelling: words[index]) }) { index -= 1 }
        guard index >= 0, let field = Field(spelling: words[index]), let spec = fields.first(where: { $0.field == field }) else {
            return names
        }
        let valuesSoFar = words.count - index - 1
        let expectsValue = valuesSoFar == 0 || words.last == "," || words.last == "+" || words.last == "-"
        if !expectsValue { return names }
        let candidates: [String]
        switch spec.type {
        case .word(let words): candidates = words
        case .region: candidates = regionIDs
        default: candidates = []
        }
        guard spec.isList else { return candidates }
        // Values already typed in this statement are not offered again.
        let typed = Set(words[(index + 1)...].filter { ![",", "+", "-"].contains($0) }.map { $0.lowercased() })
        let sign = words.count > index + 1 ? words[index + 1] : nil
        let held = Set(id.flatMap { listValues(field, of: kind, id: $0) }?.map { $0.lowercased() } ?? [])
        switch sign {
        case "-": return candidates.filter { held.contains($0.lowercased()) && !typed.contains($0.lowercased()) }
        case "+": return candidates.filter { !held.contains($0.lowercased()) && !typed.contains($0.lowercased()) }
        default: return candidates.filter { !typed.contains($0.lowercased()) }
        }
    }

    /// The values a list field of an entity holds now, for `set … + ` and `set … - `.
    private func listValues(_ field: Field, of kind: EntityKind?, id: String) -> [String]? {
        switch (kind, field) {
        case (.project, .regions): portfolio.projects[ProjectID(id)]?.regions.map(\.rawValue)
        case (.outcome, .regions): OutcomeID(id).flatMap { portfolio.outcomes[$0] }?.regions.map(\.rawValue)
        case (.region, .includes): portfolio.regions[RegionID(id)]?.includes.map(\.rawValue)
        default: nil
        }
    }

    /// The values a dimension has been recorded with: this outcome's first, then the others'.
    private func dimensionValues(_ dimension: String, preferring outcome: OutcomeID) -> [String] {
        let own = portfolio.measurements(of: outcome).compactMap { $0.dimensions[dimension] }
        let others = portfolio.allMeasurements.compactMap { $0.dimensions[dimension] }
        var seen = Set<String>()
        return (own + others).filter { seen.insert($0).inserted }
    }

    private func queryCandidates(source: String, after words: [String]) -> [String] {
        let context = QueryContext(portfolio: portfolio, day: Day.earliest, cutoff: nil, journal: { _ in [] })
        let rows = QuerySource(rawValue: source).flatMap { source in try? Sources.rows(of: source, in: context) }
        return stageCandidates(fields: rows?.fields.map(\.name) ?? [], rows: rows, after: words)
    }

    /// After a report's own words: `|` and its stages, over the report's columns.
    private func reportCandidates(_ report: String, after words: [String], own: [String]) -> [String] {
        guard let bar = words.lastIndex(of: "|") else { return own }
        let fields = Reports.columnNames(of: report, byProject: words.contains { $0.lowercased() == "project" }, dimensions: declaredDimensions)
        return stageCandidates(fields: fields, rows: nil, after: Array(words[bar...]))
    }

    /// Every dimension an outcome declares.
    private var declaredDimensions: [String] { Set(portfolio.outcomes.values.flatMap(\.dims)).sorted() }

    private func stageCandidates(fields: [String], rows: RowSet?, after words: [String]) -> [String] {
        guard let last = words.last?.lowercased() else { return ["where", "|", "as"] }
        switch last {
        case "|": return Grammar.stages
        case "where", "and", "or", "not", "(", "sort", "columns", "by": return fields
        case ",":
            let keyword = words.last { ["columns", "by", "sort", "in", "("].contains($0.lowercased()) }?.lowercased()
            return keyword == "in" || keyword == "(" ? values(for: fieldBefore(words), rows: rows) : fields
        case "under": return regionIDs
        case "=", "!=", "~", "has", "in": return values(for: fieldBefore(words), rows: rows)
        case "as": return ["of"]
        case "is": return ["empty", "not"]
        case "export": return Format.allCases.filter { $0 != .table }.map(\.rawValue)
        case "stats": return Grammar.aggregates
        case "count": return ["by", "|"]
        case "asc", "desc": return [",", "|"]
        default:
            if fields.contains(last) && isInCondition(words) { return Grammar.operators + ["in", "has", "under", "is"] }
            if fields.contains(last) { return ["asc", "desc", "|", ","] }
            return ["and", "or", "|", "as"]
        }
    }

    private func isInCondition(_ words: [String]) -> Bool {
        let markers = words.last { ["where", "and", "or", "not", "(", "|", "sort", "columns", "by"].contains($0.lowercased()) }
        return ["where", "and", "or", "not", "("].contains(markers?.lowercased() ?? "")
    }

    private func fieldBefore(_ words: [String]) -> String {
        let operators = Set(["=", "!=", "~", "has", "in", "(", ","] + Grammar.operators)
        return words.reversed().first { !operators.contains($0.lowercased()) && !$0.hasPrefix("\"") }?.lowercased() ?? ""
    }

    private func values(for written: String, rows: RowSet?) -> [String] {
        let field = FieldRef(spelling: written)
        if let words = rows?.vocabularies[field] { return words }
        switch field {
        case .field(.funders), .field(.implementers), .field(.partners), .field(.partner): return partnerIDs
        case .field(.regions), .field(.parent), .field(.includes): return regionIDs
        case .field(.project), .field(.projects): return projectIDs
        case .field(.outcome): return outcomeIDs
        case .field(.role), .field(.roles): return Grammar.words(Role.self)
        default: return []
        }
    }

    // MARK: Files

    private func files(matching typed: String, after words: [String]) -> Completion {
        let command = words.first?.lowercased() ?? ""
        guard command == ".read" || command == ".output" || command == "import"
            || words.contains(where: { $0.lowercased() == "export" })
        else {
            return Completion(replacing: 0, candidates: [], appendsSpace: false)
        }
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = folderPart.hasPrefix("/") ? URL(fileURLWithPath: folderPart) : directory.appendingPathComponent(folderPart)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let matches = entries.filter { $0.hasPrefix(namePart) && (!$0.hasPrefix(".") || namePart.hasPrefix(".")) }.sorted().map { name -> String in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return name + (isDirectory.boolValue ? "/" : "")
        }
        let isFolder = matches.count == 1 && (matches.first?.hasSuffix("/") ?? false)
        let candidates = matches.count == 1 && !isFolder ? matches.map { $0 + "\"" } : matches
        return Completion(replacing: namePart.count, candidates: candidates, appendsSpace: !isFolder)
    }
}
