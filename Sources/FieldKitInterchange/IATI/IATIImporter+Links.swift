import FieldKit
import Foundation

extension IATIImporter {
    // MARK: Regions

    /// The activity's countries, regions and administrative areas that the gazetteer knows,
    /// each added to the portfolio (parents first) when it is not there yet.
    mutating func regions(of activity: IATIActivity) -> (regions: [RegionID], shares: [RegionID: Decimal]) {
        var found: [RegionID] = []
        var shares: [RegionID: Decimal] = [:]
        let places: [(IATIActivity.Coded, String)] =
            activity.countries.map { ($0, "recipient-country") } + activity.recipientRegions.map { ($0, "recipient-region") }
            + activity.administratives.map { ($0, "location administrative") }
        for (place, what) in places {
            guard let code = place["code"]?.trimmedCell, !code.isEmpty else {
                warn("\(what) without code; skipped", at: place, reason: "regions without code")
                continue
            }
            // A recipient-region is most often an OECD or UN region number, which FieldKit does not model.
            guard let region = ensureRegion(code, at: place) else {
                warn("\(what) '\(code)' is not an ISO 3166 code FieldKit knows; skipped", at: place, reason: "regions FieldKit does not know")
                continue
            }
            if !found.contains(region) { found.append(region) }
            if let written = place["percentage"]?.trimmedCell, !written.isEmpty {
                if let share = Money.decimal(written), share >= 0, share <= 100 {
                    shares[region] = share
                } else {
                    warn("\(what) percentage '\(written)' is not a number from 0 to 100; skipped", at: place, reason: "values that are not numbers")
                }
            }
        }
        return (found, shares)
    }

    /// The region for an ISO 3166 code, added from the gazetteer with its parents when missing.
    mutating func ensureRegion(_ code: String, at place: IATIActivity.Coded) -> RegionID? {
        if let region = portfolio.regions[RegionID(code)] { return region.id }
        guard let gazetteer, gazetteer.entry(for: code) != nil else { return nil }
        var chain: [Gazetteer.Entry] = []
        var next: String? = code
        while let current = next, portfolio.regions[RegionID(current)] == nil, let entry = gazetteer.entry(for: current) {
            chain.append(entry)
            next = entry.parent
        }
        for entry in chain.reversed() {
            guard take(.addRegion(Region(entry)), line: place.line, what: "region \(entry.code)") else { return nil }
        }
        return portfolio.regions[RegionID(code)]?.id
    }

    // MARK: Partners and links

    /// The partner for an organisation, added when new: by its ref, else by its name slugged.
    mutating func partner(for organisation: IATIActivity.Organisation, language: String?, what: String) -> PartnerID? {
        let ref = organisation.element["ref"]?.trimmedCell ?? ""
        let name = pick(organisation.names, language: language, collapse: true)?.0.text
        let written: String
        if !ref.isEmpty {
            written = EntityID<Partner>.isWellFormed(ref) && !ref.contains("/") ? ref : ref.slug
            if let name {
                let key = ref.lowercased()
                if let first = namesByRef[key] {
                    if first.lowercased() != name.lowercased() && warnedRefs.insert("\(key)\n\(name.lowercased())").inserted {
                        warn(
                            "organisation ref '\(ref)' carries the name '\(name)' here and '\(first)' before; the partner keeps '\(first)'",
                            at: organisation.element, reason: "organisations with two names")
                    }
                } else {
                    namesByRef[key] = name
                }
            }
        } else if let name, !name.slug.isEmpty {
            written = name.slug
        } else {
            warn("\(what) without ref or name; skipped", at: organisation.element, reason: "organisations without ref or name")
            return nil
        }
        guard !written.isEmpty, EntityID<Partner>.isWellFormed(written) else {
            warn("\(what) ref '\(ref)' cannot be a partner id; skipped", at: organisation.element, reason: "organisations without ref or name")
            return nil
        }
        let id = PartnerID(written)
        if let existing = portfolio.partners[id] { return existing.id }
        var kind: PartnerKind?
        if let type = organisation.element["type"]?.trimmedCell, !type.isEmpty {
            kind = IATICodes.kind(type)
            if kind == nil { warn("\(what) type '\(type)' is not an IATI organisation type; skipped", at: organisation.element, reason: "unknown codes") }
        }
        let partner = Partner(id: id, name: name ?? (ref.isEmpty ? written : ref), kind: kind, ref: ref.isEmpty ? nil : ref)
        guard take(.addPartner(partner), line: organisation.element.line, what: "partner '\(written)'") else { return nil }
        counts.partners += 1
        return id
    }

