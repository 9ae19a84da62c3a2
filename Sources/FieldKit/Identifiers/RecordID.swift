import Foundation

/// A unique, time-ordered id for measurements and notes.
///
/// Ids made later sort later: by the millisecond, and within one process and one
/// millisecond by a tail that counts up from a random start, so that two records on the
/// same date keep the order they were made in. The random start keeps two processes
/// writing one store from minting the same id.
public struct RecordID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 12 hex digits of Unix milliseconds, a dash, 16 random hex digits.
    public let rawValue: String

    /// Makes a new id for the current time.
    ///
    /// Within one process, an id made in the same millisecond as the last one sorts after it.
    ///
    /// - Parameter now: the time the id is for; the current time unless given.
    public init(now: Date = Date()) {
        let (milliseconds, tail) = RecordID.tails.next(at: UInt64(max(0, now.timeIntervalSince1970 * 1000)))
        self.init(milliseconds: milliseconds, random: tail)
    }

    /// A random number from the same fast generator, for revisions.
    static func randomTail() -> UInt64 { tails.next() }

    /// Random tails from a generator seeded once per process from the system's randomness:
    /// a system call per record was a measurable cost of a large script.
    private static let tails = TailGenerator()

    /// SplitMix64 behind a lock. `@unchecked Sendable`: `state` is only touched under `lock`.
    private final class TailGenerator: @unchecked Sendable {
        private let lock = NSLock()
        private var state: UInt64

        init() {
            var system = SystemRandomNumberGenerator()
            state = system.next()
        }

        /// The last id minted: its millisecond and tail.
        private var last: (milliseconds: UInt64, tail: UInt64) = (0, 0)

        func next() -> UInt64 { lock.withLock { mix() } }

        /// The millisecond and tail of a new id at `milliseconds`: in the millisecond of the
        /// last id, the last tail plus one, so that ids minted in order within a millisecond
        /// sort in order; otherwise a fresh random tail, below 2^63 to leave room to count up.
        func next(at milliseconds: UInt64) -> (UInt64, UInt64) {
            lock.withLock {
                if milliseconds == last.milliseconds && last.tail < UInt64.max {
                    last.tail += 1
                } else {
                    last = (milliseconds, mix() >> 1)
                }
                return last
            }
        }

        /// SplitMix64's next value; called under `lock`.
        private func mix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Makes the id for a given time and random tail; deterministic, for tests and imports.
    ///
    /// - Parameters:
    ///   - milliseconds: Unix milliseconds; only the low 48 bits (12 hex digits) are kept.
    ///   - random: the tail, written as 16 hex digits.
    public init(milliseconds: UInt64, random: UInt64) {
        // The 29 characters written straight into the string: a script of records mints one
        // per statement, and padding two radix conversions cost five times its binding.
        let time = milliseconds & 0xFFFF_FFFF_FFFF
        rawValue = String(unsafeUninitializedCapacity: 29) { buffer in
            let digits: StaticString = "0123456789abcdef"
            func write(_ value: UInt64, width: Int, at start: Int) {
                for position in 0..<width {
                    let nibble = Int((value >> UInt64(4 * (width - 1 - position))) & 0xF)
                    buffer[start + position] = digits.utf8Start[nibble]
                }
            }
            write(time, width: 12, at: 0)
            buffer[12] = UInt8(ascii: "-")
            write(random, width: 16, at: 13)
            return 29
        }
    }

    /// Wraps a stored id as it is, unchecked: ids from other programs keep their form.
    ///
    /// - Parameter rawValue: the stored form.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The stored form.
    public var description: String { rawValue }

    /// Orders by time, then by the random tail: the stored forms compared as text.
    ///
    /// - Parameters:
    ///   - lhs: an id.
    ///   - rhs: another id.
    /// - Returns: whether `lhs` sorts before `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the stored form.
    ///
    /// - Parameter decoder: holds the id as a string.
    /// - Throws: `DecodingError` when the value is not a string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the stored form.
    ///
    /// - Parameter encoder: receives a single string.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
