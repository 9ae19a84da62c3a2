import Foundation

extension Portfolio {
    func validate(_ outcome: Outcome) throws(ChangeError) {
        // Spelled out for a message only: an outcome id's text is built, not stored.
        var id: String { outcome.id.rawValue }
        guard projects[outcome.id.project] != nil else {
            throw ChangeError(
                .notFound, .outcome, id, field: "project", reason: "no project '\(outcome.id.project)'",
                missing: (.project, outcome.id.project.rawValue))
        }
        if outcome.title.isBlank() {
            throw ChangeError(.invalidValue, .outcome, id, field: "title", reason: "the title is empty")
        }
        try checkRegionsExist(outcome.regions, .outcome, id)
        try Self.checkUnique(outcome.dims, .outcome, id, field: "dims")
        if let dim = outcome.dims.first(where: { $0 != $0.lowercased() || $0.isEmpty }) {
            throw ChangeError(.invalidValue, .outcome, id, field: "dims", reason: "dimension '\(dim)' must be lower case")
        }
        for (field, value) in [("baseline", outcome.baseline), ("target", outcome.target)] {
            guard let value else { continue }
            if outcome.measure == .qualitative {
                throw ChangeError(.invalidValue, .outcome, id, field: field, reason: "a qualitative outcome has no numbers")
            }
            if outcome.measure == .percent, !(0...100).contains(value) {
                throw ChangeError(.invalidValue, .outcome, id, field: field, reason: "a percentage lies from 0 to 100, not \(value)")
            }
        }
        try Self.checkOrder(outcome.baselineDate, outcome.due, .outcome, id, names: ("baseline-date", "due"))
    }

    /// Checks that a measurement fits its outcome's measure and declared dimensions.
    func validate(_ measurement: OutcomeRecord, against outcome: Outcome) throws(ChangeError) {
        // For a message only: building the id's text for every record read was a tenth of adding it.
        var id: String { outcome.id.rawValue }
        switch (outcome.measure, measurement.value) {
        case (.qualitative, .some):
            throw ChangeError(.invalidValue, .record, id, field: "value", reason: "'\(id)' is qualitative: record a note, not a number")
        case (.qualitative, .none):
            if (measurement.note ?? "").isBlank() {
                throw ChangeError(.invalidValue, .record, id, field: "note", reason: "a qualitative record needs a note")
            }
        case (_, .none):
            throw ChangeError(.invalidValue, .record, id, field: "value", reason: "'\(id)' measures a \(outcome.measure.rawValue): record a number")
        case (.percent, .some(let value)) where !(0...100).contains(value):
            throw ChangeError(.invalidValue, .record, id, field: "value", reason: "a percentage lies from 0 to 100, not \(value)")
        default:
            break
        }
        for (dimension, value) in measurement.dimensions.isEmpty ? [] : measurement.dimensions.sorted(by: { $0.key < $1.key }) {
            guard outcome.dims.contains(dimension) else {
                let declared = outcome.dims.isEmpty ? "declares no dimensions" : "declares \(outcome.dims.joined(separator: ", "))"
                throw ChangeError(
                    .invalidValue, .record, id, field: dimension, reason: "'\(id)' \(declared), not '\(dimension)'")
            }
            if value.isEmpty {
                throw ChangeError(.invalidValue, .record, id, field: dimension, reason: "the value of '\(dimension)' is empty")
            }
        }
    }

    /// Refuses an outcome key that is empty, contains `/`, or does not start with a letter or digit.
    static func checkKey(_ id: OutcomeID) throws(ChangeError) {
        let key = id.key.rawValue
        if key.utf8.contains(UInt8(ascii: "/")) {
            throw ChangeError(.malformedID, .outcome, id.rawValue, reason: "an outcome key cannot contain '/'")
        }
        guard EntityID<Outcome>.isWellFormed(key) else {
            throw ChangeError(
                .malformedID, .outcome, id.rawValue,
                reason: "an outcome key is letters, digits and _ - . and starts with a letter or digit")
        }
    }

