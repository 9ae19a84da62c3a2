import Foundation

/// Looks up ISO 3166 countries and subdivisions, and ISO 4217 currencies, in the
/// system's iso-codes data (Debian package `iso-codes`).
///
/// Names come from that data, never from a hand-typed list, so they follow the
/// standard as the system updates it.
public struct Gazetteer: Sendable {
    /// One ISO 3166 entry as a region: its official code, name, level and parent.
    public struct Entry: Hashable, Sendable {
        /// The ISO code: `KG` or `KG-B`.
        public var code: String
        /// The English short name from iso-codes: `Batken`.
        public var name: String
        /// `country` for ISO 3166-1; for a subdivision, derived from its ISO type.
        public var level: RegionLevel
        /// The enclosing country or subdivision; nil for a country.
        public var parent: String?
        /// The ISO subdivision type (`Region`, `City`, …); nil for a country.
        public var type: String?
    }

    /// The folder the data was read from.
    public let directory: URL
    private let entries: [String: Entry]
    private let currencyCodes: Set<String>

    /// The default folder, `/usr/share/iso-codes/json`, unless `FIELDKIT_ISO_CODES` names another.
    public static var defaultDirectory: URL { URL(fileURLWithPath: defaultPath, isDirectory: true) }

    /// ``defaultDirectory`` as a path: a cold question reading one budget joins a file name to
    /// it without building a `URL` (whose `path` cost it a tenth of a millisecond).
    static var defaultPath: String {
        getenv("FIELDKIT_ISO_CODES").map { String(cString: $0) } ?? "/usr/share/iso-codes/json"
    }

    /// The gazetteer read once from ``defaultDirectory``.
    public static let system: Result<Gazetteer, GazetteerError> = Result { () throws(GazetteerError) in
        try Gazetteer(directory: defaultDirectory)
    }

    /// The ISO 4217 currency codes alone, read once from ``defaultDirectory``: checking an
    /// amount does not pay for parsing the (much larger) ISO 3166 files.
    static let currencies: Result<Set<String>, GazetteerError> = Result { () throws(GazetteerError) in
        // A cold question reading one budget paid a millisecond for a generic JSON parse of
        // the file; its codes are the `"alpha_3": "EUR"` members, read directly. Anything
        // unexpected goes through the full parse, which names the problem.
        let path = defaultPath + "/iso_4217.json"
        if let data = FileManager.default.contents(atPath: path), let codes = alpha3Codes(in: data), !codes.isEmpty { return codes }
        return Set(try Gazetteer.read([Currency].self, "iso_4217.json", key: "4217", in: defaultDirectory).compactMap(\.alpha_3))
    }

