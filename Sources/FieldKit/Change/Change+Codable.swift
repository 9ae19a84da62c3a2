/// The journal form of a change: `{"op": "update", "kind": "project", "old": {…}, "new": {…}}`.
///
/// The shape is flat and self-describing so that analysts can read the journal with
/// SQLite's JSON functions (`changes ->> '$[0].op'`).
extension Change: Codable {
    private enum CodingKeys: String, CodingKey { case op, kind, value, old, new, from, to }

    private enum Operation: String, Codable {
        case add, update, remove, rename, link, unlink, record, unrecord, note, unnote
    }

    /// Decodes the journal form.
    ///
    /// - Parameter decoder: holds one object with an `op` member and the members it takes.
    /// - Throws: `DecodingError` when a member is missing or wrong, or when the operation
    ///   does not apply to the kind (`rename` of a link, say).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let operation = try container.decode(Operation.self, forKey: .op)
        switch operation {
        case .link: self = .link(try container.decode(Participation.self, forKey: .value))
        case .unlink: self = .unlink(try container.decode(Participation.self, forKey: .value))
        case .record: self = .record(try container.decode(OutcomeRecord.self, forKey: .value))
        case .unrecord: self = .unrecord(try container.decode(OutcomeRecord.self, forKey: .value))
        case .note: self = .addNote(try container.decode(Note.self, forKey: .value))
        case .unnote: self = .removeNote(try container.decode(Note.self, forKey: .value))
        case .add, .update, .remove, .rename:
            let kind = try container.decode(EntityKind.self, forKey: .kind)
            func value<T: Decodable>(_ key: CodingKeys) throws -> T { try container.decode(T.self, forKey: key) }
            switch (operation, kind) {
            case (.add, .project): self = .addProject(try value(.value))
            case (.update, .project): self = .updateProject(old: try value(.old), new: try value(.new))
            case (.remove, .project): self = .removeProject(try value(.value))
            case (.rename, .project): self = .renameProject(from: try value(.from), to: try value(.to))
            case (.add, .partner): self = .addPartner(try value(.value))
            case (.update, .partner): self = .updatePartner(old: try value(.old), new: try value(.new))
            case (.remove, .partner): self = .removePartner(try value(.value))
            case (.rename, .partner): self = .renamePartner(from: try value(.from), to: try value(.to))
            case (.add, .region): self = .addRegion(try value(.value))
            case (.update, .region): self = .updateRegion(old: try value(.old), new: try value(.new))
            case (.remove, .region): self = .removeRegion(try value(.value))
            case (.rename, .region): self = .renameRegion(from: try value(.from), to: try value(.to))
            case (.add, .outcome): self = .addOutcome(try value(.value))
            case (.update, .outcome): self = .updateOutcome(old: try value(.old), new: try value(.new))
            case (.remove, .outcome): self = .removeOutcome(try value(.value))
            case (.rename, .outcome): self = .renameOutcome(from: try value(.from), to: try value(.to))
            case (.update, .setting): self = .setThresholds(old: try value(.old), new: try value(.new))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: container, debugDescription: "'\(operation.rawValue)' does not apply to \(kind.rawValue.withArticle)")
            }
        }
    }

    /// Encodes the journal form: `op`, then `kind` for the four entity kinds, then `value`,
    /// `old` and `new`, or `from` and `to`.
    ///
    /// - Parameter encoder: receives one keyed object.
    /// - Throws: what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .addProject(let value): try Change.encode(&container, .add, .project, value: value)
        case .updateProject(let old, let new): try Change.encode(&container, .update, .project, old: old, new: new)
        case .removeProject(let value): try Change.encode(&container, .remove, .project, value: value)
        case .renameProject(let from, let to): try Change.encode(&container, .rename, .project, from: from, to: to)
        case .addPartner(let value): try Change.encode(&container, .add, .partner, value: value)
        case .updatePartner(let old, let new): try Change.encode(&container, .update, .partner, old: old, new: new)
        case .removePartner(let value): try Change.encode(&container, .remove, .partner, value: value)
        case .renamePartner(let from, let to): try Change.encode(&container, .rename, .partner, from: from, to: to)
        case .addRegion(let value): try Change.encode(&container, .add, .region, value: value)
        case .updateRegion(let old, let new): try Change.encode(&container, .update, .region, old: old, new: new)
        case .removeRegion(let value): try Change.encode(&container, .remove, .region, value: value)
        case .renameRegion(let from, let to): try Change.encode(&container, .rename, .region, from: from, to: to)
        case .addOutcome(let value): try Change.encode(&container, .add, .outcome, value: value)
        case .updateOutcome(let old, let new): try Change.encode(&container, .update, .outcome, old: old, new: new)
        case .removeOutcome(let value): try Change.encode(&container, .remove, .outcome, value: value)
        case .renameOutcome(let from, let to): try Change.encode(&container, .rename, .outcome, from: from, to: to)
        case .link(let value): try Change.encode(&container, .link, nil, value: value)
        case .unlink(let value): try Change.encode(&container, .unlink, nil, value: value)
        case .record(let value): try Change.encode(&container, .record, nil, value: value)
        case .unrecord(let value): try Change.encode(&container, .unrecord, nil, value: value)
        case .addNote(let value): try Change.encode(&container, .note, nil, value: value)
        case .removeNote(let value): try Change.encode(&container, .unnote, nil, value: value)
        case .setThresholds(let old, let new): try Change.encode(&container, .update, .setting, old: old, new: new)
        }
    }

    private static func encode<Value: Encodable>(
        _ container: inout KeyedEncodingContainer<CodingKeys>, _ operation: Operation, _ kind: EntityKind?,
        value: Value
    ) throws {
        try container.encode(operation, forKey: .op)
        try container.encodeIfPresent(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
    }

    private static func encode<Value: Encodable>(
        _ container: inout KeyedEncodingContainer<CodingKeys>, _ operation: Operation, _ kind: EntityKind,
        old: Value, new: Value
    ) throws {
        try container.encode(operation, forKey: .op)
        try container.encode(kind, forKey: .kind)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
    }

    private static func encode<ID: Encodable>(
        _ container: inout KeyedEncodingContainer<CodingKeys>, _ operation: Operation, _ kind: EntityKind,
        from: ID, to: ID
    ) throws {
        try container.encode(operation, forKey: .op)
        try container.encode(kind, forKey: .kind)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
    }
}
