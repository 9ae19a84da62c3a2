/// Why ``Portfolio/apply(_:)`` refused a change. The portfolio is left as it was.
public struct ChangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of problem, for programs that react to it.
    public enum Code: String, Hashable, Sendable {
        /// The id is taken.
        case duplicate
        /// The entity, or something it refers to, does not exist.
        case notFound
        /// The entity cannot be removed while others refer to it.
        case referenced
        /// The region hierarchy would loop.
        case cycle
        /// An end lies before its start.
        case dateOrder
        /// A value does not fit the field (a measurement that does not fit its outcome, say).
        case invalidValue
        /// The id is not well formed.
        case malformedID
        /// The stored value is no longer the one the change was made against.
        case conflict
    }

    /// The class of problem.
    public var code: Code
    /// The kind of entity the change was about.
    public var kind: EntityKind
    /// The entity's id as written.
    public var id: String
    /// The field at fault, when there is one.
    public var field: String?
    /// What is wrong: `end 2007-01 is before start 2007-04-24`.
    public var reason: String
    /// For ``Code/notFound``: the kind and id that could not be found, so a caller can suggest.
    public var missing: (kind: EntityKind, id: String)? {
        get { missingKind.map { ($0, missingID ?? "") } }
        set {
            missingKind = newValue?.kind
            missingID = newValue?.id
        }
    }
    private var missingKind: EntityKind?
    private var missingID: String?

    /// Creates a change error.
    ///
    /// - Parameters:
    ///   - code: the class of problem.
    ///   - kind: the kind of entity the change was about.
    ///   - id: the entity's id as written.
    ///   - field: the field at fault, when there is one.
    ///   - reason: what is wrong, as a sentence fragment.
    ///   - missing: for ``Code/notFound``, the kind and id that could not be found.
    public init(
        _ code: Code, _ kind: EntityKind, _ id: String, field: String? = nil, reason: String,
        missing: (kind: EntityKind, id: String)? = nil
    ) {
        self.code = code
        self.kind = kind
        self.id = id
        self.field = field
        self.reason = reason
        self.missing = missing
    }

    /// `project 'TIP-2007': end: end 2007-01 is before start 2007-04-24`.
    public var description: String {
        "\(kind.rawValue) '\(id)'" + (field.map { " \($0)" } ?? "") + ": \(reason)"
    }
}