    /// The values of every `"alpha_3"` member in iso-codes JSON; nil if one is not a plain string.
    static func alpha3Codes(in data: Data) -> Set<String>? {
        let name = Array(#""alpha_3""#.utf8)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Set<String>? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var codes: Set<String> = []
            var index = 0
            func skipSpaces() {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                    index += 1
                }
            }
            // A byte loop without allocations: this runs on every cold question that reads an amount.
            while index + name.count <= bytes.count {
                guard bytes[index] == name[0], name.indices.allSatisfy({ bytes[index + $0] == name[$0] }) else {
                    index += 1
                    continue
                }
                index += name.count
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { continue }
                index += 1
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                let start = index + 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
                codes.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                index = end + 1
            }
            return codes
        }
    }

    /// Reads the iso-codes JSON files in `directory`: `iso_3166-1.json`, `iso_3166-2.json`
    /// and `iso_4217.json`.
    ///
    /// Most programs want ``system``, read once from ``defaultDirectory``; this is for data
    /// kept elsewhere.
    ///
    /// - Parameter directory: the folder holding the three files.
    /// - Throws: ``GazetteerError`` naming the first file that cannot be read or is not
    ///   iso-codes JSON.
    public init(directory: URL) throws(GazetteerError) {
        self.directory = directory
        let countries = try Gazetteer.read([Country].self, "iso_3166-1.json", key: "3166-1", in: directory)
        let subdivisions = try Gazetteer.read([Subdivision].self, "iso_3166-2.json", key: "3166-2", in: directory)
        let currencies = try Gazetteer.read([Currency].self, "iso_4217.json", key: "4217", in: directory)

        var entries: [String: Entry] = [:]
        entries.reserveCapacity(countries.count + subdivisions.count)
        for country in countries {
            guard let code = country.alpha_2, let name = country.name else { continue }
            entries[code] = Entry(code: code, name: name, level: .country, parent: nil, type: nil)
        }
        for subdivision in subdivisions {
            guard let code = subdivision.code, let name = subdivision.name, let dash = code.firstIndex(of: "-") else { continue }
            let country = String(code[..<dash])
            let type = subdivision.type ?? ""
            // iso-codes writes a parent subdivision without its country prefix ("NX" for AZ-NX).
            let parent = subdivision.parent.map { "\(country)-\($0)" } ?? country
            let level = Gazetteer.level(ofType: type, nested: subdivision.parent != nil)
            entries[code] = Entry(code: code, name: name, level: level, parent: parent, type: type)
        }
        self.entries = entries
        self.currencyCodes = Set(currencies.compactMap(\.alpha_3))
    }

    /// The entry for an ISO 3166-1 alpha-2 or ISO 3166-2 code, matched case-insensitively.
    ///
    /// - Parameter code: a country code such as `KG`, or a subdivision code such as `KG-B`.
    /// - Returns: the entry; nil when the code is not in the data.
    public func entry(for code: String) -> Entry? { entries[code.uppercased()] }

    /// Whether `code` is an ISO 4217 currency code (upper case).
    ///
    /// - Parameter code: the code, upper case: `EUR`, not `eur`.
    /// - Returns: whether the data lists it.
    public func isCurrency(_ code: String) -> Bool { currencyCodes.contains(code) }

    /// Every code in the gazetteer, for suggestions.
    package var codes: Dictionary<String, Entry>.Keys { entries.keys }

    /// Maps an ISO subdivision type to a region level: cities stay cities, nested units
    /// and districts are districts, everything else first-level is a province.
    static func level(ofType type: String, nested: Bool) -> RegionLevel {
        let lowered = Array(type.lowercased().utf8)
        // A plain byte search: this runs for each of 5,000 subdivisions, and Foundation's
        // `contains` (through NSString) made it a third of reading the gazetteer.
        func has(_ word: StaticString) -> Bool {
            word.withUTF8Buffer { word in
                guard word.count <= lowered.count else { return false }
                return (0...(lowered.count - word.count)).contains { start in
                    word.indices.allSatisfy { lowered[start + $0] == word[$0] }
                }
            }
        }
        if has("city") || lowered.starts(with: "capital".utf8) || has("municipality") && !nested {
            return .city
        }
        if nested || has("district") || has("rayon") || has("county") {
            return .district
        }
        return .province
    }

    // The members of iso-codes entries that the gazetteer reads; any may be missing.
    private struct Country: Decodable { var alpha_2: String?; var name: String? }
    private struct Subdivision: Decodable { var code: String?; var name: String?; var type: String?; var parent: String? }
    private struct Currency: Decodable { var alpha_3: String? }

    /// A list of iso-codes entries: `{"3166-2": [{…}, …]}`. `JSONDecoder` into these types
    /// reads the 500 kB subdivision file in a third of the time `JSONSerialization` took.
    private static func read<T: Decodable>(_ type: [T].Type, _ file: String, key: String, in directory: URL) throws(GazetteerError) -> [T] {
        let url = directory.appendingPathComponent(file)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw GazetteerError(path: url.path, reason: "it could not be read; install the iso-codes package (apt-get install iso-codes)")
        }
        do { return try JSONDecoder().decode(ListFile<T>.self, from: data).list(key) } catch {
            throw GazetteerError(path: url.path, reason: "it is not iso-codes JSON with a '\(key)' list")
        }
    }

    /// An iso-codes file: one member, named after the standard, holding the list.
    private struct ListFile<T: Decodable>: Decodable {
        let lists: [String: [T]]
        init(from decoder: any Decoder) throws { lists = try [String: [T]](from: decoder) }
        func list(_ key: String) throws -> [T] {
            guard let list = lists[key] else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no \(key)")) }
            return list
        }
    }
}

/// The iso-codes data could not be used.
public struct GazetteerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file that failed.
    public var path: String
    /// Why, with what to do about it.
    public var reason: String

    /// Creates a gazetteer error.
    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot use ISO codes from /usr/share/…: …`.
    public var description: String { "cannot use ISO codes from \(path): \(reason)" }
}
