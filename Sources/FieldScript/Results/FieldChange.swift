import FieldKit
import Foundation

/// What one change of the journal did, field by field: `project TIP-2007 status: active →
/// closed`. `history` shows a line of these per change; JSON carries them as objects with
/// their old and new values.
public struct FieldChange: Hashable, Sendable, CustomStringConvertible {
    /// What was done.
    public enum Action: String, Hashable, Sendable {
        case add, update, remove, rename, link, unlink, record, unrecord, note, unnote
    }

    /// What was done.
    public var action: Action
    /// The kind of thing: `project`, `partner`, `region`, `outcome`, `link`, `record`, `note`.
    public var kind: String
    /// Its id: for a link `TIP-2007 france funder`, for a record or a note its outcome's or project's.
    public var id: String
    /// The field changed, for an update or a rename (`id`); nil otherwise.
    public var field: String?
    /// The value before; nil when there was none.
    public var old: Value?
    /// The value after; nil when there is none.
    public var new: Value?

    /// Creates a description of one change to one field.
    ///
    /// - Parameters:
    ///   - action: what was done.
    ///   - kind: the kind of thing.
    ///   - id: its id.
    ///   - field: the field changed, for an update or a rename.
    ///   - old: the value before.
    ///   - new: the value after.
    public init(_ action: Action, _ kind: String, _ id: String, field: String? = nil, old: Value? = nil, new: Value? = nil) {
        self.action = action
        self.kind = kind
        self.id = id
        self.field = field
        self.old = old
        self.new = new
    }

    /// `project TIP-2007 status: active → closed`, `added partner france`: every value whole,
    /// as data formats and conditions read it.
    public var description: String { text(limit: nil) }

    /// The same, each value cut to `limit` characters (with `…`) when longer: what a drawn
    /// table shows, so that a changed summary does not fill the screen.
    func text(limit: Int?) -> String {
        func shown(_ value: Value?) -> String {
            guard let value, !value.isEmpty else { return "—" }
            let text = value.text
            guard let limit, text.count > limit else { return text }
            return String(text.prefix(limit - 1)) + "…"
        }
        switch action {
        case .update: return "\(kind) \(id) \(field ?? ""): \(shown(old)) → \(shown(new))"
        case .rename: return "renamed \(kind) \(shown(old)) → \(shown(new))"
        case .add: return "added \(kind) \(id)"
        case .remove: return "removed \(kind) \(id)"
        case .link: return "linked \(id)" + (new.map { " amount \($0.text)" } ?? "")
        case .unlink: return "unlinked \(id)" + (old.map { " amount \($0.text)" } ?? "")
        case .record: return "recorded \(id) \(shown(new))"
        case .unrecord: return "removed record \(id) \(shown(old))"
        case .note: return "noted \(id): \(shown(new))"
        case .unnote: return "removed note \(id): \(shown(old))"
        }
    }

    /// The field changes of one change of the domain.
    static func of(_ change: Change) -> [FieldChange] {
        switch change {
        case .addProject(let value): [FieldChange(.add, "project", value.id.rawValue)]
        case .removeProject(let value): [FieldChange(.remove, "project", value.id.rawValue)]
        case .updateProject(let old, let new): diff("project", new.id.rawValue, fields(old), fields(new))
        case .renameProject(let from, let to): [FieldChange(.rename, "project", to.rawValue, field: "id", old: .text(from.rawValue), new: .text(to.rawValue))]
        case .addPartner(let value): [FieldChange(.add, "partner", value.id.rawValue)]
        case .removePartner(let value): [FieldChange(.remove, "partner", value.id.rawValue)]
        case .updatePartner(let old, let new): diff("partner", new.id.rawValue, fields(old), fields(new))
        case .renamePartner(let from, let to): [FieldChange(.rename, "partner", to.rawValue, field: "id", old: .text(from.rawValue), new: .text(to.rawValue))]
        case .addRegion(let value): [FieldChange(.add, "region", value.id.rawValue)]
        case .removeRegion(let value): [FieldChange(.remove, "region", value.id.rawValue)]
        case .updateRegion(let old, let new): diff("region", new.id.rawValue, fields(old), fields(new))
        case .renameRegion(let from, let to): [FieldChange(.rename, "region", to.rawValue, field: "id", old: .text(from.rawValue), new: .text(to.rawValue))]
        case .addOutcome(let value): [FieldChange(.add, "outcome", value.id.rawValue)]
        case .removeOutcome(let value): [FieldChange(.remove, "outcome", value.id.rawValue)]
        case .updateOutcome(let old, let new): diff("outcome", new.id.rawValue, fields(old), fields(new))
        case .renameOutcome(let from, let to): [FieldChange(.rename, "outcome", to.rawValue, field: "id", old: .text(from.rawValue), new: .text(to.rawValue))]
        case .link(let link): [FieldChange(.link, "link", linkID(link), new: link.amount.map { .money($0) })]
        case .unlink(let link): [FieldChange(.unlink, "link", linkID(link), old: link.amount.map { .money($0) })]
        case .record(let record): [FieldChange(.record, "record", record.outcome.rawValue, new: .text(recordText(record)))]
        case .unrecord(let record): [FieldChange(.unrecord, "record", record.outcome.rawValue, old: .text(recordText(record)))]
        case .addNote(let note): [FieldChange(.note, "note", note.project.rawValue, new: .text("\(note.date) \(note.text)"))]
        case .removeNote(let note): [FieldChange(.unnote, "note", note.project.rawValue, old: .text("\(note.date) \(note.text)"))]
        case .setThresholds(let old, let new):
            diff("setting", "store", [("on-track-margin", .number(old.onTrack)), ("at-risk-margin", .number(old.atRisk))],
                [("on-track-margin", .number(new.onTrack)), ("at-risk-margin", .number(new.atRisk))])
        }
    }

