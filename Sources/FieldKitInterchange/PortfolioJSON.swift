import FieldKit
import Foundation

/// FieldKit's own interchange format: a portfolio as JSON, losing nothing — every entity
/// and field, links with their amounts, records with their dimensions, notes, sources
/// and contacts. Docs/INTERCHANGE.md describes it, and `Docs/fieldkit-portfolio.schema.json`
/// is its JSON Schema.
///
/// The same portfolio always gives the same bytes (keys in a fixed order, lists in the
/// portfolio's order, numbers as `Decimal` writes them), so that export, import and
/// export again is byte-identical.
public enum PortfolioJSON {
    /// The format's name, the document's `format` member.
    public static let format = "fieldkit-portfolio"
    /// The version this FieldKit writes and the newest it reads.
    public static let version = 1

    /// The portfolio, or some of its projects, as a JSON document.
    ///
    /// - Parameters:
    ///   - portfolio: what to write.
    ///   - projects: the projects to write, with the partners linked to them and the
    ///     regions they name (with their parents and an area's members); nil for everything.
    /// - Returns: the document, ending with a newline.
    public static func export(_ portfolio: Portfolio, projects: Set<ProjectID>? = nil) -> String {
        JSONWriter.write(document(portfolio, projects: projects))
    }

    static func document(_ portfolio: Portfolio, projects chosen: Set<ProjectID>?) -> JSONNode {
        let projects = portfolio.projects.values.filter { chosen?.contains($0.id) ?? true }.sorted { $0.id < $1.id }
        var partners = portfolio.partners.values.sorted { $0.id < $1.id }
        var regions = portfolio.regionsInDependencyOrder
        if chosen != nil {
            let linked = Set(projects.flatMap { portfolio.participations(of: $0.id).map(\.partner) })
            partners = partners.filter { linked.contains($0.id) }
            let named = projects.flatMap { project in
                project.regions + portfolio.outcomes(of: project.id).flatMap(\.regions)
            }
            let referenced = closure(of: named, in: portfolio)
            regions = regions.filter { referenced.contains($0.id) }
        }
        var members: [(String, JSONNode)] = [("format", .string(format)), ("version", .number(String(version)))]
        if portfolio.thresholds != .standard {
            // The store's own progress margins; left out when they are the standard ones.
            members.append(("settings", .object([
                ("on-track-margin", .number("\(portfolio.thresholds.onTrack)")), ("at-risk-margin", .number("\(portfolio.thresholds.atRisk)")),
            ])))
        }
        return .object(members + [
            ("regions", JSONNode(.array(regions.map(node)))),
            ("partners", JSONNode(.array(partners.map(node)))),
            ("projects", JSONNode(.array(projects.map { node($0, in: portfolio) }))),
        ])
    }

    /// The regions `named`, with their parents up to the country and, for an area, its
    /// members (and theirs): what a file needs to hold so that every reference resolves.
    private static func closure(of named: [RegionID], in portfolio: Portfolio) -> Set<RegionID> {
        var result = Set<RegionID>()
        var pending = named
        while let next = pending.popLast() {
            guard let region = portfolio.regions[next], result.insert(region.id).inserted else { continue }
            if let parent = region.parent { pending.append(parent) }
            pending += region.includes
        }
        return result
    }

    static func node(_ region: Region) -> JSONNode {
        .object([
            ("id", .string(region.id.rawValue)), ("name", .string(region.name)), ("level", .string(region.level.rawValue)),
            ("parent", region.parent.map { .string($0.rawValue) }), ("includes", .strings(region.includes.map(\.rawValue))),
        ])
    }

    static func node(_ partner: Partner) -> JSONNode {
        .object([
            ("id", .string(partner.id.rawValue)), ("name", .string(partner.name)), ("acronym", partner.acronym.map(JSONNode.string)),
            ("kind", partner.kind.map { .string($0.rawValue) }), ("country", partner.country.map(JSONNode.string)),
            ("ref", partner.ref.map(JSONNode.string)),
            ("contacts", JSONNode(.array(partner.contacts.map { .object([("name", .string($0.name)), ("role", $0.role.map(JSONNode.string))]) }))),
        ])
    }