    mutating func addOutcome(_ outcome: Outcome) throws(ChangeError) {
        try Self.checkWellFormed(outcome.id.rawValue, .outcome)
        try Self.checkKey(outcome.id)
        guard outcomes[outcome.id] == nil else {
            throw ChangeError(.duplicate, .outcome, outcome.id.rawValue, reason: "an outcome with this id already exists")
        }
        try validate(outcome)
        insertOutcome(outcome)
    }

    mutating func updateOutcome(old: Outcome, new: Outcome) throws(ChangeError) {
        try Self.checkCurrent(outcomes[old.id], matches: old, .outcome, old.id.rawValue)
        guard new.id.rawValue == old.id.rawValue else {
            throw ChangeError(.invalidValue, .outcome, old.id.rawValue, field: "id", reason: "an update cannot change the id; rename it")
        }
        try validate(new)
        for measurement in measurements(of: old.id) {
            do { try validate(measurement, against: new) } catch {
                throw ChangeError(
                    .invalidValue, .outcome, old.id.rawValue, field: error.field,
                    reason: "a record of \(measurement.date) would no longer fit: \(error.reason)")
            }
        }
        unindexRegions(of: old)
        outcomes[new.id] = new
        indexRegions(of: new)
    }

    mutating func removeOutcome(_ outcome: Outcome) throws(ChangeError) {
        try Self.checkCurrent(outcomes[outcome.id], matches: outcome, .outcome, outcome.id.rawValue)
        let count = measurementsByOutcome[outcome.id]?.count ?? 0
        guard count == 0 else {
            throw ChangeError(
                .referenced, .outcome, outcome.id.rawValue,
                reason: "it has \(count) record\(count == 1 ? "" : "s"); remove them first, or use force")
        }
        unindexRegions(of: outcome)
        outcomes[outcome.id] = nil
        outcomesByProject[outcome.id.project]?.remove(outcome.id)
        if outcomesByProject[outcome.id.project]?.isEmpty == true { outcomesByProject[outcome.id.project] = nil }
    }

    mutating func renameOutcome(from: OutcomeID, to: OutcomeID) throws(ChangeError) {
        try Self.checkRename(
            from: from.rawValue, to: to.rawValue, .outcome, exists: outcomes[from] != nil,
            taken: outcomes[to] != nil, sameKey: from == to)
        try Self.checkKey(to)
        guard projects[to.project] != nil else {
            throw ChangeError(
                .notFound, .outcome, to.rawValue, field: "project", reason: "no project '\(to.project)'",
                missing: (.project, to.project.rawValue))
        }
        moveOutcome(from: from, to: to)
    }

    /// Moves an outcome and its records to a new id; the caller has checked the new id.
    mutating func moveOutcome(from: OutcomeID, to: OutcomeID) {
        guard var outcome = outcomes[from] else { return }
        removeOutcomeIndexes(outcome)
        outcomes[from] = nil
        outcome.id = to
        insertOutcome(outcome)
        if var records = measurementsByOutcome.removeValue(forKey: from) {
            for index in records.indices { records[index].outcome = to }
            measurementsByOutcome[to] = records
        }
    }

    private mutating func insertOutcome(_ outcome: Outcome) {
        outcomes[outcome.id] = outcome
        outcomesByProject[outcome.id.project, default: []].insert(outcome.id)
        indexRegions(of: outcome)
    }

    private mutating func removeOutcomeIndexes(_ outcome: Outcome) {
        unindexRegions(of: outcome)
        outcomesByProject[outcome.id.project]?.remove(outcome.id)
        if outcomesByProject[outcome.id.project]?.isEmpty == true { outcomesByProject[outcome.id.project] = nil }
    }

    private mutating func indexRegions(of outcome: Outcome) {
        for region in outcome.regions { outcomesByRegion[region, default: []].insert(outcome.id) }
    }

