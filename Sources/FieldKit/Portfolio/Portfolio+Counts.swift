

extension Portfolio {
    /// How many of each thing the portfolio holds, for banners and `.store`.
    public var counts: [(kind: String, count: Int)] {
        [("projects", projects.count), ("partners", partners.count), ("regions", regions.count),
         ("outcomes", outcomes.count), ("links", participationCount), ("records", measurementCount), ("notes", noteCount)]
    }
}
