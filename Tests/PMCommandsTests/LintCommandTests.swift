import Foundation
import Testing

@Suite(.cleansUpTemporaryFiles) struct LintCommandTests {
    static let messy = """
        ---
        title: Messy
        date: 2020-01-03
        severity: sev9
        status: in-review
        colour: red
        template: six-questions@2
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
        defer { TemporaryFiles.remove(root) }
        let run = pm(["lint", "--format", format], in: root.path)
        #expect(run.status == 1)
        expectGolden(run.stdout, golden)
    }

    @Test func aYAMLErrorComesFirstWithItsLineAndAHintAndNoNoise() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\ntitle: Outage: the db was down\ndate: 2020-01-01\nseverity: high\nstatus: draft\n"
                + "template: six-questions@2\n---\n\n# Outage\n\n"
                + "## Action items\n\n- [ ] Add an alert\n",
            to: "postmortems/2020-01-01-outage.md", in: root)
        let run = pm(["lint"], in: root.path)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let yamlError: String =
            "postmortems/2020-01-01-outage.md:2:1: error: the front matter is not valid YAML: mapping values "
            + "are not allowed in this context; a value that holds `: ` must be quoted, like title: \"Outage: "
            + "the db was down\" [yaml]"
        #expect(lines.first == yamlError)
        #expect(!run.stdout.contains("[required-field]"), "\(run.stdout)")
        #expect(!run.stdout.contains("[missing-section]"), "\(run.stdout)")
        // What the body says is still checked.
        #expect(lines.dropFirst().allSatisfy { $0.contains("[action-") }, "\(run.stdout)")
        #expect(lines.count == 4)
        let list = pm(["list"], in: root.path)
        #expect(
            list.stderr
                == "postmortems/2020-01-01-outage.md:2: error: the front matter is not valid YAML: mapping values are "
                + "not allowed in this context; a value that holds `: ` must be quoted, like title: \"Outage: the db "
                + "was down\"\n")
    }

    @Test func warningsFailOnlyUnderStrict() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md"),
            encoding: .utf8)
        try write(
            text.replacingOccurrences(of: "facilitator: jo", with: "facilitator: jo\nreviewed: yes"),
            to: "postmortems/2019-02-14-messenger.md", in: root)
        let relaxed = pm(["lint"], in: root.path)
        #expect(relaxed.status == 0)
        #expect(
            relaxed.stdout
                == "postmortems/2019-02-14-messenger.md:14:1: warning: unknown front-matter key `reviewed` "
                + "[unknown-key]\n"
        )
        #expect(pm(["lint", "--strict"], in: root.path).status == 1)
    }

    @Test func pathsNameFilesOrFoldersAndNothingElseIsChecked() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        try write(
            try String(
                contentsOf: packageRoot.appendingPathComponent("postmortems/2019-02-14-messenger-replies-stopped.md"),
                encoding: .utf8),
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
        defer { TemporaryFiles.remove(root) }
        try write(
            "severities: [sev1, sev9]\nlint:\n  rules:\n    blameless: error\n    unknown-key: off\n    action-owner: "
                + "off\n    action-due-invalid: off\n    pipe-table: off\n    action-id: off\n  kinds: [alerting]\n",
            to: "postmortems/pm.yml", in: root)
        let run = pm(["lint"], in: root.path)
        #expect(
            run.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
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

    @Test func listedPhrasesFollowTheTeamsConfig() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "lint:\n  blameless:\n    remove: [lazy]\n    add:\n      - rock star\n    people: [Zed]\n",
            to: "postmortems/pm.yml", in: root)
        let listed = pm(["lint", "--list-phrases"], in: root.path).stdout
        #expect(listed.contains("human error: "))
        #expect(!listed.contains("lazy: "))
        #expect(listed.contains("rock star (pm.yml): "))
    }
}

@Suite(.cleansUpTemporaryFiles) struct LintCommandReviewTests {
    @Test func namedFilesThatAreNotPostmortemsAreLeftOut() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("# About these postmortems\n", to: "postmortems/README.md", in: root)
        let template = try String(
            contentsOf: packageRoot.appendingPathComponent("Templates/six-questions@2.md"), encoding: .utf8)
        try write(
            template.replacingOccurrences(of: "name: six-questions", with: "name: ours"),
            to: "postmortems/templates/ours@2.md", in: root)
        let run = pm(["lint", "--strict", "postmortems/README.md", "postmortems/templates/ours@2.md"], in: root.path)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stderr == "pm lint: 0 files: 0 errors, 0 warnings (strict)\n")
    }

    @Test func everyRuleCanBeSwitchedOffIncludingRead() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("postmortems/2020-01-01-gone.md").path,
            withDestinationPath: "/nonexistent")
        #expect(pm(["lint"], in: root.path).status == 1)
        try write("lint:\n  rules:\n    read: off\n", to: "postmortems/pm.yml", in: root)
        let run = pm(["lint"], in: root.path)
        #expect(run.status == 0)
        #expect(run.stdout == "")
    }

    @Test func teamTemplatesAreUsedByLintAndEdits() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            """
            ---
            name: ours
            version: 1
            questions:
              - key: summary
                heading: What happened
              - key: actions
                heading: Follow-through
            ---

            ## What happened

            <!-- the story -->

            ## Follow-through

            <!-- - [ ] … -->
            """, to: "postmortems/templates/ours@1.md", in: root)
        try write(
            "---\ntitle: T\ndate: 2020-01-02\nseverity: high\nstatus: published\ntemplate: ours@1\n---\n\n# T\n\n## "
                + "What happened\n\nIt broke.\n\n## Follow-through\n\n"
                + "- [ ] Fix it @sam due:2020-02-01 #prevent <!-- id:fixitnow -->\n",
            to: "postmortems/2020-01-02-t.md", in: root)
        let lint = pm(["lint", "--strict"], in: root.path)
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(pm(["action", "done", "2020-01-02-t/fixitnow"], in: root.path).status == 0)
        #expect(
            pm(["action", "add", "2020-01-02-t", "Another", "--owner", "jo", "--due", "2020-03-01"], in: root.path)
                .status == 0)
        let text = try String(contentsOf: root.appendingPathComponent("postmortems/2020-01-02-t.md"), encoding: .utf8)
        #expect(
            maskingIDs(text).hasSuffix(
                "## Follow-through\n\n- [x] Fix it @sam due:2020-02-01 #prevent "
                    + "done:\(testToday) <!-- id:fixitnow -->\n"
                    + "- [ ] Another @jo due:2020-03-01 <!-- id:TOKEN -->\n"))
        #expect(pm(["new", "Second", "--template", "ours@1", "--date", "2020-02-02"], in: root.path).status == 0)
        #expect(
            try String(contentsOf: root.appendingPathComponent("postmortems/2020-02-02-second.md"), encoding: .utf8)
                .contains("## Follow-through"))
    }
}
