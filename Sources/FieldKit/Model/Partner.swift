import Foundation

/// An organisation that funds, leads, implements or counterparts projects.
public struct Partner: Hashable, Sendable, Codable {
    /// A slug such as `golden-goal`.
    public var id: PartnerID
    /// The full name: `Golden Goal`.
    public var name: String
    /// A short form: `OSCE`.
    public var acronym: String?
    /// The IATI organisation type.
    public var kind: PartnerKind?
    /// The ISO 3166-1 alpha-2 code of the country it is based in.
    public var country: String?
    /// The IATI organisation identifier: `XM-DAC-928`.
    public var ref: String?
    /// People to contact.
    public var contacts: [Contact]

    /// Creates a partner; only the id is required, the name defaults to the id.
    ///
    /// - Parameters:
    ///   - id: a slug such as `golden-goal`.
    ///   - name: the full name; nil for the id as written.
    ///   - acronym: a short form: `OSCE`.
    ///   - kind: the IATI organisation type.
    ///   - country: the ISO 3166-1 alpha-2 code of the country it is based in.
    ///   - ref: the IATI organisation identifier: `XM-DAC-928`.
    ///   - contacts: people to contact.
    public init(
        id: PartnerID, name: String? = nil, acronym: String? = nil, kind: PartnerKind? = nil,
        country: String? = nil, ref: String? = nil, contacts: [Contact] = []
    ) {
        self.id = id
        self.name = name ?? id.rawValue
        self.acronym = acronym
        self.kind = kind
        self.country = country
        self.ref = ref
        self.contacts = contacts
    }
}

/// A person at a partner organisation.
public struct Contact: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The person's name.
    public var name: String
    /// Their role: `Head of Office`.
    public var role: String?

    /// Creates a contact.
    ///
    /// - Parameters:
    ///   - name: the person's name.
    ///   - role: their role, such as `Head of Office`; nil when not known.
    public init(name: String, role: String? = nil) {
        self.name = name
        self.role = role
    }

    /// Reads `Jerome Bouyjou, Head of Office`: the name, then the role after the first comma.
    ///
    /// Spaces around each part are trimmed; without a comma, or with nothing after it,
    /// there is no role. Any text is a contact, so this never fails.
    ///
    /// - Parameter text: the contact as written.
    public init(parsing text: String) {
        if let comma = text.firstIndex(of: ",") {
            let role = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            self.init(name: text[..<comma].trimmingCharacters(in: .whitespaces), role: role.isEmpty ? nil : role)
        } else {
            self.init(name: text.trimmingCharacters(in: .whitespaces))
        }
    }

    /// `Jerome Bouyjou, Head of Office`.
    public var description: String { role.map { "\(name), \($0)" } ?? name }
}

/// A partner's part in a project: project × partner × role, with an optional amount.
public struct Participation: Hashable, Sendable, Codable {
    /// The project.
    public var project: ProjectID
    /// The partner.
    public var partner: PartnerID
    /// What the partner does in the project.
    public var role: Role
    /// What a funder gives, or an implementer receives.
    public var amount: Money?

    /// Creates a participation.
    ///
    /// - Parameters:
    ///   - project: the project.
    ///   - partner: the partner.
    ///   - role: what the partner does in the project.
    ///   - amount: what a funder gives or an implementer receives; nil when not known.
    public init(project: ProjectID, partner: PartnerID, role: Role, amount: Money? = nil) {
        self.project = project
        self.partner = partner
        self.role = role
        self.amount = amount
    }
}
