// swift-tools-version: 6.0
import Foundation
import PackageDescription

let package = Package(
    name: "pm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pm", targets: ["pm"]),
        .library(name: "PMDocument", targets: ["PMDocument"]),
        .library(name: "PMWorkspace", targets: ["PMWorkspace"]),
        .library(name: "PMLint", targets: ["PMLint"]),
        .library(name: "PMReports", targets: ["PMReports"]),
        .library(name: "PMCommands", targets: ["PMCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    // The layers, lowest first; each module imports only the ones above it in this list, so the compiler
    // keeps the dependencies running one way: PMDocument ← PMWorkspace ← PMLint, PMReports ← PMCommands ← pm.
    targets: [
        // libcmark from the system (Debian: libcmark-dev): the only Markdown parser pm uses.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Bytes to a parsed document: the model, the cmark adapter, front matter, sections, actions,
        // templates and YAML helpers. No file system, no clock, no output.
        .target(
            name: "PMDocument",
            dependencies: ["CCmark", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // A postmortems directory: finding it, its config, the one loader every command reads through,
        // and file I/O (exclusive create, atomic replace), scaffolding and edits.
        .target(name: "PMWorkspace", dependencies: ["PMDocument", .product(name: "Yams", package: "Yams")]),
        // pm lint: the engine, one type per rule, rule masks for opt-outs, the blameless-language matcher.
        .target(name: "PMLint", dependencies: ["PMDocument", "PMWorkspace", .product(name: "Yams", package: "Yams")]),
        // Queries, records and writers (table, markdown, csv, json, sql) and the static site.
        .target(
            name: "PMReports",
            dependencies: ["PMDocument", "PMWorkspace", .product(name: "Mustache", package: "swift-mustache")],
            plugins: ["EmbedResourcesPlugin"]
        ),
        // The `pm` subcommands: argument parsing, the process context (terminal, colours, clock), printing.
        .target(
            name: "PMCommands",
            dependencies: [
                "PMDocument", "PMWorkspace", "PMLint", "PMReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pm", dependencies: ["PMCommands"]),
        // Build-time tool: compiles Templates/ into the binary so an installed pm needs no files beside it.
        .executableTarget(name: "EmbedResources", path: "Sources/EmbedResources"),
        .plugin(
            name: "EmbedResourcesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        // What both test targets share: temporary folders that each test must clean up.
        .target(name: "PMTestSupport", path: "Tests/PMTestSupport"),
        .testTarget(
            name: "PMLibraryTests",
            dependencies: ["PMDocument", "PMWorkspace", "PMLint", "PMReports", "PMTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PMCommandsTests",
            dependencies: ["PMCommands", "PMDocument", "PMWorkspace", "PMLint", "PMReports", "PMTestSupport"],
            exclude: ["Golden", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The parser's fuzz target exists only when asked for, because it links with libFuzzer, which brings its
// own `main` (see "Fuzzing" in the README):
//   PM_FUZZ=1 swift build -c release --product pm-fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
if ProcessInfo.processInfo.environment["PM_FUZZ"] != nil {
    package.products.append(.executable(name: "pm-fuzz", targets: ["pm-fuzz"]))
    package.targets.append(
        .executableTarget(name: "pm-fuzz", dependencies: ["PMDocument", "PMWorkspace", "PMLint"], path: "Fuzz/pm-fuzz"))
}
