import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace
import Testing

@Suite(.cleansUpTemporaryFiles) struct TemplateCommandTests {
    static let teamTemplate = """
        ---
        name: six-questions
        version: 2
        description: Our take on the evolved template.
        questions:
          - key: summary
            heading: TL;DR
            aliases: [Summary]
          - key: impact
            heading: Blast radius
          - key: actions
            heading: Follow-ups
        ---

        ## TL;DR

        <!-- one line -->

        ## Blast radius

        _Who and how many?_

        ## Follow-ups

        <!-- - [ ] … -->
        """

    @Test func listShowsOriginQuestionsAndTheDefault() {
        let run = pm(["template", "list"], environment: ["NO_COLOR": "1"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("TEMPLATE         ORIGIN    QUESTIONS  DEFAULT  DESCRIPTION") == true)
        #expect(lines.contains { $0.hasPrefix("six-questions@2  built-in  9          default  The evolved template") })
        #expect(lines.contains { $0.hasPrefix("six-questions@1  built-in  7                   The six questions") })
        #expect(lines.count == 6)
        let json = pm(["template", "list", "--format", "json"])
        #expect(json.stdout.contains("\"default\" : true"))
    }

    @Test func showPrintsQuestionsOrTheScaffold() throws {
        let run = pm(["template", "show", "six-questions@1"])
        #expect(run.status == 0)
        #expect(
            run.stdout.hasPrefix(
                "six-questions@1 (built-in)\nThe six questions of the first blameless postmortems, then the action "
                    + "items.\n"
            ))
        #expect(run.stdout.contains("faster-response  What could we do to find and fix the issue faster?"))
        let newest = pm(["template", "show", "six-questions"])
        #expect(newest.stdout.hasPrefix("six-questions@2 (built-in, default)"))
        let scaffold = pm(["template", "show", "google-sre", "--scaffold"])
        #expect(scaffold.stdout == TemplateCatalog.builtIn.template(TemplateReference("google-sre@1")!)!.scaffold)
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(pm(["template", "show", "pagerduty@1", "--format", "json"]).stdout.utf8)) as? [String: Any])
        #expect((json["questions"] as? [[String: Any]])?.first?["heading"] as? String == "Overview")
        let unknown = pm(["template", "show", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no template named nope"))
    }

    @Test func aTeamTemplateOverridesABuiltInAndIsUsedByNew() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(Self.teamTemplate, to: "postmortems/templates/six-questions@2.md", in: root)
        let list = pm(["template", "list"], in: root.path)
        #expect(
            list.stdout.contains(
                "six-questions@2  team (postmortems/templates/six-questions@2.md)  3          default  Our take"))
        let new = pm(["new", "Queue stuck", "--date", "2020-01-01"], in: root.path)
        #expect(new.status == 0)
        let text = try String(
            contentsOf: root.appendingPathComponent("postmortems/2020-01-01-queue-stuck.md"), encoding: .utf8)
        #expect(
            text.hasSuffix(
                "# Queue stuck\n\n## TL;DR\n\n<!-- one line -->\n\n## Blast radius\n\n_Who and how many?_\n\n## "
                    + "Follow-ups\n\n<!-- - [ ] … -->\n"
            ))
        // The team's placeholder is not an answer, and its wording of a question is read as its key.
        let show = try #require(
            try JSONSerialization.jsonObject(
                with: Data(pm(["show", "2020", "--format", "json"], in: root.path).stdout.utf8)) as? [String: Any])
        let sections = try #require(show["sections"] as? [[String: Any]])
        #expect(sections.map { $0["key"] as? String } == ["summary", "impact", "actions"])
        #expect(sections.allSatisfy { $0["answered"] as? Bool == false })
    }

    @Test func theConfigMakesATeamTemplateTheDefault() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            Self.teamTemplate.replacingOccurrences(
                of: "name: six-questions\nversion: 2", with: "name: ours\nversion: 1"),
            to: "postmortems/templates/ours.md", in: root)
        try write("template: ours@1\n", to: "postmortems/pm.yml", in: root)
        #expect(
            pm(["template", "list"], in: root.path).stdout.contains(
                "ours@1           team (postmortems/templates/ours.md)  3          default"))
        #expect(pm(["new", "X", "--date", "2020-01-01"], in: root.path).status == 0)
        #expect(
            try String(contentsOf: root.appendingPathComponent("postmortems/2020-01-01-x.md"), encoding: .utf8)
                .contains("template: ours@1\n"))
    }

    @Test func aMalformedTeamTemplateIsReportedAndBreaksNothingElse() throws {
        let root = try ReportCommandTests.repository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\nname: broken\nversion: two\nquestions: []\n---\n", to: "postmortems/templates/broken.md", in: root)
        let list = pm(["template", "list"], in: root.path)
        #expect(list.status == 1)
        #expect(
            list.stderr
                == "postmortems/templates/broken.md:3: error: template error: `version:` is missing or not a positive "
                + "whole number\n"
        )
        let actions = pm(["actions"], in: root.path)
        #expect(actions.status == 0)
        #expect(actions.stderr == "")
        #expect(
            pm(["new", "Y", "--template", "broken@1"], in: root.path).stderr.contains(
                "postmortems/templates/broken.md:3: error"))
    }

    @Test func upgradeDryRunPrintsADiffAndWritesNothing() throws {
        let root = try ActionEditTests.repository()
        defer { TemporaryFiles.remove(root) }
        let before = try ActionEditTests.bytes(ActionEditTests.messenger, in: root)
        let run = pm(["template", "upgrade", "2019-02-14", "--dry-run"], in: root.path)
        #expect(run.status == 0)
        #expect(
            run.stdout.hasPrefix(
                "--- a/postmortems/2019-02-14-messenger-replies-stopped.md\n+++ "
                    + "b/postmortems/2019-02-14-messenger-replies-stopped.md\n@@ -3,7 +3,7 @@\n"
            ))
        #expect(run.stdout.contains("\n-template: six-questions@1\n+template: six-questions@2\n"))
        #expect(run.stdout.contains("\n-## What went wrong?\n+## Summary\n"))
        #expect(try ActionEditTests.bytes(ActionEditTests.messenger, in: root) == before)
    }

    @Test func upgradeWritesAndSaysWhatItDid() throws {
        let root = try ActionEditTests.repository()
        defer { TemporaryFiles.remove(root) }
        let run = pm(["template", "upgrade", "2019-02-14", "2019-03"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.split(separator: "\n").first.map(String.init)
                == "postmortems/2019-02-14-messenger-replies-stopped.md: six-questions@1 → six-questions@2 "
                + "(sections: 5 renamed; 3 added; 1 kept after: What could we do to find and fix the issue faster?)"
        )
        #expect(
            pm(["lint", "postmortems/2019-02-14-messenger-replies-stopped.md"], in: root.path).stdout.contains(
                "[unanswered]"))
        // Already there is nothing to do, and nothing to do is success.
        let again = pm(["template", "upgrade", "2019-02-14"], in: root.path)
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty)
        #expect(
            again.stdout
                == "postmortems/2019-02-14-messenger-replies-stopped.md: already on six-questions@2; nothing to do\n")
        let dryRun = pm(["template", "upgrade", "2019-02-14", "--dry-run"], in: root.path)
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.isEmpty, "a dry run prints only a diff, and there is none")
        #expect(dryRun.stderr.hasSuffix("already on six-questions@2; nothing to do\n"))
        let back = pm(["template", "upgrade", "2019-02-14", "--to", "six-questions@1"], in: root.path)
        #expect(back.status == 0)
        #expect(pm(["template", "upgrade", "2019-02-14", "--to", "nope@1"], in: root.path).status == 2)
    }

    @Test func upgradeRefusesWhatPMsFormatWouldNoLongerRead() throws {
        // What lint's foreign-format note suggests must not make pm stop reading the file's actions and date.
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let foreign = """
            # Checkout errors

            **Date:** March 3, 2024
            **Severity:** High

            ## Impact

            Checkout failed for a third of users for 40 minutes.

            ## Follow-up tasks

            | Action | Owner | Status |
            |---|---|---|
            | Add an alert on checkout errors | Priya | Done |
            | Load-test the payment gateway | Tomás | Open |

            """
        try write(foreign, to: "postmortems/checkout-errors.md", in: root)
        #expect(
            pm(["actions", "--format", "json"], in: root.path).stdout.contains("Load-test the payment gateway"))
        let run = pm(["template", "upgrade", "checkout-errors"], in: root.path)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "postmortems/checkout-errors.md: once in pm's format, pm would no longer read 2 action items, the "
                    + "severity ("), "\(run.stderr)")
        #expect(
            try String(contentsOf: root.appendingPathComponent("postmortems/checkout-errors.md"), encoding: .utf8)
                == foreign)
    }

    @Test func plainListActionsCannotBeTicked() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("# T\n\n## Action items\n\n- Add an alert @sam\n", to: "postmortems/2020-01-01-t.md", in: root)
        let token = ActionID.derivedToken(forText: "Add an alert")
        let run = pm(["action", "done", "2020/\(token)"], in: root.path)
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "pm: error: postmortems/2020-01-01-t.md:5: action 2020-01-01-t/\(token) is a plain list item with "
                + "no "
                + "checkbox to tick; write it as a task item (- [ ] …) first\n"
        )
    }
}

