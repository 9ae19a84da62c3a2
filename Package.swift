// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "FieldKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "FieldKit", targets: ["FieldKit"]),
        .library(name: "FieldKitStore", targets: ["FieldKitStore"]),
        .library(name: "FieldScript", targets: ["FieldScript"]),
        .library(name: "FieldKitInterchange", targets: ["FieldKitInterchange"]),
        .library(name: "FieldKitPostgres", targets: ["FieldKitPostgres"]),
        .library(name: "LineEditor", targets: ["LineEditor"]),
        .executable(name: "fieldkit", targets: ["fieldkit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation`: the DocC catalogs, checked in scripts/test.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The shared store: PostgreSQL's wire protocol, with TLS (NIOSSL) and a logger it wants.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "FieldKit"),
        .target(
            name: "FieldKitStore",
            dependencies: [
                "FieldKit", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the statements a write runs many thousand times.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The field's formats (FieldKit's own JSON so far), on the domain alone: no store, no language.
        .target(name: "FieldKitInterchange", dependencies: ["FieldKit"]),
        .target(name: "FieldScript", dependencies: ["FieldKit", "FieldKitInterchange"]),
        // The shared store of several offices, on a PostgreSQL server: the SQLite store's tables,
        // statements and journal (FieldKitStore), over postgres-nio.
        .target(
            name: "FieldKitPostgres",
            dependencies: [
                "FieldKit", "FieldKitStore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
            ]),
        // libedit, through a tiny shim of static inline wrappers for its variadic calls.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        .executableTarget(
            name: "fieldkit",
            dependencies: [
                "FieldKit", "FieldKitStore", "FieldKitPostgres", "FieldScript", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Osh scenario of --demo, compiled in so the binary needs no file beside it;
            // scripts/examples/osh-2007.fk links to it.
            resources: [.embedInCode("Resources/osh-2007.fk")]
        ),
        // The Osh scenario of DESIGN.md, built through the public API, shared by the test targets.
        .target(name: "FieldKitFixtures", dependencies: ["FieldKit"], path: "Tests/Fixtures/Scenario"),
        .testTarget(name: "FieldKitTests", dependencies: ["FieldKit", "FieldKitFixtures"]),
        .testTarget(
            name: "FieldKitStoreTests",
            dependencies: [
                "FieldKit", "FieldKitStore", "FieldKitFixtures", "StoreWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "FieldKitInterchangeTests", dependencies: ["FieldKit", "FieldKitInterchange", "FieldKitFixtures"]),
        .testTarget(name: "EmbeddingTests", dependencies: ["FieldKit", "FieldKitStore", "FieldScript", "FieldKitInterchange"]),
        .testTarget(name: "FieldScriptTests", dependencies: ["FieldKit", "FieldScript", "FieldKitInterchange", "FieldKitFixtures"]),
        // Runs the built fieldkit binary as a user would: arguments, exit codes, streams.
        // The bad-input corpus is read from the source tree (BadInputCorpusTests), not bundled.
        .testTarget(name: "fieldkitTests", dependencies: ["fieldkit", "FieldKitFixtures"], exclude: ["BadInput", "Golden"]),
        // The REPL on a real pseudo-terminal: keys in, screen out.
        .testTarget(name: "REPLTests", dependencies: ["fieldkit", "FieldKitFixtures"]),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"]),
        // Against the private cluster scripts/test starts ($FIELDKIT_TEST_POSTGRES).
        // The same store behaviour on both engines (StoreEngineTests), with StoreWriter as a second process.
        .testTarget(
            name: "FieldKitPostgresTests",
            dependencies: [
                "FieldKit", "FieldKitStore", "FieldKitPostgres", "FieldKitFixtures", "StoreWriter",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        // A fixture process for the multi-process store tests: it opens a store and commits changes.
        .executableTarget(
            name: "StoreWriter",
            dependencies: ["FieldKit", "FieldKitStore", "FieldKitPostgres"],
            path: "Tests/Fixtures/StoreWriter"
        ),
    ],
    swiftLanguageModes: [.v6]
)
