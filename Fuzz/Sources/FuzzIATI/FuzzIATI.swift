// Fuzz target 6: the IATI reader and import, and the export of what it imported.
//
// Every input reads or is refused at a place inside it; every warning points inside it;
// every plan applies to the portfolio it was made for and keeps the invariants; what was
// imported exports, and the export imports again without a refused change and with the
// same projects.
@testable import FieldKitInterchange
@testable import FieldKit
import FuzzSupport
import Foundation

private let osh: Portfolio = FuzzSupport.oshPortfolio
private let gazetteer: Gazetteer? = try? Gazetteer.system.get()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    for base in [Portfolio(), osh] {
        let plan: ImportPlan
        do { plan = try IATI.importing(bytes, into: base, gazetteer: gazetteer) } catch let error as InterchangeError {
            guard error.line >= 1, error.line <= lines, error.column >= 0 else {
                fatalError("error at \(error.line):\(error.column) outside an input of \(lines) line(s): \(error.message)")
            }
            continue
        } catch { fatalError("not an InterchangeError: \(error)") }
        for warning in plan.warnings where warning.line < 1 || warning.line > lines {
            fatalError("warning at line \(warning.line) outside an input of \(lines) line(s): \(warning.message)")
        }
        var portfolio = base
        do { try portfolio.apply(all: plan.changes) } catch { fatalError("a plan does not apply where it was made: \(error)") }
        guard portfolio.invariantViolations().isEmpty else { fatalError("an import breaks an invariant") }
        let (xml, _) = IATI.export(portfolio)
        let again: ImportPlan
        do { again = try IATI.importing(Array(xml.utf8), into: Portfolio(), gazetteer: gazetteer) } catch {
            fatalError("an export does not read back: \(error)")
        }
        if let refused = again.warnings.first(where: { $0.reason == "changes refused by a rule" }) {
            fatalError("an export reads back with a refused change: \(refused.message)")
        }
        var copy = Portfolio()
        do { try copy.apply(all: again.changes) } catch { fatalError("an export's plan does not apply: \(error)") }
        guard Set(copy.projects.keys) == Set(portfolio.projects.keys) else { fatalError("an export reads back other projects") }
    }
    return 0
}
