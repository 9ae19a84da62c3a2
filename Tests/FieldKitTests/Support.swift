import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKit

// Shared helpers for the FieldKit tests: the scenario's ids, parsing shortcuts, and the
// "byte-for-byte unchanged" check that every refused change must pass.

/// The project at the heart of the Osh scenario.
let tip: ProjectID = "TIP-2007"
/// The scenario's outcomes of TIP-2007.
let groups = OutcomeID(project: "TIP-2007", key: "groups")
let trained = OutcomeID(project: "TIP-2007", key: "trained")
let awareness = OutcomeID(project: "TIP-2007", key: "awareness")
let network = OutcomeID(project: "TIP-2007", key: "network")

/// The member regions of the Ferghana Valley in the scenario.
let ferghanaMembers: [RegionID] = ["KG-O", "KG-J", "KG-B", "UZ-AN", "UZ-FA", "UZ-NG", "TJ-SU"]

/// The Osh scenario as a portfolio.
func osh() throws -> Portfolio { try OshScenario.portfolio() }

/// Parses a date, failing the test when it is not valid.
func day(_ text: String) throws -> Day { try Day(parsing: text) }

/// Parses an amount such as `85000 EUR`.
func money(_ text: String) throws -> Money { try Money(parsing: text) }

/// A deterministic record id for tests.
func recordID(_ n: UInt64) -> RecordID { RecordID(milliseconds: 1_200_000_000_000 + n, random: n) }

/// The JSON encoding, keys sorted, of the changes that rebuild `portfolio`: two portfolios
/// with the same snapshot hold the same data, spelled the same way, in the same order.
func snapshot(_ portfolio: Portfolio) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(portfolio.changesFromEmpty)
}

/// The JSON encoding of any value with sorted keys, for comparing exact spellings.
func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Applies a change that must be refused, checks that the portfolio is unchanged (by `==` and
/// byte for byte), and returns the error for further checks.
@discardableResult
func expectRefused(
    _ change: Change, on portfolio: Portfolio, sourceLocation: SourceLocation = #_sourceLocation
) throws -> ChangeError? {
    let before = try snapshot(portfolio)
    var copy = portfolio
    var refusal: ChangeError?
    do {
        try copy.apply(change)
        Issue.record("the change was accepted: \(change)", sourceLocation: sourceLocation)
    } catch {
        refusal = error
    }
    let unchanged = copy == portfolio
    #expect(unchanged, "a refused change altered the portfolio", sourceLocation: sourceLocation)
    #expect(try snapshot(copy) == before, "a refused change altered the portfolio's data", sourceLocation: sourceLocation)
    return refusal
}

/// Applies `change` and then its inverse, and checks the portfolio comes back equal, byte for byte.
func expectInverseRestores(
    _ change: Change, on portfolio: Portfolio, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    var copy = portfolio
    try copy.apply(change)
    let changed = try copy != portfolio || snapshot(copy) != snapshot(portfolio)
    #expect(changed, "the change did nothing: \(change)", sourceLocation: sourceLocation)
    try copy.apply(change.inverse)
    let restored = copy == portfolio
    #expect(restored, "the inverse did not restore the portfolio: \(change)", sourceLocation: sourceLocation)
    #expect(try snapshot(copy) == (try snapshot(portfolio)),
        "the inverse did not restore the data: \(change)", sourceLocation: sourceLocation)
    #expect(change.inverse.inverse == change, sourceLocation: sourceLocation)
}

extension ChangeError {
    /// The missing reference as one comparable string, `kind:id`.
    var missingText: String? { missing.map { "\($0.kind.rawValue):\($0.id)" } }
}
