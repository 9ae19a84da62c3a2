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
