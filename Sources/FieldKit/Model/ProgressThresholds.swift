import Foundation

/// When an outcome counts as on track or at risk: how far, in percentage points, its
/// progress may lag behind the time elapsed. A store keeps its own, set by the
/// `setThresholds` change (`.set on-track-margin 10` in the language).
///
/// With the standard margins, an outcome 8 points behind is on track, 20 behind at risk,
/// and 30 behind off track.
public struct ProgressThresholds: Hashable, Sendable, Codable {
    /// Progress at most this many points behind the time elapsed is on track (0 to 100).
    public var onTrack: Decimal
    /// Progress at most this many points behind is at risk; further behind is off track
    /// (from ``onTrack`` to 100).
    public var atRisk: Decimal

    /// 10 and 25 points.
    public static let standard = ProgressThresholds(onTrack: 10, atRisk: 25)

    /// Creates margins.
    ///
    /// - Parameters:
    ///   - onTrack: points behind that still count as on track.
    ///   - atRisk: points behind that still count as at risk.
    public init(onTrack: Decimal, atRisk: Decimal) {
        self.onTrack = onTrack
        self.atRisk = atRisk
    }

    private enum CodingKeys: String, CodingKey {
        case onTrack = "on-track-margin"
        case atRisk = "at-risk-margin"
    }

    /// Why these margins cannot be a store's: nil when they can.
    public var problem: String? {
        if onTrack < 0 || onTrack > 100 { return "the on-track margin is \(onTrack); it is 0 to 100 percentage points" }
        if atRisk < onTrack || atRisk > 100 {
            return "the at-risk margin is \(atRisk); it is from the on-track margin (\(onTrack)) to 100 percentage points"
        }
        return nil
    }

    /// The margins as fractions, for comparing with progress.
    var fractions: (onTrack: Double, atRisk: Double) {
        (NSDecimalNumber(decimal: onTrack).doubleValue / 100, NSDecimalNumber(decimal: atRisk).doubleValue / 100)
    }
}
