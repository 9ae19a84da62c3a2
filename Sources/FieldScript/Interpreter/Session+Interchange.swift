import FieldKit
import FieldKitInterchange
import Foundation

extension Session {
    /// The largest file `import` reads: a JSON document is read whole, and its tree takes
    /// several times its size in memory.
    static let largestImport = 256 << 20

    /// `import json|csv records "<file>" [replace]`: the file's contents, as one statement of changes
    /// checked against the batch's latest state; all of it or, at the first problem,
    /// nothing, with the problem shown where it is in the file.
    func importFile(
        _ parsed: ParsedStatement, path: Expression, replace: Bool, origin: String, batch: inout WriteBatch,
        planning: ([UInt8], Portfolio, Bool) throws(InterchangeError) -> ImportPlan
    ) throws {
        let evaluator = Evaluator(portfolio: batch.portfolio, variables: variables, today: today)
        let name = try evaluator.text(path)
        let bytes = try importedBytes(name, at: path)
        let plan: ImportPlan
        do { plan = try planning(bytes, batch.portfolio, replace) } catch {
            throw importFailure(error, in: name, bytes, at: path)
        }
        let unchanged = plan.unchanged == 0 ? "" : "; \(plan.unchanged) already as in the file"
        guard !plan.changes.isEmpty else {
            warnAbout(plan, in: name)
            if settings.confirmChanges { emit(.message("nothing to import from \(name): the store holds all of it\(unchanged)")) }
            return
        }
        let entry: JournalEntry
        do {
            entry = try batch.commit(JournalDraft(
                actor: settings.actor, origin: origin, statement: parsed.text, changes: plan.changes, undoes: nil,
                changeOrigins: plan.lines.map { "\(name):\($0)" }))
        } catch {
            // Which change broke a rule: found by checking them one by one, as the commit does
            // (its limits, then applied to a copy), only now.
            var probe = batch.portfolio
            var line = 0
            for (change, changeLine) in zip(plan.changes, plan.lines) {
                do {
                    try change.checkLimits()
                    try probe.apply(change)
                } catch {
                    line = changeLine
                    break
                }
            }
            throw importFailure(InterchangeError("\(error.description); nothing was imported", line: line), in: name, bytes, at: path)
        }
        remember(entry)
        warnAbout(plan, in: name)
        if settings.confirmChanges {
            let summary = plan.summary.map { "; \($0)" } ?? ""
            // A dry run says what it would do once, in the summary of the run.
            let verb = exports.mode == .dryRun ? "would import" : "imported"
            emit(.message("\(verb) \(name): \(ChangeTally(plan.changes).description)\(unchanged)\(summary)"))
        }
    }

    /// `export json "<file>" [where <condition>]`: the whole portfolio, or the projects that
    /// match with what they reference, as FieldKit's JSON.
    func exportJSON(path: Expression, condition: Condition?, context: QueryContext, evaluator: Evaluator) throws(Diagnostic) -> Output {
        var chosen: Set<ProjectID>?
        if let condition {
            let rows = try QueryEngine(context: context, evaluator: evaluator, directory: directory).filter(Sources.projects(context), condition)
            chosen = Set(rows.rows.compactMap { rows.projectID?($0) })
        }
        let portfolio = context.portfolio
        let name = try evaluator.text(path)
        let url = URL(fileURLWithPath: name, relativeTo: directory)
        let text = PortfolioJSON.export(portfolio, projects: chosen)
        try exports.export(Data(text.utf8), to: url.path, shownAs: name, at: path.first.location, length: path.length)
        let count = chosen?.count ?? portfolio.projects.count
        let what = "\(count) project\(count == 1 ? "" : "s")"
        return .message(exports.mode == .dryRun ? "dry run: would export \(what) to \(name)" : "exported \(what) to \(name)")
    }

    /// `export iati "f" [where …]`: the projects that match, as IATI 2.03 activities.
    func exportIATI(path: Expression, reporting: Expression?, condition: Condition?, context: QueryContext, evaluator: Evaluator)
        throws(Diagnostic) -> Output
    {
        let reporter = try reporting.map { expression throws(Diagnostic) in
            try Evaluator(portfolio: context.portfolio, variables: variables, today: today).partner(expression).id
        }
        var chosen: Set<ProjectID>?
        if let condition {
            let rows = try QueryEngine(context: context, evaluator: evaluator, directory: directory).filter(Sources.projects(context), condition)
            chosen = Set(rows.rows.compactMap { rows.projectID?($0) })
        }
        let name = try evaluator.text(path)
        let url = URL(fileURLWithPath: name, relativeTo: directory)
        let (xml, warnings) = IATI.export(context.portfolio, projects: chosen, reportingOrg: reporter)
        try exports.export(Data(xml.utf8), to: url.path, shownAs: name, at: path.first.location, length: path.length)
        for warning in warnings {
            warn(Diagnostic("\(warning)", at: path.first.location, length: path.length))
        }
        let count = chosen?.count ?? context.portfolio.projects.count
        let what = "\(count) project\(count == 1 ? "" : "s") as IATI activities"
        return .message(exports.mode == .dryRun ? "dry run: would export \(what) to \(name)" : "exported \(what) to \(name)")
    }

    /// The bytes of a file to import: a regular file, of a size that can be read whole.
    private func importedBytes(_ name: String, at path: Expression) throws(Diagnostic) -> [UInt8] {
        let full = URL(fileURLWithPath: name, relativeTo: directory).path
        func fail(_ message: String) -> Diagnostic { Diagnostic(message, at: path.first.location, length: path.length) }
        if let exported = exports.pending(at: full) { return Array(exported) }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full) else { throw fail("no file '\(name)'") }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw fail("'\(name)' is not a file (a folder or a device); import reads files only")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Session.largestImport else {
            throw fail("'\(name)' is \(size >> 20) MiB; import reads files of up to \(Session.largestImport >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: full) else { throw fail("cannot read '\(name)'") }
        return Array(data)
    }

    /// An import's problem, shown in the file at its line and column, or at the file's name
    /// in the statement when it is about the file as a whole.
    private func importFailure(_ error: InterchangeError, in name: String, _ bytes: [UInt8], at path: Expression) -> any Error {
        guard error.line > 0 else {
            return Diagnostic(error.message, at: path.first.location, length: path.length, suggestion: error.suggestion)
        }
        return ScriptFailure(
            diagnostic: Diagnostic(
                error.message, at: SourceLocation(line: error.line, column: max(1, error.column)), length: 1,
                suggestion: error.suggestion),
            sourceName: name, sourceText: String(decoding: bytes, as: UTF8.self))
    }

    /// Hands on an import's warnings, each at its line of the imported file:
    /// `covid.xml:52895:7: warning: sector without code; skipped`.
    private func warnAbout(_ plan: ImportPlan, in name: String) {
        for warning in plan.warnings {
            let diagnostic = Diagnostic(warning.message, at: SourceLocation(line: warning.line, column: max(1, warning.column)), length: 1)
            let held = Warning(diagnostic: diagnostic, sourceName: name)
            if heldWarnings != nil { heldWarnings?.append(held) } else { deliverWarning(held) }
        }
    }
}
