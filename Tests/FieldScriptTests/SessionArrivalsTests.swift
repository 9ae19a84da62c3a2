import FieldKit
import Foundation
import Testing

@testable import FieldScript

@Suite struct SessionArrivalsTests {
    func entry(_ sequence: Int64, by actor: String) -> JournalEntry {
        JournalEntry(sequence: sequence, time: Date(), actor: actor, origin: "-c", statement: "add partner p\(sequence)", changes: [])
    }

    @Test func oneLineSaysWhatArrivedAndFromWhom() {
        #expect(Session.arrivals([]) == nil)
        #expect(Session.arrivals([entry(4, by: "bishkek-office")]) == "1 change by bishkek-office since your last statement")
        #expect(Session.arrivals((4...6).map { entry($0, by: "bishkek-office") }) == "3 changes by bishkek-office since your last statement")
        let mixed = [entry(4, by: "dushanbe-office"), entry(5, by: "bishkek-office"), entry(6, by: "dushanbe-office")]
        #expect(Session.arrivals(mixed) == "3 changes since your last statement: 2 by dushanbe-office, 1 by bishkek-office")
    }
}
