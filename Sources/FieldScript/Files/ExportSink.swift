import Foundation

/// Where a session's exports go. At the prompt an export is written at once; in a script
/// it is held until the script has run, written beside its target just before the script
/// commits, and put in place once it has, so that a script that fails (or a dry run) leaves
/// every file as it was.
final class ExportSink {
    enum Mode {
        /// Write each export when it is asked for.
        case immediate
        /// Hold exports until ``stageHeld()`` and ``commit(_:)``.
        case held
        /// Write nothing: `--dry-run`.
        case dryRun
    }

    private struct Held {
        var data: Data
        var path: String
        var name: String
        /// Where the export's file name was written, for an error found only when it is staged.
        var location: SourceLocation
        var length: Int
    }

    var mode = Mode.immediate
    /// The open store's files, never written onto.
    var protected: [String] = []
    private var held: [Held] = []

    /// What the script exported to `path` last and has not written yet: a script that
    /// exports a file and then imports it reads what it exported.
    func pending(at path: String) -> Data? {
        let wanted = URL(fileURLWithPath: path).standardizedFileURL.path
        return held.last { URL(fileURLWithPath: $0.path).standardizedFileURL.path == wanted }?.data
    }

    /// Writes, holds or drops an export of `data` to `path` (shown to the user as `name`,
    /// written at `location`), after checking that it is not the store.
    func export(_ data: Data, to path: String, shownAs name: String, at location: SourceLocation, length: Int) throws(Diagnostic) {
        do {
            try FileWriter.check(path, shownAs: name, against: protected)
            switch mode {
            case .immediate: try FileWriter.commit(try FileWriter.stage(data, at: path, shownAs: name), shownAs: name)
            case .held: held.append(Held(data: data, path: path, name: name, location: location, length: length))
            // Kept, never written: a dry run that exports and then imports the file reads it.
            case .dryRun: held.append(Held(data: data, path: path, name: name, location: location, length: length))
            }
        } catch {
            throw Diagnostic(error.description, at: location, length: length)
        }
    }

    /// Writes every held export beside its target; on failure none stays behind.
    func stageHeld() throws(Diagnostic) -> [(StagedFile, String)] {
        var staged: [(StagedFile, String)] = []
        defer { held.removeAll() }
        guard mode != .dryRun else { return [] }  // a dry run's exports are read, never written
        for file in held {
            do { staged.append((try FileWriter.stage(file.data, at: file.path, shownAs: file.name), file.name)) } catch {
                staged.forEach { FileWriter.discard($0.0) }
                throw Diagnostic(error.description, at: file.location, length: file.length)
            }
        }
        return staged
    }

    /// Puts staged exports in place, in the order they were asked for.
    func commit(_ staged: [(StagedFile, String)]) throws(Diagnostic) {
        var failure: FileWriteError?
        for (file, name) in staged {
            if failure != nil { FileWriter.discard(file); continue }
            do { try FileWriter.commit(file, shownAs: name) } catch { failure = error }
        }
        if let failure { throw Diagnostic(failure.description, at: SourceLocation(line: 1, column: 1)) }
    }

    /// Drops held exports and removes staged ones.
    func discard(_ staged: [(StagedFile, String)] = []) {
        held.removeAll()
        staged.forEach { FileWriter.discard($0.0) }
    }
}
