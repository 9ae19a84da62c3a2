/// A JSON value, with the line and column (1-based, in characters) where it starts in the
/// file it was read from: an import's errors point into the file as an editor shows it.
package struct JSONNode: Sendable, Equatable {
    /// What a JSON value is.
    package indirect enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        /// A number, as written: `85000`, `1.5`. Kept as text, so that no digit is lost on
        /// its way to a `Decimal`.
        case number(String)
        case string(String)
        case array([JSONNode])
        /// Members in the order written.
        case object([Member])
    }

    /// A key and its value.
    package struct Member: Sendable, Equatable {
        package var key: String
        package var value: JSONNode

        package init(_ key: String, _ value: JSONNode) {
            self.key = key
            self.value = value
        }
    }

    package var value: Value
    /// Where the value starts; 0 for a value built in memory.
    package var line: Int
    package var column: Int

    package init(_ value: Value, line: Int = 0, column: Int = 0) {
        self.value = value
        self.line = line
        self.column = column
    }

    /// What the value is, for messages: "a string", "an object".
    package var kind: String {
        switch value {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

extension JSONNode {
    /// A string.
    package static func string(_ text: String) -> JSONNode { JSONNode(.string(text)) }
    /// A list of strings.
    package static func strings(_ texts: [String]) -> JSONNode { JSONNode(.array(texts.map(JSONNode.string))) }
    /// A number, from its text.
    package static func number(_ text: String) -> JSONNode { JSONNode(.number(text)) }
    /// An object of the members whose values are there, in the order given: an absent
    /// optional or an empty list is left out, so that the file says only what is known.
    package static func object(_ members: [(String, JSONNode?)]) -> JSONNode {
        JSONNode(.object(members.compactMap { key, value in
            guard let value else { return nil }
            if case .array(let items) = value.value, items.isEmpty { return nil }
            if case .object(let items) = value.value, items.isEmpty { return nil }
            return Member(key, value)
        }))
    }
}
