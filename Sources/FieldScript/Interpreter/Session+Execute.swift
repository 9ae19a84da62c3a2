import FieldKit
import FieldKitInterchange
import Foundation

extension Session {
    /// Runs the statements of one source, as they are read, inside a script's write batch.
    func run(
        _ stream: inout StatementStream, name: String, origin: String?, batch: inout WriteBatch, holdAll: Bool = false
    ) throws {
        if holdAll { batch.hold(from: 0) }
        let outer = sourceName
        sourceName = name
        defer { sourceName = outer }
        while !shouldQuit {
            let next: ParsedStatement?
            do { next = try stream.next() } catch {
                throw ScriptFailure(diagnostic: error, sourceName: name, sourceText: stream.text)
            }
            guard let statement = next else {
                // The end of the script itself (not of a file it reads) inside `begin`: nothing
                // after the begin was meant to be kept without a commit, so nothing is.
                if let begun, readStack.isEmpty {
                    throw ScriptFailure(
                        diagnostic: Diagnostic(
                            "the script ended inside this begin, without commit or rollback; everything was rolled back",
                            at: begun.location, length: 5),
                        sourceName: begun.source, sourceText: begun.source == name ? stream.text : "")
                }
                return
            }
            let place = origin ?? "\(name):\(statement.location.line)"
            do {
                switch statement.statement {
                case .begin:
                    guard begun == nil else {
                        throw Diagnostic(
                            "begin inside begin: a script's transaction cannot nest; commit or rollback the open one first",
                            at: statement.location, length: 5)
                    }
                    begun = (batch.count, statement.location, name)
                    batch.hold(from: batch.count)  // a rollback must find them in memory
                case .commit:
                    guard begun != nil else {
                        throw Diagnostic("commit without begin", at: statement.location, length: 6)
                    }
                    begun = nil
                    batch.hold(from: holdAll ? 0 : nil)
                case .rollback:
                    guard let mark = begun?.count else {
                        throw Diagnostic("rollback without begin", at: statement.location, length: 8)
                    }
                    let undone = batch.count - mark
                    batch.revert(toCount: mark)
                    undoable.removeLast(min(undone, undoable.count))
                    begun = nil
                    batch.hold(from: holdAll ? 0 : nil)
                default:
                    try execute(statement, origin: place, batch: &batch)
                }
            } catch let diagnostic as Diagnostic {
                throw ScriptFailure(diagnostic: diagnostic, sourceName: name, sourceText: stream.text)
            }
        }
    }

    /// One statement typed at the REPL or given with `-c`.
    func runInteractive(_ statement: ParsedStatement, source: String, name: String, origin: String) throws {
        sourceName = name
        switch statement.statement {
        case .begin:
            guard transaction == nil else {
                throw Diagnostic("a transaction is already open: commit or rollback first", at: statement.location, length: 5)
            }
            // A read-only store refuses at begin, not after the statements that follow it.
            _ = try writer()
            try store.refresh()
            transaction = WriteBatch(portfolio: try store.portfolio, after: store.lastSequence)
            emit(.message("transaction started; commit keeps it, rollback drops it"))
        case .commit:
            guard let open = transaction else { throw Diagnostic("commit without begin", at: statement.location, length: 6) }
            transaction = nil
            let local = undoable.count - open.entries.count
            do {
                let committed = try writer().write { batch in
                    for entry in open.entries {
                        try batch.commit(JournalDraft(
                            actor: entry.actor, origin: entry.origin, statement: entry.statement, changes: entry.changes,
                            undoes: entry.undoes))
                    }
                    return batch.entries
                }
                undoable.removeLast(min(open.entries.count, undoable.count))
                committed.forEach(remember)
                emit(.message("committed \(committed.count) statement\(committed.count == 1 ? "" : "s")"))
            } catch let error as ChangeError {
                undoable.removeLast(max(0, undoable.count - local))
                throw Diagnostic(
                    "the transaction could not be committed, so it was rolled back: \(error) (someone else changed it meanwhile)",
                    at: statement.location, length: 6)
            }
        case .rollback:
            guard let open = transaction else { throw Diagnostic("rollback without begin", at: statement.location, length: 8) }
            transaction = nil
            undoable.removeLast(min(open.entries.count, undoable.count))
            emit(.message("rolled back \(open.entries.count) statement\(open.entries.count == 1 ? "" : "s")"))
        default:
            if var open = transaction {
                try execute(statement, origin: origin, batch: &open)
                transaction = open
            } else if statement.statement.isChange {
                let before = undoable
                do {
                    try writer().write { batch in try execute(statement, origin: origin, batch: &batch) }
                } catch {
                    undoable = before
                    throw error
                }
            } else {
                // A question about some projects, on a store not loaded yet, reads just those.
                let reads = StatementStream.scan(statement).readsStore && !statement.statement.isRead
                let view = reads ? try questionView(narrowing(statement)) : .empty
                try ask(statement, origin: origin, view: view)
            }
        }
    }

