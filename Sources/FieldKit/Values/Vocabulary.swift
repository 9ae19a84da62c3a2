/// A closed set of words, such as project statuses, that a user types and a store keeps.
public protocol Vocabulary: CaseIterable, RawRepresentable, Hashable, Sendable, Codable
where RawValue == String, AllCases: Collection {
    /// What the words name, for messages: `status`, `partner kind`.
    static var vocabularyName: String { get }
}

extension Vocabulary {
    /// Reads a word case-insensitively, or throws with the nearest valid word.
    public static func parse(_ text: String) throws(ValueError) -> Self {
        // The word as stored or typed in lower case: no case-folding, no search.
        if let value = Self(rawValue: text) { return value }
        let lowered = text.lowercased()
        if let value = allCases.first(where: { $0.rawValue == lowered }) { return value }
        let words = allCases.map(\.rawValue)
        throw ValueError(
            text: text,
            reason: "a \(vocabularyName) is one of \(words.joined(separator: ", "))",
            suggestion: Spelling.nearest(to: text, in: words))
    }
}

/// The stage a project is in, aligned with IATI activity-status codes 1–6.
public enum ProjectStatus: String, Vocabulary {
    case pipeline, active, finalising, closed, cancelled, suspended
    /// `status`.
    public static let vocabularyName = "status"
    /// The IATI activity-status code.
    public var iatiCode: Int { Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 1 }
}

/// What kind of organisation a partner is, aligned with IATI organisation types.
public enum PartnerKind: String, Vocabulary {
    case government
    case localGovernment = "local-government"
    case `public`
    case internationalNGO = "international-ngo"
    case nationalNGO = "national-ngo"
    case regionalNGO = "regional-ngo"
    case partnerCountryNGO = "partner-country-ngo"
    case multilateral, foundation, `private`, academic, other
    /// `partner kind`.
    public static let vocabularyName = "partner kind"
    /// The IATI organisation-type code.
    public var iatiCode: Int {
        switch self {
        case .government: 10
        case .localGovernment: 11
        case .public: 15
        case .internationalNGO: 21
        case .nationalNGO: 22
        case .regionalNGO: 23
        case .partnerCountryNGO: 24
        case .multilateral: 40
        case .foundation: 60
        case .private: 70
        case .academic: 80
        case .other: 90
        }
    }
}

/// What a partner does in a project, aligned with IATI organisation roles.
public enum Role: String, Vocabulary {
    /// IATI role 1, Funding.
    case funder
    /// IATI role 2, Accountable.
    case lead
    /// IATI role 3, Extending.
    case extending
    /// IATI role 4, Implementing.
    case implementer
    /// A government counterpart; IATI has no role for it and exports it as Implementing.
    case counterpart
    /// `role`.
    public static let vocabularyName = "role"
    /// The IATI organisation-role code.
    public var iatiCode: Int {
        switch self {
        case .funder: 1
        case .lead: 2
        case .extending: 3
        case .implementer, .counterpart: 4
        }
    }
}

/// Where a region sits in the hierarchy.
public enum RegionLevel: String, Vocabulary {
    case country, province, district, city, settlement
    /// A named area, such as the Ferghana Valley, whose members may lie in several countries.
    case area
    /// `region level`.
    public static let vocabularyName = "region level"
}

/// The level of a result, aligned with IATI result types 1–3.
public enum OutcomeLevel: String, Vocabulary {
    case output, outcome, impact
    /// `outcome level`.
    public static let vocabularyName = "outcome level"
    /// The IATI result-type code.
    public var iatiCode: Int { Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 1 }
}

/// How an outcome's records combine into its current value.
public enum Measure: String, Vocabulary {
    /// Each record is an increment; the current value is their sum.
    case count
    /// The latest record is the current value.
    case level
    /// The latest record is the current value, a percentage from 0 to 100.
    case percent
    /// Records carry notes, not numbers.
    case qualitative
    /// `measure`.
    public static let vocabularyName = "measure"
}

/// Whether an outcome improves as its value goes up or down.
public enum Direction: String, Vocabulary {
    case up, down
    /// `direction`.
    public static let vocabularyName = "direction"
}

/// The kinds of thing a portfolio holds, as users name them.
public enum EntityKind: String, Vocabulary {
    case project, partner, region, outcome
    /// A partner's participation in a project.
    case link
    /// A measurement of an outcome.
    case record
    /// A dated note on a project.
    case note
    /// `kind`.
    public static let vocabularyName = "kind"
}
