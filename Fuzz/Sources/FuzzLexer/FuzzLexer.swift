// Fuzz target 1: the lexer, the statement stream and the parser.
//
// Lexer, Parser and StatementStream are internal to FieldScript, hence @testable (the
// modules are built with -enable-testing by scripts/fuzz). The public way in,
// Session.runScript, would run every statement too, and hide the parser behind the interpreter.
@testable import FieldScript
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    // What the binary does with a file's bytes: refuse invalid UTF-8 with a position.
    let decoded = try? ScriptSource.decode(Data(buffer))
    // The lexer itself only ever sees valid UTF-8; invalid bytes become U+FFFD here, so
    // every input still reaches it.
    let source = decoded ?? String(decoding: buffer, as: UTF8.self)
    let lines = source.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }

    _ = Session.needsMoreInput(source)
    _ = StatementStream(source).scan()
    do {
        let statements = try Parser.parse(source)
        for statement in statements {
            // A statement's own text is a script of exactly that one statement.
            let again: [ParsedStatement]
            do { again = try Parser.parse(statement.text) } catch {
                fatalError("statement \(String(reflecting: statement.text)) parses in its script but not alone: \(error)")
            }
            guard again.count == 1 else {
                fatalError("statement \(String(reflecting: statement.text)) parses alone as \(again.count) statements")
            }
        }
    } catch {
        // The error must point into the source, and render with its caret line.
        guard (1...lines).contains(error.location.line), error.location.column >= 1 else {
            fatalError("diagnostic at \(error.location) outside a source of \(lines) line(s): \(error.message)")
        }
        _ = ScriptFailure(diagnostic: error, sourceName: "fuzz.fk", sourceText: source).rendered()
    }
    return 0
}