    private static func linkID(_ link: Participation) -> String { "\(link.project) \(link.partner) as \(link.role.rawValue)" }

    /// `2 on 2007-09-30 sex=female "Leilek and Kadamjay"`.
    private static func recordText(_ record: OutcomeRecord) -> String {
        var parts = [record.value.map { "\($0)" } ?? "—", "on \(record.date)"]
        parts += record.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let note = record.note { parts.append("note \"\(note)\"") }
        return parts.joined(separator: " ")
    }

    /// An update as the fields whose values differ, in the order the fields are listed.
    private static func diff(_ kind: String, _ id: String, _ old: [(String, Value)], _ new: [(String, Value)]) -> [FieldChange] {
        zip(old, new).compactMap { before, after in
            before.1 == after.1 ? nil : FieldChange(.update, kind, id, field: before.0, old: before.1.isEmpty ? nil : before.1, new: after.1.isEmpty ? nil : after.1)
        }
    }

    private static func fields(_ project: Project) -> [(String, Value)] {
        [
            ("title", .text(project.title)), ("summary", Sources.optional(project.summary)), ("status", .text(project.status.rawValue)),
            ("start", Sources.optional(project.start)), ("end", Sources.optional(project.end)), ("actual-start", Sources.optional(project.actualStart)),
            ("actual-end", Sources.optional(project.actualEnd)), ("budget", project.budget.map { .money($0) } ?? .null),
            ("sectors", Sources.list(project.sectors)), ("target-groups", Sources.list(project.targetGroups)),
            ("regions", Sources.list(project.regions.map(\.rawValue))), ("tags", Sources.list(project.tags)),
            ("region-shares", Sources.list(project.regions.compactMap { region in project.regionShares[region].map { "\(region) \($0)%" } })),
            ("language", Sources.optional(project.language)),
            ("translations", Sources.list(project.translations.map { "\($0.field.rawValue) \($0.language): \($0.text)" })),
        ]
    }

    private static func fields(_ partner: Partner) -> [(String, Value)] {
        [
            ("name", .text(partner.name)), ("acronym", Sources.optional(partner.acronym)), ("kind", Sources.optional(partner.kind?.rawValue)),
            ("country", Sources.optional(partner.country)), ("ref", Sources.optional(partner.ref)), ("contact", Sources.list(partner.contacts.map(\.description))),
        ]
    }

    private static func fields(_ region: Region) -> [(String, Value)] {
        [
            ("name", .text(region.name)), ("level", .text(region.level.rawValue)), ("parent", Sources.optional(region.parent?.rawValue)),
            ("includes", Sources.list(region.includes.map(\.rawValue))),
        ]
    }

    private static func fields(_ outcome: Outcome) -> [(String, Value)] {
        [
            ("title", .text(outcome.title)), ("level", .text(outcome.level.rawValue)), ("unit", Sources.optional(outcome.unit)),
            ("measure", .text(outcome.measure.rawValue)), ("baseline", Sources.optional(outcome.baseline)),
            ("baseline-date", Sources.optional(outcome.baselineDate)), ("target", Sources.optional(outcome.target)), ("due", Sources.optional(outcome.due)),
            ("direction", .text(outcome.direction.rawValue)), ("regions", Sources.list(outcome.regions.map(\.rawValue))), ("dims", Sources.list(outcome.dims)),
        ]
    }
}
