import FieldKit
import FieldScript
import Foundation

/// What the fuzz targets share: the Osh scenario they start from, a fixed today, their
/// folders, and a filter that keeps `.read`, `.output` and `export` inside them.
public enum FuzzSupport {
    /// The day `today` means in every run: the demo's 1 December 2007, so that runs repeat.
    public static let today: Day = {
        do { return try Day(parsing: "2007-12-01") } catch { fatalError("fuzz support: \(error)") }
    }()

    /// The text of scripts/examples/osh-2007.fk (or `$FIELDKIT_FUZZ_SEED`).
    public static let oshScript: String = {
        let path = ProcessInfo.processInfo.environment["FIELDKIT_FUZZ_SEED"] ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().appendingPathComponent("../../../scripts/examples/osh-2007.fk").standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("fuzz support: cannot read the Osh scenario at \(path); set FIELDKIT_FUZZ_SEED")
        }
        return String(decoding: data, as: UTF8.self)
    }()

    /// The Osh scenario as a portfolio, built once by running its script.
    public static let oshPortfolio: Portfolio = {
        let store = InMemoryStore()
        do {
            try Session(store: store, settings: settings).runScript(oshScript, name: "osh-2007.fk")
            return try store.portfolio
        } catch {
            fatalError("fuzz support: the Osh scenario does not run: \(error)")
        }
    }()

    /// Settings for a fuzz session: today fixed, confirmations on (they are rendered too).
    public static var settings: SessionSettings {
        var settings = SessionSettings()
        settings.today = today
        settings.actor = "fuzz"
        return settings
    }

    /// A folder of this process's own, for the targets' files (the store target's database),
    /// under `$FIELDKIT_FUZZ_TMP` (scripts/fuzz points it into .build-fuzz) or the temporary
    /// folder; removed when the process exits normally (after a crash scripts/fuzz removes it).
    public static let folder: URL = {
        let base = ProcessInfo.processInfo.environment["FIELDKIT_FUZZ_TMP"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("fieldkit-fuzz-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            fatalError("fuzz support: cannot create \(url.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: FuzzSupport.folder) }
        return url
    }()

    /// The folder sessions run in (``Session/directory``), which `.read`, `.output` and
    /// `export` resolve against: inside ``folder``, apart from the targets' own files.
    public static let sessionFolder: URL = {
        let url = folder.appendingPathComponent("session", isDirectory: true)
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            fatalError("fuzz support: cannot create \(url.path): \(error)")
        }
        return url
    }()

    /// Whether to skip `bytes`: `.read`, `.output` or `export` with a `/` anywhere, which could
    /// name a file outside the fuzz folder (`.output "/work/main/README.md"` empties it;
    /// `.read "/dev/stdin"` blocks). A path can only come from the text (strings have no
    /// escape for `/`, variables no concatenation), so relative names stay in ``sessionFolder``.
    public static func touchesOutsideFiles(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.contains(UInt8(ascii: "/")) else { return false }
        return contains(bytes, ".read") || contains(bytes, ".output") || contains(bytes, "export")
    }

    /// Whether the input may write files (`.output`, `export`) into ``sessionFolder``.
    public static func writesFiles(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(bytes, ".output") || contains(bytes, "export")
    }

    /// Whether `bytes` holds ASCII `word`, ignoring the case of letters (roughly: `| 0x20`).
    public static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard bytes.count >= needle.count else { return false }
        outer: for start in 0...(bytes.count - needle.count) {
            for (offset, expected) in needle.enumerated() where bytes[start + offset] | 0x20 != expected | 0x20 {
                continue outer
            }
            return true
        }
        return false
    }

    /// Empties ``sessionFolder`` of what `.output` and `export` made.
    public static func clearFolder() {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: sessionFolder.path)) ?? [] {
            try? manager.removeItem(at: sessionFolder.appendingPathComponent(name))
        }
    }

    /// Renders an output in the session's format, as the fieldkit binary does, so renderers run too.
    public static func render(_ output: Output, format: Format) -> Int {
        Renderer(format: format).render(output).utf8.count
    }
}
