import FieldKit

extension Parser {
    mutating func change(_ word: StatementWord) throws(Diagnostic) -> Statement {
        advance()
        switch word {
        case .add:
            guard let kind = kindWord() else {
                throw unexpected("what to add: project, partner, region or outcome", suggestions: Grammar.kinds)
            }
            let id = try identifier("the id of the new \(kind.value.rawValue)")
            return .add(kind: kind, id: id, assignments: try assignments(kind: kind.value, allowListOperations: false))
        case .set:
            let kind = optionalKind()
            let id = try identifier("the id of what to set")
            if kind == nil { try checkNotAMisspelledKind(id) }
            let kindValue = kind?.value
            let list = try assignments(kind: kindValue, allowListOperations: true)
            guard !list.isEmpty else { throw unexpected("a field to set", suggestions: fieldNames(kindValue)) }
            return .set(kind: kind, id: id, assignments: list)
        case .unset:
            let kind = optionalKind()
            let id = try identifier("the id of what to unset")
            if kind == nil { try checkNotAMisspelledKind(id) }
            let kindValue = kind?.value
            var fields = [try fieldName(kind: kindValue).field]
            while accept(symbol: ",") { fields.append(try fieldName(kind: kindValue).field) }
            return .unset(kind: kind, id: id, fields: fields)
        case .link, .unlink:
            let project = try identifier("a project id")
            let partner = try identifier("a partner id")
            var role: Token?
            if accept(keyword: "as") {
                role = try roleWord()
            } else if word == .link {
                throw unexpected("'as' and a role (funder, lead, extending, implementer, counterpart)", suggestions: ["as"])
            }
            guard word == .link, let role else { return .unlink(project: project, partner: partner, role: role) }
            var amount: Expression?
            if accept(keyword: "amount") { amount = try value(type: .money) }
            return .link(project: project, partner: partner, role: role, amount: amount)
        case .record:
            return try record()
        case .note:
            let project = try identifier("a project id")
            guard current.kind == .string || current.kind == .variable else { throw unexpected("the note's text in quotes") }
            let text = Expression.token(advance())
            var date: Expression?
            if accept(keyword: "on") { date = try value(type: .day) }
            return .note(project: project, text: text, date: date)
        case .rename:
            let kind = optionalKind()
            let id = try identifier("the id to rename")
            try expect(keyword: "to", context: "before the new id")
            return .rename(kind: kind, id: id, to: try identifier("the new id"))
        default:
            let kind = optionalKind()
            let id = try identifier("the id to remove")
            let force = accept(keyword: "force")
            return .remove(kind: kind, id: id, force: force)
        }
    }

    /// Refuses `set projcet TIP-2007 …` at `projcet`: a word that is no field follows the
    /// "id", and the "id" is one typo away from a kind, so the kind is what was meant.
    private func checkNotAMisspelledKind(_ id: Expression) throws(Diagnostic) {
        guard case .token(let word) = id, word.kind == .word, current.kind == .word || current.kind == .string,
            !Grammar.isFieldName(current.text),
            let kind = Spelling.nearest(to: word.text.lowercased(), in: Grammar.kinds)
        else { return }
        throw Diagnostic(
            "'\(word.text)' is not a kind of thing; the kinds are \(Grammar.kinds.joined(separator: ", "))",
            at: word.location, length: word.length, suggestion: kind)
    }

    /// `project`, `partner`, `region` or `outcome`, read and taken; nil when the current
    /// token is no kind.
    mutating func kindWord() -> Located<EntityKind>? {
        guard current.kind == .word, let kind = EntityKind(rawValue: current.text.lowercased()), Grammar.kindWords.contains(kind)
        else { return nil }
        return Located(value: kind, token: advance())
    }

    /// `project`, `partner`, `region` or `outcome`, when followed by an id.
    private mutating func optionalKind() -> Located<EntityKind>? {
        guard peek().kind == .word || peek().kind == .string || peek().kind == .variable else { return nil }
        return kindWord()
    }

    private func fieldNames(_ kind: EntityKind?) -> [String] {
        if let kind { return (Grammar.fields[kind] ?? []).map(\.name) }
        return Array(Set(Grammar.fields.values.flatMap { $0.map(\.name) })).sorted()
    }

    /// A settable field: of `kind` when it is known, else of any kind.
    private mutating func fieldName(kind: EntityKind?) throws(Diagnostic) -> (field: Located<Field>, spec: Grammar.FieldSpec) {
        guard current.kind == .word, let spec = kind.map({ Grammar.field(current.text, of: $0) }) ?? Grammar.settable(current.text) else {
            let which = kind.map { "a field of \($0.rawValue.withArticle)" } ?? "a field name"
            throw unexpected(which, suggestions: fieldNames(kind))
        }
        return (Located(value: spec.field, token: advance()), spec)
    }

    /// `<field> [+|-] <value>, …` until the end of the statement.
    private mutating func assignments(kind: EntityKind?, allowListOperations: Bool) throws(Diagnostic) -> [Assignment] {
        var result: [Assignment] = []
        while !atEnd {
            let (field, spec) = try fieldName(kind: kind)
            var operation = Assignment.Operation.replace
            if current.isSymbol("+") || current.isSymbol("-") {
                let sign = current
                guard allowListOperations, spec.isList else {
                    throw Diagnostic(
                        allowListOperations ? "'\(sign.text)' adds to or removes from a list, and \(field.token.text) is not a list"
                            : "'\(sign.text)' works in set; add gives the whole list",
                        at: sign.location)
                }
                operation = sign.text == "+" ? .append : .remove
                advance()
            }
            let values = spec.isList ? try self.values(type: spec.type) : [try value(type: spec.type)]
            result.append(Assignment(field: field, operation: operation, values: values))
        }
        return result
    }

    private mutating func roleWord() throws(Diagnostic) -> Token {
        guard current.kind == .word || current.kind == .variable else {
            throw unexpected("a role: funder, lead, extending, implementer or counterpart")
        }
        return advance()
    }

    /// `record <project>/<key> <value> [on <date>] [<dim>=<value>]… [note "…"] [source "…"]`.
    private mutating func record() throws(Diagnostic) -> Statement {
        let outcome = try identifier("an outcome id such as TIP-2007/groups")
        var value: Expression?
        var date: Expression?
        var dimensions: [Dimension] = []
        var note: Expression?
        var source: Expression?
        if !atEnd, !current.isKeyword("on"), !current.isKeyword("note"), !current.isKeyword("source"), !peek().isSymbol("=") {
            value = try self.value(type: .number)
        }
        while !atEnd {
            if accept(keyword: "on") {
                date = try self.value(type: .day)
            } else if accept(keyword: "note") {
                note = try self.value(type: .text)
            } else if accept(keyword: "source") {
                source = try self.value(type: .text)
            } else if current.kind == .word, peek().isSymbol("=") {
                let name = advance()
                advance()
                dimensions.append(Dimension(name: name, value: try self.value(type: .text)))
            } else {
                throw unexpected("on <date>, a dimension such as sex=female, note \"…\" or source \"…\"", suggestions: ["on", "note", "source"])
            }
        }
        return .record(outcome: outcome, value: value, date: date, dimensions: dimensions, note: note, source: source)
    }
}