    private mutating func unindexRegions(of outcome: Outcome) {
        for region in outcome.regions {
            outcomesByRegion[region]?.remove(outcome.id)
            if outcomesByRegion[region]?.isEmpty == true { outcomesByRegion[region] = nil }
        }
    }

    // MARK: Measurements and notes

    mutating func record(_ measurement: OutcomeRecord) throws(ChangeError) {
        guard let outcome = outcomes[measurement.outcome] else {
            throw ChangeError(
                .notFound, .record, measurement.outcome.rawValue, reason: "no outcome '\(measurement.outcome)'",
                missing: (.outcome, measurement.outcome.rawValue))
        }
        try validate(measurement, against: outcome)
        guard measurementIDs.insert(measurement.id).inserted else {
            throw ChangeError(.duplicate, .record, measurement.outcome.rawValue, reason: "record \(measurement.id) already exists")
        }
        // In place, in one lookup: a copy of the outcome's records taken out and put back was
        // copied on every insert, since the table still held the original.
        Portfolio.insertInOrder(measurement, into: &measurementsByOutcome[measurement.outcome, default: []])
        measurementCount += 1
    }

    /// Puts a record among an outcome's records, ordered by date and id. Records mostly come
    /// in order (a store's rows, a script's history), so the end is tried first.
    private static func insertInOrder(_ measurement: OutcomeRecord, into records: inout [OutcomeRecord]) {
        func isBefore(_ other: OutcomeRecord) -> Bool { (other.date, other.id) < (measurement.date, measurement.id) }
        if let last = records.last, !isBefore(last) {
            records.insert(measurement, at: records.insertionIndex(isBefore: isBefore))
        } else {
            records.append(measurement)
        }
    }

    mutating func unrecord(_ measurement: OutcomeRecord) throws(ChangeError) {
        var records = measurementsByOutcome[measurement.outcome] ?? []
        guard let index = records.firstIndex(where: { $0.id == measurement.id }) else {
            throw ChangeError(
                .notFound, .record, measurement.outcome.rawValue,
                reason: "no record \(measurement.id) of \(measurement.date)")
        }
        guard records[index] == measurement else {
            throw ChangeError(.conflict, .record, measurement.outcome.rawValue, reason: "the record was changed since this change was made")
        }
        records.remove(at: index)
        measurementsByOutcome[measurement.outcome] = records.isEmpty ? nil : records
        measurementIDs.remove(measurement.id)
        measurementCount -= 1
    }

    mutating func addNote(_ note: Note) throws(ChangeError) {
        guard projects[note.project] != nil else {
            throw ChangeError(
                .notFound, .note, note.project.rawValue, reason: "no project '\(note.project)'",
                missing: (.project, note.project.rawValue))
        }
        if note.text.isBlank(newlines: true) {
            throw ChangeError(.invalidValue, .note, note.project.rawValue, field: "text", reason: "the note is empty")
        }
        guard !noteIDs.contains(note.id) else {
            throw ChangeError(.duplicate, .note, note.project.rawValue, reason: "note \(note.id) already exists")
        }
        var notes = notesByProject[note.project] ?? []
        let index = notes.insertionIndex { ($0.date, $0.id) < (note.date, note.id) }
        notes.insert(note, at: index)
        notesByProject[note.project] = notes
        noteIDs.insert(note.id)
        noteCount += 1
    }

    mutating func removeNote(_ note: Note) throws(ChangeError) {
        var notes = notesByProject[note.project] ?? []
        guard let index = notes.firstIndex(where: { $0.id == note.id }) else {
            throw ChangeError(.notFound, .note, note.project.rawValue, reason: "no note \(note.id)")
        }
        guard notes[index] == note else {
            throw ChangeError(.conflict, .note, note.project.rawValue, reason: "the note was changed since this change was made")
        }
        notes.remove(at: index)
        notesByProject[note.project] = notes.isEmpty ? nil : notes
        noteIDs.remove(note.id)
        noteCount -= 1
    }
}

extension Array {
    /// The first index whose element is not ordered before the new one (binary search).
    func insertionIndex(isBefore: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
