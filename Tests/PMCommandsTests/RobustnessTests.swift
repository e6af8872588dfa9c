import Foundation
import PMDocument
import Testing

/// Broken and hostile files: each gets a diagnostic naming it (and its line, where there is one), the
/// other files are still reported, and nothing crashes or hangs.
@Suite(.cleansUpTemporaryFiles, .timeLimit(.minutes(5))) struct RobustnessTests {
    /// File name → content; every file but the good one has something wrong or unusual.
    static let corpus: [(String, [UInt8])] = [
        (
            "2020-01-01-good.md",
            Array(
                ("---\ntitle: Good\ndate: 2020-01-01\nseverity: high\nstatus: draft\n---\n\n## Action items\n\n- [ ] "
                    + "Still listed @sam due:2020-02-01\n").utf8)
        ),
        ("2020-01-02-empty.md", []),
        ("2020-01-03-front-matter-only.md", Array("---\ntitle: Only\n---\n".utf8)),
        ("2020-01-04-unterminated.md", Array("---\ntitle: Open\n\n## Action items\n\n- [ ] Kept @li\n".utf8)),
        ("2020-01-05-list.md", Array("---\n- a\n- b\n---\n".utf8)),
        ("2020-01-06-scalar.md", Array("---\njust words\n---\n".utf8)),
        ("2020-01-07-duplicate-keys.md", Array("---\ntitle: a\ntitle: b\n---\n".utf8)),
        (
            "2020-01-08-wrong-types.md",
            Array("---\ntitle: Types\nseverity: 3\ndate: yesterday\ntemplate: six-questions@2\n---\n\nText.\n".utf8)
        ),
        ("2020-01-09-latin1.md", Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n\nText.\n".utf8)),
        ("2020-01-10-nul.md", Array("# Nul\n\nA\u{0}B\n".utf8)),
        ("2020-01-11-utf16.md", [0xFF, 0xFE] + Array("# Wide".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ("2020-01-12-crlf.md", Array("# CRLF\r\n\r\n## Action items\r\n\r\n- [ ] Windows @jo\r\n".utf8)),
        ("2020-01-13-cr.md", Array("# CR\r\r## Action items\r\r- [ ] Old Mac @jo\r".utf8)),
        (
            "2020-01-14-deep-quote.md",
            Array(("## Action items\n\n" + String(repeating: "> ", count: 10_000) + "- [ ] Deep in quotes @sam\n").utf8)
        ),
        (
            "2020-01-15-deep-list.md",
            Array(("## Action items\n\n" + String(repeating: "- ", count: 10_000) + "[ ] Deep in lists @sam\n").utf8)
        ),
        ("2020-01-16-long-line.md", Array(("## Summary\n\n" + String(repeating: "word ", count: 200_000) + "\n").utf8)),
        ("2020-01-17 it's \"odd\" — ünïcode.md", Array("# Odd name\n\n## Action items\n\n- [ ] Odd @li\n".utf8)),
    ]

    static func repository() throws -> URL {
        let root = try temporaryRepository()
        let folder = root.appendingPathComponent("postmortems")
        for (name, bytes) in corpus { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("2020-02-01-dangling.md").path,
            withDestinationPath: "/nonexistent/file.md")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("2020-02-02-a-directory.md"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("2020-02-02-a-directory.md/loop").path,
            withDestinationPath: folder.path)
        #expect(mkfifo(folder.appendingPathComponent("2020-02-03-fifo.md").path, 0o644) == 0)
        return root
    }

    /// The diagnostic each bad file must get: its path, and `:line` where the problem has one.
    static let expected = [
        "postmortems/2020-01-02-empty.md: warning: the file is empty",
        "postmortems/2020-01-03-front-matter-only.md:4: warning: the file has front matter but nothing below it",
        "postmortems/2020-01-04-unterminated.md:1: error: the front matter opened with --- on line 1 is never closed",
        "postmortems/2020-01-05-list.md:2: error: the front matter is a list",
        "postmortems/2020-01-06-scalar.md:2: error: the front matter is a single value",
        "postmortems/2020-01-07-duplicate-keys.md:3: error: the front matter is not valid YAML: the key `title` "
            + "appears more than once",
        "postmortems/2020-01-08-wrong-types.md:3: error: `severity` must be a severity word",
        "postmortems/2020-01-08-wrong-types.md:4: error: `date: yesterday` is not a date",
        "postmortems/2020-01-09-latin1.md:2:11: warning: the file is not valid UTF-8",
        "postmortems/2020-01-10-nul.md:3: warning: the file contains NUL bytes",
        "postmortems/2020-01-11-utf16.md:1: error: the file is UTF-16",
        "postmortems/2020-02-01-dangling.md: error: cannot read the file: it does not exist",
        "postmortems/2020-02-03-fifo.md: error: cannot read the file: it is not a regular file",
    ]

    @Test(arguments: [
        ["list", "--format", "csv"], ["actions", "--format", "csv"], ["stats", "--format", "json"], ["export"],
        ["lint"],
        ["render", "--out", "site"],
    ])
    func everyCommandNamesEveryBadFileAndReportsTheRest(arguments: [String]) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(arguments, in: root.path)
        #expect(run.status == 1, "errors in some files")
        // lint prints path:line:col: …, with line 1 for findings about the whole file; the others path:line: …
        // or path: ….
        let lines =
            arguments[0] == "lint"
            ? run.stdout.split(separator: "\n").map {
                $0.replacingOccurrences(of: #"^(.*?):(\d+):\d+: "#, with: "$1:$2: ", options: .regularExpression)
            }
            : run.stderr.split(separator: "\n").map(String.init)
        for diagnostic in Self.expected {
            let wholeFile = diagnostic.replacingOccurrences(of: ".md: ", with: ".md:1: ")
            let withoutColumn = diagnostic.replacingOccurrences(of: ":2:11: ", with: ":2: ")
            let found = lines.contains {
                $0.hasPrefix(diagnostic) || $0.hasPrefix(wholeFile) || $0.hasPrefix(withoutColumn)
            }
            #expect(found, "\(arguments[0]) does not report: \(diagnostic)\n\(lines.joined(separator: "\n"))")
        }
        if arguments[0] == "actions" {
            // Items without an id comment: ids derived from their words.
            let ids = run.stdout.split(separator: "\r\n").dropFirst().map {
                String($0.prefix { $0 != "," }).replacing(/\/~[a-z0-9]{5}/, with: "/~")
            }
            #expect(
                Set(ids) == [
                    "2020-01-01-good/~", "2020-01-04-unterminated/~", "2020-01-12-crlf/~", "2020-01-13-cr/~",
                    "2020-01-14-deep-quote/~",
                    "2020-01-15-deep-list/~", "\"2020-01-17 it's \"\"odd\"\" — ünïcode/~\"",
                ])
        }
        if arguments[0] == "list" {
            #expect(run.stdout.contains("2020-01-01-good,Good,"))
            #expect(run.stdout.contains("\"2020-01-17 it's \"\"odd\"\" — ünïcode\",Odd name,"))
        }
    }

    @Test func lineEndingsDoNotChangeTheReading() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let lf = pm(["show", "2020-01-12", "--format", "json"], in: root.path)
        #expect(lf.stdout.contains("\"text\" : \"Windows\""))
        let cr = pm(["show", "2020-01-13", "--format", "json"], in: root.path)
        #expect(cr.status == 0)
        #expect(cr.stdout.contains("\"text\" : \"Old Mac\""))
        #expect(cr.stdout.contains("\"line\" : 5"))
    }

    @Test func aTwentyMegabyteFileIsRead() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        var text = "---\ntitle: Huge\n---\n\n## Summary\n\n"
        let paragraph = "Some text with `code` and *emphasis* about the outage and what we learned from it.\n\n"
        text += String(repeating: paragraph, count: 20 * 1024 * 1024 / paragraph.utf8.count)
        text += "## Action items\n\n- [ ] Read huge files @sam due:2030-01-01\n"
        try write(text, to: "postmortems/2020-01-01-huge.md", in: root)
        let run = pm(["actions", "--format", "csv"], in: root.path)
        #expect(run.status == 0)
        let id = "2020-01-01-huge/\(ActionID.derivedToken(forText: "Read huge files"))"
        #expect(run.stdout.contains("\(id),2020-01-01-huge,1,open,Read huge files,sam,2030-01-01"))
    }
}
