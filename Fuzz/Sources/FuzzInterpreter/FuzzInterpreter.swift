// Fuzz target 2: the interpreter against an in-memory Osh portfolio.
//
// Each input runs twice on a fresh InMemoryStore holding the Osh scenario: as a script
// (`fieldkit -f`: all or nothing) and then, on the same session, as REPL input
// (`runInteractive`: statement by statement, begin/commit/undo across them). Every result is
// rendered in the session's format, every failure with its caret line, and Tab completion
// is asked for at the end of the text. Only public API: what an embedding program can call.
import FieldKit
@testable import FieldScript
import Foundation
import FuzzSupport

/// The Osh scenario, built once per process.
let osh: Portfolio = {
    let store = InMemoryStore()
    let session = Session(store: store, settings: FuzzSupport.settings)
    do { try session.runScript(FuzzSupport.oshScript, name: "osh-2007.fk") } catch {
        fatalError("fuzz-interpreter: the Osh scenario does not run: \(error)")
    }
    do { return try store.portfolio } catch { fatalError("fuzz-interpreter: the Osh portfolio cannot be read: \(error)") }
}()

/// Whether to ask for Tab completion after each input.
let completion = ProcessInfo.processInfo.environment["FIELDKIT_FUZZ_COMPLETION"] != "0"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    // As the binary reads a script: invalid UTF-8 is refused before anything runs.
    guard !FuzzSupport.touchesOutsideFiles(buffer), let source = try? ScriptSource.decode(Data(buffer)) else { return -1 }
    let writesFiles = FuzzSupport.writesFiles(buffer)

    let store = InMemoryStore(portfolio: osh)
    var rendered = 0
    let session = Session(store: store, settings: FuzzSupport.settings)
    session.directory = FuzzSupport.sessionFolder
    session.emit = { [unowned session] output in rendered &+= FuzzSupport.render(output, format: session.settings.format) }

    do { try session.runScript(source, name: "fuzz.fk") } catch { rendered &+= error.rendered().utf8.count }
    if !session.shouldQuit {
        do { try session.runInteractive(source) } catch { rendered &+= error.rendered().utf8.count }
    }
    // Tab at the end of the last line (a final newline aside), unless it is in a string:
    // completing a file name lists folders, which is slow and outside the portfolio.
    // FIELDKIT_FUZZ_COMPLETION=0 leaves it out, so that a known completion crash does not
    // keep the run from the inputs that end with it.
    let typed = source.hasSuffix("\n") ? source.dropLast() : Substring(source)
    if completion, let last = typed.split(separator: "\n", omittingEmptySubsequences: false).last, !last.contains("\"") {
        rendered &+= Completer(session: session).complete(String(last)).candidates.count
    }
    if writesFiles { FuzzSupport.clearFolder() }
    _ = rendered
    return 0
}
