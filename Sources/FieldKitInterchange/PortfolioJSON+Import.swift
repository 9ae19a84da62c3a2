import FieldKit
import Foundation

extension PortfolioJSON {
    /// The changes that bring the file's contents into `portfolio`.
    ///
    /// An entity the portfolio holds with the same content is left alone. One it holds with
    /// different content is a conflict: all of them are reported together and nothing is
    /// changed, unless `replace` is true, when the file's version replaces the portfolio's.
    /// What the file leaves out stays.
    ///
    /// - Parameters:
    ///   - bytes: the document, UTF-8.
    ///   - portfolio: what the changes will apply to.
    ///   - replace: take the file's version of an entity that differs.
    /// - Returns: the changes, with the line of each.
    /// - Throws: ``InterchangeError`` at the first value that is not what the format says,
    ///   or, listing them, for the conflicts.
    public static func importing(_ bytes: [UInt8], into portfolio: Portfolio, replace: Bool = false) throws(InterchangeError) -> ImportPlan {
        // The projects, each with its records, are read and planned one at a time, so that
        // memory holds one project's tree, not the file's: at once when the file gives its
        // format and version first and its regions and partners before its projects (as
        // FieldKit writes it); else in a second pass over the file, once the rest is read.
        final class Reading {
            var members: [String: JSONNode] = [:]
            var builder: ImportBuilder?
            var projectsBegun = false
            var secondPass = false
        }
        let reading = Reading()
        let root = try JSONReader.read(bytes, streaming: "projects", member: { member in
            if ["regions", "partners", "settings"].contains(member.key), reading.projectsBegun { reading.secondPass = true }
            reading.members[member.key] = member.value
        }, each: { node throws(InterchangeError) in
            if !reading.projectsBegun {
                reading.projectsBegun = true
                let header = JSONNode(.object(reading.members.map { JSONNode.Member($0.key, $0.value) }))
                if let fields = try? JSONFields(header, "the document", keys: documentKeys), (try? checkHeader(fields, at: header)) != nil {
                    var builder = ImportBuilder(portfolio: portfolio, replace: replace)
                    for node in try fields.list("regions") { try builder.region(node) }
                    for node in try fields.list("partners") { try builder.partner(node) }
                    try builder.settings(fields)
                    reading.builder = builder
                } else {
                    reading.secondPass = true
                }
            }
            guard !reading.secondPass else { return }
            try reading.builder?.project(node)
        })
        let document = try JSONFields(root, "the document", keys: documentKeys)
        try checkHeader(document, at: root)
        if var builder = reading.builder, !reading.secondPass { return try builder.finish() }
        var builder = ImportBuilder(portfolio: portfolio, replace: replace)
        for node in try document.list("regions") { try builder.region(node) }
        for node in try document.list("partners") { try builder.partner(node) }
        try builder.settings(document)
        reading.builder = builder
        _ = try JSONReader.read(bytes, streaming: "projects", member: { _ in }, each: { node throws(InterchangeError) in
            try reading.builder?.project(node)
        })
        guard var planned = reading.builder else { return ImportPlan() }
        return try planned.finish()
    }

    private static let documentKeys = ["format", "version", "settings", "regions", "partners", "projects"]

    /// Refuses a document that is not a FieldKit portfolio, or of a version this FieldKit does not read.
    private static func checkHeader(_ document: JSONFields, at root: JSONNode) throws(InterchangeError) {
        guard try document.optionalString("format") == format else {
            throw InterchangeError("this is not a FieldKit portfolio: its format is not \"\(format)\"", line: root.line, column: root.column)
        }
        guard let version = try document.decimal("version"), version >= 1, version <= Decimal(PortfolioJSON.version) else {
            throw InterchangeError(
                "this file is of a version this FieldKit does not read; it reads version \(PortfolioJSON.version)",
                line: root.line, column: root.column)
        }
    }
}

