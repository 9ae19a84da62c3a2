import Foundation

/// An identifier that compares case-insensitively and keeps the spelling it was written in.
///
/// `TIP-2007` and `tip-2007` name the same project; the store and every listing show
/// the spelling used when the entity was added. The phantom `Kind` parameter keeps a
/// project id from being passed where a partner id is expected.
public struct EntityID<Kind>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id as it was written.
    public let rawValue: String
    /// The case-folded form used for comparison and hashing.
    public let key: String

    /// Creates an id from its written form. The form is not checked here: a change that
    /// brings in a malformed id is refused by ``Portfolio/apply(_:)``.
    ///
    /// - Parameter rawValue: the id as written: `TIP-2007`.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
        self.key = EntityID.fold(rawValue)
    }

    /// The case-folded form; an id already in lower-case ASCII shares the written string's storage.
    ///
    /// Beyond ASCII, Unicode case folding, then NFC: `ΣΊΣΥΦΟΣ` and `σίσυφος` are one id
    /// (lower-casing alone gives `σ` for the capital's final sigma, where folding also maps
    /// the small `ς` to `σ`), and so are an `é` typed precomposed and one typed as `e` and
    /// a combining accent.
    package static func fold(_ text: String) -> String {
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                return text.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
            }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        return hasUpper ? text.lowercased() : text
    }

    /// Creates an id from a string literal: `let tip: ProjectID = "TIP-2007"`.
    ///
    /// - Parameter value: the id as written.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Creates an id from a decoder's single string value.
    ///
    /// - Parameter decoder: holds the id as a string.
    /// - Throws: `DecodingError` when the value is not a string.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the id as its written form.
    ///
    /// - Parameter encoder: receives a single string.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The written form.
    public var description: String { rawValue }

    /// Two ids are equal when they match case-insensitively.
    ///
    /// - Parameters:
    ///   - lhs: an id.
    ///   - rhs: another id of the same kind.
    /// - Returns: whether their case-folded forms are the same: `TIP-2007` and `tip-2007` are.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }

    /// Orders ids case-insensitively, then by spelling so the order is total.
    ///
    /// - Parameters:
    ///   - lhs: an id.
    ///   - rhs: another id of the same kind.
    /// - Returns: whether `lhs` sorts before `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.rawValue < rhs.rawValue
    }

    /// Hashes the case-folded form, so that ids equal by `==` hash alike.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Whether `text` is a well-formed id: letters of any script, digits and `_ - . /`,
    /// starting with a letter or digit.
    package static func isWellFormed(_ text: String) -> Bool {
        // ASCII, as nearly every id is, is checked byte by byte: the Unicode property
        // lookups cost every project, outcome and record a store loads.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let first = text.utf8.first, isASCIILetterOrDigit(first) else { return false }
            return text.utf8.allSatisfy { isWordScalar(Unicode.Scalar($0)) || $0 == UInt8(ascii: "/") }
        }
        guard let first = text.unicodeScalars.first,
            first.properties.isAlphabetic || first.properties.numericType != nil
        else { return false }
        // After the first, combining marks too: `café` typed decomposed (NFD) is `cafe` and U+0301.
        return text.unicodeScalars.allSatisfy { isWordScalar($0) || $0 == "/" || isCombiningMark($0) }
    }

    /// Whether `text` is a well-formed project id: a code as donors publish them, which may
    /// hold spaces, `/` and `:` (`XI-IATI-EC_INTPA-2021/429-054`, `NL-KVK-27108436-A-05001-22:VN`).
    ///
    /// It starts with a letter or digit, and holds no control character, no line break or tab,
    /// no space at its end and no two spaces in a row: it reads back the way it was written,
    /// quoted in the language (`show "…"`), in a CSV cell or in IATI XML. An outcome id splits
    /// at its last `/`, so the project part may hold `/` and the key may not.
    package static func isWellFormedProject(_ text: String) -> Bool {
        if isWellFormed(text) { return true }
        guard let first = text.unicodeScalars.first,
            first.properties.isAlphabetic || first.properties.numericType != nil,
            text.unicodeScalars.last != " "
        else { return false }
        var previous: Unicode.Scalar = first
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previous == " " { return false }
            } else {
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate,
                    .privateUse, .unassigned:
                    return false
                default: break
                }
            }
            previous = scalar
        }
        return true
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// Whether the scalar may appear in a word (besides `/`, which only ids of outcomes use).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
                || scalar == "_" || scalar == "-" || scalar == "."
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

/// Identifies a ``Project`` by a user code such as `TIP-2007`.
public typealias ProjectID = EntityID<Project>
/// Identifies a ``Partner`` by a slug such as `golden-goal`.
public typealias PartnerID = EntityID<Partner>
/// Identifies a ``Region``: an ISO 3166 code such as `KG-B`, or a slug such as `ferghana-valley`.
public typealias RegionID = EntityID<Region>

/// Identifies an ``Outcome`` as `PROJECT/key`, such as `TIP-2007/groups`.
public struct OutcomeID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The project the outcome belongs to.
    public let project: ProjectID
    /// The outcome's key within its project, compared case-insensitively.
    public let key: EntityID<Outcome>

    /// Creates an outcome id from its project and key.
    ///
    /// - Parameters:
    ///   - project: the project the outcome belongs to.
    ///   - key: the outcome's key within its project: `groups`.
    public init(project: ProjectID, key: String) {
        self.project = project
        self.key = EntityID(key)
    }

    /// Parses `PROJECT/key`, split at the last `/`.
    ///
    /// - Parameter text: the written form: `TIP-2007/groups`.
    /// - Returns: nil when there is no `/` or either side of it is empty.
    public init?(_ text: String) {
        // Split at the last `/` byte rather than walking characters: every record statement
        // names its outcome this way.
        let bytes = text.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let project = String(decoding: bytes[..<slash], as: UTF8.self)
        let key = String(decoding: bytes[bytes.index(after: slash)...], as: UTF8.self)
        guard !project.isEmpty, !key.isEmpty else { return nil }
        self.init(project: ProjectID(project), key: key)
    }

    /// The written form, `PROJECT/key`.
    public var rawValue: String { "\(project.rawValue)/\(key.rawValue)" }

    /// The written form, `PROJECT/key`.
    public var description: String { rawValue }

    /// Orders by project, then key, each as ids order.
    ///
    /// - Parameters:
    ///   - lhs: an outcome id.
    ///   - rhs: another outcome id.
    /// - Returns: whether `lhs` sorts before `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.project != rhs.project ? lhs.project < rhs.project : lhs.key < rhs.key
    }

    /// Decodes `PROJECT/key` from a single string.
    ///
    /// - Parameter decoder: holds the id as a string.
    /// - Throws: `DecodingError` when the value is not a string of the form `PROJECT/key`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = OutcomeID(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an outcome id of the form PROJECT/key")
        }
        self = id
    }

    /// Encodes the id as `PROJECT/key`.
    ///
    /// - Parameter encoder: receives a single string.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
