import FieldKit
import Foundation

/// The members of one object of an import, read by key with their types checked: each
/// problem is an ``InterchangeError`` at the value's line and column, and a key the
/// format does not have is refused with the nearest one it does.
struct JSONFields {
    let node: JSONNode
    private(set) var what: String
    private let members: [String: JSONNode]

    /// The same fields, called `what` in messages from here on: `project 'TIP-2007'` once its id is read.
    func named(_ what: String) -> JSONFields {
        var copy = self
        copy.what = what
        return copy
    }

    /// - Parameters:
    ///   - node: the object.
    ///   - what: what it is, for messages: `project 'TIP-2007'`, `a region`.
    ///   - keys: every key the format allows here.
    init(_ node: JSONNode, _ what: String, keys: [String]) throws(InterchangeError) {
        guard case .object(let list) = node.value else {
            throw InterchangeError("\(what) should be an object, not \(node.kind)", line: node.line, column: node.column)
        }
        self.node = node
        self.what = what
        var members: [String: JSONNode] = [:]
        for member in list {
            guard keys.contains(member.key) else {
                throw InterchangeError(
                    "\(what) has no field '\(member.key)'; its fields are \(keys.joined(separator: ", "))",
                    line: member.value.line, column: member.value.column, suggestion: Spelling.nearest(to: member.key, in: keys))
            }
            members[member.key] = member.value
        }
        self.members = members
    }

    private func fail(_ node: JSONNode, _ message: String) -> InterchangeError {
        InterchangeError(message, line: node.line, column: node.column)
    }

    /// A value that is there and not null.
    func has(_ key: String) -> Bool {
        guard let value = members[key] else { return false }
        return value.value != .null
    }

    func optionalString(_ key: String) throws(InterchangeError) -> String? {
        guard let value = members[key], value.value != .null else { return nil }
        guard case .string(let text) = value.value else { throw fail(value, "\(key) of \(what) should be text, not \(value.kind)") }
        return text
    }

    func string(_ key: String) throws(InterchangeError) -> String {
        guard let text = try optionalString(key) else {
            throw fail(node, "\(what) has no \(key); it is required")
        }
        return text
    }

    func strings(_ key: String) throws(InterchangeError) -> [String] {
        guard let value = members[key], value.value != .null else { return [] }
        guard case .array(let items) = value.value else { throw fail(value, "\(key) of \(what) should be a list, not \(value.kind)") }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item.value else { throw fail(item, "each of \(key) of \(what) should be text, not \(item.kind)") }
            texts.append(text)
        }
        return texts
    }

    func list(_ key: String) throws(InterchangeError) -> [JSONNode] {
        guard let value = members[key], value.value != .null else { return [] }
        guard case .array(let items) = value.value else { throw fail(value, "\(key) of \(what) should be a list, not \(value.kind)") }
        return items
    }

    /// An object of numbers by key (`{"KG": 60, "TJ": 40}`); empty when absent.
    func numbers(_ key: String) throws(InterchangeError) -> [(key: String, value: Decimal)] {
        guard let value = members[key], value.value != .null else { return [] }
        guard case .object(let list) = value.value else { throw fail(value, "\(key) of \(what) should be an object, not \(value.kind)") }
        let object = try JSONFields(value, "\(key) of \(what)", keys: list.map(\.key))
        var result: [(key: String, value: Decimal)] = []
        for member in list {
            guard let number = try object.decimal(member.key) else { throw fail(member.value, "\(member.key) of \(key) of \(what) should be a number") }
            result.append((member.key, number))
        }
        return result
    }

    func optionalDay(_ key: String) throws(InterchangeError) -> Day? {
        guard let text = try optionalString(key), let value = members[key] else { return nil }
        do { return try Day(parsing: text) } catch {
            throw fail(value, "\(key) of \(what): \(error.description)")
        }
    }

    func day(_ key: String) throws(InterchangeError) -> Day {
        guard let day = try optionalDay(key) else { throw fail(node, "\(what) has no \(key); it is required") }
        return day
    }

    func decimal(_ key: String) throws(InterchangeError) -> Decimal? {
        guard let value = members[key], value.value != .null else { return nil }
        guard case .number(let text) = value.value else { throw fail(value, "\(key) of \(what) should be a number, not \(value.kind)") }
        // Plain decimals by FieldKit's own reader; an exponent (`1e3`) through Foundation's.
        let exponent = text.utf8.contains(UInt8(ascii: "e")) || text.utf8.contains(UInt8(ascii: "E"))
        guard let number = exponent ? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) : Money.decimal(text),
            number.isFinite
        else {
            throw fail(value, "\(key) of \(what): '\(text)' is too large a number")
        }
        return number
    }

    func word<V: Vocabulary>(_ key: String, _ type: V.Type, default fallback: V? = nil) throws(InterchangeError) -> V? {
        guard let text = try optionalString(key), let value = members[key] else { return fallback }
        guard let word = V(rawValue: text) else {
            let words = V.allCases.map(\.rawValue)
            throw InterchangeError(
                "\(key) of \(what): '\(text)' is not a \(V.vocabularyName); use one of \(words.joined(separator: ", "))",
                line: value.line, column: value.column, suggestion: Spelling.nearest(to: text, in: words))
        }
        return word
    }

    func money(_ key: String) throws(InterchangeError) -> Money? {
        guard let value = members[key], value.value != .null else { return nil }
        let fields = try JSONFields(value, "\(key) of \(what)", keys: ["amount", "currency"])
        guard let amount = try fields.decimal("amount") else { throw fail(value, "\(key) of \(what) has no amount") }
        let currency = try fields.string("currency")
        do { return try Money(amount: amount, currency: currency) } catch {
            throw fail(value, "\(key) of \(what): \(error.description)")
        }
    }

    func dimensions(_ key: String) throws(InterchangeError) -> [String: String] {
        guard let value = members[key], value.value != .null else { return [:] }
        guard case .object(let list) = value.value else { throw fail(value, "\(key) of \(what) should be an object, not \(value.kind)") }
        var result: [String: String] = [:]
        for member in list {
            guard case .string(let text) = member.value.value else {
                throw fail(member.value, "dimension '\(member.key)' of \(what) should be text, not \(member.value.kind)")
            }
            result[member.key] = text
        }
        return result
    }
}
