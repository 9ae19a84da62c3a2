/// The Humanitarian Exchange Language's tags for FieldKit's fields: what `| export csv … hxl`
/// writes under the header, and what `import csv` reads a hashtag row by. Docs/INTERCHANGE.md
/// writes the table out.
package enum HXLTags {
    /// The tag of each field, by source (`projects`); nil holds the fields of every source.
    package static let tags: [String?: [String: String]] = [
        nil: [
            "date": "#date", "note": "#description", "source": "#meta+source", "currency": "#currency", "project": "#activity+code",
            "outcome": "#indicator+code", "partner": "#org+code", "regions": "#adm1+code", "status": "#status",
            "count": "#meta+count",
        ],
        "projects": [
            "id": "#activity+code", "title": "#activity+name", "summary": "#activity+description", "start": "#date+start",
            "end": "#date+end", "actual-start": "#date+start+actual", "actual-end": "#date+end+actual", "budget": "#value+budget",
            "sectors": "#sector+code", "target-groups": "#targeted+type", "tags": "#meta+tags", "funders": "#org+funder",
            "implementers": "#org+impl", "partners": "#org", "outcomes": "#indicator+num", "progress": "#indicator+pct",
        ],
        "partners": [
            "id": "#org+code", "name": "#org+name", "acronym": "#org+acronym", "kind": "#org+type", "country": "#country+code",
            "ref": "#org+code+iati", "contact": "#contact", "projects": "#activity+code", "roles": "#org+role",
        ],
        "regions": ["id": "#adm1+code", "name": "#adm1+name", "level": "#meta+level", "parent": "#adm1+code+parent", "projects": "#activity+num"],
        "outcomes": [
            "id": "#indicator+code", "title": "#indicator+name", "unit": "#indicator+unit", "baseline": "#indicator+baseline+num",
            "target": "#indicator+target+num", "current": "#indicator+value+num", "progress": "#indicator+pct",
            "expected": "#indicator+pct+expected", "due": "#date+due", "regions": "#adm1+code", "status": "#indicator+status",
        ],
        "records": ["id": "#meta+id", "value": "#indicator+value+num", "sex": "#meta+sex", "age": "#meta+age"],
        "notes": ["id": "#meta+id", "text": "#description"],
        "links": ["role": "#org+role", "amount": "#value", "partner": "#org+code"],
        "history": ["time": "#date", "actor": "#meta+actor", "origin": "#meta+origin", "statement": "#meta+statement"],
    ]


    /// The field a tag names in a file of `source`'s rows; nil for a tag FieldKit does not write.
    package static func field(of tag: String, in source: String) -> String? {
        let own = tags[source] ?? [:]
        return own.first { $0.value == tag }?.key ?? tags[nil]?.first { $0.value == tag }?.key
    }
}
