extension Day {
    /// The first day FieldKit can store and read back: 0001-01-01.
    public static let earliest = Day(unchecked: 1, 1, 1, .day)
    /// The last day FieldKit can store and read back: 9999-12-31.
    public static let latest = Day(unchecked: 9999, 12, 31, .day)

    /// The full date `days` after this one's first day; negative counts go back.
    ///
    /// Arithmetic on offsets a user typed never traps, however large `days` is.
    ///
    /// - Parameter days: how many days to move; negative to go back.
    /// - Returns: a full date (day precision): `2008-01` plus 3 days is `2008-01-04`.
    /// - Throws: ``ValueError`` when the result would fall outside ``earliest`` … ``latest``.
    public func adding(days: Int) throws(ValueError) -> Day {
        let (ordinal, overflow) = firstDay.ordinal.addingReportingOverflow(days)
        guard !overflow else { throw Day.outOfRange("\(self) \(days < 0 ? "-" : "+") \(days.magnitude) days") }
        return try Day(ordinal: ordinal)
    }

    /// The date `months` later at the same precision; a day past the month's end is clamped
    /// (`2007-01-31` plus one month is `2007-02-28`). A year becomes the year its first day
    /// falls in once moved (`2007` plus 13 months is `2008`).
    ///
    /// - Parameter months: how many months to move; negative to go back.
    /// - Returns: the moved date, at this date's precision.
    /// - Throws: ``ValueError`` when the result would fall outside years 1 through 9999.
    public func adding(months: Int) throws(ValueError) -> Day {
        let (index, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        // Years 1…9999 are month indexes 12…119_999; anything else is out of range.
        guard !overflow, (12...(9999 * 12 + 11)).contains(index) else {
            throw Day.outOfRange("\(self) \(months < 0 ? "-" : "+") \(months.magnitude) months")
        }
        let newYear = index / 12
        let newMonth = precision == .year ? 1 : precision == .quarter ? (index % 12) / 3 * 3 + 1 : index % 12 + 1
        let newDay = min(day, Day.daysIn(year: newYear, month: newMonth))
        return Day(unchecked: newYear, newMonth, newDay, precision)
    }

    /// The date `years` later at the same precision; 29 February becomes 28 February.
    ///
    /// - Parameter years: how many years to move; negative to go back.
    /// - Returns: the moved date, at this date's precision.
    /// - Throws: ``ValueError`` when the result would fall outside years 1 through 9999.
    public func adding(years: Int) throws(ValueError) -> Day {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        guard !overflow else { throw Day.outOfRange("\(self) \(years < 0 ? "-" : "+") \(years.magnitude) years") }
        return try adding(months: months)
    }

    /// Whole days from this day's first day to `other`'s first day.
    ///
    /// - Parameter other: the later (or earlier) date.
    /// - Returns: the number of days; negative when `other` starts earlier.
    public func days(until other: Day) -> Int { other.firstDay.ordinal - firstDay.ordinal }

    /// The error for a result past the range a store can hold.
    package static func outOfRange(_ text: String) -> ValueError {
        ValueError(text: text, reason: "the result is outside 0001-01-01 … 9999-12-31, the dates FieldKit can store")
    }
}
