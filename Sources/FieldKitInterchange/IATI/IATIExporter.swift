import FieldKit
import Foundation

/// Writes projects as IATI 2.03 activities: elements in the schema's order, the code lists'
/// codes, and the same bytes for the same portfolio (no generated time stamps).
///
/// What FieldKit models goes out so that ``IATI/importing(_:into:gazetteer:)`` reads it back
/// the same: titles and summaries in all their languages, dates, organisations and roles,
/// countries and provinces, sectors, the budget, funding, and results with baseline, target
/// and actuals with their dimensions.
struct IATIExporter {
    let portfolio: Portfolio
    /// The organisation that reports every activity; nil for each project's lead partner.
    let reportingOrg: PartnerID?
    var out = ""
    var warnings: [String] = []

    init(portfolio: Portfolio, reportingOrg: PartnerID?) {
        self.portfolio = portfolio
        self.reportingOrg = reportingOrg
    }

    mutating func document(_ projects: [Project]) -> String {
        out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n"
        for project in projects { activity(project) }
        out += "</iati-activities>\n"
        return out
    }

    // MARK: Writing

    mutating func open(_ name: String, _ attributes: [(String, String?)] = [], depth: Int, empty: Bool = false) {
        out += String(repeating: " ", count: depth * 2) + "<" + name
        for case (let key, let value?) in attributes { out += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        out += empty ? "/>\n" : ">\n"
    }

    mutating func close(_ name: String, depth: Int) { out += String(repeating: " ", count: depth * 2) + "</\(name)>\n" }

    mutating func element(_ name: String, _ attributes: [(String, String?)] = [], text: String, depth: Int) {
        out += String(repeating: " ", count: depth * 2) + "<" + name
        for case (let key, let value?) in attributes { out += " \(key)=\"\(Self.escape(value, attribute: true))\"" }
        out += ">" + Self.escape(text, attribute: false) + "</\(name)>\n"
    }

    mutating func narratives(_ name: String, _ texts: [(String?, String)], attributes: [(String, String?)] = [], depth: Int) {
        open(name, attributes, depth: depth)
        for (language, text) in texts { element("narrative", [("xml:lang", language)], text: text, depth: depth + 1) }
        close(name, depth: depth)
    }

    /// Escapes text for XML; characters XML 1.0 cannot carry at all (most C0 controls) are left out.
    static func escape(_ text: String, attribute: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\n" where attribute: result += "&#10;"
            case "\t" where attribute: result += "&#9;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The ref an organisation goes out with: its IATI ref; else its id, unless the id is
    /// its name slugged, as an import makes it of an organisation without ref: the name then
    /// gives the id back.
    static func ref(of partner: Partner?) -> String? {
        guard let partner else { return nil }
        if let ref = partner.ref { return ref }
        return partner.name.slug == partner.id.key ? nil : partner.id.rawValue
    }

    static func date(_ day: Day, end: Bool) -> String { (end ? day.lastDay : day.firstDay).description }

    // MARK: One activity

    private mutating func activity(_ project: Project) {
        let links = portfolio.participations(of: project.id).sorted { ($0.role.iatiCode, $0.partner) < ($1.role.iatiCode, $1.partner) }
        let currency = project.budget?.currency ?? links.lazy.compactMap(\.amount?.currency).first
        open("iati-activity", [("xml:lang", project.language), ("default-currency", currency)], depth: 1)
        element("iati-identifier", text: project.id.rawValue, depth: 2)
        let reporter = reportingOrg ?? links.first { $0.role == .lead }?.partner ?? links.first?.partner
        if let reporter, let partner = portfolio.partners[reporter] {
            narratives("reporting-org", [(nil, partner.name)], attributes: [("ref", partner.ref ?? partner.id.rawValue), ("type", "\((partner.kind ?? .other).iatiCode)")], depth: 2)
        } else {
            warnings.append("project '\(project.id)' has no partner to be its reporting-org; the activity is not valid IATI")
        }
        let own = project.translations
        narratives("title", [(nil, project.title)] + own.filter { $0.field == .title }.map { ($0.language, $0.text) }, depth: 2)
        // IATI requires a description: without a summary, the title stands in, and reads back as no summary.
        narratives("description", [(nil, project.summary ?? project.title)] + own.filter { $0.field == .summary }.map { ($0.language, $0.text) }, attributes: [("type", "1")], depth: 2)
        for link in links {
            let partner = portfolio.partners[link.partner]
            narratives("participating-org", [(nil, partner?.name ?? link.partner.rawValue)], attributes: [("ref", Self.ref(of: partner)), ("role", "\(link.role.iatiCode)"),
                                             ("type", partner?.kind.map { "\($0.iatiCode)" })], depth: 2)
        }
        if links.isEmpty, let reporter, let partner = portfolio.partners[reporter] {
            narratives("participating-org", [(nil, partner.name)], attributes: [("ref", Self.ref(of: partner)), ("role", "2")], depth: 2)
        }
        open("activity-status", [("code", "\(project.status.iatiCode)")], depth: 2, empty: true)
        let dates: [(Day?, String, Bool)] = [(project.start, "1", false), (project.actualStart, "2", false), (project.end, "3", true), (project.actualEnd, "4", true)]
        var wroteDate = false
        for case (let day?, let type, let end) in dates {
            open("activity-date", [("iso-date", Self.date(day, end: end)), ("type", type)], depth: 2, empty: true)
            wroteDate = true
        }
        if !wroteDate { warnings.append("project '\(project.id)' has no dates; the activity is not valid IATI without one") }
        places(of: project)
        for sector in project.sectors {
            if let colon = sector.firstIndex(of: ":") {
                open("sector", [("vocabulary", String(sector[..<colon])), ("code", String(sector[sector.index(after: colon)...]))], depth: 2, empty: true)
            } else {
                let dac = sector.utf8.count == 5 && sector.allSatisfy(\.isASCII) && sector.allSatisfy(\.isNumber)
                open("sector", [("vocabulary", dac ? "1" : "99"), ("code", sector)], depth: 2, empty: true)
            }
        }
        money(of: project, links: links)
        for outcome in portfolio.outcomes(of: project.id) { result(outcome, of: project) }
        close("iati-activity", depth: 1)
    }

    /// Countries as recipient-country, provinces and districts with ISO 3166-2 codes as locations.
    private mutating func places(of project: Project) {
        let regions = project.regions.compactMap { portfolio.regions[$0] }
        for region in regions where region.level == .country {
            open("recipient-country", [("code", region.id.rawValue), ("percentage", project.regionShares[region.id].map { "\($0)" })],
                 depth: 2, empty: true)
        }
        for region in regions where region.level != .country && region.level != .area && region.id.rawValue.contains("-") {
            open("location", depth: 2)
            narratives("name", [(nil, region.name)], depth: 3)
            open("administrative", [("vocabulary", "99"), ("level", region.level == .province ? "1" : "2"), ("code", region.id.rawValue)],
                 depth: 3, empty: true)
            close("location", depth: 2)
        }
    }

    /// The budget over the project's planned dates, and each funder's amount as a commitment.
    private mutating func money(of project: Project, links: [Participation]) {
        // The budget's period is the project's: planned dates, else actual ones, else the one date known.
        let start = project.start ?? project.actualStart ?? project.end ?? project.actualEnd
        let end = project.end ?? project.actualEnd ?? start
        if let budget = project.budget {
            if let start, let end {
                open("budget", [("type", "1"), ("status", "1")], depth: 2)
                open("period-start", [("iso-date", Self.date(start, end: false))], depth: 3, empty: true)
                open("period-end", [("iso-date", Self.date(end, end: true))], depth: 3, empty: true)
                element("value", [("currency", budget.currency), ("value-date", Self.date(start, end: false))], text: "\(budget.amount)", depth: 3)
                close("budget", depth: 2)
            } else {
                warnings.append("project '\(project.id)': the budget needs a date in IATI, and the project has none; it is left out")
            }
        }
        for link in links where link.role == .funder {
            guard let amount = link.amount else { continue }
            guard let start else {
                warnings.append("project '\(project.id)': the funding of '\(link.partner)' needs a date in IATI; it is left out")
                continue
            }
            let partner = portfolio.partners[link.partner]
            open("transaction", depth: 2)
            open("transaction-type", [("code", "2")], depth: 3, empty: true)
            open("transaction-date", [("iso-date", Self.date(start, end: false))], depth: 3, empty: true)
            element("value", [("currency", amount.currency), ("value-date", Self.date(start, end: false))], text: "\(amount.amount)", depth: 3)
            narratives("provider-org", [(nil, partner?.name ?? link.partner.rawValue)], attributes: [("ref", Self.ref(of: partner)), ("type", partner?.kind.map { "\($0.iatiCode)" })], depth: 3)
            close("transaction", depth: 2)
        }
    }
}
