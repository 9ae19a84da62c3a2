import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sizes a script may reach: a line, a statement, and a chain of `.read` files.
///
/// They bound what one mistaken input can cost: `fieldkit < /dev/zero` stops after one
/// line instead of filling memory, and a `.read` loop through many files stops before the
/// stack does. Docs/RELIABILITY.md lists them.
package enum SourceLimits {
    /// The longest line, in bytes: 64 KiB.
    package static let lineBytes = 65_536
    /// The longest statement, in bytes, across its continued lines: 1 MiB.
    package static let statementBytes = 1_048_576
    /// How many `.read` files may be open inside one another: 64.
    package static let readDepth = 64
}

/// Reads script text from a file, a pipe or standard input, refusing invalid UTF-8 with the
/// line and column of the first bad byte, and lines past ``SourceLimits/lineBytes``.
package enum ScriptSource {
    /// Why a script could not be read.
    package struct ReadError: Error, Sendable {
        /// What went wrong.
        package var message: String
        /// Where, when the problem is inside the text.
        package var location: SourceLocation?
        /// The text read, to show the offending line; empty when there is none to show.
        var text = ""
    }

    /// Reads the file at `path`: a regular file, a pipe, a FIFO or `/dev/stdin`, as a stream.
    package static func read(path: String) throws(ReadError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno
            throw ReadError(message: reason == ENOENT ? "no file '\(path)'" : "cannot read '\(path)': \(String(cString: strerror(reason)))")
        }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(message: "cannot read '\(path)': it is a folder")
        }
        return try decode(try readAll(descriptor, name: path))
    }

    /// Reads a stream to its end (standard input is descriptor 0), stopping at the first
    /// line longer than ``SourceLimits/lineBytes``.
    package static func read(descriptor: Int32, name: String) throws(ReadError) -> String {
        try decode(try readAll(descriptor, name: name))
    }

    private static func readAll(_ descriptor: Int32, name: String) throws(ReadError) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var meter = LineMeter()
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in Foundation.read(descriptor, buffer.baseAddress, buffer.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(message: "cannot read '\(name)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { return data }
            if !chunk.withUnsafeBytes({ meter.measure(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }) {
                // The text so far, to show a window of the long line.
                var error = lineTooLong(meter.line)
                error.text = String(decoding: data + chunk[0..<count], as: UTF8.self)
                throw error
            }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    /// Text that did not come through a reader (a `-c` statement), as a failure that names
    /// `name` when a line is longer than ``SourceLimits/lineBytes``.
    package static func script(checking text: String, name: String) throws(ScriptFailure) -> String {
        var meter = LineMeter()
        var contiguous = text
        let fits = contiguous.withUTF8 { meter.measure(UnsafeRawBufferPointer($0)) }
        guard fits else {
            var error = lineTooLong(meter.line)
            error.text = text
            throw failure(error, name: name, cause: .statement)
        }
        return text
    }

    /// Counts lines and the length of the current one across the chunks of a stream.
    private struct LineMeter {
        /// The line being read, from 1.
        private(set) var line = 1
        private var length = 0

        /// Takes in the next bytes; false as soon as a line is longer than the limit.
        /// Newlines are found with memchr: a long script is measured at memory speed.
        mutating func measure(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard let base = bytes.baseAddress else { return true }
            var start = 0
            while start < bytes.count {
                guard let found = memchr(base + start, 0x0A, bytes.count - start) else {
                    length += bytes.count - start
                    return length <= SourceLimits.lineBytes
                }
                let end = base.distance(to: UnsafeRawPointer(found))
                length += end - start
                if length > SourceLimits.lineBytes { return false }
                line += 1
                length = 0
                start = end + 1
            }
            return true
        }
    }

    private static func lineTooLong(_ line: Int) -> ReadError {
        ReadError(
            message: "line longer than \(SourceLimits.lineBytes) bytes; FieldKit reads lines of at most \(SourceLimits.lineBytes) bytes (64 KiB)",
            location: SourceLocation(line: line, column: 1))
    }

    /// Decodes UTF-8, or names the line and column of the first invalid byte.
    package static func decode(_ data: Data) throws(ReadError) -> String {
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
                    location: SourceLocation(line: line, column: prefix.count + 1),
                    text: String(decoding: bytes, as: UTF8.self))
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
    /// Reads a script file, as a failure that names the file: exit 2 when it cannot be
    /// opened, 1 when what it holds is not a script (bad UTF-8, a line too long).
    package static func script(atPath path: String) throws(ScriptFailure) -> String {
        do { return try read(path: path) } catch {
            throw failure(error, name: path, cause: error.location == nil ? .unreadableSource : .statement)
        }
    }

    /// Reads a script from a stream (standard input), as a failure that names the stream.
    package static func script(descriptor: Int32, name: String) throws(ScriptFailure) -> String {
        do { return try read(descriptor: descriptor, name: name) } catch {
            throw failure(error, name: name, cause: .statement)
        }
    }

    /// Decodes a script read from a stream, as a failure that names the stream.
    package static func script(from data: Data, name: String) throws(ScriptFailure) -> String {
        do { return try decode(data) } catch {
            throw failure(error, name: name, cause: .statement)
        }
    }

    static func failure(_ error: ReadError, name: String, cause: ScriptFailure.Cause) -> ScriptFailure {
        ScriptFailure(
            diagnostic: Diagnostic(error.message, at: error.location ?? SourceLocation(line: 1, column: 1)),
            sourceName: name, sourceText: error.text, cause: cause)
    }
}
