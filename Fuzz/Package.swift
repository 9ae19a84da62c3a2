// swift-tools-version: 5.4
// libFuzzer targets for FieldKit: build and run them with scripts/fuzz, which passes
// -sanitize=fuzzer (and address) and -enable-testing to every module.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM links an executable with
// `--defsym main=<module>_main`, a symbol these targets do not have, since libFuzzer brings
// `main` itself. (The targets therefore compile in the Swift 5 language mode.)
import PackageDescription

// The fuzz entry point is LLVMFuzzerTestOneInput; libFuzzer brings main.
let entryPoint: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "FieldKitFuzz",
    dependencies: [.package(name: "FieldKit", path: "..")],
    targets: [
        // What the targets share: the Osh scenario and a guard for paths.
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "FieldKit", package: "FieldKit"), .product(name: "FieldScript", package: "FieldKit")]
        ),
        // Lexer, statement stream and parser (internal: @testable import, so -enable-testing).
        .executableTarget(
            name: "fuzz-lexer", dependencies: [.product(name: "FieldScript", package: "FieldKit")],
            path: "Sources/FuzzLexer", swiftSettings: entryPoint),
        // The interpreter on an in-memory Osh portfolio, as a script and as REPL input.
        .executableTarget(
            name: "fuzz-interpreter",
            dependencies: ["FuzzSupport", .product(name: "FieldKit", package: "FieldKit"), .product(name: "FieldScript", package: "FieldKit")],
            path: "Sources/FuzzInterpreter", swiftSettings: entryPoint),
        // Store survives: statements on a real SQLite store, which must then reopen and pass .check.
        .executableTarget(
            name: "fuzz-store",
            dependencies: [
                "FuzzSupport", .product(name: "FieldKit", package: "FieldKit"),
                .product(name: "FieldKitStore", package: "FieldKit"), .product(name: "FieldScript", package: "FieldKit"),
            ],
            path: "Sources/FuzzStore", swiftSettings: entryPoint),
        // The CSV reader and the CSV imports, on the Osh portfolio.
        .executableTarget(
            name: "fuzz-csv",
            dependencies: ["FuzzSupport", .product(name: "FieldKit", package: "FieldKit"), .product(name: "FieldKitInterchange", package: "FieldKit")],
            path: "Sources/FuzzCSV", swiftSettings: entryPoint),
        // The JSON reader and the portfolio import, with the round trip.
        .executableTarget(
            name: "fuzz-json",
            dependencies: ["FuzzSupport", .product(name: "FieldKit", package: "FieldKit"), .product(name: "FieldKitInterchange", package: "FieldKit")],
            path: "Sources/FuzzJSON", swiftSettings: entryPoint),
        // The IATI reader and import, and the export of what it imported.
        .executableTarget(
            name: "fuzz-iati",
            dependencies: ["FuzzSupport", .product(name: "FieldKit", package: "FieldKit"), .product(name: "FieldKitInterchange", package: "FieldKit")],
            path: "Sources/FuzzIATI", swiftSettings: entryPoint),
    ]
)
