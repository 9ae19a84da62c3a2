import FieldKit
import Foundation

/// Writes the journal's JSON for changes by hand: the same document `Change`'s `Codable`
/// conformance reads back (keys sorted), about twenty times faster than `JSONEncoder`,
/// which dominated the cost of a 150k-statement script. It writes UTF-8 bytes into one
/// buffer that a long write reuses from entry to entry.
package struct JournalJSON {
    /// The document so far.
    package private(set) var bytes: [UInt8] = []
    /// Decimals as text, shared with the write's ``StateWriter``.
    package let numbers = NumberTexts()

    /// The JSON array of `changes`, as text.
    package static func encode(_ changes: [Change]) -> String {
        var writer = JournalJSON()
        writer.write(changes)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Replaces the document with the JSON array of `changes`, keeping the buffer's capacity.
    /// With `origins` (one per change), each change's object starts with `"at"`: where in an
    /// imported file it came from, `covid.xml:5213`. Reading a change ignores the member.
    package mutating func write(_ changes: [Change], origins: [String] = []) {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(256 * changes.count)
        guard origins.count == changes.count, !origins.isEmpty else {
            array(changes) { $0.change($1) }
            return
        }
        bytes.append(UInt8(ascii: "["))
        for index in changes.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            // `{"at":"…",` and then the change's members: "at" sorts first.
            bytes.append(contentsOf: #"{"at":"#.utf8)
            string(origins[index])
            bytes.append(UInt8(ascii: ","))
            let changeStart = bytes.count
            change(changes[index])
            bytes.remove(at: changeStart)  // the change's own opening brace
        }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    // MARK: Changes

    private mutating func change(_ change: Change) {
        switch change {
        case .addProject(let value): entity("add", "project") { $0.project(value) }
        case .removeProject(let value): entity("remove", "project") { $0.project(value) }
        case .updateProject(let old, let new): update("project", { $0.project(old) }, { $0.project(new) })
        case .renameProject(let from, let to): rename("project", from.rawValue, to.rawValue)
        case .addPartner(let value): entity("add", "partner") { $0.partner(value) }
        case .removePartner(let value): entity("remove", "partner") { $0.partner(value) }
        case .updatePartner(let old, let new): update("partner", { $0.partner(old) }, { $0.partner(new) })
        case .renamePartner(let from, let to): rename("partner", from.rawValue, to.rawValue)
        case .addRegion(let value): entity("add", "region") { $0.region(value) }
        case .removeRegion(let value): entity("remove", "region") { $0.region(value) }
        case .updateRegion(let old, let new): update("region", { $0.region(old) }, { $0.region(new) })
        case .renameRegion(let from, let to): rename("region", from.rawValue, to.rawValue)
        case .addOutcome(let value): entity("add", "outcome") { $0.outcome(value) }
        case .removeOutcome(let value): entity("remove", "outcome") { $0.outcome(value) }
        case .updateOutcome(let old, let new): update("outcome", { $0.outcome(old) }, { $0.outcome(new) })
        case .renameOutcome(let from, let to): rename("outcome", from.rawValue, to.rawValue)
        case .link(let value): entity("link", nil) { $0.participation(value) }
        case .unlink(let value): entity("unlink", nil) { $0.participation(value) }
        case .record(let value): entity("record", nil) { $0.measurement(value) }
        case .unrecord(let value): entity("unrecord", nil) { $0.measurement(value) }
        case .addNote(let value): entity("note", nil) { $0.note(value) }
        case .removeNote(let value): entity("unnote", nil) { $0.note(value) }
        case .setThresholds(let old, let new): update("setting", { $0.thresholds(old) }, { $0.thresholds(new) })
        }
    }

    private mutating func thresholds(_ value: ProgressThresholds) {
        open()
        number("at-risk-margin", value.atRisk)
        number("on-track-margin", value.onTrack)
        close()
    }

    private mutating func entity(_ operation: StaticString, _ kind: StaticString?, _ value: (inout JournalJSON) -> Void) {
        open()
        if let kind { member("kind"); literal(kind) }
        member("op"); literal(operation)
        member("value"); value(&self)
        close()
    }

    private mutating func update(_ kind: StaticString, _ old: (inout JournalJSON) -> Void, _ new: (inout JournalJSON) -> Void) {
        open()
        member("kind"); literal(kind)
        member("new"); new(&self)
        member("old"); old(&self)
        member("op"); literal("update")
        close()
    }

    private mutating func rename(_ kind: StaticString, _ from: String, _ to: String) {
        open()
        member("from"); string(from)
        member("kind"); literal(kind)
        member("op"); literal("rename")
        member("to"); string(to)
        close()
    }

    // MARK: Entities (keys in sorted order, optional fields left out when nil)

    private mutating func project(_ value: Project) {
        open()
        day("actualEnd", value.actualEnd)
        day("actualStart", value.actualStart)
        if let budget = value.budget { member("budget"); money(budget) }
        day("end", value.end)
        string("id", value.id.rawValue)
        string("language", value.language)
        if !value.regionShares.isEmpty {
            member("regionShares")
            open()
            for (region, share) in value.regionShares.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                memberKey(region.rawValue)
                bytes.append(contentsOf: numbers.text(share).utf8)
            }
            close()
        }
        strings("regions", value.regions.map(\.rawValue))
        strings("sectors", value.sectors)
        day("start", value.start)
        string("status", value.status.rawValue)
        string("summary", value.summary)
        strings("tags", value.tags)
        strings("targetGroups", value.targetGroups)
        string("title", value.title)
        // Left out when there are none, as journals written before translations existed have it.
        if !value.translations.isEmpty {
            member("translations")
            array(value.translations) { json, translation in
                json.open()
                json.string("field", translation.field.rawValue)
                json.string("language", translation.language)
                json.string("text", translation.text)
                json.close()
            }
        }
        close()
    }

    private mutating func partner(_ value: Partner) {
        open()
        string("acronym", value.acronym)
        member("contacts")
        array(value.contacts) { json, contact in
            json.open()
            json.string("name", contact.name)
            json.string("role", contact.role)
            json.close()
        }
        string("country", value.country)
        string("id", value.id.rawValue)
        string("kind", value.kind?.rawValue)
        string("name", value.name)
        string("ref", value.ref)
        close()
    }

    private mutating func region(_ value: Region) {
        open()
        string("id", value.id.rawValue)
        strings("includes", value.includes.map(\.rawValue))
        string("level", value.level.rawValue)
        string("name", value.name)
        string("parent", value.parent?.rawValue)
        close()
    }

    private mutating func outcome(_ value: Outcome) {
        open()
        number("baseline", value.baseline)
        day("baselineDate", value.baselineDate)
        strings("dims", value.dims)
        string("direction", value.direction.rawValue)
        day("due", value.due)
        string("id", value.id.rawValue)
        string("level", value.level.rawValue)
        string("measure", value.measure.rawValue)
        strings("regions", value.regions.map(\.rawValue))
        number("target", value.target)
        string("title", value.title)
        string("unit", value.unit)
        close()
    }

    private mutating func measurement(_ value: OutcomeRecord) {
        open()
        day("date", value.date)
        member("dimensions")
        open()
        for (key, text) in value.dimensions.sorted(by: { $0.key < $1.key }) { dimension(key, text) }
        close()
        string("id", value.id.rawValue)
        string("note", value.note)
        string("outcome", value.outcome.rawValue)
        string("source", value.source)
        number("value", value.value)
        close()
    }

    private mutating func note(_ value: Note) {
        open()
        day("date", value.date)
        string("id", value.id.rawValue)
        string("project", value.project.rawValue)
        string("text", value.text)
        close()
    }

    private mutating func participation(_ value: Participation) {
        open()
        if let amount = value.amount { member("amount"); money(amount) }
        string("partner", value.partner.rawValue)
        string("project", value.project.rawValue)
        string("role", value.role.rawValue)
        close()
    }

    private mutating func money(_ value: Money) {
        open()
        member("amount"); string(numbers.text(value.amount))
        string("currency", value.currency)
        close()
    }

    // MARK: Primitives

    /// Whether the next member or element is the first of its object or array (no comma).
    private var first = true

    private mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    private mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// A member's key and colon, after a comma unless it is the first.
    private mutating func member(_ key: StaticString) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func string(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        member(key)
        string(value)
    }

    /// A member's key that is data (a region id), escaped like any string, and its colon.
    private mutating func memberKey(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A member whose key is data (a measurement's dimension), escaped like any string.
    private mutating func dimension(_ key: String, _ value: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        string(key)
        bytes.append(UInt8(ascii: ":"))
        string(value)
    }

    private mutating func strings(_ key: StaticString, _ values: [String]) {
        member(key)
        array(values) { $0.string($1) }
    }

    private mutating func day(_ key: StaticString, _ value: Day?) {
        guard let value else { return }
        member(key)
        string(value.description)
    }

    private mutating func number(_ key: StaticString, _ value: Decimal?) {
        guard let value else { return }
        member(key)
        bytes.append(contentsOf: numbers.text(value).utf8)
    }

    /// A string known to need no escaping, quoted.
    private mutating func literal(_ text: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func array<T>(_ items: [T], _ write: (inout JournalJSON, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// A JSON string literal: UTF-8 copied as is, except quotes, backslashes and control
    /// characters (bytes of multi-byte characters are all 0x80 or above).
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON array of strings: how a list of ids reaches SQL as one parameter (`json_each`).
    static func array(of texts: [String]) -> String {
        var writer = JournalJSON()
        writer.array(texts) { $0.string($1) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
