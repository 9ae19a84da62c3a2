import FieldKit

/// IATI 2.03 activity XML, in and out: the standard donors publish their projects in.
///
/// ``importing(_:into:gazetteer:)`` reads versions 2.01 to 2.03 with a streaming parser and
/// plans the changes that bring a file's activities into a portfolio; dirty values become
/// ``ImportWarning``s, never a failed import. ``export(_:projects:reportingOrg:)`` writes
/// activities in the schema's order with the code lists' codes. `Docs/INTERCHANGE.md` gives
/// the mapping field by field.
public enum IATI {
    /// Plans the import of an IATI activity file into `portfolio`.
    ///
    /// A project that exists takes the file's values, and keeps what the file leaves out; a
    /// record is the same record when its outcome, date and dimensions match. Importing the
    /// same file twice therefore changes nothing the second time.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes, UTF-8 or as its XML declaration says.
    ///   - portfolio: the portfolio to import into, as it stands.
    ///   - gazetteer: the ISO 3166 codes, to add the countries and provinces activities name;
    ///     nil to leave regions out.
    /// - Returns: the changes, each with its line; the warnings; and a summary.
    /// - Throws: ``InterchangeError`` at the line and column where the XML is not well-formed,
    ///   or declares a document type; then nothing is to be applied.
    public static func importing(_ bytes: [UInt8], into portfolio: Portfolio, gazetteer: Gazetteer?)
        throws(InterchangeError) -> ImportPlan
    {
        var importer = IATIImporter(portfolio: portfolio, gazetteer: gazetteer)
        let header = try IATIReader.read(bytes) { importer.take($0) }
        if let version = header.version, !["2.01", "2.02", "2.03"].contains(version.trimmedCell) {
            importer.plan.warnings.insert(
                ImportWarning("IATI version '\(version)' is not 2.01 to 2.03; read as 2.03", line: header.line, reason: "other versions"),
                at: 0)
        }
        // Each activity's warnings come in the order it reads its parts; the file's order reads better.
        importer.plan.warnings = importer.plan.warnings.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        importer.plan.summary = importer.summary
        return importer.plan
    }
}

extension IATIImporter {
    /// `401 activities: 401 projects, 512 partners, 193 outcomes, 52 records; skipped: 3 sectors without code`.
    var summary: String {
        func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var text = counted(counts.activities, "activity").replacingOccurrences(of: "activitys", with: "activities")
        text += ": " + [
            counted(counts.projects, "project"), counted(counts.partners, "new partner"), counted(counts.outcomes, "outcome"),
            counted(counts.records, "record"),
        ].joined(separator: ", ")
        var reasons: [(String, Int)] = []
        for warning in plan.warnings {
            if let index = reasons.firstIndex(where: { $0.0 == warning.reason }) { reasons[index].1 += 1 } else { reasons.append((warning.reason, 1)) }
        }
        if !reasons.isEmpty {
            text += "; skipped or read with a warning: " + reasons.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        }
        return text
    }
}
