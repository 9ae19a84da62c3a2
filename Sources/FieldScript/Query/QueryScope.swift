import FieldKit

/// Which projects a query can be about, read off its leading `where` stages, so that a
/// store that has not loaded its portfolio can read just those (`PortfolioReader/portfolio(covering:detail:)`).
///
/// The scope only ever errs towards more projects: the query itself still runs, with the
/// same code, on what the store reads, so the answer and every diagnostic are those the
/// whole portfolio would give.
enum QueryScope {
    static func of(_ query: Query, evaluator: Evaluator) -> ProjectScope {
        guard query.source.value == .projects else { return .all }
        var parts: [ProjectScope] = []
        // Only filters before any take, count or stats decide which projects matter: a
        // filter after `take 10` works on ten rows chosen from all of them.
        stages: for stage in query.stages {
            switch stage {
            case .filter(let condition): parts.append(of(condition, evaluator: evaluator))
            case .sort, .columns: continue
            case .take, .count, .stats, .export: break stages
            }
        }
        return parts.isEmpty ? .all : .allOf(parts)
    }

    /// What the query reads of each project beyond its row and regions: links for the
    /// partner fields, outcomes and records for `outcomes` and `progress`, notes for text
    /// search, the other lists for `sectors`, `target-groups` and `tags`.
    static func detail(of query: Query) -> ProjectDetail {
        var fields: [Located<FieldRef>] = []
        var searches = false
        for stage in query.stages {
            switch stage {
            case .filter(let condition):
                var pending = [condition]
                while let next = pending.popLast() {
                    switch next {
                    case .and(let left, let right), .or(let left, let right): pending += [left, right]
                    case .not(let inner): pending.append(inner)
                    case .compare(let field, _, _), .within(let field, _), .has(let field, _), .under(let field, _),
                        .isEmpty(let field, _):
                        fields.append(field)
                    case .search: searches = true
                    }
                }
            case .sort(let keys): fields += keys.map(\.field)
            case .columns(let tokens), .count(let tokens): fields += tokens
            case .stats(let aggregates, let by): fields += aggregates.compactMap(\.field) + by
            case .take, .export: continue
            }
        }
        var detail: ProjectDetail = searches ? .notes : []
        for field in fields {
            switch field.value {
            case .field(.funders), .field(.implementers), .field(.partners): detail.insert(.links)
            case .field(.outcomes), .field(.progress): detail.insert(.outcomes)
            case .field(.sectors), .field(.targetGroups), .field(.tags): detail.insert(.lists)
            default: continue
            }
        }
        return detail
    }

    static func of(_ condition: Condition, evaluator: Evaluator) -> ProjectScope {
        switch condition {
        case .and, .or:
            let (isAnd, terms) = condition.chain
            let scopes = terms.map { of($0, evaluator: evaluator) }
            return isAnd ? .allOf(scopes) : .anyOf(scopes)
        case .compare(let field, let operation, let value):
            guard field.value == .field(.status), operation.value == .equal, let status = status(value, evaluator) else { return .all }
            return .status([status])
        case .within(let field, let values):
            guard field.value == .field(.status) else { return .all }
            var statuses: [ProjectStatus] = []
            for value in values {
                guard let status = status(value, evaluator) else { return .all }
                statuses.append(status)
            }
            return .status(statuses)
        case .has(let field, let value):
            guard let role = ConditionCompiler.partnerFields[field.value], let partner = try? evaluator.text(value) else { return .all }
            return .linked(PartnerID(partner), role: role)
        case .under(let field, let region):
            guard field.value == .field(.regions), let region = try? evaluator.text(region) else { return .all }
            return .under(RegionID(region))
        case .not, .isEmpty, .search:
            return .all
        }
    }

    /// A status word exactly as the filter compares it: case-insensitively, no synonyms.
    private static func status(_ value: Expression, _ evaluator: Evaluator) -> ProjectStatus? {
        (try? evaluator.text(value)).flatMap { ProjectStatus(rawValue: $0.lowercased()) }
    }
}