/// Turns a document's entities into changes against a portfolio, noting conflicts.
private struct ImportBuilder {
    let portfolio: Portfolio
    let replace: Bool
    var result = ImportPlan()
    var conflicts: [(what: String, line: Int, column: Int)] = []
    var outcomeChanges: [(Change, Int)] = []
    var linkChanges: [(Change, Int)] = []
    var recordChanges: [(Change, Int)] = []
    var noteChanges: [(Change, Int)] = []
    var seen = Set<String>()
    var spellings: Spellings

    init(portfolio: Portfolio, replace: Bool) {
        self.portfolio = portfolio
        self.replace = replace
        spellings = Spellings(portfolio)
    }

    /// A second entity of the same kind and id in the file is an error, not a silent overwrite.
    mutating func once(_ kind: String, _ id: String, _ node: JSONNode) throws(InterchangeError) {
        guard seen.insert("\(kind) \(EntityID<Project>.fold(id))").inserted else {
            throw InterchangeError("\(kind) '\(id)' appears twice in the file", line: node.line, column: node.column)
        }
    }

    /// Adds `new`, or keeps what is there, or replaces it, or notes a conflict.
    private mutating func merge<T: Equatable>(
        _ old: T?, _ new: T, what: String, at node: JSONNode, add: (T) -> Change, update: (T, T) -> Change
    ) {
        guard let old else {
            result.add(add(new), at: node.line)
            return
        }
        if old == new {
            result.unchanged += 1
        } else if replace {
            result.add(update(old, new), at: node.line)
        } else {
            conflicts.append((what, node.line, node.column))
        }
    }

    mutating func region(_ node: JSONNode) throws(InterchangeError) {
        var fields = try JSONFields(node, "a region", keys: ["id", "name", "level", "parent", "includes"])
        let id = try fields.string("id")
        fields = fields.named("region '\(id)'")
        try once("region", id, node)
        let region = Region(
            id: spellings.define(region: RegionID(id)), name: try fields.optionalString("name") ?? id,
            level: try fields.word("level", RegionLevel.self) ?? .area,
            parent: try fields.optionalString("parent").map { spellings.region(RegionID($0)) },
            includes: try fields.strings("includes").map { spellings.region(RegionID($0)) })
        merge(portfolio.regions[region.id], region, what: "region \(id)", at: node, add: { .addRegion($0) },
              update: { .updateRegion(old: $0, new: $1) })
    }

    mutating func partner(_ node: JSONNode) throws(InterchangeError) {
        var fields = try JSONFields(node, "a partner", keys: ["id", "name", "acronym", "kind", "country", "ref", "contacts"])
        let id = try fields.string("id")
        fields = fields.named("partner '\(id)'")
        try once("partner", id, node)
        var contacts: [Contact] = []
        for item in try fields.list("contacts") {
            let contact = try JSONFields(item, "a contact of partner '\(id)'", keys: ["name", "role"])
            contacts.append(Contact(name: try contact.string("name"), role: try contact.optionalString("role")))
        }
        let partner = Partner(
            id: spellings.define(partner: PartnerID(id)), name: try fields.optionalString("name") ?? id, acronym: try fields.optionalString("acronym"),
            kind: try fields.word("kind", PartnerKind.self), country: try fields.optionalString("country"),
            ref: try fields.optionalString("ref"), contacts: contacts)
        merge(portfolio.partners[partner.id], partner, what: "partner \(id)", at: node, add: { .addPartner($0) },
              update: { .updatePartner(old: $0, new: $1) })
    }

    static let projectKeys = [
        "id", "title", "summary", "status", "start", "end", "actual-start", "actual-end", "budget", "sectors", "target-groups",
        "regions", "region-shares", "tags", "language", "translations", "links", "outcomes", "notes",
    ]

