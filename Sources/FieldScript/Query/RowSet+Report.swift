import FieldKit

/// A column of a report's rows: its name, type and how drawn tables show it.
struct ReportColumn: Sendable {
    var name: String
    var type: FieldType?
    var drawing: Drawing
    var dropRank: Int?
    var vocabulary: [String]?
    /// Whether a drawn table shows it when no `columns` stage chooses.
    var shown: Bool

    init(_ name: String, _ type: FieldType? = nil, drawing: Drawing = .plain, drop dropRank: Int? = nil, words vocabulary: [String]? = nil, shown: Bool = true) {
        self.name = name
        self.type = type
        self.drawing = drawing
        self.dropRank = dropRank
        self.vocabulary = vocabulary
        self.shown = shown
    }

    init(_ field: Field, _ type: FieldType? = nil, drawing: Drawing = .plain, drop dropRank: Int? = nil, words vocabulary: [String]? = nil, shown: Bool = true) {
        self.init(field.rawValue, type, drawing: drawing, drop: dropRank, words: vocabulary, shown: shown)
    }

    /// The name as a field of the rows: the grammar's field of that exact spelling, else a
    /// name of its own (`funder`, which is not an alias of `funders` here).
    var field: FieldRef { Field(rawValue: name).map(FieldRef.field) ?? .named(name) }
}

extension RowSet {
    /// A report's rows: materialised values under typed columns, so that every stage applies
    /// (`progress | where status = off-track`), with the drawings the table renderer adds.
    static func report(_ columns: [ReportColumn], rows: [[Value]], timeline: TimelineChart? = nil) -> RowSet {
        var set = RowSet.materialised(
            columns: columns.map { ($0.field, $0.type.map { $0 != .day } ?? false) }, rows: rows)
        set.defaultColumns = columns.filter(\.shown).map(\.field)
        set.types = Dictionary(uniqueKeysWithValues: columns.compactMap { column in column.type.map { (column.field, $0) } })
        set.vocabularies = Dictionary(uniqueKeysWithValues: columns.compactMap { column in column.vocabulary.map { (column.field, $0) } })
        set.drawings = Dictionary(uniqueKeysWithValues: columns.filter { $0.drawing != .plain }.map { ($0.field, $0.drawing) })
        set.dropRanks = Dictionary(uniqueKeysWithValues: columns.compactMap { column in column.dropRank.map { (column.field, $0) } })
        set.timeline = timeline
        return set
    }
}
