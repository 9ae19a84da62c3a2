import Foundation

/// An amount in one ISO 4217 currency. Totals are kept per currency, never converted.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The decimal amount.
    public let amount: Decimal
    /// The ISO 4217 code, upper case: `EUR`.
    public let currency: String

    /// Creates an amount, checking the currency against the system's ISO 4217 list.
    ///
    /// - Parameters:
    ///   - amount: the decimal amount.
    ///   - currency: the ISO 4217 code, in any case: `EUR`, `eur`; kept upper case.
    /// - Throws: ``ValueError`` when the code is not an ISO 4217 currency (with the nearest
    ///   one as a suggestion), or when the system's iso-codes data cannot be read.
    public init(amount: Decimal, currency: String) throws(ValueError) {
        let code = currency.uppercased()
        let codes: Set<String>
        switch Gazetteer.currencies {
        case .success(let loaded): codes = loaded
        case .failure(let error): throw ValueError(text: currency, reason: error.description)
        }
        guard codes.contains(code) else {
            throw ValueError(
                text: currency, reason: "not an ISO 4217 currency code such as EUR, USD or KGS",
                suggestion: Spelling.nearest(to: code, in: codes))
        }
        self.amount = amount
        self.currency = code
    }

    /// Parses `85000 EUR`, `85_000 EUR` or `12.5 usd`: a plain decimal number, white space,
    /// and a currency code.
    ///
    /// - Parameter text: the amount as written.
    /// - Throws: ``ValueError`` when the text is not a number and a code, or the code is not
    ///   an ISO 4217 currency.
    public init(parsing text: String) throws(ValueError) {
        // ASCII text, as amounts nearly always are, splits at ASCII spaces (`\r\n`'s value
        // is that of `\n`) without asking for each character's Unicode properties.
        let parts = text.utf8.allSatisfy({ $0 < 0x80 })
            ? text.split(whereSeparator: { $0.asciiValue.map { $0 == 0x20 || (0x09...0x0D).contains($0) } ?? false })
            : text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let amount = Money.decimal(String(parts[0])) else {
            throw ValueError(text: text, reason: "an amount is a number and a currency code: 85000 EUR")
        }
        try self.init(amount: amount, currency: String(parts[1]))
    }

    /// Reads a plain decimal number: an optional sign, then digits with at most one point
    /// (`-12.5`, `.5`), allowing `_` between digits (`85_000`). Anything else is nil, so
    /// `1.2.3` or `12-5` is refused rather than read as far as it goes.
    package static func decimal(_ text: String) -> Decimal? {
        // Fast path for what scripts mostly hold: up to 18 plain digits, maybe a sign and a point.
        if let value = plainDecimal(text) { return value }
        var number = Substring(text)
        if number.first == "-" || number.first == "+" { number = number.dropFirst() }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }) else { return nil }
        for part in parts where !part.isEmpty {
            // `_` only ever stands alone between two digits: `85_000`, not `1__0` or `_1`.
            guard part.first != "_", part.last != "_", !part.contains("__"),
                part.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") })
            else { return nil }
        }
        return Decimal(string: text.replacingOccurrences(of: "_", with: ""), locale: Locale(identifier: "en_US_POSIX"))
    }

    private static func plainDecimal(_ text: String) -> Decimal? {
        var significand: UInt64 = 0
        var digits = 0
        var fraction = -1
        var negative = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: break
            case UInt8(ascii: "."):
                guard fraction < 0 else { return nil }
                fraction = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if fraction >= 0 { fraction += 1 }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: -max(0, fraction), significand: Decimal(significand))
        return value
    }

    /// `85000 EUR`.
    public var description: String { "\(amount) \(currency)" }

    private enum CodingKeys: String, CodingKey { case amount, currency }

    /// Decodes `{"amount": "85000", "currency": "EUR"}`, checking the currency.
    ///
    /// - Parameter decoder: holds an object with `amount` as a decimal string and `currency`.
    /// - Throws: `DecodingError` when a member is missing, the amount is not a number, or
    ///   the currency is not an ISO 4217 code.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let amount = Money.decimal(text) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "'\(text)' is not a number")
        }
        let currency = try container.decode(String.self, forKey: .currency)
        do { try self.init(amount: amount, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the amount as a decimal string, so no precision is lost to binary floating point.
    ///
    /// - Parameter encoder: receives an object with `amount` and `currency`.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("\(amount)", forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