    mutating func project(_ node: JSONNode) throws(InterchangeError) {
        var fields = try JSONFields(node, "a project", keys: ImportBuilder.projectKeys)
        let id = try fields.string("id")
        fields = fields.named("project '\(id)'")
        try once("project", id, node)
        let what = "project '\(id)'"
        let project = Project(
            id: spellings.define(project: ProjectID(id)), title: try fields.string("title"), summary: try fields.optionalString("summary"),
            status: try fields.word("status", ProjectStatus.self) ?? .pipeline, start: try fields.optionalDay("start"),
            end: try fields.optionalDay("end"), actualStart: try fields.optionalDay("actual-start"),
            actualEnd: try fields.optionalDay("actual-end"), budget: try fields.money("budget"), sectors: try fields.strings("sectors"),
            targetGroups: try fields.strings("target-groups"), tags: try fields.strings("tags"),
            regions: try fields.strings("regions").map { spellings.region(RegionID($0)) },
            regionShares: Dictionary(
                try fields.numbers("region-shares").map { (spellings.region(RegionID($0.key)), $0.value) },
                uniquingKeysWith: { first, _ in first }),
            language: try fields.optionalString("language"),
            translations: try fields.list("translations").map { item throws(InterchangeError) in
                let translation = try JSONFields(item, "a translation of \(what)", keys: ["field", "language", "text"])
                _ = try translation.string("field")
                return Translation(
                    field: try translation.word("field", Translation.Field.self) ?? .title,
                    language: try translation.string("language"), text: try translation.string("text"))
            })
        merge(portfolio.projects[project.id], project, what: "project \(id)", at: node, add: { .addProject($0) },
              update: { .updateProject(old: $0, new: $1) })
        for item in try fields.list("outcomes") { try outcome(item, of: project.id, in: what) }
        for item in try fields.list("links") { try link(item, of: project.id, in: what) }
        for item in try fields.list("notes") { try note(item, of: project.id, in: what) }
    }

    mutating func outcome(_ node: JSONNode, of project: ProjectID, in owner: String) throws(InterchangeError) {
        var fields = try JSONFields(node, "an outcome of \(owner)", keys: [
            "key", "title", "level", "unit", "measure", "baseline", "baseline-date", "target", "due", "direction", "regions", "dims",
            "records",
        ])
        let key = try fields.string("key")
        let id = spellings.outcome(OutcomeID(project: project, key: key))
        fields = fields.named("outcome '\(id)'")
        try once("outcome", id.rawValue, node)
        let outcome = Outcome(
            id: id, title: try fields.string("title"), level: try fields.word("level", OutcomeLevel.self) ?? .output,
            unit: try fields.optionalString("unit"), measure: try fields.word("measure", Measure.self) ?? .count,
            baseline: try fields.decimal("baseline"), baselineDate: try fields.optionalDay("baseline-date"),
            target: try fields.decimal("target"), due: try fields.optionalDay("due"),
            direction: try fields.word("direction", Direction.self) ?? .up,
            regions: try fields.strings("regions").map { spellings.region(RegionID($0)) },
            dims: try fields.strings("dims"))
        let before = result.changes.count
        merge(portfolio.outcomes[id], outcome, what: "outcome \(id)", at: node, add: { .addOutcome($0) },
              update: { .updateOutcome(old: $0, new: $1) })
        outcomeChanges += takeNew(from: before)
        for item in try fields.list("records") { try record(item, of: id) }
    }

    /// Moves the changes added since `start` to a later group: outcomes come after every
    /// project, links after every partner, records after their outcomes.
    private mutating func takeNew(from start: Int) -> [(Change, Int)] {
        guard result.changes.count > start else { return [] }
        let taken = zip(result.changes[start...], result.lines[start...]).map { ($0, $1) }
        result.changes.removeSubrange(start...)
        result.lines.removeSubrange(start...)
        return taken
    }

    mutating func link(_ node: JSONNode, of project: ProjectID, in owner: String) throws(InterchangeError) {
        let fields = try JSONFields(node, "a link of \(owner)", keys: ["partner", "role", "amount"])
        let partner = spellings.partner(PartnerID(try fields.string("partner")))
        guard let role = try fields.word("role", Role.self) else { throw InterchangeError("a link of \(owner) has no role", line: node.line, column: node.column) }
        try once("link", "\(project) \(partner) \(role.rawValue)", node)
        let link = Participation(project: project, partner: partner, role: role, amount: try fields.money("amount"))
        let old = portfolio.participations(of: project).first { $0.partner == partner && $0.role == role }
        let before = result.changes.count
        if let old, old != link, replace {
            result.add(.unlink(old), at: node.line)
            result.add(.link(link), at: node.line)
        } else {
            merge(old, link, what: "link \(project) \(partner) as \(role.rawValue)", at: node, add: { .link($0) },
                  update: { _, new in .link(new) })
        }
        linkChanges += takeNew(from: before)
    }

