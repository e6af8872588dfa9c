import Foundation
import PMDocument
import Testing

/// Identities that never move: action ids across edits and merges, `pm fix ids`, `pm mv` and its aliases and
/// redirects, page names, short ids.
@Suite(.cleansUpTemporaryFiles) struct IdentityTests {
    static let postmortem = """
        ---
        title: Stripe webhooks dropped
        date: 2026-11-20
        severity: high
        status: published
        ---

        # Stripe webhooks dropped

        ## Action items

        - [ ] Retry failed webhooks @sam due:2026-12-01 #mitigate <!-- id:retry -->
        - [ ] Alert on webhook errors @jo due:2026-12-15 #detect <!-- id:alert -->

        """

    static let path = "postmortems/2026-11-20-stripe-webhook.md"

    static func repository(_ text: String = postmortem) throws -> URL {
        let root = try temporaryRepository()
        try write(text, to: path, in: root)
        return root
    }

    /// What `pm lint` says about ids (action ids, ids and aliases used twice, page names).
    static func idFindings(in root: URL) -> [String] {
        pm(["lint"], in: root.path).stdout.split(separator: "\n").map(String.init).filter {
            $0.hasSuffix("[action-id]") || $0.hasSuffix("[action-id-invalid]") || $0.hasSuffix("[action-id-duplicate]")
                || $0.hasSuffix("[duplicate-id]") || $0.hasSuffix("[page-name]")
        }
    }

