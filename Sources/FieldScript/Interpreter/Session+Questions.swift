import FieldKit

extension Session {
    /// Runs a script that changes nothing, as its statements are read. Each question is
    /// answered from the narrowest read that answers it (one project, some projects), until
    /// one needs the whole portfolio; that is read once and answers the rest, so a script of
    /// 200 questions about single projects never loads the store, and one that needs it all
    /// loads it once.
    ///
    /// Each read is the store's latest state when the statement runs: a script of questions
    /// holds no transaction, and another writer's commit between two of them is seen by the
    /// second, as it would be by two runs.
    func answerAll(_ stream: inout StatementStream, name: String, origin: String?) throws {
        let outer = sourceName
        sourceName = name
        defer { sourceName = outer }
        var whole: ReadView?
        while !shouldQuit {
            let next: ParsedStatement?
            do { next = try stream.next() } catch {
                throw ScriptFailure(diagnostic: error, sourceName: name, sourceText: stream.text)
            }
            guard let statement = next else { return }
            let place = origin ?? "\(name):\(statement.location.line)"
            do {
                let view: ReadView
                if let whole {
                    view = whole
                } else if !StatementStream.scan(statement).readsStore {
                    view = .empty  // a setting or `let`: nothing read, so `.help` runs where no store is
                } else if let narrowing = narrowing(statement), let slice = try narrowedView(narrowing) {
                    view = slice
                } else {
                    let read = try wholeView()
                    whole = read
                    view = read
                }
                try ask(statement, origin: place, view: view)
            } catch let diagnostic as Diagnostic {
                throw ScriptFailure(diagnostic: diagnostic, sourceName: name, sourceText: stream.text)
            }
        }
    }
}
