import Foundation
import Testing

@testable import FieldKit

@Suite("Money")
struct MoneyTests {
    @Test func parsesAnAmountAndACurrency() throws {
        let budget = try Money(parsing: "85000 EUR")
        #expect(budget.amount == 85_000)
        #expect(budget.currency == "EUR")
        #expect(budget.description == "85000 EUR")
    }

    @Test func acceptsUnderscoresAndLowerCaseCodes() throws {
        let budget = try Money(parsing: "85_000 eur")
        #expect(budget.description == "85000 EUR")
        #expect(budget == (try Money(amount: 85_000, currency: "EUR")))
    }

    @Test func keepsDecimals() throws {
        let fee = try Money(parsing: "12.5 USD")
        #expect(fee.amount == Decimal(string: "12.5"))
        #expect(fee.description == "12.5 USD")
        #expect(try Money(parsing: "12.50 usd").description == "12.5 USD")
        #expect(try Money(parsing: "0.1 KGS").amount == Decimal(string: "0.1"))
    }

    @Test(arguments: [
        ("85000 EUR", "85000 EUR"), ("85_000 eur", "85000 EUR"), ("12.5 USD", "12.5 USD"),
        ("  1_000_000   kgs ", "1000000 KGS"), ("0 EUR", "0 EUR"), ("1_000.25 EUR", "1000.25 EUR"),
    ])
    func printsTheCanonicalForm(_ text: String, _ printed: String) throws {
        #expect(try Money(parsing: text).description == printed)
    }

    @Test func refusesAnUnknownCurrency() {
        let error = #expect(throws: ValueError.self) { try Money(parsing: "85000 XYZ") }
        #expect(error?.text == "XYZ")
        #expect(error?.reason.contains("ISO 4217") == true)
        #expect(throws: ValueError.self) { try Money(amount: 1, currency: "euro") }
    }

    @Test(arguments: [
        "EUR 85000", "85,000 EUR", "_85 EUR", "85_ EUR", "85000", "EUR", "", "85000 EUR extra", "85 000 EUR",
        "1.2.3 EUR", "12-5 EUR", "- EUR", ". EUR", "+ EUR", "1e3 EUR", "0x10 EUR", "١٢ EUR", "1_.5 EUR",
    ])
    func refusesMalformedAmounts(_ text: String) {
        #expect(throws: ValueError.self) { try Money(parsing: text) }
    }

    @Test func readsPlainDecimals() {
        #expect(Money.decimal("85_000") == 85_000)
        #expect(Money.decimal("-12.5") == Decimal(string: "-12.5"))
        #expect(Money.decimal("+3") == 3)
        #expect(Money.decimal("0.25") == Decimal(string: "0.25"))
        #expect(Money.decimal(".5") == Decimal(string: "0.5"))
        #expect(Money.decimal("12.") == 12)
        #expect(Money.decimal("1_000.000_5") == Decimal(string: "1000.0005"))
        #expect(Money.decimal("1.2.3") == nil)
        #expect(Money.decimal("12-5") == nil)
        #expect(Money.decimal("-") == nil)
        #expect(Money.decimal(".") == nil)
        #expect(Money.decimal("") == nil)
    }

    @Test func codableRoundTripKeepsExactDecimals() throws {
        for text in ["0.1 EUR", "0.3 USD", "85000 EUR", "1234567890.123456789 KGS", "-5.05 EUR"] {
            let amount = try Money(parsing: text)
            let data = try JSONEncoder().encode(amount)
            let decoded = try JSONDecoder().decode(Money.self, from: data)
            #expect(decoded == amount)
            #expect(decoded.amount == amount.amount)
            #expect(decoded.description == amount.description)
        }
        #expect(try json(Money(parsing: "0.1 EUR")) == #"{"amount":"0.1","currency":"EUR"}"#)
        // Exact: 0.1 + 0.2 is 0.3 after a round trip, as no binary floating point is involved.
        let sum = try [Money(parsing: "0.1 EUR"), Money(parsing: "0.2 EUR")]
            .map { try JSONDecoder().decode(Money.self, from: JSONEncoder().encode($0)).amount }
            .reduce(0, +)
        #expect(sum == Decimal(string: "0.3"))
    }

    @Test(arguments: [
        #"{"amount":"85000","currency":"XYZ"}"#, #"{"amount":"lots","currency":"EUR"}"#,
        #"{"amount":"1.2.3","currency":"EUR"}"#, #"{"amount":85000,"currency":"EUR"}"#, #"{"currency":"EUR"}"#,
    ])
    func decodingRefusesBadAmounts(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data(text.utf8)) }
    }

    @Test func anAmountAndItsCodeSplitAtWhitespaceAsUnicodeSaysForEveryASCIICharacter() throws {
        for value in 0..<128 {
            let separator = String(UnicodeScalar(UInt8(value)))
            let parsed = try? Money(parsing: "12\(separator)EUR")
            #expect((parsed != nil) == Character(separator).isWhitespace, "\(value)")
        }
        #expect(try Money(parsing: "12\r\nEUR").amount == 12)
        #expect(try Money(parsing: "12\u{00A0}EUR").currency == "EUR")
    }
}
