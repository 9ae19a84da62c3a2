import FieldKit
import Foundation

extension EntitiesCSV {
    /// Turns rows into changes against a portfolio, noting conflicts.
    struct Builder {
        let kind: Kind
        let portfolio: Portfolio
        let replace: Bool
        let index: [String: Int]
        let width: Int
        var plan = ImportPlan()
        var conflicts: [(what: String, line: Int)] = []
        var seen: [String: Int] = [:]
        let spellings: Spellings

        init(kind: Kind, portfolio: Portfolio, replace: Bool, index: [String: Int], width: Int) {
            spellings = Spellings(portfolio)
            self.kind = kind
            self.portfolio = portfolio
            self.replace = replace
            self.index = index
            self.width = width
        }

        mutating func add(_ row: Row) throws(InterchangeError) {
            guard row.cells.count <= width else {
                let extra = row.cells[width]
                throw InterchangeError(
                    "this row has \(row.cells.count) cells and the header \(width); a cell with a comma goes in quotes",
                    line: extra.line, column: extra.column)
            }
            switch kind {
            case .projects: try project(row)
            case .partners: try partner(row)
            case .outcomes: try outcome(row)
            case .links: try link(row)
            }
        }

        /// A second row for the same entity is an error, not a silent overwrite.
        private mutating func once(_ identity: String, _ row: Row) throws(InterchangeError) {
            let key = EntityID<Project>.fold(identity)
            if let earlier = seen[key] {
                throw InterchangeError("this row repeats line \(earlier), for the same \(identity)", line: row.line, column: 1)
            }
            seen[key] = row.line
        }

        private mutating func merge<T: Equatable>(_ old: T?, _ new: T, what: String, line: Int, add: (T) -> Change, update: (T, T) -> Change) {
            guard let old else {
                plan.add(add(new), at: line)
                return
            }
            if old == new {
                plan.unchanged += 1
            } else if replace {
                plan.add(update(old, new), at: line)
            } else {
                conflicts.append((what, line))
            }
        }

        private mutating func project(_ row: Row) throws(InterchangeError) {
            let id = spellings.project(ProjectID(try row.required("id")))
            try once("project \(id)", row)
            let old = portfolio.projects[id]
            var project = old ?? Project(id: id)
            if old == nil || row.has("title") { project.title = try row.required("title") }
            if row.has("summary") { project.summary = row.text("summary") }
            if let status = try row.word("status", ProjectStatus.self) { project.status = status }
            if row.has("start") { project.start = try row.day("start") }
            if row.has("end") { project.end = try row.day("end") }
            if row.has("actual-start") { project.actualStart = try row.day("actual-start") }
            if row.has("actual-end") { project.actualEnd = try row.day("actual-end") }
            if row.has("budget") { project.budget = try row.money("budget") }
            if row.has("sectors") { project.sectors = row.list("sectors") }
            if row.has("target-groups") { project.targetGroups = row.list("target-groups") }
            if row.has("regions") { project.regions = row.list("regions").map { spellings.region(RegionID($0)) } }
            if row.has("tags") { project.tags = row.list("tags") }
            merge(old, project, what: "project \(id)", line: row.line, add: { .addProject($0) }, update: { .updateProject(old: $0, new: $1) })
        }

        private mutating func partner(_ row: Row) throws(InterchangeError) {
            let id = spellings.partner(PartnerID(try row.required("id")))
            try once("partner \(id)", row)
            let old = portfolio.partners[id]
            var partner = old ?? Partner(id: id)
            if let name = row.text("name") { partner.name = name }
            if row.has("acronym") { partner.acronym = row.text("acronym") }
            if row.has("kind") { partner.kind = try row.word("kind", PartnerKind.self) }
            if row.has("country") { partner.country = row.text("country")?.uppercased() }
            if row.has("ref") { partner.ref = row.text("ref") }
            if row.has("contact") {
                // Semicolons only: a contact is `name, role`.
                partner.contacts = (row.text("contact") ?? "").split(separator: ";")
                    .map { String($0).trimmedCell }.filter { !$0.isEmpty }.map { Contact(parsing: $0) }
            }
            merge(old, partner, what: "partner \(id)", line: row.line, add: { .addPartner($0) }, update: { .updatePartner(old: $0, new: $1) })
        }

        private mutating func outcome(_ row: Row) throws(InterchangeError) {
            let id: OutcomeID
            if let written = row.text("id") {
                guard let parsed = OutcomeID(written) else { throw row.fail("id", "an outcome id is PROJECT/key, such as TIP-2007/groups, not '\(written)'") }
                id = spellings.outcome(parsed)
            } else {
                id = spellings.outcome(OutcomeID(project: ProjectID(try row.required("project")), key: try row.required("key")))
            }
            try once("outcome \(id)", row)
            let old = portfolio.outcomes[id]
            var outcome = old ?? Outcome(id: id)
            if old == nil || row.has("title") { outcome.title = try row.required("title") }
            if let level = try row.word("level", OutcomeLevel.self) { outcome.level = level }
            if row.has("unit") { outcome.unit = row.text("unit") }
            if let measure = try row.word("measure", Measure.self) { outcome.measure = measure }
            if row.has("baseline") { outcome.baseline = try row.number("baseline") }
            if row.has("baseline-date") { outcome.baselineDate = try row.day("baseline-date") }
            if row.has("target") { outcome.target = try row.number("target") }
            if row.has("due") { outcome.due = try row.day("due") }
            if let direction = try row.word("direction", Direction.self) { outcome.direction = direction }
            if row.has("regions") { outcome.regions = row.list("regions").map { spellings.region(RegionID($0)) } }
            if row.has("dims") { outcome.dims = row.list("dims").map { $0.lowercased() } }
            merge(old, outcome, what: "outcome \(id)", line: row.line, add: { .addOutcome($0) }, update: { .updateOutcome(old: $0, new: $1) })
        }

        private mutating func link(_ row: Row) throws(InterchangeError) {
            let project = spellings.project(ProjectID(try row.required("project")))
            let partner = spellings.partner(PartnerID(try row.required("partner")))
            guard let role = try row.word("role", Role.self) else { throw row.fail("role", "the row has none, and it is required") }
            try once("link \(project) \(partner) as \(role.rawValue)", row)
            let old = portfolio.participations(of: project).first { $0.partner == partner && $0.role == role }
            let link = Participation(
                project: project, partner: partner, role: role, amount: row.has("amount") ? try row.money("amount") : old?.amount)
            if let old, old != link, replace {
                plan.add(.unlink(old), at: row.line)
                plan.add(.link(link), at: row.line)
                return
            }
            merge(old, link, what: "link \(project) \(partner) as \(role.rawValue)", line: row.line, add: { .link($0) }, update: { _, new in .link(new) })
        }

        func finish() throws(InterchangeError) -> ImportPlan {
            if let error = ImportPlan.conflictError(conflicts, one: "row differs", many: "rows differ", difference: "from what the store holds") {
                throw error
            }
            return plan
        }
    }
}