@Suite(.cleansUpTemporaryFiles) struct TemplateReviewTests {
    @Test func addingToAPlainListKeepsItPlain() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "# T\n\n## Action items\n\n- Add an alert @sam\n  - sub step\n", to: "postmortems/2020-01-01-t.md", in: root
        )
        let run = pm(
            ["action", "add", "2020", "Write a runbook", "--owner", "jo", "--due", "2020-02-01"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            maskingIDs(
                try String(contentsOf: root.appendingPathComponent("postmortems/2020-01-01-t.md"), encoding: .utf8))
                == "# T\n\n## Action items\n\n- Add an alert @sam\n  - sub step\n"
                + "- Write a runbook @jo due:2020-02-01 <!-- id:TOKEN -->\n"
        )
        #expect(pm(["actions", "--format", "csv"], in: root.path).stdout.split(separator: "\r\n").count == 3)
    }

    @Test func twoTeamTemplatesWithOneNameAndVersionAreReported() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let template =
            "---\nname: ours\nversion: 1\nquestions:\n  - key: summary\n    heading: Summary\n---\n\n## Summary\n"
        try write(template, to: "postmortems/templates/ours.md", in: root)
        try write(template, to: "postmortems/templates/ours-copy.md", in: root)
        let run = pm(["template", "list"], in: root.path)
        #expect(
            run.stderr
                == "postmortems/templates/ours.md:1: warning: ours@1 is also declared in "
                + "postmortems/templates/ours-copy.md; pm uses this one, remove or renumber the other\n"
        )
    }

    @Test func newWritesMultiLinePlaceholdersWhole() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\nname: ours\nversion: 1\nquestions:\n  - key: summary\n    heading: Summary\n  - key: actions\n    "
                + "heading: To do\n---\n\n## Summary\n\n<!-- guidance\nline two -->\n\n## To do\n\n<!-- - [ ] -->\n",
            to: "postmortems/templates/ours.md", in: root)
        #expect(pm(["new", "X", "--template", "ours@1", "--date", "2020-01-01"], in: root.path).status == 0)
        let show = try #require(
            try JSONSerialization.jsonObject(
                with: Data(pm(["show", "2020", "--format", "json"], in: root.path).stdout.utf8)) as? [String: Any])
        #expect((show["sections"] as? [[String: Any]])?.map { $0["heading"] as? String } == ["Summary", "To do"])
    }
}
