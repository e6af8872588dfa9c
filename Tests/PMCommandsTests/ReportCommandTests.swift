import Foundation
import PMDocument
import Testing

@Suite(.cleansUpTemporaryFiles) struct ReportCommandTests {
    static let good = """
        ---
        title: Good
        date: 2020-01-02
        severity: high
        status: published
        tags: [db]
        services: [api]
        ---

        ## Action items

        - [ ] Open and overdue @sam due:2020-02-01 #detect <!-- id:g1x -->
        - [ ] Open later @jo due:2030-01-01 #prevent ENG-9 <!-- id:g2x -->
        - [x] Done @sam due:2020-01-05 #mitigate <!-- id:g3x -->

        """

    static let other = """
        ---
        title: Other
        date: 2021-05-05
        severity: low
        status: draft
        ---

        ## Action items

        - [ ] Unowned <!-- id:o1x -->
        """

    static func repository() throws -> URL {
        let root = try temporaryRepository()
        try write(good, to: "postmortems/2020-01-02-good.md", in: root)
        try write(other, to: "postmortems/2021/2021-05-05-other.md", in: root)
        return root
    }

    @Test(arguments: [
        (["actions"], ["good/g1x", "good/g2x", "other/o1x", "good/g3x"]),
        (["actions", "--open"], ["good/g1x", "good/g2x", "other/o1x"]),
        (["actions", "--done"], ["good/g3x"]),
        (["actions", "--overdue"], ["good/g1x"]),
        (["actions", "--owner", "@sam"], ["good/g1x", "good/g3x"]),
        (["actions", "--kind", "#prevent", "--kind", "detect"], ["good/g1x", "good/g2x"]),
        (["actions", "--severity", "low"], ["other/o1x"]),
        (["actions", "--since", "2021-01-01"], ["other/o1x"]),
        (["actions", "--tag", "db", "--open"], ["good/g1x", "good/g2x"]),
    ])
    func actionFilters(arguments: [String], ids: [String]) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(arguments + ["--format", "csv"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(rows == ids.map { $0.hasPrefix("good") ? "2020-01-02-\($0)" : "2021-05-05-\($0)" })
    }

    @Test(arguments: [
        (["list", "--severity", "high"], ["2020-01-02-good"]),
        (["list", "--status", "draft"], ["2021-05-05-other"]),
        (["list", "--since", "2020-06-01"], ["2021-05-05-other"]),
        (["list", "--until", "2020-06-01"], ["2020-01-02-good"]),
        (["list", "--service", "API"], ["2020-01-02-good"]),
        (["list"], ["2021-05-05-other", "2020-01-02-good"]),
    ])
    func listFilters(arguments: [String], ids: [String]) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(arguments + ["--format", "csv"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) } == ids)
    }

    @Test func aBrokenFileIsReportedAndEveryGoodFileIsStillListed() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\ntitle: [broken\n---\n\n## Action items\n\n- [ ] Still read @li\n",
            to: "postmortems/2022-01-01-broken.md", in: root)
        let run = pm(["actions", "--open", "--format", "csv"], in: root.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("postmortems/2022-01-01-broken.md:3: error: the front matter is not valid YAML"))
        #expect(run.stdout.contains("2020-01-02-good/g1x"))
        #expect(run.stdout.contains("2022-01-01-broken/\(ActionID.derivedToken(forText: "Still read"))"))
    }

    @Test func unknownAndAmbiguousIdsAreUsageErrors() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let unknown = pm(["show", "1999"], in: root.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "pm: error: no postmortem matches \"1999\"; run `pm list` to see the ids\n")
        let ambiguous = pm(["show", "202"], in: root.path)
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("\"202\" matches 2 postmortems: 2020-01-02-good, 2021-05-05-other"))
    }

    @Test func usageMistakesExitWithTwo() {
        #expect(pm(["actions", "--open", "--done"]).status == 2)
        #expect(pm(["actions", "--format", "yaml"]).status == 2)
        #expect(pm(["list", "--since", "2021-01-01", "--until", "2020-01-01"]).status == 2)
        #expect(pm(["frobnicate"]).status == 2)
        #expect(pm(["actions"], environment: ["PM_TODAY": "tomorrow"]).status == 2)
    }

    @Test func theDirectoryIsFoundLikeGitFindsItsRepository() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let nested = root.appendingPathComponent("src/deep/er")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        #expect(pm(["list", "--format", "csv"], in: nested.path).stdout.contains("2020-01-02-good"))
        // Inside the postmortems folder itself (it has a pm.yml).
        try write("severities: [high, low]\n", to: "postmortems/pm.yml", in: root)
        #expect(
            pm(["list", "--format", "csv"], in: root.appendingPathComponent("postmortems/2021").path).stdout.contains(
                "2020-01-02-good"))
        // PM_DIR, and --dir over PM_DIR.
        let elsewhere = try temporaryRepository()
        defer { TemporaryFiles.remove(elsewhere) }
        let viaEnvironment = pm(
            ["list", "--format", "csv"], in: elsewhere.path,
            environment: ["PM_DIR": root.appendingPathComponent("postmortems").path])
        #expect(viaEnvironment.stdout.contains("2020-01-02-good"))
        let viaFlag = pm(
            ["list", "--format", "csv", "--dir", "postmortems"], in: elsewhere.path,
            environment: ["PM_DIR": root.appendingPathComponent("postmortems").path])
        #expect(!viaFlag.stdout.contains("2020-01-02-good"))
        #expect(viaFlag.status == 0)
    }

    @Test func noDirectoryAnywhereSaysWhatToDo() throws {
        let bare = try TemporaryFiles.makeFolder()
        defer { TemporaryFiles.remove(bare) }
        let run = pm(["actions"], in: bare.path)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("no postmortems directory found in \(bare.path) or any folder above it; run `pm init`"))
        let missing = pm(["actions", "--dir", "nope"], in: bare.path)
        #expect(missing.stderr.contains("nope: no such directory"))
        #expect(missing.status == run.status, "the same exit status, found by walking up or named by --dir")
        let viaEnvironment = pm(["list"], in: bare.path, environment: ["PM_DIR": bare.appendingPathComponent("x").path])
        #expect(viaEnvironment.status == run.status)
    }

    @Test func templatesNeedNoPostmortemsDirectory() throws {
        let bare = try TemporaryFiles.makeFolder()
        defer { TemporaryFiles.remove(bare) }
        let list = pm(["template", "list"], in: bare.path)
        #expect(list.status == 0, "\(list.stderr)")
        for reference in ["six-questions@1", "six-questions@2", "google-sre@1", "pagerduty@1", "atlassian@1"] {
            #expect(list.stdout.contains(reference))
        }
        let show = pm(["template", "show", "six-questions", "--scaffold"], in: bare.path)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("## Summary"))
        // A directory named and missing is still an error.
        #expect(pm(["template", "list", "--dir", "nope"], in: bare.path).status == 1)
    }

    @Test func noOverdueActionsSaysSoAndSucceeds() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["actions", "--overdue"], in: root.path, environment: ["PM_TODAY": "2020-01-03"])
        #expect(run.status == 0)
        #expect(run.stdout == "No overdue actions.\n")
        let markdown = pm(
            ["actions", "--overdue", "--format", "markdown"], in: root.path, environment: ["PM_TODAY": "2020-01-03"])
        #expect(markdown.stdout.hasPrefix("**Overdue actions** (0, as of 2020-01-03)"))
        #expect(pm(["actions", "--open", "--owner", "nobody"], in: root.path).stdout == "No open actions.\n")
    }

    @Test func markdownKeepsEachItemAsWrittenUnderItsIncidentsTitle() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\ntitle: Cache *stampede* [x]\ndate: 2020-01-01\nseverity: high\nstatus: draft\n"
                + "template: six-questions@2\n---\n\n"
                + "## Action items\n\n"
                + "- [ ] Explain the `@cache-admin due:2099-01-01` tokens @sam due:2030-01-01 <!-- id:cache1 -->\n"
                + "- [ ] Read [the guide](https://wiki.example/cache) and *fix* the\n"
                + "  **TTL** jitter @jo due:2030-02-01 #prevent ENG-7 <!-- id:cache2 -->\n"
                + "- [x] Plain text with a_b and 1 * 2 @li <!-- id:cache3 --> <!-- pm-lint-disable-line -->\n",
            to: "postmortems/2020-01-01-cache.md", in: root)
        let plain = pm(["actions", "--format", "markdown"], in: root.path)
        #expect(plain.status == 0, "\(plain.stderr)")
        let lines = plain.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "- [ ] Explain the `@cache-admin due:2099-01-01` tokens — @sam · due 2030-01-01 · "
                    + "Cache \\*stampede\\* \\[x\\] `2020-01-01-cache/cache1`"), "\(plain.stdout)")
        #expect(
            lines.contains(
                "- [ ] Read [the guide](https://wiki.example/cache) and *fix* the **TTL** jitter — @jo · "
                    + "due 2030-02-01 · #prevent · ENG-7 · Cache \\*stampede\\* \\[x\\] `2020-01-01-cache/cache2`"))
        #expect(
            lines.contains(
                "- [x] Plain text with a_b and 1 * 2 — @li · Cache \\*stampede\\* \\[x\\] "
                    + "`2020-01-01-cache/cache3`"))

        // Linked to the incident's page on the published site: pm.yml's site_url, or --site-url.
        try write("site_url: https://pm.example.com/site/\n", to: "postmortems/pm.yml", in: root)
        let linked = pm(["actions", "--open", "--format", "markdown", "--by", "incident"], in: root.path)
        #expect(
            linked.stdout.contains(
                "\n**[Cache \\*stampede\\* \\[x\\]](https://pm.example.com/site/incidents/2020-01-01-cache.html)** "
                    + "(high) · `2020-01-01-cache`\n\n- [ ] Explain the `@cache-admin due:2099-01-01` tokens — "
                    + "@sam · due 2030-01-01 · `2020-01-01-cache/cache1`\n"), "\(linked.stdout)")
        let flag = pm(
            ["actions", "--open", "--format", "markdown", "--site-url", "https://other.example"], in: root.path)
        #expect(
            flag.stdout.contains(
                " · [Cache \\*stampede\\* \\[x\\]](https://other.example/incidents/2020-01-01-cache.html) `"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        #expect(!pm(["actions", "--open"]).stdout.contains("\u{1B}["))
        #expect(pm(["actions", "--open"], terminalWidth: 200).stdout.contains("\u{1B}[31m"))
        #expect(
            !pm(["actions", "--open"], environment: ["NO_COLOR": "1"], terminalWidth: 200).stdout.contains("\u{1B}["))
    }

    @Test func theTableFitsTheTerminal() {
        let run = pm(["actions", "--open"], environment: ["NO_COLOR": "1"], terminalWidth: 150)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.count <= 150 }, "\(lines.map(\.count))")
        #expect(run.stdout.contains("…"))
    }

    @Test func helpExplainsTheCommands() {
        let help = pm(["--help"])
        #expect(help.status == 0)
        for command in ["init", "new", "list", "show", "actions"] { #expect(help.stdout.contains(command)) }
        #expect(help.stdout.contains("Exit status"))
        let actions = pm(["actions", "--help"])
        #expect(actions.stdout.contains("--overdue"))
        #expect(actions.stdout.contains("--by <grouping>"))
    }

    @Test func theExecutableIsThin() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: builtExecutable.path), "build pm first (Scripts/test does)")
        let process = Process()
        let output = Pipe()
        process.executableURL = builtExecutable
        process.arguments = ["--version"]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == "0.1.0\n")
        let entrypoint = try String(
            contentsOf: packageRoot.appendingPathComponent("Sources/pm/Entrypoint.swift"), encoding: .utf8)
        #expect(entrypoint.split(separator: "\n").count <= 3)
    }
}

