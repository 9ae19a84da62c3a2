import FieldKit

extension Statement {
    /// The values a change statement writes, in source order, each with the field it sets
    /// (nil for an id or the subject of the statement): where a domain error about a field
    /// or an id points, read off the tree rather than matched against the text.
    var places: [(field: Field?, expression: Expression)] {
        func assigned(_ assignments: [Assignment]) -> [(Field?, Expression)] {
            assignments.flatMap { assignment in assignment.values.map { (assignment.field.value, $0) } }
        }
        switch self {
        case .add(_, let id, let assignments), .set(_, let id, let assignments):
            return [(nil, id)] + assigned(assignments)
        case .unset(_, let id, let fields):
            return [(nil, id)] + fields.map { (Optional($0.value), Expression.token($0.token)) }
        case .link(let project, let partner, _, let amount):
            return [(nil, project), (nil, partner)] + (amount.map { [(Field.amount, $0)] } ?? [])
        case .unlink(let project, let partner, _):
            return [(nil, project), (nil, partner)]
        case .record(let outcome, let value, let date, let dimensions, let note, let source):
            var places: [(Field?, Expression)] = [(nil, outcome)]
            if let value { places.append((.value, value)) }
            if let date { places.append((.date, date)) }
            places += dimensions.map { (nil, $0.value) }
            if let note { places.append((.note, note)) }
            if let source { places.append((.source, source)) }
            return places
        case .note(let project, let text, let date):
            return [(nil, project), (.text, text)] + (date.map { [(Field.date, $0)] } ?? [])
        case .rename(_, let id, let to):
            return [(nil, id), (nil, to)]
        case .remove(_, let id, _):
            return [(nil, id)]
        default:
            return []
        }
    }
}
