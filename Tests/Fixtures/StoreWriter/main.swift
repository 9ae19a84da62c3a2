// A second process for the multi-process store tests.
//
//   StoreWriter PATH|URL ACTOR COUNT
//
// Opens the store at PATH (or on the server at a postgresql:// URL) and, COUNT times, commits one statement in its own write
// transaction: a new partner ACTOR-i, and a record of 1 on TIP-2007/groups when that
// outcome exists. Exits 0 when all COUNT commits succeeded.
import FieldKit
import FieldKitPostgres
import FieldKitStore
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: StoreWriter PATH ACTOR COUNT\n".utf8))
    exit(2)
}
let actor = arguments[2]
do {
    let store: any PortfolioWriter =
        PostgresLocation.isURL(arguments[1]) ? try PostgresStore(try PostgresLocation(arguments[1])) : try SQLiteStore(path: arguments[1])
    let outcome = OutcomeID(project: "TIP-2007", key: "groups")
    for index in 0..<count {
        try store.write { batch in
            var changes: [Change] = [.addPartner(Partner(id: PartnerID("\(actor)-\(index)"), name: "\(actor) \(index)"))]
            if batch.portfolio.outcomes[outcome] != nil {
                changes.append(.record(OutcomeRecord(outcome: outcome, date: try Day(parsing: "2007-10-01"), value: 1, source: actor)))
            }
            try batch.commit(JournalDraft(actor: actor, origin: "writer:\(index)", statement: "write \(index)", changes: changes))
        }
    }
} catch {
    FileHandle.standardError.write(Data("StoreWriter: \(error)\n".utf8))
    exit(1)
}
