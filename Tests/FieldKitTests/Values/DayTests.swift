import Foundation
import Testing

@testable import FieldKit

@Suite("Day")
struct DayTests {
    // MARK: Parsing and printing

    @Test func parsesAFullDate() throws {
        let launch = try Day(parsing: "2007-04-24")
        #expect(launch.year == 2007)
        #expect(launch.month == 4)
        #expect(launch.day == 24)
        #expect(launch.precision == .day)
        #expect(launch.description == "2007-04-24")
        #expect(launch == (try Day(year: 2007, month: 4, day: 24)))
    }

    @Test func parsesAMonth() throws {
        let completed = try Day(parsing: "2008-01")
        #expect(completed.year == 2008)
        #expect(completed.month == 1)
        #expect(completed.day == 1)
        #expect(completed.precision == .month)
        #expect(completed.description == "2008-01")
        #expect(completed == (try Day(year: 2008, month: 1)))
    }

    @Test func parsesAYear() throws {
        let research = try Day(parsing: "2007")
        #expect(research.year == 2007)
        #expect(research.month == 1)
        #expect(research.day == 1)
        #expect(research.precision == .year)
        #expect(research.description == "2007")
        #expect(research == (try Day(year: 2007)))
        #expect(try Day(parsing: "0042").description == "0042")
    }

