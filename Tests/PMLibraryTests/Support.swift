import Foundation
import PMDocument
import PMLint
import PMReports
@_exported import PMTestSupport
import PMWorkspace
import Testing

/// Parses Markdown text as the file `path`.
func parse(_ text: String, path: String = "postmortems/2019-02-14-test.md") -> Postmortem {
    parseBytes(Array(text.utf8), path: path)
}

func parseBytes(_ bytes: [UInt8], path: String = "postmortems/2019-02-14-test.md") -> Postmortem {
    let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    return PostmortemParser().parse(bytes, path: path, id: id)
}

/// The repository's root folder (this file is Tests/PMLibraryTests/Support.swift).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fixture file's text from Tests/PMLibraryTests/Fixtures.
func fixture(_ name: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent("Tests/PMLibraryTests/Fixtures/\(name)"), encoding: .utf8)
}

/// A fresh temporary directory, removed by the caller with `TemporaryFiles.remove` (the suite's
/// `.cleansUpTemporaryFiles` trait checks).
func temporaryDirectory(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    try TemporaryFiles.makeFolder(sourceLocation: sourceLocation)
}
