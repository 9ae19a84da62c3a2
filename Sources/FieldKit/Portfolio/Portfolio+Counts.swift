

extension Portfolio {
    /// How many of each thing the portfolio holds, for banners and `.store`.
    public var counts: [(kind: String, count: Int)] {
        [("projects", projects.count), ("partners", partners.count), ("regions", regions.count),
         ("outcomes", outcomes.count), ("links", participationCount), ("records", measurementCount), ("notes", noteCount)]
    }

    /// The first four of ``counts``: projects, partners, regions and outcomes, as a banner shows them.
    public var headlineCounts: [(kind: String, count: Int)] { Array(counts.prefix(4)) }
}
