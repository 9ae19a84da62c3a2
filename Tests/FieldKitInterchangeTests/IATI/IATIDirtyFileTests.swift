import FieldKit
import Foundation
import Testing

@testable import FieldKitInterchange

/// Every warning path, each at its line: dirty values never stop an IATI import.
@Suite struct IATIDirtyFileTests {
    static let dirty = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03">
         <iati-activity default-currency="EUR" xml:lang="en">
          <iati-identifier>XM-TEST-1 water</iati-identifier>
          <reporting-org ref="XM-TEST" type="40"><narrative>Test Agency</narrative></reporting-org>
          <title><narrative>Water for Batken</narrative><narrative xml:lang="ru">Вода для Баткена</narrative></title>
          <description type="1"><narrative>Wells in   remote villages</narrative></description>
          <participating-org ref="XM-TEST" role="4"><narrative>Test Agency (HQ)</narrative></participating-org>
          <participating-org role="7"><narrative>Nobody</narrative></participating-org>
          <participating-org role="4"/>
          <activity-status code="8"/>
          <activity-date iso-date="2007-02-30" type="1"/>
          <activity-date iso-date="2007-04-24" type="2"/>
          <recipient-country code="KG" percentage="60"/>
          <recipient-country code="XX"/>
          <location><administrative vocabulary="99" code="KG-B"/></location>
          <sector vocabulary="1"/>
          <sector vocabulary="1" code="14030"/>
          <sector vocabulary="2" code="140"/>
          <budget type="1"><period-start iso-date="2007-01-01"/><period-end iso-date="2007-12-31"/><value currency="EUR">2020:100,000</value></budget>
          <budget type="1"><period-start iso-date="2008-01-01"/><period-end iso-date="2008-12-31"/><value currency="EUR">50000</value></budget>
          <budget type="1"><period-start iso-date="2008-01-01"/><period-end iso-date="2008-12-31"/><value currency="USD">10000</value></budget>
          <transaction><transaction-type code="2"/><transaction-date iso-date="2007-05-01"/><value>85000</value><provider-org ref="FR-3"><narrative>France</narrative></provider-org></transaction>
          <result type="1">
           <title><narrative>Wells built</narrative></title>
           <indicator measure="1" ascending="1">
            <title><narrative>Wells</narrative></title>
            <baseline year="2006" value="0"/>
            <period><period-start iso-date="2007-01-01"/><period-end iso-date="2007-06-30"/><actual value=":"/></period>
            <period><period-start iso-date="2007-07-01"/><period-end iso-date="2007-12-31"/><target value="12"/><actual value="5"><dimension name="sex" value="female"/><dimension name="age" value=""/></actual></period>
           </indicator>
          </result>
          <result type="7"><title><narrative>Views</narrative></title><indicator measure="5"><title><narrative>Community views</narrative></title><period><period-start iso-date="2007-01-01"/><period-end iso-date="2007-12-31"/><actual><comment><narrative>Positive</narrative></comment></actual><actual/></period></indicator></result>
         </iati-activity>
         <iati-activity><iati-identifier></iati-identifier></iati-activity>
        </iati-activities>
        """

    func imported() throws -> (Portfolio, ImportPlan) {
        let plan = try IATI.importing(Array(Self.dirty.utf8), into: Portfolio(), gazetteer: try Gazetteer.system.get())
        var portfolio = Portfolio()
        for change in plan.changes { try portfolio.apply(change) }
        #expect(portfolio.invariantViolations() == [])
        return (portfolio, plan)
    }

    @Test func eachDirtyValueIsAWarningAtItsLine() throws {
        let (_, plan) = try imported()
        let found = plan.warnings.map { "\($0.line): \($0.message)" }
        #expect(found == [
            "5: organisation ref 'XM-TEST' carries the name 'Test Agency' here and 'Test Agency (HQ)' before; the partner keeps 'Test Agency (HQ)'",
            "9: participating-org role '7' is not 1 to 4; skipped",
            "10: participating-org without ref or name; skipped",
            "11: activity-status '8' is not a code from 1 to 6; skipped",
            "12: activity-date '2007-02-30' is not a date (YYYY-MM-DD); skipped",
            "15: recipient-country 'XX' is not an ISO 3166 code FieldKit knows; skipped",
            "17: sector without code; skipped",
            "20: budget value '2020:100,000' is not a number; skipped",
            "20: budgets in 2 currencies: the budget is the EUR total; 10000 USD not added to it",
            "29: actual value ':' is not a number; skipped",
            "30: dimension 'age' without a value; skipped",
            "33: result type '7' is not 1, 2, 3 or 9; read as output",
            "33: actual of the qualitative indicator 'XM-TEST-1 water/2' has neither a comment nor a value; skipped",
            "35: activity without an iati-identifier; skipped",
        ], "\(found.joined(separator: "\n"))")
        #expect(plan.summary == """
            2 activities: 1 project, 2 new partners, 2 outcomes, 2 records; skipped or read with a warning: \
            1 organisations with two names, 3 unknown codes, 1 organisations without ref or name, 1 bad dates, \
            1 regions FieldKit does not know, 1 sectors without code, 2 values that are not numbers, \
            1 budgets in other currencies, 1 dimensions without name or value, 1 empty actuals, 1 activities without an identifier
            """)
    }

    @Test func everythingElseImports() throws {
        let (portfolio, _) = try imported()
        let project = try #require(portfolio.projects["xm-test-1 water"])
        #expect(project.id.rawValue == "XM-TEST-1 water")
        #expect(project.title == "Water for Batken")
        #expect(project.summary == "Wells in   remote villages")
        #expect(project.language == "en")
        #expect(project.translations == [Translation(field: .title, language: "ru", text: "Вода для Баткена")])
        #expect(project.status == .pipeline)
        #expect(project.start == nil)
        #expect(project.actualStart?.description == "2007-04-24")
        #expect(project.regions.map(\.rawValue) == ["KG", "KG-B"])
        #expect(project.regionShares == ["KG": 60])
        #expect(portfolio.regions["KG-B"]?.parent?.rawValue == "KG")
        #expect(project.sectors == ["14030", "2:140"])
        #expect(project.budget?.description == "50000 EUR")
        let links = portfolio.participations(of: project.id).map { "\($0.partner) \($0.role.rawValue) \($0.amount?.description ?? "-")" }
        #expect(Set(links) == ["XM-TEST implementer -", "XM-TEST lead -", "FR-3 funder 85000 EUR"])
        let wells = try #require(portfolio.outcomes[OutcomeID(project: project.id, key: "1")])
        #expect(wells.measure == .level)
        #expect(wells.baseline == 0)
        #expect(wells.baselineDate?.description == "2006")
        #expect(wells.target == 12)
        #expect(wells.due?.description == "2007-12-31")
        #expect(wells.dims == ["sex", "age"])
        #expect(portfolio.measurements(of: wells.id).map { "\($0.date) \($0.value ?? -1) \($0.dimensions)" } == ["2007-12-31 5 [\"sex\": \"female\"]"])
        let views = try #require(portfolio.outcomes[OutcomeID(project: project.id, key: "2")])
        #expect(views.measure == .qualitative)
        #expect(views.level == .output)
        #expect(portfolio.measurements(of: views.id).map(\.note) == ["Positive"])
    }

    @Test func aSecondImportUpdatesAndKeepsWhatTheFileLeavesOut() throws {
        let (portfolio, _) = try imported()
        var edited = portfolio
        let id = ProjectID("XM-TEST-1 water")
        let before = try #require(portfolio.projects[id])
        var tagged = before
        tagged.tags = ["kept"]
        try edited.apply(.updateProject(old: before, new: tagged))
        let changed = Self.dirty.replacingOccurrences(of: "Water for Batken", with: "Water for Batken and Osh")
            .replacingOccurrences(of: "<actual value=\"5\">", with: "<actual value=\"7\">")
        let plan = try IATI.importing(Array(changed.utf8), into: edited, gazetteer: try Gazetteer.system.get())
        for change in plan.changes { try edited.apply(change) }
        #expect(edited.projects[id]?.title == "Water for Batken and Osh")
        #expect(edited.projects[id]?.tags == ["kept"])
        let records = edited.measurements(of: OutcomeID(project: id, key: "1"))
        #expect(records.map(\.value) == [7])
        #expect(edited.projects.count == 1)
        #expect(edited.invariantViolations() == [])
    }

    @Test func xmlThatIsNotWellFormedStopsTheImportAtItsLineAndColumn() throws {
        let broken = "<iati-activities version=\"2.03\">\n <iati-activity>\n  <iati-identifier>A</iati-identifier>\n </iati-activitie>\n</iati-activities>\n"
        #expect {
            _ = try IATI.importing(Array(broken.utf8), into: Portfolio(), gazetteer: nil)
        } throws: { error in
            guard let error = error as? InterchangeError else { return false }
            return error.line == 4 && error.column > 0 && error.message.contains("not well-formed XML: a closing tag that does not match") && error.message.contains("nothing was imported")
        }
    }

    @Test(arguments: [
        // The billion laughs: entities that expand to gigabytes.
        """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier></iati-activity></iati-activities>
        """,
        // An external entity that would read a local file.
        """
        <?xml version="1.0"?>
        <!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <iati-activities version="2.03"><iati-activity><iati-identifier>&secret;</iati-identifier></iati-activity></iati-activities>
        """,
    ])
    func aDocumentTypeIsRefusedNeverExpanded(_ text: String) throws {
        #expect {
            _ = try IATI.importing(Array(text.utf8), into: Portfolio(), gazetteer: nil)
        } throws: { error in
            guard let error = error as? InterchangeError else { return false }
            return error.line == 2 && error.column == 1 && error.message.contains("document type")
        }
    }

    @Test func aFileThatIsNotIATIIsRefused() throws {
        #expect(throws: InterchangeError.self) {
            _ = try IATI.importing(Array("<iati-organisations/>".utf8), into: Portfolio(), gazetteer: nil)
        }
        #expect(throws: InterchangeError.self) { _ = try IATI.importing(Array("".utf8), into: Portfolio(), gazetteer: nil) }
        #expect(throws: InterchangeError.self) { _ = try IATI.importing([0xFF, 0xFE, 0x00], into: Portfolio(), gazetteer: nil) }
    }

    /// The other warning paths, in a second file (a version FieldKit does not know, with
    /// every code and value that can go wrong in it).
    static let dirtier = """
        <iati-activities version="1.05">
         <iati-activity>
          <iati-identifier>-bad id</iati-identifier>
         </iati-activity>
         <iati-activity default-currency="EUR">
          <iati-identifier>XM-TEST-2</iati-identifier>
          <participating-org ref="???" role="1"/>
          <participating-org ref="XM-ORG" role="4" type="17"><narrative>Org</narrative></participating-org>
          <activity-date iso-date="2008-01-01" type="1"/>
          <activity-date iso-date="2007-01-01" type="3"/>
          <activity-date iso-date="2008-01-01" type="2"/>
          <activity-date iso-date="2007-06-01" type="4"/>
          <activity-date iso-date="2007-06-01" type="7"/>
          <recipient-country percentage="50"/>
          <recipient-country code="KG" percentage="half"/>
          <budget><value currency="ZZZ">10</value></budget>
          <transaction><transaction-type code="2"/><value currency="XYZ">5</value><provider-org ref="FUNDER"/></transaction>
          <transaction><transaction-type code="1"/><value currency="EUR">5</value><provider-org ref="FUNDER-2"/></transaction>
          <transaction><transaction-type code="1"/><value currency="USD">7</value><provider-org ref="FUNDER-2"/></transaction>
          <result type="1"><title><narrative>R</narrative></title>
           <indicator><title><narrative>No measure</narrative></title><baseline year="20x6" value="1"/>
            <period><period-start iso-date="2008-01-01"/><actual value="1"/></period>
            <period><period-start iso-date="2008-01-01"/><period-end iso-date="2008-13-01"/><actual value="1"/></period>
            <period><period-start iso-date="2008-01-01"/><period-end iso-date="2008-06-30"/><actual value="2"/><actual value="2"/></period>
           </indicator>
           <indicator measure="9"><title><narrative>Unknown measure</narrative></title></indicator>
           <indicator measure="2"><title><narrative>Share of schools</narrative></title>
            <period><period-start iso-date="2008-01-01"/><period-end iso-date="2008-06-30"/><target value="150"/></period>
           </indicator>
          </result>
         </iati-activity>
         <iati-activity><iati-identifier>XM-TEST-3</iati-identifier><budget><value>10</value></budget></iati-activity>
        </iati-activities>
        """

    @Test func everyOtherWarningIsAtItsLineToo() throws {
        let plan = try IATI.importing(Array(Self.dirtier.utf8), into: Portfolio(), gazetteer: try Gazetteer.system.get())
        var portfolio = Portfolio()
        for change in plan.changes { try portfolio.apply(change) }
        #expect(portfolio.invariantViolations() == [])
        let found = plan.warnings.map { "\($0.line): \($0.message)" }
        #expect(found == [
            "1: IATI version '1.05' is not 2.01 to 2.03; read as 2.03",
            "3: iati-identifier '-bad id' cannot be a project id (it must start with a letter or digit); activity skipped",
            "6: planned end 2007-01-01 is before the planned start 2008-01-01; the end is skipped",
            "6: actual end 2007-06-01 is before the actual start 2008-01-01; the end is skipped",
            "7: participating-org ref '???' cannot be a partner id; skipped",
            "8: participating-org type '17' is not an IATI organisation type; skipped",
            "13: activity-date type '7' is not 1 to 4; skipped",
            "14: recipient-country without code; skipped",
            "15: recipient-country percentage 'half' is not a number from 0 to 100; skipped",
            "16: budget currency 'ZZZ' is not an ISO 4217 code; the budget is skipped",
            "17: transaction currency 'XYZ' is not an ISO 4217 code; skipped",
            "18: funding from 'FUNDER-2' in EUR, USD: the link keeps the EUR total only",
            "21: indicator without a measure; read as a unit",
            "21: baseline year '20x6' is not a year; skipped",
            "22: period without period-end; its values are skipped",
            "23: period-end '2008-13-01' is not a date (YYYY-MM-DD); skipped",
            "24: a second actual of 'XM-TEST-2/1' on 2008-06-30 with the same dimensions; skipped",
            "26: indicator measure '9' is not 1 to 5; read as a unit",
            "27: indicator 'XM-TEST-2/3': a percentage lies from 0 to 100, not 150; skipped",
            "32: budget without a currency (and no default-currency); skipped",
        ], "\(found.joined(separator: "\n"))")
        let project = try #require(portfolio.projects["XM-TEST-2"])
        #expect(project.start?.description == "2008-01-01" && project.end == nil)
        #expect(project.regions.map(\.rawValue) == ["KG"] && project.regionShares.isEmpty)
        #expect(project.budget == nil)
        #expect(portfolio.participations(of: project.id).map { "\($0.partner) \($0.role.rawValue) \($0.amount?.description ?? "-")" }.sorted()
            == ["FUNDER-2 funder 5 EUR", "XM-ORG implementer -"])
        #expect(portfolio.outcomes.count == 2)
        #expect(portfolio.measurements(of: OutcomeID(project: project.id, key: "1")).map(\.value) == [2])
    }
}

