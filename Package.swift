// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "pm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pm", targets: ["pm"]),
        .library(name: "PMCore", targets: ["PMCore"]),
        .library(name: "PMCommands", targets: ["PMCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev): the only Markdown parser pm uses.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The model, the parser and every report: all logic lives here.
        .target(
            name: "PMCore",
            dependencies: ["CCmark", .product(name: "Yams", package: "Yams"), .product(name: "Mustache", package: "swift-mustache")],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // The `pm` subcommands: argument parsing and output formatting over PMCore.
        .target(
            name: "PMCommands",
            dependencies: ["PMCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "pm", dependencies: ["PMCommands"]),
        // Build-time tool: compiles Templates/ into the binary so an installed pm needs no files beside it.
        .executableTarget(name: "EmbedResources", path: "Sources/EmbedResources"),
        .plugin(
            name: "EmbedResourcesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        .testTarget(name: "PMCoreTests", dependencies: ["PMCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PMCommandsTests", dependencies: ["PMCommands", "PMCore"], exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// The parser's fuzz target exists only when asked for, because it links with libFuzzer, which brings its
// own `main` (see "Fuzzing" in the README):
//   PM_FUZZ=1 swift build -c release --product pm-fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
if ProcessInfo.processInfo.environment["PM_FUZZ"] != nil {
    package.products.append(.executable(name: "pm-fuzz", targets: ["pm-fuzz"]))
    package.targets.append(.executableTarget(name: "pm-fuzz", dependencies: ["PMCore"], path: "Fuzz/pm-fuzz"))
}
