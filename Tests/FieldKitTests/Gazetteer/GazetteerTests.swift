import Foundation
import Testing

@testable import FieldKit

@Suite("Gazetteer")
struct GazetteerTests {
    let gazetteer: Gazetteer

    init() throws { gazetteer = try Gazetteer.system.get() }

    @Test func batkenIsAProvinceOfKyrgyzstan() throws {
        let batken = try #require(gazetteer.entry(for: "KG-B"))
        #expect(batken.code == "KG-B")
        #expect(batken.name == "Batken")
        #expect(batken.level == .province)
        #expect(batken.parent == "KG")
        #expect(batken.type == "Region")
    }

    @Test func oshCityIsACity() throws {
        let osh = try #require(gazetteer.entry(for: "KG-GO"))
        #expect(osh.level == .city)
        #expect(osh.parent == "KG")
        #expect(try #require(gazetteer.entry(for: "KG-GB")).level == .city)
    }

    @Test func countriesHaveNoParent() throws {
        let kyrgyzstan = try #require(gazetteer.entry(for: "KG"))
        #expect(kyrgyzstan.level == .country)
        #expect(kyrgyzstan.parent == nil)
        #expect(kyrgyzstan.type == nil)
        #expect(kyrgyzstan.name == "Kyrgyzstan")
    }

    @Test func looksCodesUpCaseInsensitively() {
        #expect(gazetteer.entry(for: "kg-b") == gazetteer.entry(for: "KG-B"))
        #expect(gazetteer.entry(for: "kg")?.code == "KG")
    }

    @Test(arguments: ["KG-O", "KG-J", "KG-B", "UZ-AN", "UZ-FA", "UZ-NG", "TJ-SU"])
    func theFerghanaValleyProvincesAreListed(_ code: String) throws {
        let entry = try #require(gazetteer.entry(for: code))
        #expect(entry.level == .province)
        #expect(entry.parent == String(code.prefix(2)))
    }

    @Test func unknownCodesAreNil() {
        #expect(gazetteer.entry(for: "KG-ZZ") == nil)
        #expect(gazetteer.entry(for: "ferghana-valley") == nil)
        #expect(gazetteer.entry(for: "") == nil)
    }

    @Test func knowsCurrencies() {
        #expect(gazetteer.isCurrency("EUR"))
        #expect(gazetteer.isCurrency("KGS"))
        #expect(gazetteer.isCurrency("USD"))
        #expect(!gazetteer.isCurrency("XYZ"))
        #expect(!gazetteer.isCurrency("eur"))
    }

    @Test func listsEveryCode() {
        #expect(gazetteer.codes.contains("KG-B"))
        #expect(gazetteer.codes.contains("FR"))
        #expect(gazetteer.codes.count > 5_000)
    }

    @Test func aRegionFromAnEntry() throws {
        let region = Region(try #require(gazetteer.entry(for: "KG-B")))
        #expect(region.id == "KG-B")
        #expect(region.name == "Batken")
        #expect(region.level == .province)
        #expect(region.parent == "KG")
        #expect(region.includes.isEmpty)
    }

    @Test func aMissingDirectoryThrowsAnErrorThatSaysWhatToInstall() {
        let error = #expect(throws: GazetteerError.self) {
            try Gazetteer(directory: URL(fileURLWithPath: "/nonexistent"))
        }
        #expect(error?.description.contains("iso-codes") == true)
        #expect(error?.path.hasPrefix("/nonexistent") == true)
    }

    @Test func aFileThatIsNotISOCodesJSONThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("iso_3166-1.json", #"{"something": []}"#)
        let error = #expect(throws: GazetteerError.self) { try Gazetteer(directory: directory.url) }
        #expect(error?.description.contains("iso-codes") == true)
        #expect(error?.description.contains("3166-1") == true)
    }

    @Test func readsSmallDataAndNestsSubdivisions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("iso_3166-1.json", #"{"3166-1": [{"alpha_2": "AZ", "name": "Azerbaijan"}]}"#)
        try directory.write(
            "iso_3166-2.json",
            #"""
            {"3166-2": [
                {"code": "AZ-NX", "name": "Naxçıvan", "type": "Autonomous republic"},
                {"code": "AZ-SAD", "name": "Sədərək", "type": "Rayon", "parent": "NX"},
                {"code": "AZ-BA", "name": "Bakı", "type": "Municipality"},
                {"code": "AZ-NV", "name": "Naxçıvan", "type": "Municipality", "parent": "NX"}
            ]}
            """#)
        try directory.write("iso_4217.json", #"{"4217": [{"alpha_3": "AZN", "name": "Azerbaijan Manat"}]}"#)
        let small = try Gazetteer(directory: directory.url)
        #expect(small.directory == directory.url)
        #expect(small.entry(for: "AZ")?.level == .country)
        #expect(small.entry(for: "AZ-NX")?.level == .province)
        #expect(small.entry(for: "AZ-NX")?.parent == "AZ")
        #expect(small.entry(for: "AZ-SAD")?.level == .district)
        #expect(small.entry(for: "AZ-SAD")?.parent == "AZ-NX")
        #expect(small.entry(for: "AZ-BA")?.level == .city)
        #expect(small.entry(for: "AZ-NV")?.level == .district)
        #expect(small.isCurrency("AZN"))
        #expect(!small.isCurrency("EUR"))
        #expect(small.codes.count == 5)
    }

    @Test(arguments: [
        ("Region", false, RegionLevel.province), ("City", false, .city), ("Capital city", false, .city),
        ("District", false, .district), ("Rayon", false, .district), ("County", false, .district),
        ("Municipality", false, .city), ("Municipality", true, .district), ("Province", true, .district),
        ("Autonomous republic", false, .province),
    ])
    func mapsISOTypesToLevels(_ type: String, _ nested: Bool, _ level: RegionLevel) {
        #expect(Gazetteer.level(ofType: type, nested: nested) == level)
    }
}

/// A folder under the system's temporary directory, removed by the test that made it.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

@Suite struct CurrencyScanTests {
    @Test func theDirectScanFindsWhatTheFullParseFinds() throws {
        let gazetteer = try Gazetteer.system.get()
        let data = try Data(contentsOf: Gazetteer.defaultDirectory.appendingPathComponent("iso_4217.json"))
        let scanned = try #require(Gazetteer.alpha3Codes(in: data))
        #expect(scanned.count > 150)
        #expect(scanned.allSatisfy(gazetteer.isCurrency))
        #expect(try Gazetteer.currencies.get() == scanned)
    }

    @Test func anythingUnexpectedIsLeftToTheFullParse() {
        #expect(Gazetteer.alpha3Codes(in: Data(#"{"4217": [{"alpha_3": 978}]}"#.utf8)) == nil)
        #expect(Gazetteer.alpha3Codes(in: Data(#"{"4217": [{"alpha_3": "E\"R"}]}"#.utf8)) == nil)
        #expect(Gazetteer.alpha3Codes(in: Data(#"{"4217": [{"alpha_3" : "EUR", "name": "Euro"}, {"alpha_3":"KGS"}]}"#.utf8)) == ["EUR", "KGS"])
        #expect(Gazetteer.alpha3Codes(in: Data("[]".utf8)) == [])
    }
}