    /// Echoes the statement and times `body` when the session says so.
    private func timed(_ parsed: ParsedStatement, _ body: () throws -> Void) throws {
        if settings.echo { emit(.message(parsed.text)) }
        let started = DispatchTime.now()
        defer {
            if settings.timer {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000
                emit(.message(String(format: "run time: %.3f ms", elapsed)))
            }
        }
        try body()
    }

    /// Runs a statement that changes nothing — a question, a report, `let`, a session
    /// command — on a read-only view.
    func ask(_ parsed: ParsedStatement, origin: String, view: ReadView) throws {
        try timed(parsed) {
            let evaluator = Evaluator(portfolio: view.portfolio, variables: variables, today: today)
            switch parsed.statement {
            case .assign(let name, let value):
                variables[name.text] = try evaluator.text(value)
            case .command(let name, let arguments):
                try command(name, arguments, view: view)
            case .begin, .commit, .rollback:
                break  // the run loop and the prompt take these before a statement runs
            default:
                emit(try answer(parsed.statement, evaluator: evaluator, view: view, title: Session.pageTitle(parsed.text)))
            }
        }
    }

    /// Runs one statement against `batch`: changes are committed into it; questions read
    /// what it holds so far.
    func execute(_ parsed: ParsedStatement, origin: String, batch: inout WriteBatch) throws {
        guard parsed.statement.isChange || parsed.statement.isRead else {
            return try ask(parsed, origin: origin, view: ReadView(batch))
        }
        try timed(parsed) { try change(parsed, origin: origin, batch: &batch) }
    }

    private func change(_ parsed: ParsedStatement, origin: String, batch: inout WriteBatch) throws {
        // An evaluator holds a reference to the portfolio; it is made per use, never kept across
        // a commit, so that committing mutates the portfolio in place instead of copying it.
        func evaluator() -> Evaluator { Evaluator(portfolio: batch.portfolio, variables: variables, today: today) }
        switch parsed.statement {
        case .undo:
            guard let last = undoable.last else {
                throw Diagnostic("nothing to undo: this session has made no changes", at: parsed.location, length: 4)
            }
            let changes = last.changes.reversed().map(\.inverse)
            do {
                try commit(changes, parsed, origin: origin, undoes: last.sequence, batch: &batch)
            } catch let refused as Diagnostic {
                // The state moved on since: say which later change, by whom, stands in the way.
                throw clash(undoing: last, at: parsed) ?? refused
            }
            // The undo is journaled but not itself undoable: the next undo goes further back.
            undoable.removeLast()
            if settings.confirmChanges { emit(.message("undid: \(last.statement)")) }
        case .importJSON(let path, let replace):
            try importFile(parsed, path: path, replace: replace, origin: origin, batch: &batch) { bytes, portfolio, replace throws(InterchangeError) in
                try PortfolioJSON.importing(bytes, into: portfolio, replace: replace)
            }
        case .importIATI(let path):
            try importFile(parsed, path: path, replace: false, origin: origin, batch: &batch) { bytes, portfolio, _ throws(InterchangeError) in
                try IATI.importing(bytes, into: portfolio, gazetteer: try? Gazetteer.system.get())
            }
        case .importCSV(let kind, let path, let replace):
            try importFile(parsed, path: path, replace: replace, origin: origin, batch: &batch) { bytes, portfolio, replace throws(InterchangeError) in
                switch kind.value {
                case .records: try RecordsCSV.importing(bytes, into: portfolio, replace: replace)
                case .projects: try EntitiesCSV.importing(.projects, bytes, into: portfolio, replace: replace)
                case .partners: try EntitiesCSV.importing(.partners, bytes, into: portfolio, replace: replace)
                case .outcomes: try EntitiesCSV.importing(.outcomes, bytes, into: portfolio, replace: replace)
                case .links: try EntitiesCSV.importing(.links, bytes, into: portfolio, replace: replace)
                }
            }
        case .command(let name, let arguments) where name.value == .set:
            let old = batch.portfolio.thresholds
            let new = try Session.thresholds(old, setting: arguments, at: name)
            if new != old {
                let entry = try commit([.setThresholds(old: old, new: new)], parsed, origin: origin, undoes: nil, batch: &batch)
                remember(entry)
            }
            if settings.confirmChanges { emit(.message(Session.describe(new, was: old))) }
        case .command(let name, let arguments):
            // `.read` inside a script or a transaction: the file's statements join it.
            try read(name, arguments) { text, name in
                var stream = StatementStream(text)
                try run(&stream, name: name, origin: nil, batch: &batch)
            }
        default:
            let built = try ChangeBuilder(evaluator: evaluator()).build(parsed.statement, today: today)
            if !built.changes.isEmpty {
                let entry = try commit(built.changes, parsed, origin: origin, undoes: nil, batch: &batch)
                remember(entry)
            }
            if settings.confirmChanges && !built.summary.isEmpty { emit(.message(built.summary)) }
            for warning in built.warnings { warn(warning) }
        }
    }