    static func node(_ money: Money) -> JSONNode {
        .object([("amount", .number("\(money.amount)")), ("currency", .string(money.currency))])
    }

    static func node(_ project: Project, in portfolio: Portfolio) -> JSONNode {
        func day(_ day: Day?) -> JSONNode? { day.map { .string($0.description) } }
        let links = portfolio.participations(of: project.id).map { link in
            JSONNode.object([
                ("partner", .string(link.partner.rawValue)), ("role", .string(link.role.rawValue)), ("amount", link.amount.map(node)),
            ])
        }
        let outcomes = portfolio.outcomes(of: project.id).map { node($0, records: portfolio.measurements(of: $0.id)) }
        let notes = portfolio.notes(of: project.id).map { note in
            JSONNode.object([("id", .string(note.id.rawValue)), ("date", .string(note.date.description)), ("text", .string(note.text))])
        }
        // In the order of the project's regions; left out when there are none.
        let shares =
            project.regionShares.isEmpty
            ? nil
            : JSONNode(.object(project.regions.compactMap { region in
                project.regionShares[region].map { JSONNode.Member(region.rawValue, .number("\($0)")) }
            }))
        // Left out when there are none, as files written before translations existed have it.
        let translations =
            project.translations.isEmpty
            ? nil
            : JSONNode(.array(project.translations.map { translation in
                JSONNode.object([
                    ("field", .string(translation.field.rawValue)), ("language", .string(translation.language)),
                    ("text", .string(translation.text)),
                ])
            }))
        return .object([
            ("id", .string(project.id.rawValue)), ("title", .string(project.title)), ("summary", project.summary.map(JSONNode.string)),
            ("status", .string(project.status.rawValue)), ("start", day(project.start)), ("end", day(project.end)),
            ("actual-start", day(project.actualStart)), ("actual-end", day(project.actualEnd)), ("budget", project.budget.map(node)),
            ("sectors", .strings(project.sectors)), ("target-groups", .strings(project.targetGroups)),
            ("regions", .strings(project.regions.map(\.rawValue))),
            ("region-shares", shares), ("tags", .strings(project.tags)),
            ("language", project.language.map(JSONNode.string)), ("translations", translations),
            ("links", JSONNode(.array(links))), ("outcomes", JSONNode(.array(outcomes))), ("notes", JSONNode(.array(notes))),
        ])
    }

    static func node(_ outcome: Outcome, records: [OutcomeRecord]) -> JSONNode {
        func number(_ value: Decimal?) -> JSONNode? { value.map { .number("\($0)") } }
        let records = records.map { record in
            JSONNode.object([
                ("id", .string(record.id.rawValue)), ("date", .string(record.date.description)), ("value", number(record.value)),
                ("dimensions", JSONNode(.object(record.dimensions.sorted { $0.key < $1.key }.map { JSONNode.Member($0.key, .string($0.value)) }))),
                ("note", record.note.map(JSONNode.string)), ("source", record.source.map(JSONNode.string)),
            ])
        }
        return .object([
            ("key", .string(outcome.id.key.rawValue)), ("title", .string(outcome.title)), ("level", .string(outcome.level.rawValue)),
            ("unit", outcome.unit.map(JSONNode.string)), ("measure", .string(outcome.measure.rawValue)),
            ("baseline", number(outcome.baseline)), ("baseline-date", outcome.baselineDate.map { .string($0.description) }),
            ("target", number(outcome.target)), ("due", outcome.due.map { .string($0.description) }),
            ("direction", .string(outcome.direction.rawValue)), ("regions", .strings(outcome.regions.map(\.rawValue))),
            ("dims", .strings(outcome.dims)), ("records", JSONNode(.array(records))),
        ])
    }
}
