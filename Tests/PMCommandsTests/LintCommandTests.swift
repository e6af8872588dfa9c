import Foundation
import Testing

@Suite struct LintCommandTests {
    static let messy = """
        ---
        title: Messy
        date: 2020-01-03
        severity: sev9
        status: in-review
        colour: red
        ---

        # Messy

        ## Summary

        The on-call engineer was careless, but it was not the disk's fault tolerance.

        | time | event |
        |------|-------|

        ## Action items

        - [ ] Add an alert due:someday #alerting

        """

    static func repository() throws -> URL {
        let root = try temporaryRepository()
        try write(messy, to: "postmortems/2020-01-02-messy.md", in: root)
        return root
    }

    @Test func theBundledPostmortemsPassStrict() {
        let run = pm(["lint", "--strict"])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == "")
        #expect(run.stderr == "pm lint: 6 files: 0 errors, 0 warnings (strict)\n")
    }

    @Test(arguments: [("text", "lint-messy.txt"), ("json", "lint-messy.json"), ("github", "lint-messy.github.txt")])
    func formats(format: String, golden: String) throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = pm(["lint", "--format", format], in: root.path)
        #expect(run.status == 1)
        expectGolden(run.stdout, golden)
    }

    @Test func warningsFailOnlyUnderStrict() throws {
        let root = try temporaryRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try String(contentsOf: packageRoot.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md"), encoding: .utf8)
        try write(text.replacingOccurrences(of: "facilitator: jo", with: "facilitator: jo\nreviewed: yes"), to: "postmortems/2019-02-14-messenger.md", in: root)
        let relaxed = pm(["lint"], in: root.path)
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout == "postmortems/2019-02-14-messenger.md:14:1: warning: unknown front-matter key `reviewed` [unknown-key]\n")
        #expect(pm(["lint", "--strict"], in: root.path).status == 1)
    }

    @Test func pathsNameFilesOrFoldersAndNothingElseIsChecked() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(try String(contentsOf: packageRoot.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md"), encoding: .utf8),
                  to: "elsewhere/2019-02-14-messenger-replies-stopped.md", in: root)
        let one = pm(["lint", "elsewhere/2019-02-14-messenger-replies-stopped.md"], in: root.path)
        #expect(one.status == 0)
        #expect(one.stderr == "pm lint: 1 file: 0 errors, 0 warnings\n")
        let folder = pm(["lint", "elsewhere", "postmortems"], in: root.path)
        #expect(folder.stderr.hasPrefix("pm lint: 2 files:"))
        let missing = pm(["lint", "nope.md"], in: root.path)
        #expect(missing.status == 2)
        #expect(missing.stderr == "pm: error: nope.md: no such file or folder\n")
    }

    @Test func theConfigSetsLevels() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("severities: [sev1, sev9]\nlint:\n  rules:\n    blameless: error\n    unknown-key: off\n    action-owner: off\n    action-due-invalid: off\n    pipe-table: off\n  kinds: [alerting]\n",
                  to: "postmortems/pm.yml", in: root)
        let run = pm(["lint"], in: root.path)
        #expect(run.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
                == ["[file-date]", "[blameless]"] + Array(repeating: "[missing-section]", count: 7),
                "\(run.stdout)")
        #expect(run.stdout.contains("error: blaming language: \"careless\""))
    }

    @Test func listsRulesAndPhrases() {
        let rules = pm(["lint", "--list-rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("blameless "))
        #expect(rules.stdout.split(separator: "\n").count >= 20)
        #expect(pm(["lint", "--list-phrases"]).stdout.contains("human error: "))
    }
}
