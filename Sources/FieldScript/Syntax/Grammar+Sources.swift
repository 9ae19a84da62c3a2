import FieldKit

extension Grammar {
    /// A field of a source's rows.
    struct SourceField: Sendable {
        var field: Field
        /// What its values are, when not plain text or a list: how a literal compared with
        /// it is read (`end < 2008` compares days), and whether it is aligned right. It is
        /// declared so that it does not depend on which rows happen to be present.
        var type: FieldType?
        /// The closed vocabulary of a word field, so that `status = actve` is caught.
        var vocabulary: [String]?

        init(_ field: Field, _ type: FieldType? = nil, words vocabulary: [String]? = nil) {
            self.field = field
            self.type = type
            self.vocabulary = vocabulary
        }
    }

    /// The fields of a source, in display order, and the ones shown when no `columns` stage chooses.
    struct SourceSpec: Sendable {
        var fields: [SourceField]
        var shown: [Field]
    }

    /// The fields of each source's rows, stored and derived. A record has, besides these,
    /// a field for each dimension an outcome declares.
    static let sourceFields: [QuerySource: SourceSpec] = [
        .projects: SourceSpec(
            fields: [
                SourceField(.id), SourceField(.title), SourceField(.summary),
                SourceField(.status, words: words(ProjectStatus.self)), SourceField(.start, .day), SourceField(.end, .day),
                SourceField(.actualStart, .day), SourceField(.actualEnd, .day), SourceField(.budget, .money),
                SourceField(.currency), SourceField(.sectors), SourceField(.targetGroups), SourceField(.regions),
                SourceField(.tags), SourceField(.funders), SourceField(.implementers), SourceField(.partners),
                SourceField(.outcomes, .number), SourceField(.progress, .fraction), SourceField(.duration, .number),
            ],
            shown: [.id, .title, .status, .start, .end, .regions]),
        .partners: SourceSpec(
            fields: [
                SourceField(.id), SourceField(.name), SourceField(.acronym), SourceField(.kind, words: words(PartnerKind.self)),
                SourceField(.country), SourceField(.ref), SourceField(.contact), SourceField(.projects),
                SourceField(.roles, words: words(Role.self)),
            ],
            shown: [.id, .name, .kind, .country, .projects]),
        .regions: SourceSpec(
            fields: [
                SourceField(.id), SourceField(.name), SourceField(.level, words: words(RegionLevel.self)),
                SourceField(.parent), SourceField(.includes), SourceField(.projects, .number),
            ],
            shown: [.id, .name, .level, .parent, .projects]),
        .outcomes: SourceSpec(
            fields: [
                SourceField(.id), SourceField(.project), SourceField(.title),
                SourceField(.level, words: words(OutcomeLevel.self)), SourceField(.unit),
                SourceField(.measure, words: words(Measure.self)), SourceField(.baseline, .number),
                SourceField(.baselineDate, .day), SourceField(.target, .number), SourceField(.due, .day),
                SourceField(.direction, words: words(Direction.self)), SourceField(.regions), SourceField(.dims),
                SourceField(.current, .number), SourceField(.progress, .fraction), SourceField(.expected, .fraction),
                SourceField(.status, words: words(OutcomeStatus.self)), SourceField(.lastRecorded, .day),
                SourceField(.gap, .fraction), SourceField(.daysLeft, .number), SourceField(.overdue, words: ["yes", "no"]),
            ],
            shown: [.id, .title, .current, .target, .progress, .status]),
        .records: SourceSpec(
            fields: [
                SourceField(.id), SourceField(.project), SourceField(.outcome), SourceField(.date, .day),
                SourceField(.value, .number), SourceField(.dims), SourceField(.note), SourceField(.source),
            ],
            shown: [.outcome, .date, .value, .dims, .note]),
        .notes: SourceSpec(
            fields: [SourceField(.id), SourceField(.project), SourceField(.date, .day), SourceField(.text)],
            shown: [.project, .date, .text]),
        .links: SourceSpec(
            fields: [
                SourceField(.project), SourceField(.partner), SourceField(.role, words: words(Role.self)),
                SourceField(.amount, .money), SourceField(.currency),
            ],
            shown: [.project, .partner, .role, .amount]),
        .history: SourceSpec(
            fields: [
                SourceField(.seq, .number), SourceField(.time, .day), SourceField(.actor), SourceField(.origin),
                SourceField(.statement), SourceField(.changes, .number), SourceField(.undoes, .number),
            ],
            shown: [.seq, .time, .actor, .origin, .statement]),
    ]

    /// The fields of `source`'s rows, in display order.
    static func fields(of source: QuerySource) -> [Field] { sourceFields[source]?.fields.map(\.field) ?? [] }
}
