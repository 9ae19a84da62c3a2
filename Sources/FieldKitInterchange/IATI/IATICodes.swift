import FieldKit

/// The IATI code lists FieldKit reads and writes, as tables in one place.
enum IATICodes {
    /// Activity status 1–6.
    static func status(_ code: String) -> ProjectStatus? {
        guard let number = Int(code), (1...6).contains(number) else { return nil }
        return ProjectStatus.allCases.first { $0.iatiCode == number }
    }

    /// Organisation role 1 funding, 2 accountable, 3 extending, 4 implementing.
    static func role(_ code: String) -> Role? {
        switch code {
        case "1": .funder
        case "2": .lead
        case "3": .extending
        case "4": .implementer
        default: nil
        }
    }

    /// Organisation type; the private-sector variants (71 in the provider country, 72 in
    /// the aid recipient country, 73 elsewhere) and public–private partnerships (30) read
    /// as `private` and `other`.
    static func kind(_ code: String) -> PartnerKind? {
        switch code {
        case "30": return .other
        case "71", "72", "73": return .private
        default: return Int(code).flatMap { number in PartnerKind.allCases.first { $0.iatiCode == number } }
        }
    }

    /// Result type 1 output, 2 outcome, 3 impact; 9 (other) reads as an outcome.
    static func level(_ code: String) -> OutcomeLevel? {
        switch code {
        case "1": .output
        case "2", "9": .outcome
        case "3": .impact
        default: nil
        }
    }

    /// Indicator measure: 1 unit (a level when the indicator has a baseline, else a count),
    /// 2 percentage, 3 nominal, 4 ordinal and 5 qualitative (notes, not numbers).
    static func measure(_ code: String, hasBaseline: Bool) -> Measure? {
        switch code {
        case "1": hasBaseline ? .level : .count
        case "2": .percent
        case "3", "4", "5": .qualitative
        default: nil
        }
    }

    /// The measure code FieldKit writes.
    static func code(of measure: Measure) -> String {
        switch measure {
        case .count, .level: "1"
        case .percent: "2"
        case .qualitative: "5"
        }
    }

    /// Sector vocabulary 1 is the DAC 5-digit purpose code, written bare; others keep theirs.
    static let dacFiveDigit = "1"
    /// Vocabulary 99, the reporting organisation's own: FieldKit's sectors in words go out so.
    static let ownVocabulary = "99"
}