    /// Links the activity's organisations in their roles, the funders with what they committed.
    mutating func link(_ activity: IATIActivity, to project: ProjectID) {
        let language = activity.defaultLanguage
        var links: [(partner: PartnerID, role: Role, line: Int)] = []
        func add(_ partner: PartnerID, _ role: Role, _ line: Int) {
            if !links.contains(where: { $0.partner == partner && $0.role == role }) { links.append((partner, role, line)) }
        }
        for organisation in activity.participatingOrgs {
            let code = organisation.element["role"]?.trimmedCell ?? ""
            guard let role = IATICodes.role(code) else {
                warn("participating-org role '\(code)' is not 1 to 4; skipped", at: organisation.element, reason: "unknown codes")
                continue
            }
            guard let partner = partner(for: organisation, language: language, what: "participating-org") else { continue }
            add(partner, role, organisation.element.line)
        }
        // The reporting organisation is the lead when no participating org is accountable. When
        // one is, it is not added: unlinked, it would say nothing of the project, and no export
        // could carry it back.
        if !links.contains(where: { $0.role == .lead }), let reporting = activity.reportingOrg,
            let partner = partner(for: reporting, language: language, what: "reporting-org")
        {
            add(partner, .lead, reporting.element.line)
        }
        let amounts = funding(of: activity, language: language)
        for (partner, _) in amounts where !links.contains(where: { $0.partner == partner && $0.role == .funder }) {
            add(partner, .funder, amounts[partner]?.line ?? activity.identifierLine)
        }
        for link in links {
            let amount = link.role == .funder ? amounts[link.partner]?.money : nil
            let current = portfolio.participations(of: project).first { $0.partner == link.partner && $0.role == link.role }
            let wanted = Participation(project: project, partner: link.partner, role: link.role, amount: amount ?? current?.amount)
            if let current {
                guard current != wanted else {
                    plan.unchanged += 1
                    continue
                }
                guard take(.unlink(current), line: link.line, what: "link \(project) \(link.partner)") else { continue }
            }
            take(.link(wanted), line: link.line, what: "link \(project) \(link.partner) as \(link.role.rawValue)")
        }
    }

    /// Each provider's commitments (type 2), else its incoming funds (type 1), summed in one
    /// currency: the activity's default where the provider used it, else its first.
    mutating func funding(of activity: IATIActivity, language: String?) -> [PartnerID: (money: Money, line: Int)] {
        var sums: [PartnerID: (commitments: [(String, Decimal)], incoming: [(String, Decimal)], line: Int)] = [:]
        for transaction in activity.transactions {
            guard let type = transaction.type?["code"]?.trimmedCell, type == "1" || type == "2",
                let provider = transaction.provider
            else { continue }
            guard let (amount, currency) = value(transaction.value, transaction.valueElement, in: transaction.element, of: activity, what: "transaction")
            else { continue }
            guard let partner = partner(for: provider, language: language, what: "provider-org") else { continue }
            var entry = sums[partner] ?? ([], [], provider.element.line)
            if type == "2" { entry.commitments.append((currency, amount)) } else { entry.incoming.append((currency, amount)) }
            sums[partner] = entry
        }
        var result: [PartnerID: (money: Money, line: Int)] = [:]
        for (partner, entry) in sums {
            let amounts = entry.commitments.isEmpty ? entry.incoming : entry.commitments
            let currencies = amounts.map { $0.0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            guard let first = currencies.first else { continue }
            let currency = currencies.first { $0 == activity.element["default-currency"]?.uppercased() } ?? first
            let total = amounts.filter { $0.0 == currency }.reduce(Decimal(0)) { $0 + $1.1 }
            if currencies.count > 1 {
                warn(
                    "funding from '\(partner)' in \(currencies.joined(separator: ", ")): the link keeps the \(currency) total only",
                    line: entry.line, reason: "budgets in other currencies")
            }
            guard let money = try? Money(amount: total, currency: currency) else {
                warn("transaction currency '\(currency)' is not an ISO 4217 code; skipped", line: entry.line, reason: "unknown codes")
                continue
            }
            result[partner] = (money, entry.line)
        }
        return result
    }
}
