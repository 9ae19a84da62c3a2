import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written: the path as the user wrote it and what went wrong.
struct FileWriteError: Error, Sendable, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot write '\(path)': \(reason)" }
}

/// A file written beside its target and not yet in place: `FileWriter/commit(_:shownAs:)` renames it
/// over the target in one step, `FileWriter/discard(_:)` removes it.
struct StagedFile: Sendable {
    /// Where the file goes.
    var target: String
    /// The temporary file beside it; nil when the target was written directly (a device or
    /// a pipe, which cannot be renamed onto).
    var temporary: String?
}

/// Writes exports and `.output` files so that a failure never leaves half a file: a regular
/// file is written to a temporary file in the same folder, flushed, and renamed into place;
/// every write and close is checked (`/dev/full` is an error, not "exported 11 rows").
enum FileWriter {
    /// Refuses a target that is one of `protected` (the open store and its `-wal`/`-shm`),
    /// compared by resolved path and, when both exist, by device and inode.
    static func check(_ path: String, shownAs name: String, against protected: [String]) throws(FileWriteError) {
        let target = resolved(path)
        let targetIdentity = identity(path)
        for file in protected {
            let same = resolved(file) == target || (targetIdentity != nil && identity(file) == targetIdentity)
            if same {
                throw FileWriteError(path: name, reason: "it is the open store's \(file.hasSuffix("-wal") || file.hasSuffix("-shm") || file.hasSuffix("-journal") ? "companion file" : "database"); choose another file")
            }
        }
    }

    /// Writes `data` to a temporary file beside `path`, or straight to `path` when that is a
    /// device or a pipe.
    static func stage(_ data: Data, at path: String, shownAs name: String) throws(FileWriteError) -> StagedFile {
        var info = stat()
        // Followed through links: `/dev/stdout` is a link to a pipe or a terminal.
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw FileWriteError(path: name, reason: "it is a folder") }
            // A pipe, a terminal or /dev/null takes an export; a disk or another device never does.
            let device = "it is a device; export writes files, pipes and terminals only"
            guard (info.st_mode & S_IFMT) != S_IFBLK else { throw FileWriteError(path: name, reason: device) }
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileWriteError(path: name, reason: String(cString: strerror(errno))) }
            if (info.st_mode & S_IFMT) == S_IFCHR && isatty(descriptor) == 0 {
                var null = stat()
                guard stat("/dev/null", &null) == 0, null.st_rdev == info.st_rdev else {
                    _ = close(descriptor)
                    throw FileWriteError(path: name, reason: device)
                }
            }
            do throws(FileWriteError) { try writeAll(data, to: descriptor, name: name) } catch {
                _ = close(descriptor)
                throw error
            }
            guard close(descriptor) == 0 else { throw FileWriteError(path: name, reason: String(cString: strerror(errno))) }
            return StagedFile(target: path, temporary: nil)
        }
        // A symlink is followed to the file it names, so that the link stays a link.
        let real = resolved(path)
        let folder = (real as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + (real as NSString).lastPathComponent + ".fieldkit-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw FileWriteError(path: name, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(FileWriteError) {
            // The mode a new file would get (or the existing file's), not mkstemp's 0600.
            let mode: mode_t = stat(real, &info) == 0 ? info.st_mode & 0o7777 : 0o666 & ~currentUmask()
            _ = fchmod(descriptor, mode)
            try writeAll(data, to: descriptor, name: name)
            guard fsync(descriptor) == 0 else { throw FileWriteError(path: name, reason: String(cString: strerror(errno))) }
            guard close(descriptor) == 0 else { throw FileWriteError(path: name, reason: String(cString: strerror(errno))) }
        } catch {
            _ = close(descriptor)
            unlink(temporary)
            throw error
        }
        return StagedFile(target: real, temporary: temporary)
    }

    /// Puts a staged file in place.
    static func commit(_ staged: StagedFile, shownAs name: String) throws(FileWriteError) {
        guard let temporary = staged.temporary else { return }
        guard rename(temporary, staged.target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileWriteError(path: name, reason: reason)
        }
    }

    /// Removes a staged file that will not be put in place.
    static func discard(_ staged: StagedFile) {
        if let temporary = staged.temporary { unlink(temporary) }
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ data: Data, to descriptor: Int32, name: String) throws(FileWriteError) {
        var failure: FileWriteError?
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileWriteError(path: name, reason: String(cString: strerror(errno)))
                    return
                }
                offset += written
            }
        }
        if let failure { throw failure }
    }

    /// The path with symlinks resolved as far as the file exists (its folder, when it does not).
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
