// swift-tools-version: 6.0
import PackageDescription

/// Built-in analytics plugins. Each lives in Sources/Plugins/<Name>/ and depends on Core alone; its
/// tests live in Tests/<Name>Tests/ (the test target is made from this list too).
/// regctl's plugin registry (Sources/regctl/BuiltInPlugins.swift) must list the same names;
/// a test fails when this list, that file and the folders disagree.
let builtInPlugins = [
    "Ranking",
    "Growth",
    "Eligibility",
    "Transfers",
    "Incubators",
    "Profile",
    "Changes",
]

/// A module's words, one JSON file per language in its Messages/ folder, embedded in the binary as
/// `PackageResources.en_json` and `PackageResources.zh_json` (no resource bundle to install next to
/// regctl); docs/architecture.md, "Words".
let messageCatalogue: [Resource] = [.embedInCode("Messages/en.json"), .embedInCode("Messages/zh.json")]

let package = Package(
    name: "regctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "regctl", targets: ["regctl"]),
        .executable(name: "regctl-gen", targets: ["regctl-gen"]),
        .library(name: "Core", targets: ["Core"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            path: "Sources/CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libpq, for the PostgreSQL backend (docs/postgres.md says why libpq and not postgres-nio),
        // loaded with dlopen by the first PostgreSQL connection (Sources/CLibPQ/include/libpq_lazy.h).
        .target(name: "CLibPQ", path: "Sources/CLibPQ", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "Core",
            dependencies: [
                "CLibXML2",
                "CLibCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/Core",
            resources: messageCatalogue
        ),
        // The PostgreSQL backend: the same RegistryStore, for registries shared by many users.
        .target(name: "PostgresRegistry", dependencies: ["Core", "CLibPQ"], path: "Sources/PostgresRegistry"),
        .executableTarget(
            name: "regctl",
            dependencies: [
                "Core",
                "PostgresRegistry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ] + builtInPlugins.map { .target(name: $0) },
            path: "Sources/regctl",
            resources: messageCatalogue
        ),
        // Deterministic generator of large synthetic filings, for benchmarks/ (docs/benchmarks.md).
        .executableTarget(
            name: "regctl-gen",
            dependencies: [
                "Core",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/regctl-gen"
        ),
        // Fuzzing harnesses (scripts/fuzz, docs/reliability.md); a plain build replays inputs instead.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        // Inline registries for the plugins' tests.
        .target(name: "RegistryTesting", dependencies: ["Core", "PostgresRegistry"], path: "Sources/RegistryTesting"),
        .executableTarget(name: "FuzzXML", dependencies: ["Core", "FuzzSupport"], path: "Sources/FuzzXML"),
        .executableTarget(name: "FuzzCSV", dependencies: ["Core", "FuzzSupport"], path: "Sources/FuzzCSV"),
        .executableTarget(name: "FuzzUSCC", dependencies: ["Core", "FuzzSupport"], path: "Sources/FuzzUSCC"),
        .executableTarget(name: "FuzzXLSX", dependencies: ["Core", "FuzzSupport"], path: "Sources/FuzzXLSX"),
        .testTarget(
            name: "CoreTests",
            dependencies: ["Core", "RegistryTesting", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/CoreTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RegCtlTests",
            dependencies: ["Core", "PostgresRegistry", "RegistryTesting", "regctl", "regctl-gen"] + builtInPlugins.map { .target(name: $0) },
            path: "Tests/RegCtlTests",
            resources: [.copy("Fixtures")]
        ),
    ] + builtInPlugins.flatMap { name -> [Target] in
        [
            .target(name: name, dependencies: ["Core"], path: "Sources/Plugins/\(name)", resources: messageCatalogue),
            // Every plugin has its own tests, in Tests/<Name>Tests.
            .testTarget(name: "\(name)Tests", dependencies: ["Core", .target(name: name), "RegistryTesting"], path: "Tests/\(name)Tests"),
        ]
    },
    swiftLanguageModes: [.v6]
)
