import FieldKit

/// The language's built-in help: one topic per statement, each with its syntax, a
/// paragraph and examples. The examples run as tests against the Osh scenario.
package enum Help {
    /// One help topic.
    package struct Topic: Sendable {
        /// The topic's name, as typed after `.help`.
        package var name: String
        /// The syntax line(s).
        package var syntax: String
        /// What it does.
        package var summary: String
        /// Statements that show it, each runnable on the Osh scenario.
        package var examples: [String]
    }

    /// The fields each source derives, beyond the settable fields of its kind, from the
    /// grammar's table: `projects funders implementers …; outcomes project current …`.
    static var derivedFields: String {
        let kinds: [QuerySource: EntityKind] = [.projects: .project, .partners: .partner, .regions: .region, .outcomes: .outcome]
        return QuerySource.allCases.compactMap { source -> String? in
            guard let kind = kinds[source] else { return nil }
            let stored = Set((Grammar.fields[kind] ?? []).map(\.field) + [.id])
            let derived = Grammar.fields(of: source).filter { !stored.contains($0) }
            return derived.isEmpty ? nil : "\(source.rawValue) " + derived.map(\.rawValue).joined(separator: " ")
        }.joined(separator: "; ")
    }

    /// Every topic, in the order `.help` lists them.
    package static let topics: [Topic] = [
        Topic(name: "add", syntax: "add project|partner|region|outcome <id> [<field> <value>]...",
              summary: "Adds a project, partner, region or outcome. An ISO 3166 region code fills in the name, level and parent from iso-codes; ISO regions referenced anywhere are added the same way. Lists take values separated by commas. An outcome id is PROJECT/key.",
              examples: [
                "add partner unicef name \"UNICEF\" kind multilateral country KG",
                "add project TIP-2008 title \"Follow-up in Jalal-Abad\" status pipeline start 2008-02 end 2008-12 regions KG-J",
                "add outcome TIP-2007/hotline title \"Hotline calls answered\" measure count target 500 due 2008-01",
                "add region KG-C",
              ]),
        Topic(name: "set", syntax: "set [<kind>] <id> <field> [+|-] <value> [<field> <value>]...",
              summary: "Changes fields. In a list field, '+ v' adds values and '- v' removes them; without a sign the list is replaced. The kind may be left out when the id names exactly one thing.",
              examples: [
                "set project TIP-2007 status finalising",
                "set TIP-2007 regions + KG-J",
                "set TIP-2007 target-groups - judges",
                "set outcome TIP-2007/groups target 8 due 2008-03",
              ]),
        Topic(name: "unset", syntax: "unset [<kind>] <id> <field> [, <field>]...",
              summary: "Clears optional fields; required ones (title, name, status, level, measure, direction) can only be set.",
              examples: ["unset TIP-2007 tags", "unset partner osce-osh acronym, contact"]),
        Topic(name: "link", syntax: "link <project> <partner> as funder|lead|extending|implementer|counterpart [amount <money>]",
              summary: "Links a partner to a project in a role, optionally with an amount. Linking again with a new amount replaces the amount.",
              examples: ["link TIP-2007 france as funder amount 85000 EUR", "link TIP-2007 golden-goal as extending"]),
        Topic(name: "unlink", syntax: "unlink <project> <partner> [as <role>]",
              summary: "Removes a partner's link to a project: in one role, or in every role.",
              examples: ["unlink TIP-2007 osh-admin", "unlink TIP-2007 scme as counterpart"]),
        Topic(name: "record", syntax: "record <project>/<key> [<value>] [on <date>] [<dim>=<value>]... [note \"...\"] [source \"...\"]",
              summary: "Records a measurement of an outcome. For a count it is an increment; for a level or percent the latest counts; a qualitative outcome takes a note and no value. Dimensions must be declared by the outcome's dims. The date defaults to today; a record dated after today is kept with a warning and counts from its day.",
              examples: [
                "record TIP-2007/groups 2 on 2007-11-28 note \"Batken town and Isfana\"",
                "record TIP-2007/trained 10 on 2007-12-01 sex=female source \"training register\"",
                "record TIP-2007/awareness 48% on 2007-11-30",
                "record TIP-2007/network on 2007-11-10 note \"Network charter signed\"",
              ]),
        Topic(name: "note", syntax: "note <project> \"<text>\" [on <date>]",
              summary: "Adds a dated note to a project. The date defaults to today.",
              examples: ["note TIP-2007 \"Mid-term review with the donor\" on 2007-10-10"]),
        Topic(name: "rename", syntax: "rename [<kind>] <id> to <new-id>",
              summary: "Gives something a new id; every reference follows (a project's outcomes become NEW/key).",
              examples: ["rename partner scme to state-migration-committee", "rename TIP-2007/groups to community-groups"]),
        Topic(name: "remove", syntax: "remove [<kind>] <id> [force]",
              summary: "Removes something nothing refers to. With force, what refers to it goes too: a project's outcomes, records, links and notes; a partner's links; a region's place in projects, outcomes and areas.",
              examples: ["remove partner osh-admin force", "remove TIP-2004 force", "remove region kadamjay"]),
        Topic(name: "undo", syntax: "undo",
              summary: "Reverts this session's last change statement, as a new journal entry. Undo again to go further back.",
              examples: ["set TIP-2007 status closed; undo"]),
        Topic(name: "begin", syntax: "begin | commit | rollback",
              summary: "Groups statements into one transaction: commit keeps them all, rollback drops them all. A script is always one transaction; inside it, rollback drops what came after begin.",
              examples: ["begin; set TIP-2007 status finalising; record TIP-2007/groups 1 on 2007-12-01; commit", "begin; remove TIP-2004 force; rollback"]),
        Topic(name: "queries", syntax: "<source> [where <condition>] [| <stage>]... [as of <date>]",
              summary: "Sources: \(Grammar.sources.joined(separator: " ")). Stages: where, sort <field> [asc|desc], take <n>, columns <field>, ..., count [by <field>, ...], stats count|sum(f)|avg(f)|min(f)|max(f), ... [by ...], export csv|json|jsonl|markdown|tsv \"<file>\". Derived fields: \(derivedFields).",
              examples: [
                "projects",
                "projects where funders has france | sort end desc",
                "outcomes | columns id, current, target, progress, status",
                "projects | count by status",
                "records | stats count, sum(value) by outcome",
                "partners where kind = government | columns id, name, projects",
              ]),
        Topic(name: "where", syntax: "<field> = != < <= > >= ~ <value> | <field> in (a, b) | <field> has <v> | <field> under <region> | <field> is [not] empty | \"text\"; joined by and, or, not, ( )",
              summary: "Keeps the rows that match. '~' is a case-insensitive contains; 'has' tests a list; 'under' is true when any of the row's regions lies in the region, its descendants, or for an area its members and their descendants; a bare string searches titles, summaries and notes. Progress compares as a percentage: 50% or 50. A partial date equals every day it covers. Next to a number, date or amount field, a bare field name is that field of the same row: progress < expected. A record's dimensions are fields: sex = female.",
              examples: [
                "projects where regions under KG-B and status = active | columns id, title, end",
                "outcomes where progress < 50% | sort due",
                "outcomes where progress < expected | columns id, gap, days-left",
                "records where sex = female",
                "projects where \"trafficking\"",
                "projects where status in (active, pipeline) or end >= 2008",
                "outcomes where unit is empty",
              ]),
        Topic(name: "as of", syntax: "<query or report> as of <date>",
              summary: "Answers as on that day: records and notes dated later are ignored, and progress, expected progress and status are computed for that day.",
              examples: ["outcomes | columns id, current, progress, status as of 2007-10-01", "progress TIP-2007 as of 2007-10-01"]),
        Topic(name: "let", syntax: "let <name> = <value>     ... $name",
              summary: "Sets a variable for later statements; fieldkit --set name=value does the same from the command line.",
              examples: ["let month = 2007-09; records where date <= $month", "let p = TIP-2007; show $p"]),
        Topic(name: "show", syntax: "show [<kind>] <id> [| export <format> \"<file>\"]",
              summary: "A full card of one thing. A project: its fields, partners by role with amounts, regions with their parents, outcomes with their bars, the latest notes, and who created and last changed it. A partner: its projects by role and its money by currency. A region: where it stands, its areas and the projects under it. An outcome: its records with a column per dimension, and a sparkline of its history. | export html writes the card as a page.",
              examples: ["show TIP-2007", "show partner golden-goal", "show region KG-B", "show TIP-2007/groups", "show TIP-2007 | export html \"tip-2007.html\""]),
        Topic(name: "progress", syntax: "progress [<project> | <outcome> | where <condition>] [by <dimension>] [as of <date>] [| <stage>]...",
              summary: "Each outcome, grouped by project: baseline, current value, target and unit, a bar with its percentage and a mark where the time elapsed says it should stand, the status (achieved, on-track, at-risk, off-track, not-started) and the date of the last record. A count adds its records up; a level or a percentage takes the latest. A qualitative outcome shows its latest note instead of a bar. On track means progress at most 10 percentage points behind the time elapsed, at risk at most 25: a store keeps its own margins, set with .set. Past its due date (or its project's end) an outcome short of its target is off-track. by sex (or any declared dimension) gives a row per value. The rows are a source: stages apply, and | export writes them.",
              examples: ["progress TIP-2007", "progress TIP-2007/trained by sex", "progress where status = off-track", "progress as of 2007-10-01", "progress TIP-2007 | where status = off-track | export csv \"late.csv\""]),
        Topic(name: "timeline", syntax: "timeline [where <condition>] [as of <date>] [| <stage>]...",
              summary: "The projects with their planned and actual dates, drawn as a Gantt chart on one time axis that fills the terminal: ░ planned, █ actual, │ today, status in colour. In data formats, each row's dates.",
              examples: ["timeline", "timeline where status = closed", "timeline | export html \"timeline.html\""]),
        Topic(name: "tree", syntax: "tree [<region>] [| <stage>]...",
              summary: "The region hierarchy, countries first and areas after them: the projects directly in each region, under it, and how many of those are active. An area lists its members across borders. In data formats each row carries its depth and parent.",
              examples: ["tree", "tree KG-B", "tree ferghana-valley", "tree | where projects > 0"]),
        Topic(name: "funding", syntax: "funding [where <condition>] [by project] [| <stage>]...",
              summary: "Totals by funder and currency, with each funder's projects; by project, each project's budget against the funding linked to it, what it covers and the gap, per currency. Amounts in different currencies are never added. Tables group thousands (125,000 EUR); data formats keep plain numbers.",
              examples: ["funding", "funding where status = active", "funding by project", "funding | sort amount desc | take 5"]),
        Topic(name: "import", syntax: "import json \"<file>\" [replace]\nimport csv projects|partners|outcomes|records|links \"<file>\" [replace]\nimport iati \"<file>\"",
              summary: "Reads FieldKit's own JSON (Docs/INTERCHANGE.md) into the store as one statement: all of it, or at the first problem nothing, shown at its line in the file. What the store already holds as the file has it is left alone; an entity it holds with different content is a conflict, listed with its ids, unless replace takes the file's version. undo takes an import back. import csv records reads the monthly spreadsheet: a row per record, columns outcome, date, value, the outcome's dimensions (sex), note and source, by header or HXL hashtag, in any order; a bad cell is shown at its line and column. import csv projects (partners, outcomes, links) reads a row per entity, columns named as the fields; a row for one the store holds changes only the columns the file has. import iati reads an IATI activity file (2.01 to 2.03): dirty values are warnings at their lines, never a failed import, only XML that is not well-formed stops it; a summary counts what came in; importing the file again updates rather than duplicates.",
              examples: [
                "export json \"osh.json\"; import json \"osh.json\"", "export json \"osh.json\"; import json \"osh.json\" replace",
                "records | columns outcome, date, value, sex | export csv \"monthly.csv\"; import csv records \"monthly.csv\"",
                "projects | columns id, status | export csv \"p.csv\"; import csv projects \"p.csv\"",
                "export iati \"osh-iati.xml\"; import iati \"osh-iati.xml\"",
              ]),
        Topic(name: "export", syntax: "export json \"<file>\" [where <condition>]\nexport iati \"<file>\" [reporting <partner>] [where <condition>]",
              summary: "Writes the whole portfolio as FieldKit's JSON, losing nothing: every entity and field, links with amounts, records with dimensions, notes. With where, the projects that match, with the partners linked to them and the regions they name. The same portfolio always gives the same bytes. export iati writes the projects as IATI 2.03 activities, valid by the schema, each reported by its lead partner or by the partner reporting names. A query's rows go out with the stage: projects | export csv \"projects.csv\".",
              examples: ["export json \"portfolio.json\"", "export json \"batken.json\" where regions under KG-B", "export iati \"osh-iati.xml\" where status = active", "export iati \"osce-osh.xml\" reporting osce-osh"]),
        Topic(name: "history", syntax: "history [[<kind>] <id>] [by <actor>] [since <date>] [until <date>] [take <n>] [| <stage>]...",
              summary: "The journal: when (local time in tables, UTC in data formats), who, from where (monthly.fk:12), the statement, and what it changed, field by field: status: active → closed. With an id, only the entries that touched it (across renames); by, since and until filter by actor and by day (in UTC); take keeps the last n. In JSON each change is an object with its old and new values.",
              examples: ["history take 5", "history TIP-2007 take 3", "history by officer since 2007-01-01 take 2", "history | count by actor"]),
        Topic(name: "dates", syntax: "2007-04-24 | 2008-01 | 2007-Q4 | 2007 | today | today+90d | today-2w | today+3m | today-1y | this-quarter | this-month | this-year",
              summary: "A date may be known to the day, the month, the quarter (2007-Q4 is October to December) or the year. As an end it covers its whole period, and = matches any day of it: end = this-quarter is what ends this quarter. .today or --today sets what today means, so answers are reproducible. Dates run from 0001-01-01 to 9999-12-31; an offset past them is an error.",
              examples: ["projects where end < today+90d", "projects where end = this-quarter", "records where date = 2007-Q4", ".today 2007-10-01"]),
        Topic(name: ".format", syntax: ".format table|vertical|csv|tsv|json|jsonl|markdown|html",
              summary: "Chooses how results are shown; without an argument, says which is in use. vertical shows one 'name  value' block per row; html a whole page. Bars, tree lines and charts are drawn in table and vertical only; colour only on a terminal, or with --color always.",
              examples: [".format csv", ".format"]),
        Topic(name: ".output", syntax: ".output [\"<file>\"]",
              summary: "Sends results to a file, emptied first (never the open store); without an argument, back to the screen.",
              examples: [".output"]),
        Topic(name: ".timer", syntax: ".timer on|off", summary: "Shows how long each statement took.", examples: [".timer on"]),
        Topic(name: ".read", syntax: ".read \"<file>\"",
              summary: "Runs a script file, a pipe or a FIFO. At the prompt it is all or nothing; inside a script it joins the script's transaction. Files nest at most 64 deep.",
              examples: []),
        Topic(name: ".echo", syntax: ".echo on|off", summary: "Shows each statement before it runs.", examples: [".echo on"]),
        Topic(name: ".today", syntax: ".today [<date>]", summary: "Sets the day that 'today' means, quietly; without a date, shows it, with (set) when it was set.", examples: [".today 2007-12-31"]),
        Topic(name: ".store", syntax: ".store", summary: "Where the store is, what it holds, and the journal's last entry.", examples: [".store"]),
        Topic(name: ".check", syntax: ".check", summary: "Runs SQLite's integrity check, checks the journal has no gaps, and replays it to check that it gives the stored state. Any problem is an error.", examples: [".check"]),
        Topic(name: ".pager", syntax: ".pager on|off",
              summary: "At the prompt, results longer than the screen go through $PAGER (less -FRX by default); .pager off shows them directly.",
              examples: [".pager off"]),
        Topic(name: ".headers", syntax: ".headers on|off",
              summary: "With off, csv and tsv leave out their header line and tables their 'N rows' line: bare data for a pipe (fieldkit --no-header does the same).",
              examples: [".headers off"]),
        Topic(name: ".expanded", syntax: ".expanded on|off|auto",
              summary: "With auto (the default), a table too wide for the terminal, even with its text wrapped, is shown vertically, one 'name  value' block per row; on always does so, off never.",
              examples: [".expanded on", ".expanded"]),
        Topic(name: ".history", syntax: ".history [<n>]",
              summary: "At the prompt, lists the statements typed before, numbered, the last n of them (all by default).",
              examples: []),
        Topic(name: ".edit", syntax: ".edit",
              summary: "At the prompt, opens the statement being typed, else the last one, in $VISUAL or $EDITOR (vi by default); what is saved runs when the editor quits.",
              examples: []),
        Topic(name: ".set", syntax: ".set [on-track-margin|at-risk-margin <points>]",
              summary: "The store's progress margins, kept in the store: an outcome whose progress lags the time elapsed by at most on-track-margin percentage points (10 unless set) is on track, by at most at-risk-margin (25) at risk, further off track. Setting one is a change like any other: journaled, and undone by undo. Without arguments, shows both.",
              examples: [".set", ".set on-track-margin 15", ".set at-risk-margin 30"]),
        Topic(name: ".quit", syntax: ".quit", summary: "Leaves fieldkit (Ctrl-D does too).", examples: []),
    ]

    /// Topic names that lead to another topic.
    static let aliases = [
        "commit": "begin", "rollback": "begin", "transaction": "begin", "transactions": "begin", "query": "queries",
        "sort": "queries", "take": "queries", "columns": "queries", "count": "queries", "stats": "queries",
        "projects": "queries", "partners": "queries", "regions": "queries", "outcomes": "queries", "records": "queries",
        "notes": "queries", "links": "queries", "condition": "where", "conditions": "where", "asof": "as of", "variables": "let",
        "date": "dates", "json": "import", "interchange": "import", "help": ".help", "format": ".format", "today": ".today", "vertical": ".format",
        "headers": ".headers", "expanded": ".expanded", "edit": ".edit",
    ]

    /// The help text for a topic; the overview for an empty topic; nil for an unknown one.
    package static func text(for topic: String) -> String? {
        let key = topic.trimmingCharacters(in: .whitespaces).lowercased()
        if key.isEmpty || key == ".help" { return overview }
        let name = aliases[key] ?? key
        guard let found = topics.first(where: { $0.name == name || $0.name == "." + name }) else { return nil }
        var lines = [found.syntax, "", found.summary]
        if !found.examples.isEmpty {
            lines += ["", "Examples:"] + found.examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// The list of statements with their syntax.
    static var overview: String {
        var lines = ["Statements end at a newline or ';'. Type .help <topic> for details and examples.", ""]
        let width = topics.map(\.name.count).max() ?? 10
        for topic in topics {
            let syntax = topic.syntax.split(separator: "\n").first.map(String.init) ?? ""
            lines.append("  \(topic.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(syntax)")
        }
        return lines.joined(separator: "\n")
    }
}