@Suite(.cleansUpTemporaryFiles) struct DirectoryWalkTests {
    @Test func brokenLinksAreReportedAndLoopsListedOnce() throws {
        let root = try ReportCommandTests.repository()
        defer { TemporaryFiles.remove(root) }
        let folder = root.appendingPathComponent("postmortems")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("2021/loop").path, withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("2022-02-02-gone.md").path, withDestinationPath: "/nonexistent/x.md")
        try write("# Not a postmortem\n", to: "postmortems/README.md", in: root)
        try write("---\nname: t\n---\n", to: "postmortems/templates/team.md", in: root)
        let run = pm(["list", "--format", "csv"], in: root.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("postmortems/2022-02-02-gone.md: error: cannot read the file"))
        let ids = run.stdout.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(ids == ["2021-05-05-other", "2020-01-02-good"])
    }
}

@Suite(.cleansUpTemporaryFiles) struct ReviewFindingTests {
    @Test func ownersGroupWithoutCase() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "## Action items\n\n- [ ] a @Sam\n- [ ] b @sam\n- [ ] c @sam @SAM\n", to: "postmortems/2020-01-01-x.md",
            in: root)
        let run = pm(["actions", "--by", "owner", "--format", "markdown"], in: root.path)
        #expect(run.stdout.components(separatedBy: "**@").count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("**@Sam**"))
        #expect(run.stdout.components(separatedBy: "- [ ]").count == 4, "each action once in its owner's group")
    }

    @Test func showReportsOnlyItsOwnFileAndTakesAPath() throws {
        let root = try ReportCommandTests.repository()
        defer { TemporaryFiles.remove(root) }
        try write("---\ntitle: [broken\n---\n", to: "postmortems/2022-01-01-broken.md", in: root)
        let run = pm(["show", "postmortems/2020-01-02-good.md"], in: root.path)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.hasPrefix("Good\n"))
        let broken = pm(["show", "2022"], in: root.path)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("postmortems/2022-01-01-broken.md:3: error:"))
    }

    @Test func aMissingDirectoryFailsLikeOneNotFoundByWalkingUp() {
        let run = pm(["list", "--dir", "/nonexistent/postmortems"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/postmortems: no such directory"))
    }

    @Test func tablesShowTheShortestIdThatWorks() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("## Action items\n\n- [ ] a\n", to: "postmortems/2020-01-01-db-down.md", in: root)
        try write("## Action items\n\n- [ ] b\n", to: "postmortems/2020-01-01-db-slow.md", in: root)
        try write("## Action items\n\n- [ ] c\n", to: "postmortems/2020-01-02-api.md", in: root)
        try write("## Action items\n\n- [ ] d\n", to: "postmortems/2020-01-02-api-2.md", in: root)
        let run = pm(["actions", "--open"], in: root.path)
        let ids = run.stdout.split(separator: "\n").dropFirst().prefix(4).map { String($0.split(separator: " ")[0]) }
        let derived = ["a", "b", "c", "d"].map(ActionID.derivedToken(forText:))
        #expect(
            ids == [
                "2020-01-01-db-down/\(derived[0])", "2020-01-01-db-slow/\(derived[1])", "2020-01-02-api/\(derived[2])",
                "2020-01-02-api-2/\(derived[3])",
            ], "two incidents on a day: the short id runs into the slug")
        for id in ids {
            #expect(pm(["action", "done", id], in: root.path).status == 0, "\(id) names its action")
        }
    }
}
