import Foundation

/// The numbers and dates FieldKit can store exactly, read back and compute with.
///
/// A store keeps numbers in SQLite `NUMERIC` columns, where an integer of up to 64 bits
/// is kept exactly and anything else as a double, of which 15 significant decimal digits
/// survive the trip back to text. So FieldKit accepts a number only when all of its digits
/// survive: at most ``significantDigits`` of them, below ``maximumMagnitude`` in size and with
/// at most ``fractionDigits`` after the point. Within these, sums over a million records,
/// progress and averages stay far inside `Decimal`'s range. Dates run from ``Day/earliest``
/// to ``Day/latest``. Docs/RELIABILITY.md lists every limit.
package enum Limits {
    /// The most significant digits of a number: 15.
    package static let significantDigits = 15
    /// The most digits after the decimal point: 15.
    package static let fractionDigits = 15
    /// Every number lies strictly between minus and plus 10^15.
    package static let maximumMagnitude = Decimal(sign: .plus, exponent: 15, significand: 1)

    /// 10^0 … 10^15, each exact as a double.
    private static let powersOfTen: [Double] = (0...15).map { pow(10, Double($0)) }

    /// Throws unless `number` can be stored and read back exactly; `written` is the text
    /// the error shows (the number's own digits when nil).
    package static func check(_ number: Decimal, written: String? = nil) throws(ValueError) {
        // The common case in some 50 instructions: Decimal's own comparisons cost a record
        // statement more than binding it to SQLite. A decimal is digits × 10^exponent, so
        // its digits number at most 15 when its size stays below 10^(15 + exponent); a
        // double tells sizes 10^-15 apart, finer than any decimal of 15 digits needs. Only
        // a number this test refuses takes the exact path below, which names the limit.
        let exponent = number.exponent
        if number.isFinite, exponent >= -fractionDigits {
            let size = abs(NSDecimalNumber(decimal: number).doubleValue)
            if size < 1e15, exponent >= 0 || size < powersOfTen[significantDigits + exponent] { return }
        }
        // The text only for a message: written out when there is one to give.
        func refuse(_ reason: String) -> ValueError { ValueError(text: written ?? number.description, reason: reason) }
        guard number.isFinite else { throw refuse("not a finite number") }
        guard number.magnitude < maximumMagnitude else {
            throw refuse("numbers must lie between -10^15 and 10^15 (15 digits)")
        }
        // Exactly, in decimal: `-exponent` digits follow the point.
        guard exponent >= -fractionDigits else {
            throw refuse("a number has at most \(fractionDigits) digits after the point")
        }
        guard exponent >= 0 || number.magnitude < Decimal(sign: .plus, exponent: significantDigits + exponent, significand: 1) else {
            throw refuse("a number has at most \(significantDigits) significant digits; FieldKit could not keep the rest")
        }
    }
}
