/// Writes ``JSONNode``s as indented JSON, always the same way: keys in the order the node
/// gives them, two spaces a level, a list of plain values on one line, a newline at the
/// end. The same portfolio therefore always gives the same bytes.
package enum JSONWriter {
    /// The document's text.
    ///
    /// - Parameter node: the top value.
    /// - Returns: its JSON, ending with a newline.
    package static func write(_ node: JSONNode) -> String {
        var out = ""
        write(node, indent: "", into: &out)
        out += "\n"
        return out
    }

    private static func write(_ node: JSONNode, indent: String, into out: inout String) {
        switch node.value {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): quote(text, into: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
            } else if items.allSatisfy(\.isPlain) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    write(item, indent: indent, into: &out)
                }
                out += "]"
            } else {
                let inner = indent + "  "
                out += "[\n"
                for (index, item) in items.enumerated() {
                    out += inner
                    write(item, indent: inner, into: &out)
                    out += index == items.count - 1 ? "\n" : ",\n"
                }
                out += indent + "]"
            }
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner
                quote(member.key, into: &out)
                out += ": "
                write(member.value, indent: inner, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// Text in quotes, with `"`, `\` and control characters escaped; everything else as it is.
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONNode {
    /// Whether the value is neither a list nor an object.
    var isPlain: Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }
}
