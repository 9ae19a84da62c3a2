import Foundation

/// Reads script text from a file or standard input, refusing invalid UTF-8 with the
/// line and column of the first bad byte.
public enum ScriptSource {
    /// Why a script could not be read.
    public struct ReadError: Error, Sendable {
        /// What went wrong.
        public var message: String
        /// Where, when the problem is inside the text.
        public var location: SourceLocation?
    }

    /// Reads the file at `path`.
    public static func read(path: String) throws(ReadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ReadError(message: exists ? "cannot read '\(path)'" : "no file '\(path)'", location: nil)
        }
        return try decode(data)
    }

    /// Decodes UTF-8, or names the line and column of the first invalid byte.
    public static func decode(_ data: Data) throws(ReadError) -> String {
        if let text = String(validating: data, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        let bytes = [UInt8](data)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                throw ReadError(
                    message: String(format: "invalid UTF-8 (byte 0x%02X); save the script as UTF-8", bytes[index]),
                    location: SourceLocation(line: line, column: prefix.count + 1))
            }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        throw ReadError(message: "invalid UTF-8", location: nil)
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when it is invalid.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let length: Int
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return String(validating: bytes[index..<index + length], as: UTF8.self) == nil ? 0 : length
    }
}

extension ScriptSource {
    /// Reads a script file, as a failure that names the file (exit 2 when it cannot be read).
    public static func script(atPath path: String) throws(ScriptFailure) -> String {
        do { return try read(path: path) } catch {
            let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw failure(error, name: path, exitCode: error.location == nil ? 2 : 1, text: text)
        }
    }

    /// Decodes a script read from a stream, as a failure that names the stream.
    public static func script(from data: Data, name: String) throws(ScriptFailure) -> String {
        do { return try decode(data) } catch {
            throw failure(error, name: name, exitCode: 1, text: String(decoding: data, as: UTF8.self))
        }
    }

    private static func failure(_ error: ReadError, name: String, exitCode: Int32, text: String = "") -> ScriptFailure {
        ScriptFailure(
            diagnostic: Diagnostic(error.message, at: error.location ?? SourceLocation(line: 1, column: 1)),
            sourceName: name, sourceText: error.location == nil ? "" : text, exitCode: exitCode)
    }
}
