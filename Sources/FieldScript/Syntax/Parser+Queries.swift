import FieldKit

extension Parser {
    /// `<source> [where <condition>] [| <stage>]… [as of <date>]`.
    mutating func query() throws(Diagnostic) -> Query {
        guard let source = word(QuerySource.self) else {
            throw unexpected("a source: \(Grammar.sources.joined(separator: ", "))", suggestions: Grammar.sources)
        }
        var stages: [Stage] = []
        if accept(keyword: "where") { stages.append(.filter(try condition())) }
        while accept(symbol: "|") { stages.append(try stage()) }
        let asOfStart = position
        let asOf = try optionalAsOf()
        if !atEnd {
            if asOf != nil {
                // Stages after `as of`: say the rule, and the statement that follows it.
                let rest = tokens[position..<(tokens.count - 1)].map(\.text).joined(separator: " ")
                let clause = tokens[asOfStart..<position].map(\.text).joined(separator: " ")
                throw Diagnostic(
                    "'as of' comes last, after every stage: write '… \(rest) \(clause)'", at: current.location,
                    length: current.length)
            }
            throw unexpected("'|' and a stage, 'where', or 'as of'", suggestions: ["where", "as"])
        }
        return Query(source: source, stages: stages, asOf: asOf)
    }

    mutating func optionalAsOf() throws(Diagnostic) -> Expression? {
        guard accept(keyword: "as") else { return nil }
        try expect(keyword: "of", context: "after 'as'")
        return try value(type: .day)
    }

    private mutating func stage() throws(Diagnostic) -> Stage {
        let written = current
        guard let stage = word(StageWord.self) else {
            guard written.kind == .word else { throw unexpected("a stage: \(Grammar.stages.joined(separator: ", "))") }
            throw Diagnostic(
                "unknown stage '\(written.text)'", at: written.location, length: written.length,
                suggestion: Spelling.nearest(to: written.text, in: Grammar.stages))
        }
        switch stage.value {
        case .where:
            return .filter(try condition())
        case .sort:
            var keys: [SortKey] = []
            repeat {
                let field = try self.field()
                var descending = false
                if accept(keyword: "desc") { descending = true } else { _ = accept(keyword: "asc") }
                keys.append(SortKey(field: field, descending: descending))
            } while accept(symbol: ",")
            return .sort(keys)
        case .take:
            return .take(try value(type: .number))
        case .columns:
            return .columns(try fieldList())
        case .count:
            return .count(by: accept(keyword: "by") ? try fieldList() : [])
        case .stats:
            var aggregates: [Aggregate] = []
            repeat { aggregates.append(try aggregate()) } while accept(symbol: ",")
            return .stats(aggregates, by: accept(keyword: "by") ? try fieldList() : [])
        case .export:
            let formats = Format.allCases.filter { $0 != .table }.map(\.rawValue)
            guard current.kind == .word else { throw unexpected("a format: csv, json, jsonl, markdown or tsv") }
            guard let format = word(Format.self), format.value != .table else {
                throw Diagnostic(
                    "export writes csv, json, jsonl, markdown or tsv, not '\(current.text)'", at: current.location,
                    length: current.length, suggestion: Spelling.nearest(to: current.text, in: formats))
            }
            guard current.kind == .string || current.kind == .variable else { throw unexpected("the file name in quotes") }
            let path = Expression.token(advance())
            var options: [Located<ExportOption>] = []
            while let option = word(ExportOption.self) {
                guard format.value == .csv || format.value == .tsv else {
                    throw Diagnostic(
                        "\(option.value.rawValue) is an option of csv and tsv exports", at: option.location, length: option.length)
                }
                options.append(option)
            }
            if current.kind == .word, !current.isKeyword("as"), let near = Spelling.nearest(to: current.text, in: ExportOption.allCases.map(\.rawValue)) {
                throw Diagnostic("unknown export option '\(current.text)'", at: current.location, length: current.length, suggestion: near)
            }
            return .export(format: format, path: path, options: options)
        }
    }

    /// The current token read as a word of `vocabulary`, case-insensitively, and taken;
    /// nil, and nothing taken, when it is no such word.
    mutating func word<Word: RawRepresentable & Sendable>(_ vocabulary: Word.Type) -> Located<Word>? where Word.RawValue == String {
        guard current.kind == .word, let value = Word(rawValue: current.text) ?? Word(rawValue: current.text.lowercased()) else {
            return nil
        }
        return Located(value: value, token: advance())
    }

    private mutating func aggregate() throws(Diagnostic) -> Aggregate {
        guard let function = word(AggregateFunction.self) else {
            throw unexpected("an aggregate: count, sum(f), avg(f), min(f) or max(f)", suggestions: Grammar.aggregates)
        }
        guard accept(symbol: "(") else {
            guard function.value == .count else { throw unexpected("'(' and a field after \(function.token.text)") }
            return Aggregate(function: function, field: nil)
        }
        let field = try self.field()
        try expect(symbol: ")", context: "after the field")
        return Aggregate(function: function, field: field)
    }

    /// A field of a query: one the grammar knows, or a name the rows settle (a dimension).
    mutating func field() throws(Diagnostic) -> Located<FieldRef> {
        guard current.kind == .word else { throw unexpected("a field name") }
        return Located(value: FieldRef(spelling: current.text), token: advance())
    }

    private mutating func fieldList() throws(Diagnostic) -> [Located<FieldRef>] {
        var fields = [try field()]
        while accept(symbol: ",") { fields.append(try field()) }
        return fields
    }

    // MARK: Conditions

    mutating func condition() throws(Diagnostic) -> Condition {
        var result = try conjunction()
        while accept(keyword: "or") { result = .or(result, try conjunction()) }
        return result
    }

