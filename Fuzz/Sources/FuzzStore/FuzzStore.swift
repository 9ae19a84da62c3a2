// Fuzz target 3: the store survives.
//
// Each input is run as a script (`fieldkit -f`) on a real SQLite store, a copy of a template
// that holds the Osh scenario, opened as the binary opens an existing store
// (`deferLoading: true`). Whatever the script did — committed or refused — the store must then:
//   - reopen, loading all of it (`SQLiteStore(path:)`);
//   - read back exactly the portfolio the writing store held after its commit;
//   - pass `.check`, run as `fieldkit -c .check` runs it;
//   - answer the reports and lists on every project without an error of the store.
// Otherwise the target traps, so that libFuzzer keeps the input. A failure of the script
// with the store's exit code (3) is not a trap, but is reported once per message on stderr.
import FieldKit
@testable import FieldKitStore
@testable import FieldScript
import Foundation
import FuzzSupport

/// The Osh scenario in an SQLite file, built once per process; inputs run on copies.
let template: [String: Data] = {
    let folder = FuzzSupport.folder.appendingPathComponent("template", isDirectory: true)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("osh.db").path
    do {
        let store = try SQLiteStore(path: path)
        let session = Session(store: store, settings: FuzzSupport.settings)
        try session.runScript(FuzzSupport.oshScript, name: "osh-2007.fk")
    } catch {
        fatalError("fuzz-store: cannot build the Osh store: \(error)")
    }
    // The store is closed; keep its files (a WAL may outlive the pool) as bytes.
    var files: [String: Data] = [:]
    for suffix in ["", "-wal", "-shm"] {
        if let data = FileManager.default.contents(atPath: path + suffix) { files[suffix] = data }
    }
    guard files[""] != nil else { fatalError("fuzz-store: the Osh store was not written") }
    return files
}()

/// The store file each input runs on.
let storePath = FuzzSupport.folder.appendingPathComponent("store.db").path

/// Store-error messages seen, so each is reported once.
final class Seen: @unchecked Sendable {
    var messages = Set<String>()
}
let seen = Seen()

/// Puts a fresh copy of the template at ``storePath``.
func resetStore() {
    for suffix in ["", "-wal", "-shm"] {
        let path = storePath + suffix
        unlink(path)
        if let data = template[suffix], !FileManager.default.createFile(atPath: path, contents: data) {
            fatalError("fuzz-store: cannot write \(path)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    guard !FuzzSupport.touchesOutsideFiles(buffer), let source = try? ScriptSource.decode(Data(buffer)) else { return -1 }
    let shown = source.count > 300 ? String(source.prefix(300)) + "…" : source
    resetStore()

    // Write, as `fieldkit --store store.db -f input.fk` does.
    var written: Portfolio?
    do {
        let store: SQLiteStore
        do { store = try SQLiteStore(path: storePath, deferLoading: true) } catch {
            fatalError("fuzz-store: the template copy does not open: \(error)")
        }
        let session = Session(store: store, settings: FuzzSupport.settings)
        session.directory = FuzzSupport.sessionFolder
        session.emit = { [unowned session] output in _ = FuzzSupport.render(output, format: session.settings.format) }
        do { try session.runScript(source, name: "fuzz.fk") } catch {
            _ = error.rendered()
            if case .store = error.cause, seen.messages.insert(error.diagnostic.message).inserted {
                FileHandle.standardError.write(Data("fuzz-store: store error (exit 3) for \(String(reflecting: shown)): \(error.description)\n".utf8))
            }
        }
        // What the writing store holds once the script is over, if it holds it all.
        if store.isLoaded, (try? store.refresh()) != nil { written = try? store.portfolio }
    }
    if FuzzSupport.writesFiles(buffer) { FuzzSupport.clearFolder() }

    // The store must reopen: every row of the state read back.
    let reopened: SQLiteStore
    do { reopened = try SQLiteStore(path: storePath) } catch {
        fatalError("fuzz-store: the store does not reopen after \(String(reflecting: shown)): \(error)")
    }
    let read: Portfolio
    do { read = try reopened.portfolio } catch {
        fatalError("fuzz-store: the reopened store cannot be read after \(String(reflecting: shown)): \(error)")
    }
    if let written, read != written {
        fatalError("fuzz-store: the reopened store differs from what was written by \(String(reflecting: shown))")
    }
    // And pass .check, as `fieldkit --store store.db -c .check` runs it.
    var messages: [String] = []
    let checker = Session(store: reopened, settings: FuzzSupport.settings) { output in
        if case .message(let text) = output { messages.append(text) }
    }
    do { try checker.runScript(".check", name: "-c") } catch {
        fatalError("fuzz-store: .check fails after \(String(reflecting: shown)): \(error.description)")
    }
    guard messages.count == 1, messages[0].hasPrefix("ok:") else {
        fatalError("fuzz-store: .check finds a problem after \(String(reflecting: shown)): \(messages.joined(separator: "\n"))")
    }
    // And answer questions, opened as `fieldkit -c "show X"` opens it (loading deferred, so
    // that one-project questions read only that project): the reports on every project and
    // the lists of everything. An error of the store (exit 3) traps; a refused question
    // (exit 1, an overflow say) is reported once per message.
    if fullQuestions {
        let ids = read.projects.keys.map { "\"" + $0.rawValue.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let questions = ids.flatMap { ["show \($0)", "progress \($0)", "history \($0) take 3"] }
            + ["projects", "outcomes", "records", "links", "notes", "partners", "regions", "funding", "progress", "timeline", "history take 3"]
        do {
            let asker: SQLiteStore
            do { asker = try SQLiteStore(path: storePath, deferLoading: true) } catch {
                fatalError("fuzz-store: the store does not reopen for questions after \(String(reflecting: shown)): \(error)")
            }
            let session = Session(store: asker, settings: FuzzSupport.settings)
            session.emit = { output in _ = FuzzSupport.render(output, format: .table) }
            for question in questions {
                do { try session.runScript(question, name: "-c") } catch {
                    if error.cause != .statement {
                        fatalError("fuzz-store: `\(question)` fails (\(error.cause)) after \(String(reflecting: shown)): \(error.description)")
                    }
                    if seen.messages.insert(error.diagnostic.message).inserted {
                        FileHandle.standardError.write(Data("fuzz-store: `\(question)` refused after \(String(reflecting: shown)): \(error.description)\n".utf8))
                    }
                }
            }
        }
    }
    return 0
}

/// Whether every input is followed by the questions on the reopened store
/// (`FIELDKIT_FUZZ_QUESTIONS=0` leaves them out: about twice as many inputs a second).
let fullQuestions = ProcessInfo.processInfo.environment["FIELDKIT_FUZZ_QUESTIONS"] != "0"
