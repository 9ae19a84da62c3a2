import FieldKit
import FieldKitFixtures
import FieldKitStore
import Foundation

/// A folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The JSON of the changes that rebuild a portfolio: equal bytes mean equal portfolios, spelling included.
func canonicalBytes(_ portfolio: Portfolio) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(portfolio.changesFromEmpty)
}

/// Commits the Osh scenario into `store`, one journal entry per statement, in one transaction.
func seedScenario(_ store: some PortfolioStore) throws {
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
