import Foundation

extension Portfolio {
    func validate(_ region: Region) throws(ChangeError) {
        let id = region.id.rawValue
        if region.name.isBlank() {
            throw ChangeError(.invalidValue, .region, id, field: "name", reason: "the name is empty")
        }
        // A region that names itself loops, whether or not it exists yet.
        if region.parent == region.id {
            throw ChangeError(.cycle, .region, id, field: "parent", reason: "a region cannot be its own parent")
        }
        if region.includes.contains(region.id) {
            throw ChangeError(.cycle, .region, id, field: "includes", reason: "an area cannot include itself")
        }
        if let parent = region.parent {
            try checkRegionsExist([parent], .region, id, field: "parent")
        }
        if !region.includes.isEmpty && region.level != .area {
            throw ChangeError(
                .invalidValue, .region, id, field: "includes",
                reason: "only an area includes other regions; this one is a \(region.level.rawValue)")
        }
        try checkRegionsExist(region.includes, .region, id, field: "includes")
        try checkAcyclic(region)
    }

    /// Refuses a region whose parent or members would lie below the region itself.
    func checkAcyclic(_ region: Region) throws(ChangeError) {
        // Everything below the region once it is saved: its current children, its new members.
        var frontier = Array(childrenByRegion[region.id] ?? []) + region.includes
        var seen = Set<RegionID>()
        // The field at fault is the parent only when this change gives the region a new one;
        // otherwise the loop runs through the regions the area includes.
        let newParent = regions[region.id].map { $0.parent != region.parent } ?? false
        while let next = frontier.popLast() {
            guard seen.insert(next).inserted else { continue }
            if next == region.id || next == region.parent {
                let field = next == region.parent && newParent ? "parent" : "includes"
                throw ChangeError(
                    .cycle, .region, region.id.rawValue, field: field,
                    reason: "'\(next)' lies under '\(region.id)', so the hierarchy would loop")
            }
            frontier += childrenByRegion[next] ?? []
            if regions[next]?.level == .area { frontier += regions[next]?.includes ?? [] }
        }
    }

    mutating func addRegion(_ region: Region) throws(ChangeError) {
        try Self.checkWellFormed(region.id.rawValue, .region)
        guard regions[region.id] == nil else {
            throw ChangeError(.duplicate, .region, region.id.rawValue, reason: "a region with this id already exists")
        }
        try validate(region)
        regions[region.id] = region
        indexGraph(of: region)
    }

    mutating func updateRegion(old: Region, new: Region) throws(ChangeError) {
        try Self.checkCurrent(regions[old.id], matches: old, .region, old.id.rawValue)
        guard new.id.rawValue == old.id.rawValue else {
            throw ChangeError(.invalidValue, .region, old.id.rawValue, field: "id", reason: "an update cannot change the id; rename it")
        }
        try validate(new)
        unindexGraph(of: old)
        regions[new.id] = new
        indexGraph(of: new)
    }

    mutating func removeRegion(_ region: Region) throws(ChangeError) {
        let id = region.id
        try Self.checkCurrent(regions[id], matches: region, .region, id.rawValue)
        var references: [String] = []
        func count(_ n: Int, _ noun: String) { if n > 0 { references.append("\(n) \(noun)\(n == 1 ? "" : "s")") } }
        count(childrenByRegion[id]?.count ?? 0, "child region")
        count(areasByMember[id]?.count ?? 0, "area")
        count(projectsByRegion[id]?.count ?? 0, "project")
        count(outcomesByRegion[id]?.count ?? 0, "outcome")
        guard references.isEmpty else {
            throw ChangeError(
                .referenced, .region, id.rawValue,
                reason: "\(references.joined(separator: ", ")) refer to it; change those first, or use force")
        }
        unindexGraph(of: region)
        regions[id] = nil
    }

    mutating func renameRegion(from: RegionID, to: RegionID) throws(ChangeError) {
        try Self.checkRename(
            from: from.rawValue, to: to.rawValue, .region, exists: regions[from] != nil,
            taken: regions[to] != nil, sameKey: from == to)
        guard var region = regions.removeValue(forKey: from) else { return }
        unindexGraph(of: region)
        region.id = to
        regions[to] = region
        indexGraph(of: region)

        for child in childrenByRegion.removeValue(forKey: from) ?? [] {
            regions[child]?.parent = to
            childrenByRegion[to, default: []].insert(child)
        }
        for area in areasByMember.removeValue(forKey: from) ?? [] {
            regions[area]?.includes.replace(from, with: to)
            areasByMember[to, default: []].insert(area)
        }
        if let projectIDs = projectsByRegion.removeValue(forKey: from) {
            for project in projectIDs {
                // The share moves to the new id first: the regions' change keeps only shares of its regions.
                if let share = projects[project]?.regionShares.removeValue(forKey: from) { projects[project]?.regionShares[to] = share }
                projects[project]?.regions.replace(from, with: to)
            }
            projectsByRegion[to] = projectIDs
        }
        if let outcomeIDs = outcomesByRegion.removeValue(forKey: from) {
            for outcome in outcomeIDs { outcomes[outcome]?.regions.replace(from, with: to) }
            outcomesByRegion[to] = outcomeIDs
        }
    }

    mutating func indexGraph(of region: Region) {
        if let parent = region.parent { childrenByRegion[parent, default: []].insert(region.id) }
        for member in region.includes { areasByMember[member, default: []].insert(region.id) }
    }

    mutating func unindexGraph(of region: Region) {
        if let parent = region.parent {
            childrenByRegion[parent]?.remove(region.id)
            if childrenByRegion[parent]?.isEmpty == true { childrenByRegion[parent] = nil }
        }
        for member in region.includes {
            areasByMember[member]?.remove(region.id)
            if areasByMember[member]?.isEmpty == true { areasByMember[member] = nil }
        }
    }
}
