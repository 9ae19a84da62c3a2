import Foundation

/// The Humanitarian Exchange Language's hashtag row: a second line under a CSV's header
/// that tags each column (`#activity+code`, `#org+funder`), so that OCHA's HXL tools read
/// the file. Docs/INTERCHANGE.md lists the table.
enum HXL {
    /// The tag of each field, by source; fields of every source first.
    static let tags: [QuerySource?: [String: String]] = [
        nil: [
            "date": "#date", "note": "#description", "source": "#meta+source", "currency": "#currency", "project": "#activity+code",
            "outcome": "#indicator+code", "partner": "#org+code", "regions": "#adm1+code", "status": "#status",
            "count": "#meta+count",
        ],
        .projects: [
            "id": "#activity+code", "title": "#activity+name", "summary": "#activity+description", "start": "#date+start",
            "end": "#date+end", "actual-start": "#date+start+actual", "actual-end": "#date+end+actual", "budget": "#value+budget",
            "sectors": "#sector+code", "target-groups": "#targeted+type", "tags": "#meta+tags", "funders": "#org+funder",
            "implementers": "#org+impl", "partners": "#org", "outcomes": "#indicator+num", "progress": "#indicator+pct",
        ],
        .partners: [
            "id": "#org+code", "name": "#org+name", "acronym": "#org+acronym", "kind": "#org+type", "country": "#country+code",
            "ref": "#org+code+iati", "contact": "#contact", "projects": "#activity+code", "roles": "#org+role",
        ],
        .regions: ["id": "#adm1+code", "name": "#adm1+name", "level": "#meta+level", "parent": "#adm1+code+parent", "projects": "#activity+num"],
        .outcomes: [
            "id": "#indicator+code", "title": "#indicator+name", "unit": "#indicator+unit", "baseline": "#indicator+baseline+num",
            "target": "#indicator+target+num", "current": "#indicator+value+num", "progress": "#indicator+pct",
            "expected": "#indicator+pct+expected", "due": "#date+due", "regions": "#adm1+code", "status": "#indicator+status",
        ],
        .records: ["id": "#meta+id", "value": "#indicator+value+num", "sex": "#meta+sex", "age": "#meta+age"],
        .notes: ["id": "#meta+id", "text": "#description"],
        .links: ["role": "#org+role", "amount": "#value", "partner": "#org+code"],
        .history: ["time": "#date", "actor": "#meta+actor", "origin": "#meta+origin", "statement": "#meta+statement"],
    ]

    /// The tag of a column of `source`: the table's, else an attribute of `#meta` named
    /// after the column (`days-left` → `#meta+days_left`), so that every column is tagged.
    static func tag(_ column: String, source: QuerySource) -> String {
        if let tag = tags[source]?[column] ?? tags[nil]?[column] { return tag }
        let attribute = String(column.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
        })
        // An attribute starts with a letter: a name in another script keeps its shape after one.
        return "#meta+" + (attribute.first.map { $0.isLetter } == true ? attribute : "f" + attribute)
    }

    /// `text`, rendered with its header, with the hashtag row put in under the header.
    static func withHashtags(_ text: String, table: Table, source: QuerySource, csv: Bool) -> String {
        let end = csv ? "\r\n" : "\n"
        let row = table.columns.map { tag($0.name, source: source) }.joined(separator: csv ? "," : "\t") + end
        guard let headerEnd = text.range(of: end) else { return text + row }
        return String(text[..<headerEnd.upperBound]) + row + String(text[headerEnd.upperBound...])
    }
}
