import Foundation

/// How an outcome stands against its target.
public enum OutcomeStatus: String, Vocabulary {
    /// Progress has reached the target.
    case achieved
    /// Progress is at most the store's on-track margin behind the time elapsed (``Portfolio/thresholds``).
    case onTrack = "on-track"
    /// Progress is at most the store's at-risk margin behind the time elapsed.
    case atRisk = "at-risk"
    /// Progress is further behind than that, or the outcome is past its due date (or its
    /// project's end) without having reached its target.
    case offTrack = "off-track"
    /// Nothing has been recorded yet.
    case notStarted = "not-started"
    /// `outcome status`.
    public static let vocabularyName = "outcome status"
}

/// Where an outcome stands on a given day: every derived figure in one value.
public struct OutcomeProgress: Hashable, Sendable {
    /// The outcome.
    public var outcome: OutcomeID
    /// The current value: for `count` the baseline plus every increment, for `level`
    /// and `percent` the latest record (or the baseline); nil for `qualitative`.
    public var current: Decimal?
    /// `(current − baseline) / (target − baseline)`, as a fraction (1 is the target);
    /// nil without a target.
    public var progress: Double?
    /// The fraction of the outcome's time that has elapsed, from 0 to 1; nil without dates.
    public var expected: Double?
    /// How it stands; nil for a qualitative outcome.
    public var status: OutcomeStatus?
    /// The date of the latest record counted.
    public var lastRecorded: Day?
    /// How many records were counted.
    public var recordCount: Int
}

extension Portfolio {
    /// Progress this far behind the elapsed time (as a fraction) counts as on track in a
    /// store that keeps the standard margins (``ProgressThresholds/standard``).
    public static let onTrackTolerance = ProgressThresholds.standard.fractions.onTrack
    /// Progress up to this far behind counts as at risk, with the standard margins.
    public static let atRiskTolerance = ProgressThresholds.standard.fractions.atRisk

    /// When an outcome is due: its own due date, else its project's end; nil with neither.
    ///
    /// - Parameter outcome: the outcome.
    /// - Returns: the date progress is expected by.
    public func dueDate(of outcome: Outcome) -> Day? {
        outcome.due ?? projects[outcome.id.project]?.end
    }

    /// Where an outcome stands on `day`, ignoring records dated after it.
    ///
    /// - Parameters:
    ///   - id: the outcome.
    ///   - day: the day to stand on: records after it are ignored, and the expected progress is that of this day.
    /// - Returns: its baseline, current value, target, progress, expected progress and status; nil for an unknown outcome.
    public func progress(of id: OutcomeID, asOf day: Day) -> OutcomeProgress? {
        guard let outcome = outcomes[id] else { return nil }
        let cutoff = day.lastDay
        let all = measurements(of: id)
        // Records are sorted by date: the common case, all of them on or before the day, needs no scan.
        let records = all.last.map { $0.date.firstDay <= cutoff } ?? true ? all[...] : all.prefix { $0.date.firstDay <= cutoff }
        return progress(of: outcome, records: records, baseline: outcome.baseline, on: day)
    }

    /// Where one part of an outcome stands on `day`: the records whose `dimension` is
    /// `value` (`sex` `female`), or that lack the dimension when `value` is nil.
    ///
    /// A `count`'s part starts from zero, since the baseline is the whole's: its progress is
    /// its share of the way to the target. A `level` or `percent` part is measured from
    /// the baseline like the whole. Status and expected progress are worked out as for the whole.
    ///
    /// - Parameters:
    ///   - id: the outcome.
    ///   - day: the day to stand on: records after it are ignored.
    ///   - dimension: a dimension the records carry, such as `sex`.
    ///   - value: the dimension's value, or nil for the records without it.
    /// - Returns: the part's figures; nil for an unknown outcome.
    public func progress(of id: OutcomeID, asOf day: Day, dimension: String, value: String?) -> OutcomeProgress? {
        guard let outcome = outcomes[id] else { return nil }
        let cutoff = day.lastDay
        let records = measurements(of: id).filter { $0.date.firstDay <= cutoff && $0.dimensions[dimension] == value }
        let baseline = outcome.measure == .count ? 0 : outcome.baseline
        return progress(of: outcome, records: records[...], baseline: baseline, on: day)
    }

