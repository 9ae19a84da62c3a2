import FieldKitFixtures
import Foundation
import Testing

@testable import FieldKit

/// The derived indexes stay those the entities imply after every apply and every inverse:
/// the Osh scenario built and unbuilt change by change, and seeded random walks of valid and
/// invalid changes, each followed at random by its undo.
@Suite struct PortfolioInvariantTests {
    /// Fails the test with the portfolio's invariant violations, if there are any.
    func expectConsistent(_ portfolio: Portfolio, _ context: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = portfolio.invariantViolations()
        #expect(problems.isEmpty, "\(context()): \(problems.prefix(5).joined(separator: "; "))", sourceLocation: sourceLocation)
    }

    @Test func theCheckFindsAStaleIndex() throws {
        var portfolio = try osh()
        #expect(portfolio.invariantViolations().isEmpty)
        portfolio.projectsByPartner["france"] = nil
        portfolio.outcomesByRegion[RegionID("KG-B")] = [OutcomeID(project: "TIP-2007", key: "ghost")]
        portfolio.measurementCount += 1
        let problems = portfolio.invariantViolations()
        #expect(problems.contains("the index projectsByPartner does not match the entities"))
        #expect(problems.contains("the index outcomesByRegion does not match the entities"))
        #expect(problems.contains { $0.hasPrefix("measurementCount is") })
    }

    @Test func theScenarioBuiltAndUnbuiltChangeByChange() throws {
        let changes = try osh().changesFromEmpty
        var portfolio = Portfolio()
        var states: [Portfolio] = [portfolio]
        for change in changes {
            try portfolio.apply(change)
            expectConsistent(portfolio, "after \(change)")
            states.append(portfolio)
        }
        for change in changes.reversed() {
            try portfolio.apply(change.inverse)
            states.removeLast()
            expectConsistent(portfolio, "after the inverse of \(change)")
            #expect(portfolio == states.last, "the inverse of \(change) does not give the state before it")
        }
        #expect(portfolio == Portfolio())
    }

    @Test func renamesOfEveryKindKeepTheIndexes() throws {
        var portfolio = try osh()
        let renames: [Change] = [
            .renameProject(from: "TIP-2007", to: "TIP-2007-A"),
            .renameProject(from: "TIP-2007-A", to: "tip-2007-a"),  // case only
            .renamePartner(from: "france", to: "mfa-france"),
            .renameRegion(from: "KG-B", to: "KG-BATKEN"),
            .renameOutcome(from: OutcomeID(project: "tip-2007-a", key: "groups"), to: OutcomeID(project: "tip-2007-a", key: "groups-2")),
        ]
        for change in renames {
            let before = portfolio
            try portfolio.apply(change)
            expectConsistent(portfolio, "after \(change)")
            var undone = portfolio
            try undone.apply(change.inverse)
            expectConsistent(undone, "after the inverse of \(change)")
            #expect(undone == before)
        }
    }

