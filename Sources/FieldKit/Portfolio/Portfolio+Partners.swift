import Foundation

extension Portfolio {
    func validate(_ partner: Partner) throws(ChangeError) {
        let id = partner.id.rawValue
        if partner.name.isBlank() {
            throw ChangeError(.invalidValue, .partner, id, field: "name", reason: "the name is empty")
        }
        if let country = partner.country,
            !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase })
        {
            throw ChangeError(
                .invalidValue, .partner, id, field: "country",
                reason: "'\(country)' is not an ISO 3166-1 alpha-2 code such as KG")
        }
    }

    mutating func addPartner(_ partner: Partner) throws(ChangeError) {
        try Self.checkWellFormed(partner.id.rawValue, .partner)
        guard partners[partner.id] == nil else {
            throw ChangeError(.duplicate, .partner, partner.id.rawValue, reason: "a partner with this id already exists")
        }
        try validate(partner)
        partners[partner.id] = partner
    }

    mutating func updatePartner(old: Partner, new: Partner) throws(ChangeError) {
        try Self.checkCurrent(partners[old.id], matches: old, .partner, old.id.rawValue)
        guard new.id.rawValue == old.id.rawValue else {
            throw ChangeError(.invalidValue, .partner, old.id.rawValue, field: "id", reason: "an update cannot change the id; rename it")
        }
        try validate(new)
        partners[new.id] = new
    }

    mutating func removePartner(_ partner: Partner) throws(ChangeError) {
        try Self.checkCurrent(partners[partner.id], matches: partner, .partner, partner.id.rawValue)
        let linked = projectsByPartner[partner.id] ?? []
        guard linked.isEmpty else {
            let names = linked.sorted().prefix(3).map(\.rawValue).joined(separator: ", ")
            throw ChangeError(
                .referenced, .partner, partner.id.rawValue,
                reason: "it is linked to \(linked.count) project\(linked.count == 1 ? "" : "s") (\(names)\(linked.count > 3 ? ", …" : "")); unlink it first, or use force")
        }
        partners[partner.id] = nil
    }

    mutating func renamePartner(from: PartnerID, to: PartnerID) throws(ChangeError) {
        try Self.checkRename(
            from: from.rawValue, to: to.rawValue, .partner, exists: partners[from] != nil,
            taken: partners[to] != nil, sameKey: from == to)
        guard var partner = partners.removeValue(forKey: from) else { return }
        partner.id = to
        partners[to] = partner
        guard let linked = projectsByPartner.removeValue(forKey: from) else { return }
        projectsByPartner[to] = linked
        for project in linked {
            guard var links = participationsByProject[project] else { continue }
            for index in links.indices where links[index].partner == from { links[index].partner = to }
            links.sort { Self.linkOrder($0) < Self.linkOrder($1) }
            participationsByProject[project] = links
        }
    }

    /// The order of a project's links: by role (funder, lead, extending, implementer,
    /// counterpart), then by partner. A fixed order, rather than the order made, lets
    /// unlinking and linking again restore exactly the same list.
    static func linkOrder(_ link: Participation) -> (Int, PartnerID) {
        (Role.ranks[link.role] ?? 0, link.partner)
    }

    /// Puts a link among a project's, in ``linkOrder(_:)``; false, and nothing changed,
    /// when the partner already has that role.
    private static func insert(_ participation: Participation, into links: inout [Participation]) -> Bool {
        if links.contains(where: { $0.partner == participation.partner && $0.role == participation.role }) { return false }
        let order = linkOrder(participation)
        links.insert(participation, at: links.insertionIndex { linkOrder($0) < order })
        return true
    }

    mutating func link(_ participation: Participation) throws(ChangeError) {
        // For a message only: made when there is one, not for every link a load adds.
        var subject: String { "\(participation.project) \(participation.partner)" }
        guard projects[participation.project] != nil else {
            throw ChangeError(
                .notFound, .link, subject, field: "project", reason: "no project '\(participation.project)'",
                missing: (.project, participation.project.rawValue))
        }
        guard partners[participation.partner] != nil else {
            throw ChangeError(
                .notFound, .link, subject, field: "partner", reason: "no partner '\(participation.partner)'",
                missing: (.partner, participation.partner.rawValue))
        }
        // Checked and inserted in place: a copy of the project's links taken out first was
        // copied again by the insert, since the table still held the original.
        guard Self.insert(participation, into: &participationsByProject[participation.project, default: []]) else {
            throw ChangeError(
                .duplicate, .link, subject, field: "role",
                reason: "'\(participation.partner)' is already linked to '\(participation.project)' as \(participation.role.rawValue)")
        }
        projectsByPartner[participation.partner, default: []].insert(participation.project)
        participationCount += 1
    }

    mutating func unlink(_ participation: Participation) throws(ChangeError) {
        let subject = "\(participation.project) \(participation.partner)"
        var links = participations(of: participation.project)
        guard let index = links.firstIndex(where: { $0.partner == participation.partner && $0.role == participation.role }) else {
            throw ChangeError(
                .notFound, .link, subject,
                reason: "'\(participation.partner)' is not linked to '\(participation.project)' as \(participation.role.rawValue)")
        }
        guard links[index] == participation else {
            throw ChangeError(.conflict, .link, subject, reason: "the link was changed since this change was made; look at it again")
        }
        links.remove(at: index)
        participationsByProject[participation.project] = links.isEmpty ? nil : links
        if !links.contains(where: { $0.partner == participation.partner }) {
            projectsByPartner[participation.partner]?.remove(participation.project)
            if projectsByPartner[participation.partner]?.isEmpty == true { projectsByPartner[participation.partner] = nil }
        }
        participationCount -= 1
    }
}

extension Role {
    /// Each role's place in `allCases`, looked up without building that array per comparison.
    static let ranks = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
