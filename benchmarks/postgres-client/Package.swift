// swift-tools-version: 6.0
// A standalone benchmark: the same COPY FROM STDIN load and the same one-query process, through libpq and
// through postgres-nio, to choose regctl's PostgreSQL client. See README.md; `./run` measures everything.
import PackageDescription

let package = Package(
    name: "postgres-client-bench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "copy-libpq", targets: ["copy-libpq"]),
        .executable(name: "copy-nio", targets: ["copy-nio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        // The same module map as regctl's Sources/CLibPQ.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // CSV -> COPY text format, the file reader, the arguments: shared, and free of both clients.
        .target(name: "CopyText", path: "Sources/CopyText"),
        .executableTarget(name: "copy-libpq", dependencies: ["CopyText", "CLibPQ"], path: "Sources/copy-libpq"),
        .executableTarget(
            name: "copy-nio",
            dependencies: ["CopyText", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Sources/copy-nio"
        ),
    ],
    swiftLanguageModes: [.v6]
)
