import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation

/// The JSON of the changes that rebuild a portfolio: equal bytes mean equal portfolios, spelling included.
func canonicalBytes(_ portfolio: Portfolio) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(portfolio.changesFromEmpty)
}

/// Commits the Osh scenario into `store`, one journal entry per statement, in one transaction.
func seedScenario(_ store: some PortfolioWriter) throws {
    let statements = try OshScenario.statements()
    try store.write { batch in
        for statement in statements { try batch.commit(statement) }
    }
}

/// The folder holding the package's built executables, next to the test bundle.
func productsFolder() -> URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
        if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("StoreWriter").path) { return url }
        url.deleteLastPathComponent()
    }
    return Bundle.main.bundleURL.deletingLastPathComponent()
}