    static func text(_ path: String = path, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func anIdTypedFromAnOldTableTicksItsItemAfterAColleagueInsertsOne() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let table = pm(["actions", "--open"], in: root.path).stdout
        #expect(table.contains("2026-11-20/alert  @jo"))
        // A colleague inserts an item at the top and rewords the one we mean.
        try write(
            Self.postmortem.replacingOccurrences(
                of: "## Action items\n\n", with: "## Action items\n\n- [ ] Page the payments team @li\n"
            ).replacingOccurrences(of: "Alert on webhook errors", with: "Alert on webhook failures"),
            to: Self.path, in: root)
        let run = pm(["action", "done", "2026-11-20/alert"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "\(Self.path):14: [x] 2026-11-20-stripe-webhook/alert Alert on webhook failures\n")
        #expect(try Self.text(in: root).contains("- [x] Alert on webhook failures @jo"))
        #expect(try Self.text(in: root).contains("- [ ] Page the payments team @li\n"), "the new item is untouched")
    }

    @Test func aStaleDerivedIdIsRefusedWithTheCandidates() throws {
        let root = try Self.repository(
            "## Action items\n\n- [ ] Retry failed webhooks @sam\n- [ ] Alert on errors @jo\n")
        defer { TemporaryFiles.remove(root) }
        let id = "2026-11-20/\(ActionID.derivedToken(forText: "Alert on errors"))"
        #expect(pm(["actions", "--format", "csv"], in: root.path).stdout.contains("-stripe-webhook/~"))
        try write(
            "## Action items\n\n- [ ] Retry failed webhooks @sam\n- [ ] Alert on all errors @jo\n", to: Self.path,
            in: root)
        let before = try Self.text(in: root)
        for command in [["action", "done", id], ["actions", id], ["show", id]] {
            let run = pm(command, in: root.path)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("(an id derived from an item's words: its words may have changed)"))
            #expect(
                run.stderr.contains(
                    "  2026-11-20-stripe-webhook/\(ActionID.derivedToken(forText: "Alert on all errors"))  "
                        + "[ ] Alert on all errors"
                ))
        }
        #expect(try Self.text(in: root) == before)
    }

    @Test func everyReportTakesIdsOldAndNew() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let one = pm(["actions", "2026-11-20/retry", "--format", "csv"], in: root.path)
        #expect(one.status == 0)
        #expect(
            one.stdout.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) } == [
                "2026-11-20-stripe-webhook/retry"
            ])
        #expect(
            pm(["show", "2026-11-20-stripe-webhook/alert"], in: root.path).stdout.hasPrefix("Stripe webhooks dropped\n")
        )
        let positional = pm(["actions", "2026-11-20/1"], in: root.path)
        #expect(positional.status == 2)
        #expect(positional.stderr.contains("names an action by its position"))
    }

    @Test func fixIdsWritesEveryMissingIdAndNothingElse() throws {
        let text =
            "---\r\ntitle: t\r\ntemplate: six-questions@2\r\n---\r\n\r\n## Action items\r\n\r\n"
            + "- [ ] One @sam due:2026-12-01  \r\n  - [x] Two\r\n"
            + "- [ ] Three <!-- id:keepme -->\r\n- [ ] Four <!-- id:BAD -->\r\n"
        let root = try Self.repository(text)
        defer { TemporaryFiles.remove(root) }
        try write(
            "## Action items\n\n- [ ] Done already <!-- id:abc -->\n", to: "postmortems/2026-01-01-ok.md", in: root)
        let lint = pm(["lint"], in: root.path)
        #expect(lint.stdout.components(separatedBy: "[action-id]").count - 1 == 2)
        #expect(lint.stdout.contains("`<!-- id:BAD -->` is not an action id"))

        let dry = pm(["fix", "ids", "--dry-run"], in: root.path)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("+- [ ] One @sam due:2026-12-01 <!-- id:"))
        #expect(try Self.text(in: root) == text, "--dry-run writes nothing")

        let run = pm(["fix", "ids"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "\(Self.path): 2 ids written\n2 ids written in 1 file; 1 item left: its id comment is not valid\n")
        #expect(run.stderr.contains("\(Self.path):11: warning: left without an id: its id comment is not valid"))
        let after = try Self.text(in: root)
        let tokens = idTokens(in: after)
        #expect(tokens.count == 3 && tokens[2] == "keepme")
        var restored = after
        for token in tokens.prefix(2) {
            restored = restored.replacingOccurrences(of: " <!-- id:\(token) -->", with: "")
        }
        #expect(restored == text, "only the comments were added")
        #expect(pm(["lint"], in: root.path).stdout.components(separatedBy: "[action-id]").count == 1)
        #expect(
            pm(["fix", "ids"], in: root.path).stdout
                == "0 ids written in 0 files; 1 item left: its id comment is not valid\n")
        try write(after.replacingOccurrences(of: "<!-- id:BAD -->", with: "<!-- id:bad -->"), to: Self.path, in: root)
        #expect(pm(["fix", "ids"], in: root.path).stdout == "Every action item has a permanent id.\n")
        #expect(try Self.text(in: root) == after.replacingOccurrences(of: "id:BAD", with: "id:bad"), "nothing else")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("postmortems").path)
                .filter { $0 != ".pm-cache" }.sorted()
                == ["2026-01-01-ok.md", "2026-11-20-stripe-webhook.md"], "no temporary file left")
    }

    @Test func fixIdsRefusesAFileWithACopiedId() throws {
        let text = "## Action items\n\n- [ ] One <!-- id:same -->\n- [ ] Copy <!-- id:same -->\n- [ ] Three\n"
        let root = try Self.repository(text)
        defer { TemporaryFiles.remove(root) }
        let run = pm(["fix", "ids"], in: root.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("the id comment `id:same` is also written on line 4"))
        // Renamed, the file is read from the summary cache (same bytes): nothing names the old incident id.
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("postmortems/2026-11-20-stripe-webhook.md"),
            to: root.appendingPathComponent("postmortems/2026-11-21-webhook-renamed.md"))
        #expect(!pm(["list"], in: root.path).stderr.contains("2026-11-20-stripe-webhook"))
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("postmortems/2026-11-21-webhook-renamed.md"),
            to: root.appendingPathComponent("postmortems/2026-11-20-stripe-webhook.md"))
        #expect(try Self.text(in: root) == text)
        let done = pm(["action", "done", "2026-11-20/same"], in: root.path)
        #expect(done.status == 2)
        #expect(done.stderr.contains("lines 3, 4 all carry the id 2026-11-20-stripe-webhook/same"))
        let lint = pm(["lint"], in: root.path)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("\(Self.path):3:1: error: the id comment `id:same`"))
        #expect(lint.stdout.contains("\(Self.path):4:1: error: the id comment `id:same`"))
    }

    @Test func newAndTemplateUpgradeWriteIds() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            """
            ---
            name: ours
            version: 1
            questions:
              - key: summary
                heading: Summary
              - key: actions
                heading: Action items
            ---

            ## Summary

            <!-- what happened -->

            ## Action items

            - [ ] Schedule the review meeting
            - [ ] Share the postmortem with support
            """, to: "postmortems/templates/ours@1.md", in: root)
        #expect(pm(["new", "Outage", "--template", "ours@1", "--date", "2026-11-01"], in: root.path).status == 0)
        let created = try Self.text("postmortems/2026-11-01-outage.md", in: root)
        #expect(
            maskingIDs(created).hasSuffix(
                "- [ ] Schedule the review meeting <!-- id:TOKEN -->\n"
                    + "- [ ] Share the postmortem with support <!-- id:TOKEN -->\n"
            ))
        #expect(Set(idTokens(in: created)).count == 2)

        try write(
            "---\ntitle: Old\ndate: 2019-01-01\ntemplate: six-questions@1\n---\n\n# Old\n\n## Action items\n\n"
                + "- [ ] Keep me <!-- id:keepme -->\n- [ ] Give me an id @sam\n",
            to: "postmortems/2019-01-01-old.md", in: root)
        let upgrade = pm(["template", "upgrade", "2019-01-01", "--to", "six-questions@2"], in: root.path)
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        let upgraded = try Self.text("postmortems/2019-01-01-old.md", in: root)
        #expect(upgraded.contains("- [ ] Keep me <!-- id:keepme -->\n"))
        #expect(maskingIDs(upgraded).contains("- [ ] Give me an id @sam <!-- id:TOKEN -->\n"))
    }

    @Test func mvRenamesKeepsTheOldIdAndEverythingOldStillResolves() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let old = "2026-11-20-stripe-webhook"
        let new = "2026-11-20-stripe-webhooks-dropped"
        let out = root.appendingPathComponent("site")
        #expect(pm(["render", "--out", out.path], in: root.path).status == 0)
        let before = try Self.text(in: root)
        let database = root.appendingPathComponent("warehouse.db").path
        func load() throws {
            let sql = pm(["export", "--format", "sql"], in: root.path).stdout
            #expect(try runProgram("sqlite3", ["-bail", database], input: sql).status == 0)
        }
        try load()

        let run = pm(["mv", old, new], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "\(Self.path) → postmortems/\(new).md (\(old) kept in aliases:)\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(Self.path).path))
        let moved = try Self.text("postmortems/\(new).md", in: root)
        #expect(
            moved
                == before.replacingOccurrences(
                    of: "status: published\n", with: "status: published\naliases: [\(old)]\n"))

        // Old references: the incident, its actions, prefixes of the old id.
        #expect(pm(["show", old], in: root.path).stdout.contains("\(new)  (postmortems/\(new).md)"))
        #expect(pm(["action", "done", "\(old)/retry"], in: root.path).stdout.contains("[x] \(new)/retry"))
        #expect(pm(["actions", old, "--format", "csv"], in: root.path).stdout.contains("\(new)/alert,\(new),"))
        #expect(Self.idFindings(in: root) == [])
        // The warehouse: the rows move to the new id; none is left under the old one.
        try load()
        #expect(
            try runProgram(
                "sqlite3", [database, "SELECT id FROM pm_incidents; SELECT id FROM pm_actions ORDER BY id;"]
            )
            .stdout == "\(new)\n\(new)/alert\n\(new)/retry\n")

        // The site: the new page, and a page at the old URL that sends readers there.
        #expect(pm(["render", "--out", out.path], in: root.path).status == 0)
        let redirect = try String(contentsOf: out.appendingPathComponent("incidents/\(old).html"), encoding: .utf8)
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(new).html\">"))
        #expect(redirect.contains("<a href=\"\(new).html\">Stripe webhooks dropped</a>"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("incidents/\(new).html").path))

        // Refusals change nothing; moving back drops the alias it goes back to.
        try write("## Action items\n", to: "postmortems/2026-11-21-other.md", in: root)
        for (arguments, message) in [
            ([new, "2026-11-21-other"], "2026-11-21-other already names postmortems/2026-11-21-other.md"),
            (["2026-11-21-other", old], "\(old) already names postmortems/\(new).md"),
            ([new, new], "already named"), ([new, "sub/x"], "names a folder"),
            (["2026-11-21-other", "2026-11-20-Stripe-Webhooks-Dropped"], "its site page"),
        ] {
            let refused = pm(["mv"] + arguments, in: root.path)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        #expect(pm(["mv", old, "\(old).md"], in: root.path).status == 0)
        #expect(try Self.text(in: root).contains("aliases: [\(new)]\n"))
    }

    @Test func aSecondIncidentWithASimilarTitleLeavesTheFirstOnesPageAlone() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let first = "2026-11-20-payments-webhooks-from-the-provider-were-dropped-during-the-deploy-window"
        try write("# First\n", to: "postmortems/\(first).md", in: root)
        let out = root.appendingPathComponent("site")
        #expect(pm(["render", "--out", out.path], in: root.path).status == 0)
        let page = try String(contentsOf: out.appendingPathComponent("incidents/\(first).html"), encoding: .utf8)
        // Same first sixty characters, sorting before the first one.
        try write(
            "# Second\n",
            to: "postmortems/2026-11-20-payments-webhooks-from-the-provider-were-dropped-during-a-deploy.md", in: root)
        #expect(pm(["render", "--out", out.path], in: root.path).status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("incidents/\(first).html"), encoding: .utf8) == page)
    }

    @Test func idsThatSlugAlikeAreALintErrorAndShareNoPage() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("# A\n", to: "postmortems/Q3 review - API latency.md", in: root)
        try write("# B\n", to: "postmortems/q3-review-api-latency.md", in: root)
        let lint = pm(["lint"], in: root.path)
        #expect(lint.status == 1)
        #expect(lint.stdout.components(separatedBy: "[page-name]").count - 1 == 2)
        let out = root.appendingPathComponent("site")
        let render = pm(["render", "--out", out.path], in: root.path)
        #expect(render.status == 1)
        let pages = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("incidents").path)
        #expect(pages.count == 2 && !pages.contains("q3-review-api-latency.html"))
    }

    /// Two branches each add actions to one postmortem with `pm action add`; after `git merge` (with git's
    /// union driver, or resolving the conflict by keeping both sides), every id is distinct and as printed.
    @Test(
        .enabled(if: (try? runProgram("git", ["--version"]).status) == 0, "needs git"),
        arguments: [true, false])
    func branchesThatEachAddActionsMergeWithDistinctUnchangedIds(unionDriver: Bool) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        func git(_ arguments: String...) throws -> Run {
            try runProgram(
                "git", ["-C", root.path, "-c", "user.name=pm", "-c", "user.email=pm@example.com"] + arguments)
        }
        if unionDriver { try write("postmortems/*.md merge=union\n", to: ".gitattributes", in: root) }
        #expect(try git("init", "-q", "-b", "main").status == 0)
        #expect(try git("add", ".").status == 0)
        #expect(try git("commit", "-qm", "base").status == 0)
        func add(_ text: String) -> String {
            let run = pm(["action", "add", "2026-11-20", text, "--owner", "sam", "--due", "2030-01-01"], in: root.path)
            #expect(run.status == 0, "\(run.stderr)")
            return String(run.stdout.split(separator: " ")[3])  // path:line: [ ] ID TEXT
        }
        #expect(try git("checkout", "-qb", "left").status == 0)
        let left = [add("Rotate the signing secret"), add("Document the replay tool")]
        #expect(try git("commit", "-qam", "left").status == 0)
        #expect(try git("checkout", "-q", "main").status == 0)
        #expect(try git("checkout", "-qb", "right").status == 0)
        let right = [add("Rotate the signing secret")]  // the same words, on the other branch
        #expect(try git("commit", "-qam", "right").status == 0)
        #expect(try git("checkout", "-q", "main").status == 0)
        #expect(try git("merge", "-q", "left").status == 0)
        let merge = try git("merge", "-q", "right", "-m", "merge right")
        if unionDriver {
            #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        } else {
            // Both sides appended to the list: resolve by keeping both, as a reviewer would.
            #expect(merge.status != 0)
            let conflicted = try Self.text(in: root)
            let resolved = conflicted.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !($0.hasPrefix("<<<<<<<") || $0.hasPrefix("=======") || $0.hasPrefix(">>>>>>>"))
            }.joined(separator: "\n")
            try write(resolved, to: Self.path, in: root)
            #expect(try git("commit", "-qam", "merge right").status == 0)
        }
        let ids = pm(["actions", "--format", "csv"], in: root.path).stdout.split(separator: "\r\n").dropFirst().map {
            String($0.prefix { $0 != "," })
        }
        let expected = ["retry", "alert"].map { "2026-11-20-stripe-webhook/\($0)" } + left + right
        #expect(Set(ids) == Set(expected) && ids.count == 5, "\(ids)")
        #expect(Self.idFindings(in: root) == [])
        for id in left + right {
            #expect(pm(["action", "done", id], in: root.path).status == 0, "\(id) names its own item")
        }
    }
}
