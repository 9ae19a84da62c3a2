import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `.edit`: a statement opened in `$VISUAL`, `$EDITOR` or `vi`, as psql's `\e` does.
enum StatementEditor {
    /// What came back from the editor.
    enum Outcome: Equatable {
        /// The saved text, without trailing blank lines: it runs.
        case edited(String)
        /// The file was saved empty: nothing runs.
        case unchanged
        /// The editor could not start or failed; nothing runs.
        case failed(String)
    }

    /// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
    static var command: String {
        let environment = ProcessInfo.processInfo.environment
        return [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
    }

    /// Writes `text` to a private temporary file, opens it in the editor, and reads it back.
    static func edit(_ text: String) -> Outcome {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/fieldkit-edit-XXXXXX.fk").utf8CString)
        // mkstemps: a new file, mode 0600, that no other user can have planted.
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, 3)
        }
        guard descriptor >= 0 else { return .failed("cannot create a file to edit in \(folder): \(String(cString: strerror(errno)))") }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        Terminal.write(text.isEmpty ? "" : text + "\n", to: descriptor)
        close(descriptor)
        guard let status = ChildProcess.run(shell: command + " \"$1\"", arguments: [path]) else {
            return .failed("cannot start the editor '\(command)'")
        }
        guard status == 0 else { return .failed("the editor '\(command)' exited with status \(status); nothing was run") }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8) else {
            return .failed("the edited file is not UTF-8 text; nothing was run")
        }
        let statement = edited.trimmingCharacters(in: .whitespacesAndNewlines)
        return statement.isEmpty ? .unchanged : .edited(statement)
    }
}
