// Fuzz target 5: the JSON reader and the portfolio import.
//
// Every input reads or is refused at a place inside it; what imports into an empty
// portfolio and applies exports, imports and exports again to the same bytes.
@testable import FieldKitInterchange
@testable import FieldKit
import FuzzSupport
import Foundation

private let osh: Portfolio = FuzzSupport.oshPortfolio

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    func check(_ error: InterchangeError) {
        guard error.line >= 0, error.line <= lines, error.column >= 0 else {
            fatalError("error at \(error.line):\(error.column) outside an input of \(lines) line(s): \(error.message)")
        }
    }
    if let node = try? JSONReader.read(bytes) {
        // What was read writes out and reads back as the same values.
        let text = JSONWriter.write(node)
        guard let again = try? JSONReader.read(Array(text.utf8)), JSONWriter.write(again) == text else {
            fatalError("JSON that was read does not read back after writing")
        }
    }
    for base in [Portfolio(), osh] {
        do {
            let plan = try PortfolioJSON.importing(bytes, into: base, replace: true)
            var portfolio = base
            guard (try? portfolio.apply(all: plan.changes)) != nil else { continue }
            guard portfolio.invariantViolations().isEmpty else { fatalError("an import breaks an invariant") }
            let first = PortfolioJSON.export(portfolio)
            var copy = Portfolio()
            do { try copy.apply(all: try PortfolioJSON.importing(Array(first.utf8), into: Portfolio()).changes) } catch {
                fatalError("an export does not import: \(error)")
            }
            guard copy == portfolio, PortfolioJSON.export(copy) == first else { fatalError("export, import, export differs") }
        } catch let error as InterchangeError { check(error) } catch {}
    }
    return 0
}
