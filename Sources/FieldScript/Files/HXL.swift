import FieldKitInterchange
import Foundation

/// The Humanitarian Exchange Language's hashtag row: a second line under a CSV's header
/// that tags each column (`#activity+code`, `#org+funder`), so that OCHA's HXL tools read
/// the file. Docs/INTERCHANGE.md lists the table.
enum HXL {
    /// The tag of a column of `source`: the table's, else an attribute of `#meta` named
    /// after the column (`days-left` → `#meta+days_left`), so that every column is tagged.
    static func tag(_ column: String, source: QuerySource?) -> String {
        if let tag = source.flatMap({ HXLTags.tags[$0.rawValue]?[column] }) ?? HXLTags.tags[nil]?[column] { return tag }
        let attribute = String(column.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
        })
        // An attribute starts with a letter: a name in another script keeps its shape after one.
        return "#meta+" + (attribute.first.map { $0.isLetter } == true ? attribute : "f" + attribute)
    }

    /// `text`, rendered with its header, with the hashtag row put in under the header.
    static func withHashtags(_ text: String, table: Table, source: QuerySource?, csv: Bool) -> String {
        let end = csv ? "\r\n" : "\n"
        let row = table.columns.map { tag($0.name, source: source) }.joined(separator: csv ? "," : "\t") + end
        guard let headerEnd = text.range(of: end) else { return text + row }
        return String(text[..<headerEnd.upperBound]) + row + String(text[headerEnd.upperBound...])
    }
}