    @Test(arguments: ["2007-04-24", "2008-01", "2007", "2008-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "1970-01"])
    func printsWhatItParses(_ text: String) throws {
        #expect(try Day(parsing: text).description == text)
    }

    @Test func rejectsTheThirtiethOfFebruary() {
        let error = #expect(throws: ValueError.self) { try Day(parsing: "2007-02-30") }
        #expect(error?.text == "2007-02-30")
        #expect(error?.reason.contains("February 2007 has 28 days") == true)
        #expect(error?.description == "'2007-02-30' is not valid: February 2007 has 28 days")
    }

    @Test func acceptsTheLeapDayOfALeapYear() throws {
        let leap = try Day(parsing: "2008-02-29")
        #expect(leap.month == 2)
        #expect(leap.day == 29)
        #expect(try Day(parsing: "2000-02-29").day == 29)
    }

    @Test func rejectsTheLeapDayOfACenturyThatIsNotLeap() {
        let error = #expect(throws: ValueError.self) { try Day(parsing: "1900-02-29") }
        #expect(error?.reason == "February 1900 has 28 days")
    }

    @Test func rejectsDaysPastTheMonthsEnd() {
        let error = #expect(throws: ValueError.self) { try Day(parsing: "2007-04-31") }
        #expect(error?.reason == "April 2007 has 30 days")
        #expect(throws: ValueError.self) { try Day(year: 2007, month: 1, day: 0) }
        #expect(throws: ValueError.self) { try Day(year: 2007, month: 1, day: 32) }
    }

    @Test func rejectsMonthThirteen() {
        let error = #expect(throws: ValueError.self) { try Day(parsing: "2007-13") }
        #expect(error?.reason.contains("month") == true)
        #expect(throws: ValueError.self) { try Day(parsing: "2007-00") }
        #expect(throws: ValueError.self) { try Day(parsing: "2007-13-01") }
    }

    @Test func rejectsYearZero() {
        let error = #expect(throws: ValueError.self) { try Day(parsing: "0000") }
        #expect(error?.reason.contains("year") == true)
    }

    @Test(arguments: [
        "07-01-01", "2007-1-1", "2007-01-1", "", "２００７-01-01", "٢٠٠٧", "2007-04-24T10:00", "2007/04/24", " 2007",
        "2007 ", "2007-", "-2007", "+2007", "20070424", "2007-04-24-01", "2007-O4", "24.04.2007",
    ])
    func rejectsMalformedText(_ text: String) {
        let error = #expect(throws: ValueError.self) { try Day(parsing: text) }
        #expect(error?.text == text)
    }

    // MARK: Order

    @Test func coarserDatesComeFirstWhenTheyShareAFirstDay() throws {
        let year = try day("2008")
        let month = try day("2008-01")
        let date = try day("2008-01-01")
        #expect(year < month)
        #expect(month < date)
        #expect(year < date)
        #expect(year != month)
        #expect(month != date)
        let texts = ["2008-01-02", "2009", "2008-01-01", "2007-12-31", "2008-02", "2008", "2008-01"]
        let sorted = try texts.map(day).sorted().map(\.description)
        #expect(sorted == ["2007-12-31", "2008", "2008-01", "2008-01-01", "2008-01-02", "2008-02", "2009"])
    }

    @Test func ordersByFirstDayCovered() throws {
        #expect(try day("2007-12-31") < day("2008"))
        #expect(try day("2008") < day("2008-01-02"))
        #expect(try day("2008-12-31") < day("2009-01"))
        #expect(try !(day("2008-02") < day("2008-01-31")))
    }

    // MARK: Ranges

    @Test func firstAndLastDays() throws {
        #expect(try day("2008-01").firstDay == day("2008-01-01"))
        #expect(try day("2008-01").lastDay == day("2008-01-31"))
        #expect(try day("2008-02").lastDay == day("2008-02-29"))
        #expect(try day("2007-02").lastDay == day("2007-02-28"))
        #expect(try day("2007-04").lastDay == day("2007-04-30"))
        #expect(try day("2007").firstDay == day("2007-01-01"))
        #expect(try day("2007").lastDay == day("2007-12-31"))
        #expect(try day("2007-04-24").firstDay == day("2007-04-24"))
        #expect(try day("2007-04-24").lastDay == day("2007-04-24"))
        #expect(try day("2008-01").lastDay.precision == .day)
    }

    @Test func ordinalsCountDaysFromTheUnixEpoch() throws {
        #expect(try day("1970-01-01").ordinal == 0)
        #expect(try day("1970-01-02").ordinal == 1)
        #expect(try day("1969-12-31").ordinal == -1)
        #expect(try day("2007-04-24").ordinal == 13_627)
        #expect(try day("0001-01-01").ordinal == -719_162)
        #expect(try day("9999-12-31").ordinal == 2_932_896)
        // A partial date's ordinal is its first day's.
        #expect(try day("2008-01").ordinal == day("2008-01-01").ordinal)
        #expect(try day("2007").ordinal == day("2007-01-01").ordinal)
        #expect(try Day(ordinal: 13_627).description == "2007-04-24")
        #expect(try Day(ordinal: 0).precision == .day)
    }

    @Test func ordinalRoundTripsFromYearOneToYear9999() throws {
        var previous: Day?
        for ordinal in stride(from: -719_162, through: 2_932_896, by: 53) {
            let date = try Day(ordinal: ordinal)
            #expect(date.ordinal == ordinal)
            #expect(try Day(parsing: date.description) == date, "\(date) does not exist")
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test func consecutiveOrdinalsAreConsecutiveDates() throws {
        // Every day of 2007 and 2008 (a leap year), against the calendar's month lengths.
        var date = try day("2007-01-01")
        var count = 0
        while date.year < 2009 {
            let next = try Day(ordinal: date.ordinal + 1)
            if date.day == Day.daysIn(year: date.year, month: date.month) {
                #expect(next.day == 1)
                #expect(next.month == date.month % 12 + 1)
                #expect(next.year == (date.month == 12 ? date.year + 1 : date.year))
            } else {
                #expect(next.day == date.day + 1 && next.month == date.month && next.year == date.year)
            }
            date = next
            count += 1
        }
        #expect(count == 365 + 366)
    }

    // MARK: Arithmetic

    @Test func addingDays() throws {
        #expect(try day("2007-12-31").adding(days: 1) == day("2008-01-01"))
        #expect(try day("2008-02-28").adding(days: 1) == day("2008-02-29"))
        #expect(try day("2008-03-01").adding(days: -1) == day("2008-02-29"))
        #expect(try day("2007-03-01").adding(days: -1) == day("2007-02-28"))
        #expect(try day("2007-04-24").adding(days: 0) == day("2007-04-24"))
        #expect(try day("2007-04-24").adding(days: 282) == day("2008-01-31"))
        // A partial date counts from its first day and gives a full date.
        #expect(try day("2008-01").adding(days: 0) == day("2008-01-01"))
        #expect(try day("2008").adding(days: 31) == day("2008-02-01"))
    }

    @Test func addingMonthsClampsToTheMonthsEnd() throws {
        #expect(try day("2007-01-31").adding(months: 1) == day("2007-02-28"))
        #expect(try day("2008-01-31").adding(months: 1) == day("2008-02-29"))
        #expect(try day("2007-03-31").adding(months: 1) == day("2007-04-30"))
        #expect(try day("2008-03-31").adding(months: -1) == day("2008-02-29"))
        #expect(try day("2007-11-15").adding(months: 2) == day("2008-01-15"))
        #expect(try day("2008-01-15").adding(months: -2) == day("2007-11-15"))
        #expect(try day("2007-04-24").adding(months: 0) == day("2007-04-24"))
        #expect(try day("2007-04-24").adding(months: 24) == day("2009-04-24"))
    }

    @Test func addingMonthsKeepsThePrecision() throws {
        #expect(try day("2007-12").adding(months: 1) == day("2008-01"))
        #expect(try day("2008-01").adding(months: -1) == day("2007-12"))
        #expect(try day("2007").adding(months: 12) == day("2008"))
        #expect(try day("2007").adding(months: -12) == day("2006"))
        // A year stays a year: its month and day stay 1, so it equals the parsed year.
        let later = try day("2007").adding(months: 1)
        #expect(later.precision == .year)
        #expect(later.month == 1)
        #expect(later == (try day("2007")))
        #expect(try day("2007").adding(months: 13) == day("2008"))
        #expect(try day("2007").adding(months: -1) == day("2006"))
    }

    @Test func addingYears() throws {
        #expect(try day("2008-02-29").adding(years: 1) == day("2009-02-28"))
        #expect(try day("2008-02-29").adding(years: 4) == day("2012-02-29"))
        #expect(try day("2007-04").adding(years: 1) == day("2008-04"))
        #expect(try day("2007").adding(years: -1) == day("2006"))
    }

    @Test func daysUntil() throws {
        #expect(try day("2007-04-24").days(until: day("2008-01-31")) == 282)
        #expect(try day("2008-01-31").days(until: day("2007-04-24")) == -282)
        #expect(try day("2008-01").days(until: day("2008-02")) == 31)
    }

    // MARK: Today and Codable

    @Test func todayInAGivenTimeZone() throws {
        let midnightUTC = Date(timeIntervalSince1970: 1_177_372_800)  // 2007-04-24T00:00:00Z
        let utc = try #require(TimeZone(secondsFromGMT: 0))
        let bishkek = try #require(TimeZone(secondsFromGMT: 6 * 3600))
        let honolulu = try #require(TimeZone(secondsFromGMT: -10 * 3600))
        #expect(try Day.today(in: utc, now: midnightUTC) == day("2007-04-24"))
        #expect(try Day.today(in: bishkek, now: midnightUTC.addingTimeInterval(-3600)) == day("2007-04-24"))
        #expect(try Day.today(in: honolulu, now: midnightUTC) == day("2007-04-23"))
        #expect(Day.today(in: utc, now: midnightUTC).precision == .day)
        // The process's own zone, through the C library, agrees with Foundation's.
        for offset in stride(from: -86_400.0 * 400, through: 86_400 * 400, by: 3_600 * 7) {
            let moment = midnightUTC.addingTimeInterval(offset)
            #expect(Day.today(now: moment) == Day.today(in: .current, now: moment))
        }
    }

    @Test func codesAsItsISOForm() throws {
        let days = try ["2007-04-24", "2008-01", "2007"].map(day)
        let data = try JSONEncoder().encode(days)
        #expect(String(decoding: data, as: UTF8.self) == #"["2007-04-24","2008-01","2007"]"#)
        let decoded = try JSONDecoder().decode([Day].self, from: data)
        #expect(decoded == days)
        #expect(decoded.map(\.precision) == [.day, .month, .year])
    }

    @Test(arguments: [#"["2007-02-30"]"#, #"["2007-13"]"#, #"["07-01-01"]"#, #"[20070424]"#])
    func decodingRefusesInvalidDates(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(text.utf8)) }
    }

    @Test func precisionsOrderCoarseFirst() {
        #expect(Day.Precision.year < .month)
        #expect(Day.Precision.month < .day)
    }
}
