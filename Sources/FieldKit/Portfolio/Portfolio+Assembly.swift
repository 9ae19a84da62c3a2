extension Portfolio {
    /// Builds a portfolio from entities in any order, checking every invariant as
    /// ``apply(_:)`` does; a store uses it to load its tables.
    ///
    /// Regions are added parents and members first; links are kept by role, then partner.
    ///
    /// - Parameters:
    ///   - regions: every region, in any order.
    ///   - partners: every partner.
    ///   - projects: every project.
    ///   - outcomes: every outcome; each project must be among `projects`.
    ///   - participations: every link.
    ///   - measurements: every record.
    ///   - notes: every note.
    /// - Throws: `ChangeError` for the first entity that breaks an invariant (a duplicate id, a missing reference, a value out of range).
    public init(
        regions: [Region], partners: [Partner], projects: [Project], outcomes: [Outcome],
        participations: [Participation], measurements: [OutcomeRecord], notes: [Note]
    ) throws(ChangeError) {
        self.init()
        self.regions.reserveCapacity(regions.count)
        var pending = Dictionary(regions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Regions whose dependencies are missing are added last, so that apply names the problem.
        var ordered: [Region] = []
        func place(_ id: RegionID, depth: Int) {
            guard depth < 1_000, let region = pending.removeValue(forKey: id) else { return }
            if let parent = region.parent { place(parent, depth: depth + 1) }
            for member in region.includes { place(member, depth: depth + 1) }
            ordered.append(region)
        }
        for region in regions { place(region.id, depth: 0) }
        for region in ordered { try apply(.addRegion(region)) }
        if regions.count != ordered.count, let duplicate = regions.first(where: { region in
            regions.filter { $0.id == region.id }.count > 1
        }) {
            throw ChangeError(.duplicate, .region, duplicate.id.rawValue, reason: "a region with this id already exists")
        }
        try add(
            partners: partners, projects: projects, outcomes: outcomes, participations: participations,
            measurements: measurements, notes: notes)
    }

    /// Adds a record as ``apply(_:)`` adds `.record(record)`, checked the same way, for a
    /// store that reads a large table of them: without wrapping each in a ``Change`` or
    /// drawing a revision per record. Call ``renewRevision()`` once the records are in.
    package mutating func add(record: OutcomeRecord) throws(ChangeError) {
        try self.record(record)
    }

    /// Draws a new revision, after ``add(record:)``: caches keyed on the old one see a new state.
    package mutating func renewRevision() {
        revision = RecordID.randomTail()
    }

    /// Makes room for `count` more records, for a store that adds a large table of them
    /// one by one as it reads them.
    ///
    /// - Parameter count: how many records will be added.
    public mutating func reserveCapacity(records count: Int) {
        measurementIDs.reserveCapacity(measurementIDs.count + count)
    }

    /// Adds entities in any order, checking every invariant as ``apply(_:)`` does: how a
    /// store adds the projects a question needs to a portfolio of regions it already built.
    ///
    /// - Parameters:
    ///   - partners: partners to add.
    ///   - projects: projects to add.
    ///   - outcomes: outcomes of projects now in the portfolio.
    ///   - participations: links of those projects.
    ///   - measurements: records of those outcomes.
    ///   - notes: notes of those projects.
    /// - Throws: `ChangeError` for the first entity that breaks an invariant.
    public mutating func add(
        partners: [Partner] = [], projects: [Project], outcomes: [Outcome] = [], participations: [Participation] = [],
        measurements: [OutcomeRecord] = [], notes: [Note] = []
    ) throws(ChangeError) {
        // Sized once up front: growing these tables while loading 100k rows rehashed them
        // repeatedly. Only those that grow: a one-shot question reading a few projects
        // without their outcomes need not set up the tables it leaves empty.
        if !partners.isEmpty { self.partners.reserveCapacity(self.partners.count + partners.count) }
        if !projects.isEmpty {
            self.projects.reserveCapacity(self.projects.count + projects.count)
            participationsByProject.reserveCapacity(participationsByProject.count + projects.count)
            outcomesByProject.reserveCapacity(outcomesByProject.count + projects.count)
        }
        if !outcomes.isEmpty {
            self.outcomes.reserveCapacity(self.outcomes.count + outcomes.count)
            measurementsByOutcome.reserveCapacity(measurementsByOutcome.count + outcomes.count)
        }
        if !measurements.isEmpty { measurementIDs.reserveCapacity(measurementIDs.count + measurements.count) }
        if !notes.isEmpty { noteIDs.reserveCapacity(noteIDs.count + notes.count) }
        for partner in partners { try apply(.addPartner(partner)) }
        for project in projects { try apply(.addProject(project)) }
        for outcome in outcomes { try apply(.addOutcome(outcome)) }
        for participation in participations { try apply(.link(participation)) }
        for measurement in measurements { try apply(.record(measurement)) }
        for note in notes { try apply(.addNote(note)) }
    }
}