    /// Why `entry` cannot be undone: the first later entry, not this session's, that changed
    /// one of the things it changed (else one that came to depend on them, a link to a
    /// project it added). Nil when there is none to name.
    private func clash(undoing entry: JournalEntry, at parsed: ParsedStatement) -> Diagnostic? {
        let mine = Set(undoable.map(\.sequence))
        guard let later = try? store.journal(after: entry.sequence, limit: nil).filter({ !mine.contains($0.sequence) }) else { return nil }
        let touched = Set(entry.changes.flatMap { Session.subjects(of: $0).own })
        let near = later.first { !touched.isDisjoint(with: $0.changes.flatMap { Session.subjects(of: $0).own }) }
        let far = later.first { !touched.isDisjoint(with: $0.changes.flatMap { Session.subjects(of: $0).related }) }
        guard let other = near ?? far else { return nil }
        let what = other.changes.flatMap(FieldChange.of).prefix(3).map { $0.text(limit: 60) }.joined(separator: "; ")
        return Diagnostic(
            "cannot undo '\(entry.statement)': entry \(other.sequence) by \(other.actor) (\(other.origin), \(Value.localTimestamp(other.time))) "
                + "changed it since: \(what). Undo would overwrite that; change it back by hand if it should go",
            at: parsed.location, length: 4)
    }

    /// What a change touches, as `kind:id` in lower case: its own thing, and the things it
    /// refers to (a link's project and partner, a record's outcome, a note's project).
    static func subjects(of change: Change) -> (own: [String], related: [String]) {
        func key(_ kind: String, _ id: String) -> String { "\(kind):\(id.lowercased())" }
        switch change {
        case .renameProject(let from, let to): return ([key("project", from.rawValue), key("project", to.rawValue)], [])
        case .renamePartner(let from, let to): return ([key("partner", from.rawValue), key("partner", to.rawValue)], [])
        case .renameRegion(let from, let to): return ([key("region", from.rawValue), key("region", to.rawValue)], [])
        case .renameOutcome(let from, let to): return ([key("outcome", from.rawValue), key("outcome", to.rawValue)], [])
        case .link(let link), .unlink(let link):
            return ([key("link", "\(link.project) \(link.partner) \(link.role.rawValue)")], [key("project", link.project.rawValue), key("partner", link.partner.rawValue)])
        case .record(let record), .unrecord(let record): return ([key("record", record.outcome.rawValue)], [key("outcome", record.outcome.rawValue)])
        case .addNote(let note), .removeNote(let note): return ([key("note", note.project.rawValue)], [key("project", note.project.rawValue)])
        default: return ([key(change.kind.rawValue, change.subject)], [])
        }
    }

    /// The names `.set` takes.
    static let settingNames = ["on-track-margin", "at-risk-margin"]

    /// `on-track-margin 10 (was 15)`, or the margins as they stand.
    static func describe(_ thresholds: ProgressThresholds, was old: ProgressThresholds? = nil) -> String {
        func line(_ name: String, _ value: Decimal, _ before: Decimal?) -> String {
            "\(name) \(value)" + (before.map { $0 == value ? "" : " (was \($0))" } ?? "")
        }
        return line("on-track-margin", thresholds.onTrack, old?.onTrack) + "\n" + line("at-risk-margin", thresholds.atRisk, old?.atRisk)
    }