    mutating func record(_ node: JSONNode, of outcome: OutcomeID) throws(InterchangeError) {
        let fields = try JSONFields(node, "a record of outcome '\(outcome)'", keys: ["id", "date", "value", "dimensions", "note", "source"])
        let id = try fields.optionalString("id").map { RecordID($0) } ?? RecordID()
        try once("record", id.rawValue, node)
        let record = OutcomeRecord(
            id: id, outcome: outcome, date: try fields.day("date"), value: try fields.decimal("value"),
            dimensions: try fields.dimensions("dimensions"), note: try fields.optionalString("note"), source: try fields.optionalString("source"))
        let old = portfolio.measurements(of: outcome).first { $0.id == id }
        let before = result.changes.count
        if let old, old != record, replace {
            result.add(.unrecord(old), at: node.line)
            result.add(.record(record), at: node.line)
        } else {
            merge(old, record, what: "record \(id) of \(outcome)", at: node, add: { .record($0) }, update: { _, new in .record(new) })
        }
        recordChanges += takeNew(from: before)
    }

    mutating func note(_ node: JSONNode, of project: ProjectID, in owner: String) throws(InterchangeError) {
        let fields = try JSONFields(node, "a note of \(owner)", keys: ["id", "date", "text"])
        let id = try fields.optionalString("id").map { RecordID($0) } ?? RecordID()
        try once("note", id.rawValue, node)
        let note = Note(id: id, project: project, date: try fields.day("date"), text: try fields.string("text"))
        let old = portfolio.notes(of: project).first { $0.id == id }
        let before = result.changes.count
        if let old, old != note, replace {
            result.add(.removeNote(old), at: node.line)
            result.add(.addNote(note), at: node.line)
        } else {
            merge(old, note, what: "note \(id) of \(project)", at: node, add: { .addNote($0) }, update: { _, new in .addNote(new) })
        }
        noteChanges += takeNew(from: before)
    }

    /// The document's `settings`: the store's progress margins, taken when this store keeps the
    /// standard ones (or with `replace`), else a conflict.
    mutating func settings(_ document: JSONFields) throws(InterchangeError) {
        guard document.has("settings") else { return }
        var new = ProgressThresholds.standard
        let line = document.node.line
        for (key, value) in try document.numbers("settings") {
            switch key {
            case "on-track-margin": new.onTrack = value
            case "at-risk-margin": new.atRisk = value
            default:
                throw InterchangeError(
                    "settings has no field '\(key)'; its fields are on-track-margin, at-risk-margin", line: line, column: 1,
                    suggestion: Spelling.nearest(to: key, in: ["on-track-margin", "at-risk-margin"]))
            }
        }
        if let problem = new.problem { throw InterchangeError("settings: \(problem)", line: line, column: 1) }
        guard new != portfolio.thresholds else { return }
        if portfolio.thresholds == .standard || replace {
            result.add(.setThresholds(old: portfolio.thresholds, new: new), at: line)
        } else {
            let here = portfolio.thresholds
            conflicts.append((
                "the settings (on-track-margin \(here.onTrack) and at-risk-margin \(here.atRisk) here, \(new.onTrack) and \(new.atRisk) in the file)",
                line, 1))
        }
    }

    mutating func finish() throws(InterchangeError) -> ImportPlan {
        if let error = ImportPlan.conflictError(
            conflicts.map { ($0.what, $0.line) }, one: "entity exists", many: "entities exist", difference: "with different content",
            column: conflicts.first?.column ?? 1)
        {
            throw error
        }
        for (change, line) in outcomeChanges + linkChanges + recordChanges + noteChanges { result.add(change, at: line) }
        return result
    }
}
