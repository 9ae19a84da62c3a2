import Foundation

/// libxml2's `xmllint`, which scripts/setup installs: counts made independently of the
/// importer, and the IATI schema's verdict on an export.
enum XMLLint {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let data = root.appendingPathComponent("Tests/Fixtures/IATI").standardizedFileURL
    static let schema = data.appendingPathComponent("schema-2.03/iati-activities-schema.xsd")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// `count(…)` of an XPath expression over a file.
    static func count(_ xpath: String, in file: URL) throws -> Int {
        let result = try run(["--xpath", "count(\(xpath))", file.path])
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Validates a file against the IATI 2.03 activity schema; the errors, or none.
    static func schemaErrors(_ file: URL) throws -> String? {
        let result = try run(["--noout", "--schema", schema.path, file.path])
        return result.status == 0 ? nil : String(result.error.suffix(3000))
    }
}
