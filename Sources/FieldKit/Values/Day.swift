import Foundation

/// A calendar date known to a year, a quarter, a month or a day.
///
/// Field offices often know dates only roughly: "completed in January 2008" is `2008-01`,
/// "in the last quarter of 2007" is `2007-Q4`.
///
/// Comparison rules for partial dates: days are ordered by the first calendar day they
/// cover, and where two share it the coarser one comes first (`2008 < 2008-01 < 2008-01-01`).
/// Ranges use ``firstDay`` for a start and ``lastDay`` for an end, so a project that ends
/// `2008-01` runs through 31 January 2008.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Hashable, Comparable, Sendable, Codable {
        /// Only the year: `2007`.
        case year
        /// The year and month: `2008-01`.
        case month
        /// The full date: `2007-04-24`.
        case day
        /// The year and a calendar quarter: `2007-Q4`, October to December. (Last in raw
        /// value so that the others keep theirs; ordered by rank, coarser first.)
        case quarter

        /// Coarser first: year, quarter, month, day.
        var rank: Int {
            switch self {
            case .year: 0
            case .quarter: 1
            case .month: 2
            case .day: 3
            }
        }

        /// Orders coarser precisions first.
        ///
        /// - Parameters:
        ///   - lhs: a precision.
        ///   - rhs: another precision.
        /// - Returns: whether `lhs` is coarser than `rhs`.
        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
    }

    /// The year, 1 through 9999.
    public let year: Int
    /// The month, 1 through 12; 1 when the precision is a year, the quarter's first month
    /// (1, 4, 7 or 10) when it is a quarter.
    public let month: Int
    /// The day of the month; 1 when the precision is a year or month.
    public let day: Int
    /// How much of the date is known.
    public let precision: Precision

    /// Creates a full date.
    ///
    /// - Parameters:
    ///   - year: the year, 1 through 9999.
    ///   - month: the month, 1 through 12.
    ///   - day: the day of the month.
    /// - Throws: ``ValueError`` when the date does not exist (`2007-02-30`) or the year is
    ///   out of range.
    public init(year: Int, month: Int, day: Int) throws(ValueError) {
        // The text is only for a message: written out when there is one to give.
        let text = { Day.format(year: year, month: month, day: day, precision: .day) }
        try Day.check(year: year, month: month, text: text)
        let length = Day.daysIn(year: year, month: month)
        guard (1...length).contains(day) else {
            throw ValueError(
                text: text(), reason: "\(Day.monthNames[month - 1]) \(year) has \(length) days")
        }
        self.init(unchecked: year, month, day, .day)
    }

    /// Creates a month such as `2008-01`.
    ///
    /// - Parameters:
    ///   - year: the year, 1 through 9999.
    ///   - month: the month, 1 through 12.
    /// - Throws: ``ValueError`` when the year or month is out of range.
    public init(year: Int, month: Int) throws(ValueError) {
        try Day.check(year: year, month: month) { Day.format(year: year, month: month, day: 1, precision: .month) }
        self.init(unchecked: year, month, 1, .month)
    }

    /// Creates a calendar quarter such as `2007-Q4`.
    ///
    /// - Parameters:
    ///   - year: the year, 1 through 9999.
    ///   - quarter: the quarter, 1 through 4.
    /// - Throws: ``ValueError`` when the year or quarter is out of range.
    public init(year: Int, quarter: Int) throws(ValueError) {
        let text = { "\(year)-Q\(quarter)" }
        guard (1...4).contains(quarter) else { throw ValueError(text: text(), reason: "a quarter is Q1, Q2, Q3 or Q4") }
        try Day.check(year: year, month: 1, text: text)
        self.init(unchecked: year, (quarter - 1) * 3 + 1, 1, .quarter)
    }

    /// The calendar quarter this date falls in, 1 through 4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// Creates a year such as `2007`.
    ///
    /// - Parameter year: the year, 1 through 9999.
    /// - Throws: ``ValueError`` when the year is out of range.
    public init(year: Int) throws(ValueError) {
        try Day.check(year: year, month: 1) { String(year) }
        self.init(unchecked: year, 1, 1, .year)
    }

    init(unchecked year: Int, _ month: Int, _ day: Int, _ precision: Precision) {
        self.year = year
        self.month = month
        self.day = day
        self.precision = precision
    }

    /// Parses `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`; the date's precision is the
    /// form's.
    ///
    /// - Parameter text: the date as written, with no spaces: `2007-04-24`, `2008-01`, `2007-Q4`.
    /// - Throws: ``ValueError`` when the text has none of the four forms, or names a date
    ///   that does not exist.
    public init(parsing text: String) throws(ValueError) {
        // Read the ASCII bytes directly, in place where the string is contiguous (as native
        // strings are): scripts and stores hold hundreds of thousands of dates.
        var contiguous = text
        let parsed = contiguous.withUTF8 { bytes in Result { () throws(ValueError) in try Day(parsing: bytes, text: text) } }
        self = try parsed.get()
    }

    private init(parsing bytes: UnsafeBufferPointer<UInt8>, text: String) throws(ValueError) {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        switch bytes.count {
        case 4:
            if let year = number(0..<4) { try self.init(year: year); return }
        case 7 where bytes[4] == dash && (bytes[5] == UInt8(ascii: "Q") || bytes[5] == UInt8(ascii: "q")):
            if let year = number(0..<4), let quarter = number(6..<7) { try self.init(year: year, quarter: quarter); return }
        case 7 where bytes[4] == dash:
            if let year = number(0..<4), let month = number(5..<7) { try self.init(year: year, month: month); return }
        case 10 where bytes[4] == dash && bytes[7] == dash:
            if let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) {
                try self.init(year: year, month: month, day: day)
                return
            }
        default:
            break
        }
        throw ValueError(text: text, reason: "a date is written YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
    }

    /// Today's date in the given time zone; without one, in the process's own (`TZ`,
    /// else the system's), read through the C library: setting up a Foundation calendar
    /// and zone cost a one-shot question a noticeable part of its time.
    ///
    /// - Parameters:
    ///   - timeZone: the zone whose calendar date is wanted; nil for the process's own.
    ///   - now: the moment; the current time unless given.
    /// - Returns: a full date (day precision).
    public static func today(in timeZone: TimeZone? = nil, now: Date = Date()) -> Day {
        guard let timeZone else {
            var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
            var parts = tm()
            guard localtime_r(&seconds, &parts) != nil else { return today(in: .current, now: now) }
            return Day(unchecked: Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), .day)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, .day)
    }

    /// The ISO form at this precision: `2007`, `2007-Q4`, `2008-01` or `2007-04-24`.
    public var description: String { Day.format(year: year, month: month, day: day, precision: precision) }

    /// The first calendar day covered: `2008-01` gives `2008-01-01`.
    public var firstDay: Day { Day(unchecked: year, month, day, .day) }

    /// The last calendar day covered: `2008-01` gives `2008-01-31`.
    public var lastDay: Day {
        switch precision {
        case .day: self
        case .month: Day(unchecked: year, month, Day.daysIn(year: year, month: month), .day)
        case .quarter: Day(unchecked: year, month + 2, Day.daysIn(year: year, month: month + 2), .day)
        case .year: Day(unchecked: year, 12, 31, .day)
        }
    }

    /// Days since 1970-01-01 of the first day covered.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The full date `ordinal` days after 1970-01-01, the inverse of ``ordinal``.
    ///
    /// - Parameter ordinal: days since 1970-01-01; negative for earlier dates.
    /// - Throws: ``ValueError`` when the date would fall outside ``earliest`` … ``latest``.
    public init(ordinal: Int) throws(ValueError) {
        guard (Day.earliest.ordinal...Day.latest.ordinal).contains(ordinal) else {
            throw Day.outOfRange("day \(ordinal) after 1970-01-01")
        }
        self.init(checkedOrdinal: ordinal)
    }

    /// The civil date of an ordinal already known to lie in range.
    private init(checkedOrdinal ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day, .day)
    }

    /// Orders by first day covered, coarser precision first: `2008 < 2008-01 < 2008-01-01`.
    ///
    /// - Parameters:
    ///   - lhs: a date.
    ///   - rhs: another date.
    /// - Returns: whether `lhs` sorts before `rhs`.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.precision.rank)
            < (rhs.year, rhs.month, rhs.day, rhs.precision.rank)
    }

    /// Decodes the ISO form, as ``init(parsing:)`` reads it.
    ///
    /// - Parameter decoder: holds the date as a string.
    /// - Throws: `DecodingError` when the value is not a string or not a valid date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Day(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the ISO form at this date's precision (``description``).
    ///
    /// - Parameter encoder: receives a single string.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func check(year: Int, month: Int, text: () -> String) throws(ValueError) {
        guard (1...9999).contains(year) else { throw ValueError(text: text(), reason: "the year must be 1 through 9999") }
        guard (1...12).contains(month) else { throw ValueError(text: text(), reason: "the month must be 01 through 12") }
    }

    private static func format(year: Int, month: Int, day: Int, precision: Precision) -> String {
        // Digits written straight into the string: interpolating padded parts cost a
        // journaled record statement more than binding it to SQLite.
        if precision == .quarter {
            return (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-Q\((month - 1) / 3 + 1)"
        }
        guard (0...9999).contains(year) else {
            // Only arithmetic far past the checked range gets here; written plainly, never wrapped.
            let parts = [String(year), month < 10 ? "0\(month)" : "\(month)", day < 10 ? "0\(day)" : "\(day)"]
            return parts.prefix(precision.rawValue + 1).joined(separator: "-")
        }
        let count = precision == .year ? 4 : precision == .month ? 7 : 10
        return String(unsafeUninitializedCapacity: count) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var rest = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, digits: 4, at: 0)
            if count > 4 {
                buffer[4] = UInt8(ascii: "-")
                put(month, digits: 2, at: 5)
            }
            if count > 7 {
                buffer[7] = UInt8(ascii: "-")
                put(day, digits: 2, at: 8)
            }
            return count
        }
    }
}
