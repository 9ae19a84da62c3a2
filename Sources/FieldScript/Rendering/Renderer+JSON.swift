// The `json` and `jsonl` formats: objects keyed by column name, in column order.

extension Renderer {
    /// A table as a pretty-printed JSON array of objects; `[]` when it has no rows.
    func jsonArray(_ table: Table) -> String {
        JSONNode(table).written(pretty: true) + "\n"
    }

    /// A table as JSON Lines: one compact object per row; empty when it has no rows.
    func jsonLines(_ table: Table) -> String {
        table.rows.map { JSONNode(row: $0, columns: table.columns).written(pretty: false) + "\n" }.joined()
    }

    /// A card as one object: `title`, `fields` (an object of the fields in order), then each
    /// section's rows under its title. Pretty-printed, or compact on one line for JSON Lines.
    /// A section titled `title` or `fields` repeats that key; callers name sections otherwise.
    func jsonCard(_ card: Card, pretty: Bool) -> String {
        var members: [(key: String, value: JSONNode)] = [
            ("title", .string(card.title)),
            ("fields", .object(card.fields.map { ($0.name, JSONNode($0.value)) })),
        ]
        members += card.sections.map { ($0.title, JSONNode($0.table)) }
        return JSONNode.object(members).written(pretty: pretty) + "\n"
    }
}