    /// The margins after `.set <name> <value>`: points behind the time elapsed, `10` or `10%`.
    static func thresholds(_ current: ProgressThresholds, setting arguments: [Token], at command: Located<SessionCommand>) throws(Diagnostic) -> ProgressThresholds {
        guard let name = arguments.first else {
            throw Diagnostic(".set needs a setting and a value: .set on-track-margin 10", at: command.location, length: command.length)
        }
        let key = name.text.lowercased()
        guard settingNames.contains(key) else {
            throw Diagnostic(
                "no setting '\(name.text)'; the settings are \(settingNames.joined(separator: ", "))", at: name.location, length: name.length,
                suggestion: Spelling.nearest(to: name.text, in: settingNames))
        }
        guard arguments.count == 2, let value = arguments.last else {
            let place = arguments.count > 2 ? arguments[2] : name
            throw Diagnostic(".set \(key) takes one value, in percentage points: .set \(key) 10", at: place.location, length: place.length)
        }
        let digits = value.text.hasSuffix("%") ? String(value.text.dropLast()) : value.text
        // Digits, one point at most, a sign only first: `5-10` and `1.2.3` are not numbers.
        let wellFormed = digits.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil
        guard wellFormed, let number = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), !number.isNaN else {
            throw Diagnostic("'\(value.text)' is not a number of percentage points", at: value.location, length: value.length)
        }
        var new = current
        if key == "on-track-margin" { new.onTrack = number } else { new.atRisk = number }
        if let problem = new.problem { throw Diagnostic(problem, at: value.location, length: value.length) }
        return new
    }

    /// What an HTML page is headed by: the statement, without its `| export …` stage.
    static func pageTitle(_ statement: String) -> String {
        guard let range = statement.range(of: #"\s*\|\s*export\s+html\b.*$"#, options: [.regularExpression, .caseInsensitive]) else {
            return statement
        }
        return String(statement[..<range.lowerBound])
    }

    /// Hands a warning on: held while a script runs, else at once.
    func warn(_ diagnostic: Diagnostic) {
        let warning = Warning(diagnostic: diagnostic, sourceName: sourceName)
        if heldWarnings != nil { heldWarnings?.append(warning) } else { deliverWarning(warning) }
    }

    /// Gives a warning to ``onWarning``, or emits it as a message.
    func deliverWarning(_ warning: Warning) {
        if let onWarning { onWarning(warning) } else { emit(.message(warning.description)) }
    }

    /// How far back `undo` is sure to reach: the last this many changes of the session.
    static let undoDepth = 1_000

    /// Keeps `entry` for `undo`. The oldest are let go in chunks, so that a script of a
    /// million statements does not keep every entry alive through the undo stack.
    func remember(_ entry: JournalEntry) {
        undoable.append(entry)
        if undoable.count >= 2 * Session.undoDepth { undoable.removeFirst(undoable.count - Session.undoDepth) }
    }

    @discardableResult
    private func commit(_ changes: [Change], _ parsed: ParsedStatement, origin: String, undoes: Int64?, batch: inout WriteBatch) throws -> JournalEntry {
        do {
            return try batch.commit(JournalDraft(
                actor: settings.actor, origin: origin, statement: parsed.text, changes: changes, undoes: undoes))
        } catch {
            throw Session.diagnostic(for: error, in: parsed, portfolio: batch.portfolio)
        }
    }

    /// A domain error placed on the value that caused it, as the tree records it, with a
    /// suggestion when an id is unknown.
    static func diagnostic(for error: ChangeError, in parsed: ParsedStatement, portfolio: Portfolio) -> Diagnostic {
        let places = parsed.statement.places
        // Ids compare as ids do (case folded, normalised), so an id typed in NFD is found too.
        func naming(_ id: String) -> Expression? {
            let wanted = EntityID<Project>.fold(id)
            return places.first { place in
                guard case .token(let token) = place.expression, token.kind != .variable else { return false }
                return EntityID<Project>.fold(token.text) == wanted
            }?.expression
        }
        var place = places.first?.expression
        var suggestion: String?
        if let missing = error.missing {
            place = naming(missing.id) ?? place
            let candidates: [String] = switch missing.kind {
            case .project: portfolio.projects.keys.map(\.rawValue)
            case .partner: portfolio.partners.keys.map(\.rawValue)
            case .region: portfolio.regions.keys.map(\.rawValue)
            case .outcome: portfolio.outcomes.keys.map(\.rawValue)
            default: []
            }
            suggestion = Spelling.nearest(to: missing.id, in: candidates)
        } else {
            // The value of the field at fault; for dates out of order, of the other date when
            // that is the one the statement sets (`set P start …` past its end); else the id.
            let partners: [Field: Field] = [.end: .start, .actualEnd: .actualStart, .due: .baselineDate]
            let field = error.field.flatMap(Field.init(rawValue:))
            let fields = [field, error.code == .dateOrder ? field.flatMap { partners[$0] } : nil].compactMap { $0 }
            if let value = fields.lazy.compactMap({ field in places.first { $0.field == field }?.expression }).first {
                place = value
            } else if let subject = naming(error.id) {
                place = subject
            }
        }
        guard let place else { return Diagnostic(error.description, at: parsed.location, length: 1, suggestion: suggestion) }
        return Diagnostic(error.description, at: place.first.location, length: place.length, suggestion: suggestion)
    }

    /// Runs a query or report.
    func answer(_ statement: Statement, evaluator: Evaluator, view: ReadView, title: String = "FieldKit report") throws(Diagnostic) -> Output {
        func context(_ asOf: Expression?) throws(Diagnostic) -> QueryContext {
            let cutoff = try asOf.map { expression throws(Diagnostic) in try evaluator.day(expression) }
            let store = self.store
            let pending = view.pending
            return QueryContext(
                portfolio: view.portfolio, day: cutoff ?? today, cutoff: cutoff,
                journal: { (part: JournalPart) throws(Diagnostic) in
                    do {
                        switch part {
                        case .all: return try store.journal() + pending
                        case .last(let count):
                            // Sequence numbers have no gaps: the last n entries are those after lastSequence - n.
                            return try store.journal(after: max(0, store.lastSequence - Int64(count)), limit: nil) + pending
                        case .mentioning(let names): return try store.journal(mentioningAnyOf: names) + pending
                        }
                    } catch {
                        throw Diagnostic("cannot read the journal: \(error)", at: SourceLocation(line: 1, column: 1))
                    }
                }, cache: queryCache)
        }
        func engine(_ context: QueryContext) -> QueryEngine {
            var engine = QueryEngine(context: context, evaluator: evaluator, directory: directory, exports: exports)
            engine.page = HTMLPage(title: title, store: store.location, day: context.day, actor: settings.actor)
            return engine
        }
        /// A report's rows through its stages.
        func finish(_ rows: RowSet, _ tail: ReportTail, _ context: QueryContext) throws(Diagnostic) -> Output {
            try engine(context).run(rows, stages: tail.stages, source: nil)
        }
        switch statement {
        case .query(let query):
            return try engine(try context(query.asOf)).run(query)
        case .show(let kind, let id, let tail):
            let context = try context(nil)
            let card = try Reports(context: context, evaluator: evaluator).show(kind: kind, id: id)
            guard let stage = tail.stages.first else { return .card(card) }
            guard tail.stages.count == 1, case .export(let format, let path, let options) = stage else {
                throw Diagnostic("a card goes to '| export' only: show … | export html \"card.html\"", at: SourceLocation(line: 1, column: 1))
            }
            return try engine(context).export(card, format: format.value, path: path, options: Set(options.map(\.value)))
        case .progress(let project, let condition, let by, let tail):
            let context = try context(tail.asOf)
            return try finish(try Reports(context: context, evaluator: evaluator).progress(project: project, condition: condition, by: by), tail, context)
        case .timeline(let condition, let tail):
            let context = try context(tail.asOf)
            return try finish(try Reports(context: context, evaluator: evaluator).timeline(condition: condition), tail, context)
        case .tree(let region, let tail):
            let context = try context(nil)
            return try finish(try Reports(context: context, evaluator: evaluator).tree(region: region), tail, context)
        case .funding(let condition, let byProject, let tail):
            let context = try context(nil)
            return try finish(try Reports(context: context, evaluator: evaluator).funding(condition: condition, byProject: byProject), tail, context)
        case .history(let kind, let id, let filter, let take, let tail):
            let context = try context(nil)
            return try finish(try Reports(context: context, evaluator: evaluator).history(kind: kind, id: id, filter: filter, take: take), tail, context)
        case .exportJSON(let path, let condition):
            return try exportJSON(path: path, condition: condition, context: try context(nil), evaluator: evaluator)
        case .exportIATI(let path, let reporting, let condition):
            return try exportIATI(path: path, reporting: reporting, condition: condition, context: try context(nil), evaluator: evaluator)
        default:
            return .message("")
        }
    }
}
