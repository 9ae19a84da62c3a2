import Foundation

/// A unique, time-ordered id for measurements and notes.
///
/// Ids made later sort later (to the millisecond, then by a random tail), so that two
/// records on the same date keep the order they were made in, and two processes writing
/// one store never mint the same id.
public struct RecordID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 12 hex digits of Unix milliseconds, a dash, 16 random hex digits.
    public let rawValue: String

    /// Makes a new id for the current time.
    public init(now: Date = Date()) {
        var generator = SystemRandomNumberGenerator()
        self.init(milliseconds: UInt64(max(0, now.timeIntervalSince1970 * 1000)), random: generator.next())
    }

    /// Makes the id for a given time and random tail; deterministic, for tests and imports.
    public init(milliseconds: UInt64, random: UInt64) {
        rawValue = RecordID.hex(milliseconds & 0xFFFF_FFFF_FFFF, width: 12) + "-" + RecordID.hex(random, width: 16)
    }

    /// Wraps a stored id as it is.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The stored form.
    public var description: String { rawValue }

    /// Orders by time, then by the random tail.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the stored form.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
