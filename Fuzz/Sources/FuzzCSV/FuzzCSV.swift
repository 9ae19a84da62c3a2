// Fuzz target 4: the CSV reader, and the records and entity imports on the Osh portfolio.
//
// Every input either reads, or is refused with an error that points into it (a line of the
// input, a column of that line); a plan that is made applies, or is refused by the domain.
@testable import FieldKitInterchange
@testable import FieldKit
import FuzzSupport
import Foundation

private let osh: Portfolio = FuzzSupport.oshPortfolio

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
    func check(_ error: InterchangeError) {
        guard error.line >= 0, error.line <= lines, error.column >= 0 else {
            fatalError("error at \(error.line):\(error.column) outside an input of \(lines) line(s): \(error.message)")
        }
    }
    var reader = CSVReader(bytes)
    do { while try reader.next() != nil {} } catch { check(error) }
    for replace in [false, true] {
        do {
            let plan = try RecordsCSV.importing(bytes, into: osh, replace: replace)
            var portfolio = osh
            try? portfolio.apply(all: plan.changes)
        } catch { check(error) }
        for kind in EntitiesCSV.Kind.allCases {
            do {
                let plan = try EntitiesCSV.importing(kind, bytes, into: osh, replace: replace)
                guard plan.lines.count == plan.changes.count else { fatalError("a plan without a line for each change") }
                var portfolio = osh
                if (try? portfolio.apply(all: plan.changes)) != nil, !portfolio.invariantViolations().isEmpty {
                    fatalError("an imported \(kind) breaks an invariant: \(portfolio.invariantViolations())")
                }
            } catch { check(error) }
        }
    }
    return 0
}
