extension Day {
    /// The full date `days` after this one's first day; negative counts go back.
    public func adding(days: Int) -> Day { Day(ordinal: firstDay.ordinal + days) }

    /// The date `months` later at the same precision; a day past the month's end is clamped
    /// (`2007-01-31` plus one month is `2007-02-28`). A year becomes the year its first day
    /// falls in once moved (`2007` plus 13 months is `2008`).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = precision == .year ? 1 : index % 12 + 1
        let newDay = min(day, Day.daysIn(year: newYear, month: newMonth))
        return Day(unchecked: newYear, newMonth, newDay, precision)
    }

    /// The date `years` later at the same precision; 29 February becomes 28 February.
    public func adding(years: Int) -> Day { adding(months: years * 12) }

    /// Whole days from this day's first day to `other`'s first day.
    public func days(until other: Day) -> Int { other.firstDay.ordinal - firstDay.ordinal }
}