    /// The figures of an outcome over the records given, sorted by date.
    private func progress(of outcome: Outcome, records: ArraySlice<OutcomeRecord>, baseline stated: Decimal?, on day: Day) -> OutcomeProgress {
        let id = outcome.id
        let baseline = stated ?? 0
        var current: Decimal?
        switch outcome.measure {
        case .count: current = Decimal.sum(records.lazy.compactMap(\.value), from: baseline)
        case .level, .percent: current = latest(of: records, averaging: outcome.measure == .percent) ?? stated
        case .qualitative: current = nil
        }

        var progress: Double?
        if let target = outcome.target, let current, target != baseline {
            // In Double: the fraction is a Double anyway, the differences of stored numbers (at
            // most 15 significant digits) convert exactly enough, and x / x is exactly 1. A
            // Decimal division cost some 12k instructions, an eighth of a whole load's time.
            let done = NSDecimalNumber(decimal: current - baseline).doubleValue
            let whole = NSDecimalNumber(decimal: target - baseline).doubleValue
            progress = done / whole
        }

        let project = projects[id.project]
        let due = dueDate(of: outcome)
        let expected = Portfolio.elapsedFraction(
            from: outcome.baselineDate ?? project?.actualStart ?? project?.start, to: due, on: day)

        var status: OutcomeStatus?
        if outcome.measure != .qualitative {
            if records.isEmpty {
                status = .notStarted
            } else if let progress, progress >= 1 {
                status = .achieved
            } else if let due, day.firstDay > due.lastDay {
                // Past its due date and short of its target: late, however close it came.
                status = .offTrack
            } else {
                let gap = (expected ?? 0) - (progress ?? 0)
                // Within a billionth: 0.5 − 0.35 is 0.15000000000000002 in binary, and a
                // margin of 15 points means 15 points behind is still at risk.
                let margins = thresholds.fractions
                let slack = 1e-9
                status = gap <= margins.onTrack + slack ? .onTrack : gap <= margins.atRisk + slack ? .atRisk : .offTrack
            }
        }
        return OutcomeProgress(
            outcome: id, current: current, progress: progress, expected: expected, status: status,
            lastRecorded: records.last?.date, recordCount: records.count)
    }

    /// For `level` and `percent`: the latest date's undivided record; when that date has
    /// only disaggregated records (female, male), a level is their sum and a percentage
    /// their plain (unweighted) mean, since 40% of women and 50% of men is not 90%.
    private func latest(of records: ArraySlice<OutcomeRecord>, averaging: Bool) -> Decimal? {
        guard let last = records.last else { return nil }
        let sameDay = records.reversed().prefix { $0.date == last.date }
        if let total = sameDay.first(where: { $0.dimensions.isEmpty }) { return total.value }
        let sum = sameDay.reduce(Decimal(0)) { $0 + ($1.value ?? 0) }
        return averaging ? sum / Decimal(sameDay.count) : sum
    }

    /// The fraction of the time from `start` to `end` that has passed on `day`, from 0 to 1.
    ///
    /// - Parameters:
    ///   - start: the first day of the period.
    ///   - end: the last day (a month or a year ends on its last day).
    ///   - day: the day asked about.
    /// - Returns: 0 before the start, 1 after the end; nil when either date is missing.
    public static func elapsedFraction(from start: Day?, to end: Day?, on day: Day) -> Double? {
        guard let start, let end else { return nil }
        let first = start.firstDay.ordinal
        let last = end.lastDay.ordinal
        guard last > first else { return day.ordinal >= first ? 1 : 0 }
        let fraction = Double(day.lastDay.ordinal - first) / Double(last - first)
        return min(1, max(0, fraction))
    }
}
