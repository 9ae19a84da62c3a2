/// Every mutation a ``Portfolio`` accepts. ``Portfolio/apply(_:)`` is the only way in.
///
/// Each case carries the values it replaces, so every change has an ``inverse`` that
/// undoes it exactly, and the journal can be replayed or reverted without the state it
/// was written against.
public indirect enum Change: Hashable, Sendable {
    /// Adds a project.
    case addProject(Project)
    /// Replaces a project's fields (`set`, `unset`); `old` must match the current state.
    case updateProject(old: Project, new: Project)
    /// Removes a project that nothing refers to.
    case removeProject(Project)
    /// Gives a project a new id, carrying its outcomes, links and notes along.
    case renameProject(from: ProjectID, to: ProjectID)

    /// Adds a partner.
    case addPartner(Partner)
    /// Replaces a partner's fields; `old` must match the current state.
    case updatePartner(old: Partner, new: Partner)
    /// Removes a partner linked to no project.
    case removePartner(Partner)
    /// Gives a partner a new id, carrying its links along.
    case renamePartner(from: PartnerID, to: PartnerID)

    /// Adds a region.
    case addRegion(Region)
    /// Replaces a region's fields; `old` must match the current state.
    case updateRegion(old: Region, new: Region)
    /// Removes a region nothing refers to.
    case removeRegion(Region)
    /// Gives a region a new id, updating every reference to it.
    case renameRegion(from: RegionID, to: RegionID)

    /// Adds an outcome to an existing project.
    case addOutcome(Outcome)
    /// Replaces an outcome's fields; `old` must match the current state.
    case updateOutcome(old: Outcome, new: Outcome)
    /// Removes an outcome that has no records.
    case removeOutcome(Outcome)
    /// Gives an outcome a new id, carrying its records along.
    case renameOutcome(from: OutcomeID, to: OutcomeID)

    /// Links a partner to a project in a role.
    case link(Participation)
    /// Removes a link; the value must match the current one, amount included.
    case unlink(Participation)
    /// Records a measurement.
    case record(OutcomeRecord)
    /// Removes a measurement.
    case unrecord(OutcomeRecord)
    /// Adds a note to a project.
    case addNote(Note)
    /// Removes a note.
    case removeNote(Note)

    /// Sets the store's progress margins; `old` must match the current ones.
    case setThresholds(old: ProgressThresholds, new: ProgressThresholds)

    /// The change that undoes this one.
    public var inverse: Change {
        switch self {
        case .addProject(let value): .removeProject(value)
        case .updateProject(let old, let new): .updateProject(old: new, new: old)
        case .removeProject(let value): .addProject(value)
        case .renameProject(let from, let to): .renameProject(from: to, to: from)
        case .addPartner(let value): .removePartner(value)
        case .updatePartner(let old, let new): .updatePartner(old: new, new: old)
        case .removePartner(let value): .addPartner(value)
        case .renamePartner(let from, let to): .renamePartner(from: to, to: from)
        case .addRegion(let value): .removeRegion(value)
        case .updateRegion(let old, let new): .updateRegion(old: new, new: old)
        case .removeRegion(let value): .addRegion(value)
        case .renameRegion(let from, let to): .renameRegion(from: to, to: from)
        case .addOutcome(let value): .removeOutcome(value)
        case .updateOutcome(let old, let new): .updateOutcome(old: new, new: old)
        case .removeOutcome(let value): .addOutcome(value)
        case .renameOutcome(let from, let to): .renameOutcome(from: to, to: from)
        case .link(let value): .unlink(value)
        case .unlink(let value): .link(value)
        case .record(let value): .unrecord(value)
        case .unrecord(let value): .record(value)
        case .addNote(let value): .removeNote(value)
        case .removeNote(let value): .addNote(value)
        case .setThresholds(let old, let new): .setThresholds(old: new, new: old)
        }
    }

    /// The kind of entity the change touches.
    public var kind: EntityKind {
        switch self {
        case .addProject, .updateProject, .removeProject, .renameProject: .project
        case .addPartner, .updatePartner, .removePartner, .renamePartner: .partner
        case .addRegion, .updateRegion, .removeRegion, .renameRegion: .region
        case .addOutcome, .updateOutcome, .removeOutcome, .renameOutcome: .outcome
        case .link, .unlink: .link
        case .record, .unrecord: .record
        case .addNote, .removeNote: .note
        case .setThresholds: .setting
        }
    }

    /// The id of the entity the change touches, as written (for a rename, the new id).
    public var subject: String {
        switch self {
        case .addProject(let value), .removeProject(let value), .updateProject(_, let value): value.id.rawValue
        case .renameProject(_, let to): to.rawValue
        case .addPartner(let value), .removePartner(let value), .updatePartner(_, let value): value.id.rawValue
        case .renamePartner(_, let to): to.rawValue
        case .addRegion(let value), .removeRegion(let value), .updateRegion(_, let value): value.id.rawValue
        case .renameRegion(_, let to): to.rawValue
        case .addOutcome(let value), .removeOutcome(let value), .updateOutcome(_, let value): value.id.rawValue
        case .renameOutcome(_, let to): to.rawValue
        case .link(let value), .unlink(let value): "\(value.project.rawValue) \(value.partner.rawValue) \(value.role.rawValue)"
        case .record(let value), .unrecord(let value): value.outcome.rawValue
        case .addNote(let value), .removeNote(let value): value.project.rawValue
        case .setThresholds: "thresholds"
        }
    }
}
