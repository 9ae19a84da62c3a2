extension Portfolio {
    /// The regions whose parent is `region`, by id.
    ///
    /// - Parameter region: the parent.
    /// - Returns: its direct children; areas that include it are not children.
    public func children(of region: RegionID) -> [RegionID] { (childrenByRegion[region] ?? []).sorted() }

    /// The areas that include `region` directly, by id.
    ///
    /// - Parameter region: a member.
    /// - Returns: the areas that list it in `includes`.
    public func areas(including region: RegionID) -> [RegionID] { (areasByMember[region] ?? []).sorted() }

    /// `region` and everything under it: its descendants, and for an area its members
    /// and their descendants, across borders.
    ///
    /// The walk follows the indexes down from `region`, so it costs the size of the
    /// answer, not the size of the portfolio.
    ///
    /// - Parameter region: where to start.
    /// - Returns: the region itself and every region under it; empty for an unknown region.
    public func regions(under region: RegionID) -> Set<RegionID> {
        guard regions[region] != nil else { return [] }
        var result: Set<RegionID> = []
        var frontier = [region]
        while let next = frontier.popLast() {
            guard result.insert(next).inserted else { continue }
            frontier += childrenByRegion[next] ?? []
            if let area = regions[next], area.level == .area { frontier += area.includes }
        }
        return result
    }

    /// Whether `region` lies under `ancestor` (or is it).
    ///
    /// - Parameters:
    ///   - region: the region asked about.
    ///   - ancestor: the region it may lie under.
    /// - Returns: true when `region` is `ancestor` or anywhere under it.
    public func isRegion(_ region: RegionID, under ancestor: RegionID) -> Bool {
        regions(under: ancestor).contains(region)
    }

    /// The projects that work in `region` or anywhere under it.
    ///
    /// - Parameter region: the region.
    /// - Returns: the projects with a region in ``regions(under:)``.
    public func projects(under region: RegionID) -> Set<ProjectID> {
        var result: Set<ProjectID> = []
        for place in regions(under: region) { result.formUnion(projectsByRegion[place] ?? []) }
        return result
    }

    /// The projects that name `region` itself among their regions.
    ///
    /// - Parameter region: the region.
    /// - Returns: the projects that list it directly.
    public func projects(in region: RegionID) -> Set<ProjectID> { projectsByRegion[region] ?? [] }

    /// The outcomes measured in `region` or anywhere under it.
    ///
    /// - Parameter region: the region.
    /// - Returns: the outcomes with a region in ``regions(under:)``.
    public func outcomes(under region: RegionID) -> Set<OutcomeID> {
        var result: Set<OutcomeID> = []
        for place in regions(under: region) { result.formUnion(outcomesByRegion[place] ?? []) }
        return result
    }

    /// The chain of parents from `region` up to its country, nearest first.
    ///
    /// - Parameter region: the region.
    /// - Returns: its parent, the parent's parent, and so on; empty for a country or an unknown region.
    public func ancestors(of region: RegionID) -> [RegionID] {
        var chain: [RegionID] = []
        var current = regions[region]?.parent
        while let next = current, !chain.contains(next) {
            chain.append(next)
            current = regions[next]?.parent
        }
        return chain
    }

    /// Regions ordered so that every parent and member comes before the regions that refer to it.
    public var regionsInDependencyOrder: [Region] {
        var ordered: [Region] = []
        ordered.reserveCapacity(regions.count)
        var placed = Set<RegionID>()
        func place(_ id: RegionID) {
            guard !placed.contains(id), let region = regions[id] else { return }
            placed.insert(id)
            if let parent = region.parent { place(parent) }
            region.includes.forEach(place)
            ordered.append(region)
        }
        regions.keys.sorted().forEach(place)
        return ordered
    }
}
