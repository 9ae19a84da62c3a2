/// One `iati-activity` as the file gives it: texts and codes, not yet checked, each with
/// the line it came from so that a warning can point at it.
///
/// ``IATIReader`` fills one per activity and hands it on; ``IATIImporter`` turns it into
/// changes. Only what FieldKit models is kept.
struct IATIActivity {
    /// Text in one language: `<narrative xml:lang="fr">`; `language` is nil when the
    /// narrative does not say, and then it is the activity's default.
    struct Narrative: Equatable {
        var language: String?
        var text: String
    }

    /// A code or value written as an attribute, where it was written.
    struct Coded {
        var attributes: [String: String]
        var line: Int
        var column: Int
        subscript(_ name: String) -> String? { attributes[name] }
    }

    struct Organisation {
        var element: Coded
        var names: [Narrative] = []
    }

    struct Budget {
        var element: Coded
        var value: String = ""
        var valueElement: Coded?
        var periodStart: String?
        var periodEnd: String?
    }

    struct Transaction {
        var element: Coded
        var type: Coded?
        var value: String = ""
        var valueElement: Coded?
        var provider: Organisation?
    }

    struct Actual {
        var element: Coded
        var dimensions: [Coded] = []
        var comment: [Narrative] = []
    }

    struct Period {
        var element: Coded
        var start: Coded?
        var end: Coded?
        var targets: [Coded] = []
        var actuals: [Actual] = []
    }

    struct Indicator {
        var element: Coded
        var references: [Coded] = []
        var title: [Narrative] = []
        var baseline: Coded?
        var periods: [Period] = []
    }

    struct Result {
        var element: Coded
        var title: [Narrative] = []
        var indicators: [Indicator] = []
    }

    var element: Coded
    /// The language of narratives that do not say theirs: the activity's `xml:lang`, else the file's.
    var defaultLanguage: String?
    var identifier = ""
    var identifierLine = 0
    var title: [Narrative] = []
    /// Each `description` with its `type` (1 general, 2 objectives, …).
    var descriptions: [(type: String?, narratives: [Narrative])] = []
    var status: Coded?
    var dates: [Coded] = []
    var reportingOrg: Organisation?
    var participatingOrgs: [Organisation] = []
    var countries: [Coded] = []
    var recipientRegions: [Coded] = []
    var administratives: [Coded] = []
    var sectors: [Coded] = []
    var budgets: [Budget] = []
    var transactions: [Transaction] = []
    var results: [Result] = []
}
