import Foundation

/// An amount in one ISO 4217 currency. Totals are kept per currency, never converted.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The decimal amount.
    public let amount: Decimal
    /// The ISO 4217 code, upper case: `EUR`.
    public let currency: String

    /// Creates an amount, checking the currency against the system's ISO 4217 list.
    public init(amount: Decimal, currency: String) throws(ValueError) {
        let code = currency.uppercased()
        let gazetteer: Gazetteer
        switch Gazetteer.system {
        case .success(let loaded): gazetteer = loaded
        case .failure(let error): throw ValueError(text: currency, reason: error.description)
        }
        guard gazetteer.isCurrency(code) else {
            throw ValueError(text: currency, reason: "not an ISO 4217 currency code such as EUR, USD or KGS")
        }
        self.amount = amount
        self.currency = code
    }

    /// Parses `85000 EUR`, `85_000 EUR` or `12.5 usd`.
    public init(parsing text: String) throws(ValueError) {
        let parts = text.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, let amount = Money.decimal(String(parts[0])) else {
            throw ValueError(text: text, reason: "an amount is a number and a currency code: 85000 EUR")
        }
        try self.init(amount: amount, currency: String(parts[1]))
    }

    /// Reads a plain decimal number, allowing `_` between digits (`85_000`).
    public static func decimal(_ text: String) -> Decimal? {
        let plain = text.replacingOccurrences(of: "_", with: "")
        guard !plain.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"),
            plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        return value
    }

    /// `85000 EUR`.
    public var description: String { "\(amount) \(currency)" }

    private enum CodingKeys: String, CodingKey { case amount, currency }

    /// Decodes `{"amount": "85000", "currency": "EUR"}`, checking the currency.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "'\(text)' is not a number")
        }
        let currency = try container.decode(String.self, forKey: .currency)
        do { try self.init(amount: amount, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the amount as a decimal string, so no precision is lost to binary floating point.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("\(amount)", forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