    private mutating func conjunction() throws(Diagnostic) -> Condition {
        var result = try negation()
        while accept(keyword: "and") { result = .and(result, try negation()) }
        return result
    }

    private mutating func negation() throws(Diagnostic) -> Condition {
        if current.isKeyword("not") {
            try nest(at: current)
            defer { nesting -= 1 }
            advance()
            return .not(try negation())
        }
        return try primary()
    }

    /// How deeply a condition may nest parentheses and `not`; deeper is refused with a
    /// diagnostic rather than risking the stack.
    static let maximumNesting = 64

    private mutating func nest(at token: Token) throws(Diagnostic) {
        nesting += 1
        guard nesting <= Parser.maximumNesting else {
            throw Diagnostic(
                "the condition nests parentheses and 'not' more than \(Parser.maximumNesting) deep; write it flatter",
                at: token.location, length: token.length)
        }
    }

    private mutating func primary() throws(Diagnostic) -> Condition {
        if current.isSymbol("(") {
            try nest(at: current)
            defer { nesting -= 1 }
            advance()
            let inner = try condition()
            try expect(symbol: ")", context: "to close the condition")
            return inner
        }
        if current.kind == .string { return .search(advance()) }
        guard current.kind == .word else { throw unexpected("a condition such as status = active") }
        let field = try self.field()
        if current.kind == .symbol, let operation = ComparisonOperator(rawValue: current.text) {
            let op = Located(value: operation, token: advance())
            return .compare(field: field, operator: op, value: try value(type: nil))
        }
        if accept(keyword: "in") {
            try expect(symbol: "(", context: "after 'in'")
            let list = try values(type: nil)
            try expect(symbol: ")", context: "to close the list")
            return .within(field: field, values: list)
        }
        if accept(keyword: "has") { return .has(field: field, value: try value(type: nil)) }
        if accept(keyword: "under") { return .under(field: field, region: try identifier("a region id")) }
        if accept(keyword: "is") {
            let negated = accept(keyword: "not")
            try expect(keyword: "empty", context: "after 'is'")
            return .isEmpty(field: field, negated: negated)
        }
        throw unexpected(
            "an operator after \(field.token.text): = != < <= > >= ~ in has under is",
            suggestions: ["in", "has", "under", "is"])
    }

    // MARK: Reports

    mutating func report(_ word: StatementWord) throws(Diagnostic) -> Statement {
        advance()
        switch word {
        case .show:
            let kind = peek().kind != .end && !peek().isSymbol("|") ? kindWord() : nil
            let id = try identifier("what to show: a project, partner, region or outcome id")
            return .show(kind: kind, id: id, tail: try reportTail(asOf: false))
        case .progress:
            var project: Expression?
            var condition: Condition?
            if accept(keyword: "where") {
                condition = try self.condition()
            } else if !atEnd, !current.isKeyword("as"), !current.isKeyword("by"), !current.isSymbol("|") {
                project = try identifier("a project or outcome id")
            }
            let by = accept(keyword: "by") ? try field() : nil
            return .progress(project: project, condition: condition, by: by, tail: try reportTail(asOf: true))
        case .timeline:
            let condition = accept(keyword: "where") ? try self.condition() : nil
            return .timeline(condition: condition, tail: try reportTail(asOf: true))
        case .tree:
            let region = atEnd || current.isSymbol("|") ? nil : try identifier("a region id")
            return .tree(region: region, tail: try reportTail(asOf: false))
        case .funding:
            let condition = accept(keyword: "where") ? try self.condition() : nil
            var byProject = false
            if accept(keyword: "by") {
                guard current.isKeyword("project") || current.isKeyword("projects") else {
                    throw unexpected("'project' after 'by': funding by project", suggestions: ["project"])
                }
                advance()
                byProject = true
            }
            return .funding(condition: condition, byProject: byProject, tail: try reportTail(asOf: false))
        default:
            var kind: Located<EntityKind>?
            var id: Expression?
            let filterWords = ["take", "by", "since", "until"]
            func isFilterWord(_ token: Token) -> Bool { filterWords.contains { token.isKeyword($0) } || token.isSymbol("|") }
            if !atEnd, !isFilterWord(current) {
                if peek().kind != .end, !isFilterWord(peek()) { kind = kindWord() }
                id = try identifier("an id, or take <n>")
            }
            var filter = HistoryFilter()
            var take: Expression?
            while !atEnd, !current.isSymbol("|") {
                if accept(keyword: "by") {
                    filter.actor = try identifier("who: an actor, as history shows it")
                } else if accept(keyword: "since") {
                    filter.since = try value(type: .day)
                } else if accept(keyword: "until") {
                    filter.until = try value(type: .day)
                } else if accept(keyword: "take") {
                    take = try value(type: .number)
                } else {
                    throw unexpected("by <actor>, since <date>, until <date>, take <n> or '|'", suggestions: filterWords)
                }
            }
            return .history(kind: kind, id: id, filter: filter, take: take, tail: try reportTail(asOf: false))
        }
    }

    /// `[as of <date>] [| <stage>]… [as of <date>]`: a report's stages, and its date where
    /// the report takes one (before the stages or after them, once).
    private mutating func reportTail(asOf allowed: Bool) throws(Diagnostic) -> ReportTail {
        var tail = ReportTail()
        if allowed { tail.asOf = try optionalAsOf() }
        while accept(symbol: "|") { tail.stages.append(try stage()) }
        if allowed, tail.asOf == nil { tail.asOf = try optionalAsOf() }
        if !atEnd {
            if current.isKeyword("as"), !allowed {
                throw Diagnostic("this report does not take 'as of'", at: current.location, length: current.length)
            }
            throw unexpected("'|' and a stage", suggestions: [])
        }
        return tail
    }
}
