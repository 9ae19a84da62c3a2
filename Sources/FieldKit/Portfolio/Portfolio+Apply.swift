extension Portfolio {
    /// Checks a change against every invariant and applies it, or throws and changes nothing.
    ///
    /// Every check runs before the first write, so a thrown error always leaves the
    /// portfolio exactly as it was.
    ///
    /// - Parameter change: the change to check and apply.
    /// - Throws: `ChangeError` naming the entity, the field and the rule it breaks; the portfolio is then unchanged.
    public mutating func apply(_ change: Change) throws(ChangeError) {
        switch change {
        case .addProject(let project): try addProject(project)
        case .updateProject(let old, let new): try updateProject(old: old, new: new)
        case .removeProject(let project): try removeProject(project)
        case .renameProject(let from, let to): try renameProject(from: from, to: to)
        case .addPartner(let partner): try addPartner(partner)
        case .updatePartner(let old, let new): try updatePartner(old: old, new: new)
        case .removePartner(let partner): try removePartner(partner)
        case .renamePartner(let from, let to): try renamePartner(from: from, to: to)
        case .addRegion(let region): try addRegion(region)
        case .updateRegion(let old, let new): try updateRegion(old: old, new: new)
        case .removeRegion(let region): try removeRegion(region)
        case .renameRegion(let from, let to): try renameRegion(from: from, to: to)
        case .addOutcome(let outcome): try addOutcome(outcome)
        case .updateOutcome(let old, let new): try updateOutcome(old: old, new: new)
        case .removeOutcome(let outcome): try removeOutcome(outcome)
        case .renameOutcome(let from, let to): try renameOutcome(from: from, to: to)
        case .link(let participation): try link(participation)
        case .unlink(let participation): try unlink(participation)
        case .record(let measurement): try record(measurement)
        case .unrecord(let measurement): try unrecord(measurement)
        case .addNote(let note): try addNote(note)
        case .removeNote(let note): try removeNote(note)
        case .setThresholds(let old, let new): try setThresholds(old: old, new: new)
        }
        revision = RecordID.randomTail()
    }

    /// Applies changes in order; if one fails, the ones before it are undone and the error rethrown.
    ///
    /// - Parameter changes: the changes, in order.
    /// - Throws: `ChangeError` for the first that fails, after the changes before it were undone.
    public mutating func apply<C: Collection>(all changes: C) throws(ChangeError) where C.Element == Change {
        var applied: [Change] = []
        applied.reserveCapacity(changes.count)
        do {
            for change in changes {
                try apply(change)
                applied.append(change)
            }
        } catch {
            for change in applied.reversed() {
                // An inverse of a change that was just applied always fits the state it left:
                // one that does not is a bug in the inverse, never a user's error. It stops the
                // program, in release builds too: going on would leave a half-reverted portfolio.
                do { try apply(change.inverse) } catch {
                    preconditionFailure("the inverse of \(change) does not apply: \(error)")
                }
            }
            throw error
        }
    }

    // MARK: Shared checks

    static func checkWellFormed(_ id: String, _ kind: EntityKind) throws(ChangeError) {
        // Bytes, not Foundation's substring search: this runs for every id of every change.
        switch kind {
        case .project:
            guard EntityID<Project>.isWellFormedProject(id) else { throw projectIDError(id, kind) }
        case .outcome:
            // The key is checked by `checkKey`; the project part follows the project rule.
            let bytes = id.utf8
            let project = bytes.lastIndex(of: UInt8(ascii: "/")).map { String(decoding: bytes[..<$0], as: UTF8.self) } ?? id
            guard EntityID<Project>.isWellFormedProject(project) else { throw projectIDError(id, kind) }
        default:
            guard EntityID<Project>.isWellFormed(id), !id.utf8.contains(UInt8(ascii: "/")) else {
                throw ChangeError(
                    .malformedID, kind, id,
                    reason: "an id is letters, digits and _ - . and starts with a letter or digit")
            }
        }
    }

    private static func projectIDError(_ id: String, _ kind: EntityKind) -> ChangeError {
        ChangeError(
            .malformedID, kind, id,
            reason: "a project id starts with a letter or digit, and has no control characters, tabs, line breaks, "
                + "trailing space or two spaces in a row")
    }

    static func checkUnique<T>(_ list: [T], _ kind: EntityKind, _ id: String, field: String) throws(ChangeError)
    where T: Hashable & CustomStringConvertible {
        // A project's few regions or an outcome's two dimensions are compared pairwise: a set
        // made for each of them was a tenth of loading the projects.
        if list.count <= 8 {
            for (index, item) in list.enumerated() where list[..<index].contains(item) {
                throw ChangeError(.invalidValue, kind, id, field: field, reason: "'\(item)' is listed twice")
            }
            return
        }
        var seen = Set<T>()
        for item in list where !seen.insert(item).inserted {
            throw ChangeError(.invalidValue, kind, id, field: field, reason: "'\(item)' is listed twice")
        }
    }

    func checkRegionsExist(_ list: [RegionID], _ kind: EntityKind, _ id: String, field: String = "regions")
        throws(ChangeError)
    {
        for region in list where regions[region] == nil {
            throw ChangeError(
                .notFound, kind, id, field: field, reason: "no region '\(region)'", missing: (.region, region.rawValue))
        }
        try Self.checkUnique(list, kind, id, field: field)
    }

    static func checkOrder(_ start: Day?, _ end: Day?, _ kind: EntityKind, _ id: String, names: (String, String))
        throws(ChangeError)
    {
        guard let start, let end, end.lastDay < start.firstDay else { return }
        throw ChangeError(
            .dateOrder, kind, id, field: names.1, reason: "\(names.1) \(end) is before \(names.0) \(start)")
    }

    static func checkCurrent<T: Equatable>(_ current: T?, matches expected: T, _ kind: EntityKind, _ id: String)
        throws(ChangeError)
    {
        guard let current else {
            throw ChangeError(.notFound, kind, id, reason: "no \(kind.rawValue) '\(id)'", missing: (kind, id))
        }
        guard current == expected else {
            throw ChangeError(.conflict, kind, id, reason: "it was changed since this change was made; look at it again")
        }
    }

    static func checkRename(from: String, to: String, _ kind: EntityKind, exists: Bool, taken: Bool, sameKey: Bool)
        throws(ChangeError)
    {
        guard exists else { throw ChangeError(.notFound, kind, from, reason: "no \(kind.rawValue) '\(from)'", missing: (kind, from)) }
        try checkWellFormed(to, kind)
        if taken && !sameKey {
            throw ChangeError(.duplicate, kind, to, reason: "\(kind.rawValue.withArticle) with this id already exists")
        }
    }
}

extension Array {
    /// Replaces every element equal to `old` by `new`.
    mutating func replace(_ old: Element, with new: Element) where Element: Equatable {
        for index in indices where self[index] == old { self[index] = new }
    }
}

extension Dictionary {
    /// Moves a value to a new key, dropping the old entry; a case-only rename keeps the new spelling.
    mutating func moveValue(from old: Key, to new: Key) {
        guard let value = removeValue(forKey: old) else { return }
        self[new] = value
    }
}

extension Portfolio {
    mutating func setThresholds(old: ProgressThresholds, new: ProgressThresholds) throws(ChangeError) {
        guard old == thresholds else {
            throw ChangeError(.conflict, .setting, "thresholds", reason: "the margins are no longer the ones this change was made against")
        }
        if let problem = new.problem { throw ChangeError(.invalidValue, .setting, "thresholds", reason: problem) }
        thresholds = new
    }
}
