/// A place a project works: a country, a subdivision, or a named area across borders.
///
/// A region has at most one parent. An area (``RegionLevel/area``) also lists the
/// regions it includes, which may lie in several countries: the Ferghana Valley spans
/// subdivisions of Kyrgyzstan, Uzbekistan and Tajikistan.
public struct Region: Hashable, Sendable, Codable {
    /// An ISO 3166-1 or 3166-2 code (`KG`, `KG-B`) or a slug (`ferghana-valley`).
    public var id: RegionID
    /// The name: `Batken`.
    public var name: String
    /// Where it sits in the hierarchy.
    public var level: RegionLevel
    /// The enclosing region.
    public var parent: RegionID?
    /// For an area, the regions it includes.
    public var includes: [RegionID]

    /// Creates a region; the name defaults to the id.
    ///
    /// - Parameters:
    ///   - id: an ISO 3166 code (`KG-B`) or a slug (`ferghana-valley`).
    ///   - name: the name; nil for the id as written.
    ///   - level: where it sits in the hierarchy.
    ///   - parent: the enclosing region, which must exist when the region is added.
    ///   - includes: for an area, the regions it includes, which may lie in several countries.
    public init(
        id: RegionID, name: String? = nil, level: RegionLevel, parent: RegionID? = nil,
        includes: [RegionID] = []
    ) {
        self.id = id
        self.name = name ?? id.rawValue
        self.level = level
        self.parent = parent
        self.includes = includes
    }

    /// The region an ISO 3166 gazetteer entry describes: its code, name, level and parent.
    ///
    /// - Parameter entry: an entry of ``Gazetteer``, such as `gazetteer.entry(for: "KG-B")`.
    public init(_ entry: Gazetteer.Entry) {
        self.init(
            id: RegionID(entry.code), name: entry.name, level: entry.level,
            parent: entry.parent.map { RegionID($0) })
    }
}
