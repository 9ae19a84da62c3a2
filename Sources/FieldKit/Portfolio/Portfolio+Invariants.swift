extension Portfolio {
    /// What is wrong with this portfolio's derived state, in words; empty when nothing is.
    ///
    /// Every index is rebuilt from the entities, links, records and notes and compared with
    /// the one ``apply(_:)`` maintains. Every reference must resolve, every list of records,
    /// notes and links must be in its order, and every count must match. `==` compares only
    /// the entities, so a stale index after a rename or an inverse would otherwise pass every
    /// test. It costs about a load: tests call it after applies, inverses, replays and loads,
    /// and `.check` runs it on the store's portfolio.
    package func invariantViolations() -> [String] {
        var problems: [String] = []
        func expect(_ condition: Bool, _ problem: @autoclosure () -> String) {
            if !condition { problems.append(problem()) }
        }
        func same<K: Hashable, V: Hashable>(_ name: String, _ kept: [K: Set<V>], _ rebuilt: [K: Set<V>]) {
            // Strict: every mutator drops an entry it leaves empty.
            expect(kept == rebuilt, "the index \(name) does not match the entities")
        }
        // Entities are filed under their own ids, spelt as the entity spells them.
        for (id, project) in projects { expect(id.rawValue == project.id.rawValue, "project \(project.id) is filed as \(id)") }
        for (id, partner) in partners { expect(id.rawValue == partner.id.rawValue, "partner \(partner.id) is filed as \(id)") }
        for (id, region) in regions { expect(id.rawValue == region.id.rawValue, "region \(region.id) is filed as \(id)") }
        for (id, outcome) in outcomes { expect(id.rawValue == outcome.id.rawValue, "outcome \(outcome.id) is filed as \(id)") }

        // References spelt as what they refer to: a case-only rename must reach every one
        // (ids compare case-insensitively, so nothing else would notice a stale spelling).
        func spelt<K>(_ reference: EntityID<K>, as found: EntityID<K>?, _ what: @autoclosure () -> String) {
            if let found { expect(reference.rawValue == found.rawValue, "\(what()) spells \(found) as \(reference)") }
        }
        for project in projects.values {
            for region in project.regions { spelt(region, as: regions[region]?.id, "project \(project.id)") }
            for region in project.regionShares.keys {
                spelt(region, as: regions[region]?.id, "the region shares of project \(project.id)")
                expect(project.regions.contains(region), "project \(project.id) has a share of \(region), not one of its regions")
            }
        }
        for region in regions.values {
            if let parent = region.parent { spelt(parent, as: regions[parent]?.id, "region \(region.id)") }
            for member in region.includes { spelt(member, as: regions[member]?.id, "area \(region.id)") }
        }
        for outcome in outcomes.values {
            spelt(outcome.id.project, as: projects[outcome.id.project]?.id, "outcome \(outcome.id)")
            for region in outcome.regions { spelt(region, as: regions[region]?.id, "outcome \(outcome.id)") }
        }
        for list in participationsByProject.values {
            for link in list {
                spelt(link.project, as: projects[link.project]?.id, "a link")
                spelt(link.partner, as: partners[link.partner]?.id, "a link of \(link.project)")
            }
        }
        for list in measurementsByOutcome.values {
            for record in list {
                if let found = outcomes[record.outcome]?.id {
                    expect(record.outcome.rawValue == found.rawValue, "a record spells \(found) as \(record.outcome)")
                }
            }
        }
        for list in notesByProject.values {
            for note in list { spelt(note.project, as: projects[note.project]?.id, "a note") }
        }

        // The region graph, and what lies in each region.
        var children: [RegionID: Set<RegionID>] = [:]
        var areas: [RegionID: Set<RegionID>] = [:]
        for region in regions.values {
            if let parent = region.parent {
                expect(regions[parent] != nil, "region \(region.id) has a parent \(parent) that does not exist")
                children[parent, default: []].insert(region.id)
            }
            for member in region.includes {
                expect(regions[member] != nil, "area \(region.id) includes \(member), which does not exist")
                areas[member, default: []].insert(region.id)
            }
        }
        same("childrenByRegion", childrenByRegion, children)
        same("areasByMember", areasByMember, areas)
        var projectsInRegion: [RegionID: Set<ProjectID>] = [:]
        for project in projects.values {
            for region in project.regions {
                expect(regions[region] != nil, "project \(project.id) works in \(region), which does not exist")
                projectsInRegion[region, default: []].insert(project.id)
            }
        }
        same("projectsByRegion", projectsByRegion, projectsInRegion)
        var outcomesInRegion: [RegionID: Set<OutcomeID>] = [:]
        var outcomesOfProject: [ProjectID: Set<OutcomeID>] = [:]
        for outcome in outcomes.values {
            expect(projects[outcome.id.project] != nil, "outcome \(outcome.id) belongs to no project")
            outcomesOfProject[outcome.id.project, default: []].insert(outcome.id)
            for region in outcome.regions {
                expect(regions[region] != nil, "outcome \(outcome.id) covers \(region), which does not exist")
                outcomesInRegion[region, default: []].insert(outcome.id)
            }
        }
        same("outcomesByRegion", outcomesByRegion, outcomesInRegion)
        same("outcomesByProject", outcomesByProject, outcomesOfProject)

        // Links: under their project, in order, to partners that exist; and the reverse index.
        var projectsOfPartner: [PartnerID: Set<ProjectID>] = [:]
        var links = 0
        for (project, list) in participationsByProject {
            expect(projects[project] != nil, "links are kept for \(project), which does not exist")
            expect(!list.isEmpty, "an empty list of links is kept for \(project)")
            expect(zip(list, list.dropFirst()).allSatisfy { Self.linkOrder($0) < Self.linkOrder($1) },
                   "the links of \(project) are out of order or repeated")
            for link in list {
                expect(link.project == project, "a link of \(link.project) is kept under \(project)")
                expect(partners[link.partner] != nil, "\(project) is linked to \(link.partner), which does not exist")
                projectsOfPartner[link.partner, default: []].insert(project)
            }
            links += list.count
        }
        same("projectsByPartner", projectsByPartner, projectsOfPartner)
        expect(participationCount == links, "participationCount is \(participationCount), but there are \(links) links")

        // Records and notes: under their outcome or project, in (date, id) order, ids unique.
        /// Checks one table of dated items kept by owner; returns their ids and how many there are.
        func dated<Owner: Hashable & CustomStringConvertible, Item>(
            _ table: [Owner: [Item]], _ plural: String, exists: (Owner) -> Bool, owner: (Item) -> Owner,
            date: (Item) -> Day, id: (Item) -> RecordID
        ) -> (ids: Set<RecordID>, count: Int) {
            var ids: Set<RecordID> = []
            var count = 0
            for (key, list) in table {
                expect(exists(key), "\(plural) are kept for \(key), which does not exist")
                expect(!list.isEmpty, "an empty list of \(plural) is kept for \(key)")
                expect(zip(list, list.dropFirst()).allSatisfy { (date($0), id($0)) < (date($1), id($1)) },
                       "the \(plural) of \(key) are out of order or repeated")
                for item in list {
                    expect(owner(item) == key, "one of the \(plural) of \(owner(item)) is kept under \(key)")
                    ids.insert(id(item))
                }
                count += list.count
            }
            return (ids, count)
        }
        let records = dated(measurementsByOutcome, "records", exists: { outcomes[$0] != nil }, owner: \.outcome, date: \.date, id: \.id)
        expect(measurementIDs == records.ids, "measurementIDs does not match the records")
        expect(measurementCount == records.count, "measurementCount is \(measurementCount), but there are \(records.count) records")
        let notes = dated(notesByProject, "notes", exists: { projects[$0] != nil }, owner: \.project, date: \.date, id: \.id)
        expect(noteIDs == notes.ids, "noteIDs does not match the notes")
        expect(noteCount == notes.count, "noteCount is \(noteCount), but there are \(notes.count) notes")
        return problems
    }
}
