// swift-tools-version: 6.0
import PackageDescription

// Not part of regctl's build: benchmarks/catalogue/run builds it on demand. It keeps the measurement
// behind Core's hand-written catalogue reader (Sources/Core/Messages/Catalogue+JSON.swift).
let package = Package(
    name: "catalogue-bench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "regctl", path: "../..")],
    targets: [
        .executableTarget(name: "catalogue-bench", dependencies: [.product(name: "Core", package: "regctl")]),
    ]
)
