import Foundation

extension Decimal {
    /// The value as an integer, when it is a whole number below 10^12 (records mostly are:
    /// people trained, cases referred); nil otherwise.
    ///
    /// A decimal with a non-negative exponent is whole; below 10^12 (and so 2^53) its double
    /// is exact, and the conversion costs some 70 instructions against the 2,400 of an addition.
    var smallInteger: Int64? {
        guard exponent >= 0, exponent <= 3 else { return nil }
        let double = NSDecimalNumber(decimal: self).doubleValue
        guard abs(double) < 1_000_000_000_000, double == double.rounded(.towardZero) else { return nil }
        return Int64(double)
    }

    /// `start` plus every value, exactly: whole numbers are added as integers, and only
    /// the others as decimals. Foundation's decimal addition costs some 2,400 instructions,
    /// and a whole-portfolio progress question adds every record.
    static func sum<S: Sequence>(_ values: S, from start: Decimal) -> Decimal where S.Element == Decimal {
        var whole: Int64 = 0
        var rest = start
        for value in values {
            // 10^12 per value keeps the running total far from Int64's limit for any count
            // of records a store can hold before the fallback below takes over.
            if let integer = value.smallInteger, abs(whole) < 1_000_000_000_000_000 {
                whole += integer
            } else {
                rest += value
            }
        }
        return whole == 0 ? rest : rest + Decimal(whole)
    }
}
