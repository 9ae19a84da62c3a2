/// A closed set of words, such as project statuses, that a user types and a store keeps.
public protocol Vocabulary: CaseIterable, RawRepresentable, Hashable, Sendable, Codable
where RawValue == String, AllCases: Collection {
    /// What the words name, for messages: `status`, `partner kind`.
    static var vocabularyName: String { get }
}

extension Vocabulary {
    /// Reads a word case-insensitively: `Active` and `active` are ``ProjectStatus/active``.
    ///
    /// - Parameter text: the word as written.
    /// - Returns: the value it names.
    /// - Throws: ``ValueError`` when it names none, listing the words and suggesting the
    ///   nearest one.
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
    /// IATI statuses 1–6, in order: being planned (`pipeline`), under way (`active`), its
    /// work done and its accounts being closed (`finalising`), done (`closed`), called off
    /// (`cancelled`), or paused (`suspended`).
    case pipeline, active, finalising, closed, cancelled, suspended
    /// `status`.
    public static let vocabularyName = "status"
    /// The IATI activity-status code.
    public var iatiCode: Int { Self.allCases.firstIndex(of: self).map { $0 + 1 } ?? 1 }
}

/// What kind of organisation a partner is, aligned with IATI organisation types.
public enum PartnerKind: String, Vocabulary {
    /// A national government or one of its bodies: IATI type 10.
    case government
    /// A province, district or city administration: IATI type 11.
    case localGovernment = "local-government"
    /// A public-sector body that is not a government: IATI type 15.
    case `public`
    /// An international NGO: IATI type 21.
    case internationalNGO = "international-ngo"
    /// An NGO of the country it works in, such as Golden Goal: IATI type 22.
    case nationalNGO = "national-ngo"
    /// An NGO of the region: IATI type 23.
    case regionalNGO = "regional-ngo"
    /// An NGO based in a partner country: IATI type 24.
    case partnerCountryNGO = "partner-country-ngo"
    /// A multilateral organisation, such as the OSCE (40); a foundation (60); a private
    /// company (70); a university or research body (80); anything else (90).
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
    /// A country (ISO 3166-1), a first-level subdivision, a district under one, a city, or
    /// a village or town.
    case country, province, district, city, settlement
    /// A named area, such as the Ferghana Valley, whose members may lie in several countries.
    case area
    /// `region level`.
    public static let vocabularyName = "region level"
}

/// The level of a result, aligned with IATI result types 1–3.
public enum OutcomeLevel: String, Vocabulary {
    /// What the project delivers (IATI 1), the change it brings (2), the long-term effect (3).
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
    /// Higher values are better (`up`), or lower ones (`down`).
    case up, down
    /// `direction`.
    public static let vocabularyName = "direction"
}

/// The kinds of thing a portfolio holds, as users name them.
public enum EntityKind: String, Vocabulary {
    /// A ``Project``, a ``Partner``, a ``Region`` or an ``Outcome``.
    case project, partner, region, outcome
    /// A partner's participation in a project.
    case link
    /// A measurement of an outcome.
    case record
    /// A dated note on a project.
    case note
    /// A setting of the store: the progress margins.
    case setting
    /// `kind`.
    public static let vocabularyName = "kind"
}
