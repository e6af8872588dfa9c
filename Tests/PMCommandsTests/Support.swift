import Foundation
import PMCommands
@_exported import PMTestSupport
import Testing

/// The repository's root folder (this file is Tests/PMCommandsTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// What one `pm` run printed and returned.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The fixed "today" of every test, so overdue counts never change.
let testToday = "2026-11-21"

/// Runs `pm ARGUMENTS` in-process with a fixed clock and environment.
func pm(
    _ arguments: [String], in directory: String = packageRoot.path, environment: [String: String] = [:],
    terminalWidth: Int? = nil
) -> Run {
    // The bundled examples are read without git, so their output does not depend on this clone's history.
    let git = directory == packageRoot.path ? ["PM_GIT": "off"] : [:]
    let context = CommandContext(
        environment: ["PM_TODAY": testToday].merging(git) { $1 }.merging(environment) { $1 },
        workingDirectory: directory,
        now: Date(timeIntervalSince1970: 1_795_219_200),  // 2026-11-21T00:00:00Z
        timeZone: TimeZone(identifier: "UTC")!,
        stdoutIsTerminal: terminalWidth != nil,
        terminalWidth: terminalWidth
    )
    let status = PMRunner.run(arguments, context: context)
    return Run(status: status, stdout: context.stdout.text, stderr: context.stderr.text)
}

/// Compares `actual` with Tests/PMCommandsTests/Golden/NAME; `PM_RECORD_GOLDEN=1` rewrites the file instead.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = packageRoot.appendingPathComponent("Tests/PMCommandsTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["PM_RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no golden file \(name); record it with PM_RECORD_GOLDEN=1 Scripts/test", sourceLocation: sourceLocation)
        return
    }
    #expect(
        actual == expected,
        "output differs from Golden/\(name); if the change is intended, re-record with PM_RECORD_GOLDEN=1 Scripts/test",
        sourceLocation: sourceLocation)
}

/// A fresh temporary directory holding a `postmortems/` folder; remove it with `TemporaryFiles.remove` (the
/// suite's `.cleansUpTemporaryFiles` trait checks).
func temporaryRepository(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    try TemporaryFiles.makeFolder(subfolder: "postmortems", sourceLocation: sourceLocation)
}

/// Writes `text` to `path` inside `folder`.
func write(_ text: String, to path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// The built `pm` executable (Scripts/test builds it before running the tests).
let builtExecutable = packageRoot.appendingPathComponent(".build/debug/pm")

/// Runs a program found on PATH and returns its status and output.
func runProgram(_ name: String, _ arguments: [String], input: String? = nil) throws -> Run {
    try StartedProcess(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, input: input).finish()
}

/// A running process whose status and output are collected when it finishes.
struct StartedProcess {
    let process = Process()
    let stdout = Pipe()
    let stderr = Pipe()

    /// Starts `executable` with `arguments` (and `environment`, else this process's), writing `input` to it.
    init(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, input: String? = nil) throws {
        let stdin = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
    }

    /// Waits for the process to end; its status and everything it printed.
    func finish() -> Run {
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}

/// `text` with every id comment pm generates (`<!-- id:` and five letters or digits) written
/// `<!-- id:TOKEN -->`, to compare files whose new ids are random.
func maskingIDs(_ text: String) -> String {
    text.replacing(/<!-- id:[a-z0-9]{5} -->/, with: "<!-- id:TOKEN -->")
}

/// The permanent tokens of the id comments in `text`, in order.
func idTokens(in text: String) -> [String] {
    text.matches(of: /<!-- id:([a-z0-9]+) -->/).map { String($0.output.1) }
}
