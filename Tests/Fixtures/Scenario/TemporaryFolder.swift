import Foundation

/// A new empty folder under the system's temporary directory, removed with everything in it
/// when the last reference to this value goes: a test's files never outlive the test.
public final class TemporaryFolder {
    /// The folder.
    public let url: URL

    /// Creates the folder, named after `prefix` and a fresh UUID.
    public init(prefix: String = "fieldkit-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
