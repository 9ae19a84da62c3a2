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

    /// Appends a string in double quotes, escaping `"` `\`, control characters (`\n`, `\t`, …,
    /// otherwise `\u001B`), DEL, the C1 controls and U+2028/U+2029; everything else as it is.
    /// The language's JSON output writes its strings with it too.
    package static func quote(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                    let hex = String(value, radix: 16, uppercase: true)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
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
