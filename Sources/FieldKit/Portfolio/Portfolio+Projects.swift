import Foundation

extension Portfolio {
    func validate(_ project: Project) throws(ChangeError) {
        let id = project.id.rawValue
        if project.title.isBlank() {
            throw ChangeError(.invalidValue, .project, id, field: "title", reason: "the title is empty")
        }
        try checkRegionsExist(project.regions, .project, id)
        try Self.checkOrder(project.start, project.end, .project, id, names: ("start", "end"))
        try Self.checkOrder(project.actualStart, project.actualEnd, .project, id, names: ("actual-start", "actual-end"))
        try Self.checkLanguages(of: project)
        for (region, share) in project.regionShares {
            guard project.regions.contains(region) else {
                throw ChangeError(.invalidValue, .project, id, field: "region-shares", reason: "\(region) has a share but is not one of its regions")
            }
            guard share >= 0 && share <= 100 else {
                throw ChangeError(.invalidValue, .project, id, field: "region-shares", reason: "the share of \(region) is \(share)%; a share is 0 to 100%")
            }
        }
    }

    /// Refuses a language code that is not one, a translation into the project's own
    /// language, an empty translation, and two translations of one text into one language.
    static func checkLanguages(of project: Project) throws(ChangeError) {
        let id = project.id.rawValue
        if let language = project.language, !Translation.isLanguageCode(language) {
            throw ChangeError(.invalidValue, .project, id, field: "language", reason: "'\(language)' is not an ISO 639 language code such as 'en'")
        }
        for (index, translation) in project.translations.enumerated() {
            let field = "\(translation.field.rawValue).\(translation.language)"
            guard Translation.isLanguageCode(translation.language) else {
                throw ChangeError(.invalidValue, .project, id, field: field, reason: "'\(translation.language)' is not an ISO 639 language code such as 'en'")
            }
            if translation.language == project.language {
                throw ChangeError(.invalidValue, .project, id, field: field, reason: "the project's own language is its title and summary")
            }
            if translation.text.isBlank() {
                throw ChangeError(.invalidValue, .project, id, field: field, reason: "the translation is empty")
            }
            if project.translations[..<index].contains(where: { $0.field == translation.field && $0.language == translation.language }) {
                throw ChangeError(.invalidValue, .project, id, field: field, reason: "it is given twice")
            }
        }
    }

    mutating func addProject(_ project: Project) throws(ChangeError) {
        try Self.checkWellFormed(project.id.rawValue, .project)
        guard projects[project.id] == nil else {
            throw ChangeError(.duplicate, .project, project.id.rawValue, reason: "a project with this id already exists")
        }
        try validate(project)
        projects[project.id] = project
        indexRegions(of: project)
    }

    mutating func updateProject(old: Project, new: Project) throws(ChangeError) {
        try Self.checkCurrent(projects[old.id], matches: old, .project, old.id.rawValue)
        guard new.id.rawValue == old.id.rawValue else {
            throw ChangeError(.invalidValue, .project, old.id.rawValue, field: "id", reason: "an update cannot change the id; rename it")
        }
        try validate(new)
        unindexRegions(of: old)
        projects[new.id] = new
        indexRegions(of: new)
    }

    mutating func removeProject(_ project: Project) throws(ChangeError) {
        let id = project.id
        try Self.checkCurrent(projects[id], matches: project, .project, id.rawValue)
        var references: [String] = []
        func count(_ n: Int, _ noun: String) { if n > 0 { references.append("\(n) \(noun)\(n == 1 ? "" : "s")") } }
        count(outcomesByProject[id]?.count ?? 0, "outcome")
        count(participationsByProject[id]?.count ?? 0, "link")
        count(notesByProject[id]?.count ?? 0, "note")
        guard references.isEmpty else {
            throw ChangeError(
                .referenced, .project, id.rawValue,
                reason: "it still has \(references.joined(separator: ", ")); remove those first, or use force")
        }
        unindexRegions(of: project)
        projects[id] = nil
    }

    mutating func renameProject(from: ProjectID, to: ProjectID) throws(ChangeError) {
        try Self.checkRename(
            from: from.rawValue, to: to.rawValue, .project, exists: projects[from] != nil,
            taken: projects[to] != nil, sameKey: from == to)
        guard var project = projects[from] else { return }
        unindexRegions(of: project)
        projects[from] = nil
        project.id = to
        projects[to] = project
        indexRegions(of: project)

        if var links = participationsByProject.removeValue(forKey: from) {
            for index in links.indices { links[index].project = to }
            participationsByProject[to] = links
            for partner in Set(links.map(\.partner)) {
                projectsByPartner[partner]?.remove(from)
                projectsByPartner[partner]?.insert(to)
            }
        }
        if var notes = notesByProject.removeValue(forKey: from) {
            for index in notes.indices { notes[index].project = to }
            notesByProject[to] = notes
        }
        for outcomeID in outcomesByProject[from] ?? [] {
            moveOutcome(from: outcomeID, to: OutcomeID(project: to, key: outcomeID.key.rawValue))
        }
    }

    mutating func indexRegions(of project: Project) {
        for region in project.regions { projectsByRegion[region, default: []].insert(project.id) }
    }

    mutating func unindexRegions(of project: Project) {
        for region in project.regions {
            projectsByRegion[region]?.remove(project.id)
            if projectsByRegion[region]?.isEmpty == true { projectsByRegion[region] = nil }
        }
    }
}
