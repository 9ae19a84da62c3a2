import Foundation
import Testing

@testable import FieldKit

@Suite struct DecimalSumTests {
    /// Each text, and the integer it is when it is whole and below 10^12.
    static let cases: [(String, Int64?)] = [
        ("0", 0), ("1", 1), ("-1", -1), ("42", 42), ("65535", 65_535), ("65536", 65_536), ("4294967296", 4_294_967_296),
        ("999999999999", 999_999_999_999), ("-999999999999", -999_999_999_999), ("1000000000000", nil), ("1e3", 1_000),
        ("12e2", 1_200), ("100", 100), ("3.000", 3), ("1.5", nil), ("-2.25", nil), ("0.001", nil), ("5e20", nil),
        ("123456789012345678901234567890", nil),
    ]

    @Test(arguments: cases)
    func aWholeNumberIsReadAsAnIntegerAndNothingElseIs(_ text: String, _ expected: Int64?) throws {
        let value = try #require(Decimal(string: text))
        #expect(value.smallInteger == expected)
    }

    @Test func theSumIsExactlyWhatDecimalAdditionGives() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 0...40, using: &generator)).map { _ -> Decimal in
                switch Int.random(in: 0...3, using: &generator) {
                case 0: Decimal(Int.random(in: -1_000...1_000, using: &generator))
                case 1: Decimal(string: "\(Int.random(in: 0...99_999, using: &generator)).\(Int.random(in: 0...99, using: &generator))") ?? 0
                case 2: Decimal(Int64.random(in: 0...999_999_999_999, using: &generator))
                default: Decimal(string: "7e\(Int.random(in: 0...25, using: &generator))") ?? 0
                }
            }
            let start = Decimal(Int.random(in: -50...50, using: &generator))
            #expect(Decimal.sum(values, from: start) == values.reduce(start, +))
        }
    }

    @Test func aLongSumOfLargeWholeNumbersFallsBackBeforeItCouldOverflow() {
        let values = Array(repeating: Decimal(999_999_999_999), count: 20_000)
        #expect(Decimal.sum(values, from: 0) == values.reduce(0, +))
    }
}