    /// Several changes at once, the last of them refused: `apply(all:)` undoes the ones
    /// before it; and a batch's statements reverted after later ones, as a rollback does.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func groupsOfChangesRollBackWhole(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var portfolio = try osh()
        for step in 0..<60 {
            let before = portfolio
            var group: [Change] = []
            var probe = portfolio
            for _ in 0..<(1 + Int(random.next() % 4)) {
                let change = RandomChange.next(on: probe, &random)
                if (try? probe.apply(change)) != nil { group.append(change) }
            }
            // A change the group's end state refuses: the whole group must come undone.
            let refused = Change.addPartner(Partner(id: probe.partners.keys.sorted().first ?? "osce-osh"))
            #expect(throws: ChangeError.self) { try portfolio.apply(all: group + [refused]) }
            #expect(portfolio == before, "seed \(seed), step \(step): apply(all:) left part of \(group)")
            expectConsistent(portfolio, "seed \(seed), step \(step), after a refused group")
            // Applied in a batch, then reverted to its start.
            var batch = WriteBatch(portfolio: portfolio, after: 0)
            for change in group { try batch.commit(JournalDraft(origin: "walk", statement: "step", changes: [change])) }
            batch.revert(toCount: 0)
            #expect(batch.portfolio == before)
            expectConsistent(batch.portfolio, "seed \(seed), step \(step), after reverting a batch")
            // And kept, for the next step.
            try portfolio.apply(all: group)
            expectConsistent(portfolio, "seed \(seed), step \(step), after applying \(group)")
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func aRandomWalkOfChangesAndUndos(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var portfolio = try osh()
        var refused = 0
        var applied = 0
        for step in 0..<250 {
            let change = RandomChange.next(on: portfolio, &random)
            let before = portfolio
            do {
                try portfolio.apply(change)
                applied += 1
            } catch {
                refused += 1
                #expect(portfolio == before, "step \(step): a refused \(change) changed the portfolio")
                expectConsistent(portfolio, "seed \(seed), step \(step), after refusing \(change)")
                continue
            }
            expectConsistent(portfolio, "seed \(seed), step \(step), after \(change)")
            if random.next() % 3 == 0 {
                try portfolio.apply(change.inverse)
                expectConsistent(portfolio, "seed \(seed), step \(step), after undoing \(change)")
                #expect(portfolio == before, "seed \(seed), step \(step): undoing \(change) does not restore the portfolio")
            }
        }
        // Both kinds occurred: the walk tried the refusals as well as the changes.
        #expect(applied > 50)
        #expect(refused > 10)
    }
}

/// SplitMix64: a small seeded generator, so that each walk is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Changes drawn from what a portfolio holds: most of them valid, some refused on purpose
/// (a duplicate id, a reference to nothing, a removal of something still referred to).
enum RandomChange {
    static func next(on portfolio: Portfolio, _ random: inout SplitMix) -> Change {
        func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int(random.next() % UInt64(items.count))] }
        let number = random.next() % 10_000
        let projects = portfolio.projects.keys.sorted()
        let partners = portfolio.partners.keys.sorted()
        let regions = portfolio.regions.keys.sorted()
        let outcomes = portfolio.outcomes.keys.sorted()
        let fallback = Change.addPartner(Partner(id: PartnerID("p-\(number)")))
        switch random.next() % 24 {
        case 0:
            return .addPartner(Partner(id: PartnerID("p-\(number)")))
        case 1:
            let region = pick(regions)
            return .addProject(Project(id: ProjectID("P-\(number)"), status: .active, regions: region.map { [$0] } ?? []))
        case 2:
            guard let parent = pick(regions) else { return fallback }
            return .addRegion(Region(id: RegionID("r-\(number)"), level: .district, parent: parent))
        case 3:
            guard let project = pick(projects) else { return fallback }
            return .addOutcome(Outcome(id: OutcomeID(project: project, key: "o-\(number)"), target: 10, regions: pick(regions).map { [$0] } ?? []))
        case 4:
            guard let project = pick(projects), let partner = pick(partners) else { return fallback }
            return .link(Participation(project: project, partner: partner, role: pick(Role.allCases) ?? .funder))
        case 5:
            guard let project = pick(projects), let link = pick(portfolio.participations(of: project)) else { return fallback }
            return .unlink(link)
        case 6:
            guard let outcome = pick(outcomes), let measure = portfolio.outcomes[outcome]?.measure, measure != .qualitative else { return fallback }
            let value: Decimal = measure == .percent ? Decimal(number % 100) : Decimal(number % 50)
            return .record(OutcomeRecord(id: RecordID(milliseconds: number, random: random.next()), outcome: outcome,
                                       date: (try? Day(year: 2007, month: Int(number % 12) + 1)) ?? Day.earliest, value: value))
        case 7:
            guard let outcome = pick(outcomes), let record = pick(portfolio.measurements(of: outcome)) else { return fallback }
            return .unrecord(record)
        case 8:
            guard let project = pick(projects) else { return fallback }
            return .addNote(Note(id: RecordID(milliseconds: number, random: random.next()), project: project,
                                 date: (try? Day(year: 2007, month: 6)) ?? Day.earliest, text: "note \(number)"))
        case 9:
            guard let project = pick(projects), var new = portfolio.projects[project] else { return fallback }
            let old = new
            new.regions = pick(regions).map { [$0] } ?? []
            new.status = pick(ProjectStatus.allCases) ?? .active
            return .updateProject(old: old, new: new)
        case 10:
            guard let project = pick(projects) else { return fallback }
            return .renameProject(from: project, to: ProjectID("R-\(number)"))
        case 11:
            guard let partner = pick(partners) else { return fallback }
            return .renamePartner(from: partner, to: PartnerID("rp-\(number)"))
        case 12:
            guard let region = pick(regions) else { return fallback }
            return .renameRegion(from: region, to: RegionID("rr-\(number)"))
        case 13:
            // Often refused: the project still has outcomes, links or notes.
            guard let project = pick(projects), let value = portfolio.projects[project] else { return fallback }
            return .removeProject(value)
        case 14:
            // Refused: a duplicate id, or a link to a partner that does not exist.
            if let partner = pick(partners), number % 2 == 0 { return .addPartner(Partner(id: partner)) }
            guard let project = pick(projects) else { return fallback }
            return .link(Participation(project: project, partner: PartnerID("nobody-\(number)"), role: .funder))
        case 15:
            // Often refused: the region is still referred to.
            guard let region = pick(regions), let value = portfolio.regions[region] else { return fallback }
            return .removeRegion(value)
        case 16:
            guard let outcome = pick(outcomes), let value = portfolio.outcomes[outcome] else { return fallback }
            return .removeOutcome(value)
        case 17:
            guard let partner = pick(partners), let value = portfolio.partners[partner] else { return fallback }
            return .removePartner(value)
        case 18:
            guard let project = pick(projects), let note = pick(portfolio.notes(of: project)) else { return fallback }
            return .removeNote(note)
        case 19:
            guard let outcome = pick(outcomes) else { return fallback }
            return .renameOutcome(from: outcome, to: OutcomeID(project: outcome.project, key: "k-\(number)"))
        case 20:
            // A case-only rename keeps the id and changes its spelling.
            guard let project = pick(projects) else { return fallback }
            let flipped = project.rawValue == project.rawValue.lowercased() ? project.rawValue.uppercased() : project.rawValue.lowercased()
            return .renameProject(from: project, to: ProjectID(flipped))
        case 21:
            guard let region = pick(regions), var new = portfolio.regions[region] else { return fallback }
            let old = new
            new.name = "Region \(number)"
            if new.level == .area, let member = pick(regions), member != region { new.includes = [member] }
            return .updateRegion(old: old, new: new)
        case 22:
            // An area across whatever regions there are.
            let members = [pick(regions), pick(regions)].compactMap { $0 }
            return .addRegion(Region(id: RegionID("area-\(number)"), level: .area, includes: Array(Set(members)).sorted()))
        default:
            guard let outcome = pick(outcomes), var new = portfolio.outcomes[outcome] else { return fallback }
            let old = new
            new.regions = pick(regions).map { [$0] } ?? []
            new.target = Decimal(number % 100 + 1)
            return .updateOutcome(old: old, new: new)
        }
    }
}
