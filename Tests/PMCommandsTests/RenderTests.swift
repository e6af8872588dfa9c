import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace
import Testing

@Suite(.cleansUpTemporaryFiles) struct RenderTests {
    static func render(
        _ arguments: [String] = [], dir: String = "postmortems", in folder: URL, cwd: String = packageRoot.path
    ) -> Run {
        pm(["render", "--dir", dir, "--out", folder.path] + arguments, in: cwd)
    }

    static func files(in folder: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files[path] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
            }
        }
        return files
    }

    @Test func aRenderHoldsTheManifestLockAndALeftoverLockStopsIt() throws {
        let out = try temporaryRepository()
        defer { TemporaryFiles.remove(out) }
        let lock = out.appendingPathComponent(".pm-site.json.lock")
        try Data("pid: 1\nhost: elsewhere\nsince: 2020-01-01T10:00:00Z\ncommand: pm render\n".utf8).write(to: lock)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: lock.path)
        let refused = Self.render(in: out)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("/.pm-site.json is locked by "), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
        try FileManager.default.removeItem(at: lock)
        #expect(Self.render(in: out).status == 0)
        #expect(!FileManager.default.fileExists(atPath: lock.path), "the render released its lock")
    }

    @Test func everyPageTypeMatchesItsGoldenFile() throws {
        let out = try temporaryRepository()
        defer { TemporaryFiles.remove(out) }
        let run = Self.render(in: out)
        #expect(run.status == 0, "\(run.stderr)")
        let names = try Self.files(in: out).keys.sorted()
        #expect(
            names == [
                ".pm-site.json", "actions.html", "incidents/2019-02-14-messenger-replies-stopped.html",
                "incidents/2019-03-07-migration-blocked-outage.html",
                "incidents/2021-06-09-bank-sync-sidekiq-backlog.html",
                "incidents/2023-11-28-duplicate-savings-reminders.html",
                "incidents/2026-08-17-insights-slow-after-index-drop.html",
                "incidents/2026-10-23-advance-disbursements-failed.html", "index.html", "search-actions.js",
                "search-index.js", "search.js", "stats.html", "style.css",
            ])
        for page in [
            "index.html", "actions.html", "stats.html", "incidents/2026-08-17-insights-slow-after-index-drop.html",
            "incidents/2026-10-23-advance-disbursements-failed.html", "search-index.js", "search-actions.js",
        ] {
            expectGolden(
                try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8),
                "site/" + page.replacingOccurrences(of: "incidents/", with: "incident-"))
        }
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let first = try temporaryRepository()
        let second = try temporaryRepository()
        defer {
            TemporaryFiles.remove(first)
            TemporaryFiles.remove(second)
        }
        #expect(Self.render(in: first).status == 0)
        #expect(Self.render(in: second).status == 0)
        #expect(try Self.files(in: first) == Self.files(in: second))
        #expect(
            !(try String(contentsOf: first.appendingPathComponent("index.html"), encoding: .utf8)).contains("generated")
        )
        #expect(Self.render(["--stamp"], in: second).stdout.contains("written"))
        #expect(
            try String(contentsOf: second.appendingPathComponent("index.html"), encoding: .utf8).contains(
                "· generated 2026-11-21T00:00:00Z ·"))
    }

    @Test func searchFindsTheImpactAndCauseAFileStatesInLabels() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "# Ledger export stalled\n\n**Date:** 4 May 2025\n\n**Impact**: Downtime for thirty hours.\n\n"
                + "**Root cause**: An unbounded zookeeper session.\n\n## Timeline\n\n- 10:00 alert\n",
            to: "postmortems/ledger-export.md", in: root)
        let out = root.appendingPathComponent("site")
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        let index = try String(contentsOf: out.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(index.contains("thirty"))
        #expect(index.contains("zookeeper"))
    }

    @Test func reRendersRewriteOnlyWhatChanged() throws {
        let root = try ActionEditTests.repository()
        defer { TemporaryFiles.remove(root) }
        let out = root.appendingPathComponent("site")
        #expect(Self.render(in: out, cwd: root.path).stdout.hasPrefix("site: 13 files written, 0 pages unchanged"))
        #expect(Self.render(in: out, cwd: root.path).stdout.hasPrefix("site: 0 files written, 6 pages unchanged"))
        // One action ticked: its page and the pages that list actions change, nothing else.
        let before = try Self.files(in: out)
        #expect(pm(["action", "done", "2026-08-17/zn4d8"], in: root.path).status == 0)
        #expect(Self.render(in: out, cwd: root.path).stdout.hasPrefix("site: 6 files written, 5 pages unchanged"))
        let after = try Self.files(in: out)
        #expect(
            Set(after.keys.filter { after[$0] != before[$0] }) == [
                "incidents/2026-08-17-insights-slow-after-index-drop.html", "index.html", "actions.html", "stats.html",
                "search-index.js", "search-actions.js", ".pm-site.json",
            ])
        // A postmortem removed: its page goes too, and the page that listed it as a related incident changes.
        try FileManager.default.removeItem(
            at: root.appendingPathComponent("postmortems/2019-03-07-migration-blocked-outage.md"))
        let removed = Self.render(in: out, cwd: root.path)
        #expect(removed.stdout.hasPrefix("site: 6 files written, 4 pages unchanged, 1 removed"))
        #expect(
            !FileManager.default.fileExists(
                atPath: out.appendingPathComponent("incidents/2019-03-07-migration-blocked-outage.html").path))
        // A new day moves the overdue counts: pages with overdue actions (here all five) and the listings change.
        let nextDay = pm(
            ["render", "--dir", "postmortems", "--out", out.path], in: root.path,
            environment: ["PM_TODAY": "2026-11-22"])
        #expect(nextDay.stdout.hasPrefix("site: 10 files written, 0 pages unchanged"))
        try write(
            "---\ntitle: Calm\ndate: 2026-11-01\n---\n\n## Action items\n\n- [ ] Later @li due:2030-01-01\n",
            to: "postmortems/2026-11-01-calm.md", in: root)
        let added = pm(
            ["render", "--dir", "postmortems", "--out", out.path], in: root.path,
            environment: ["PM_TODAY": "2026-11-22"])
        #expect(added.stdout.hasPrefix("site: 6 files written, 5 pages unchanged"))
        let twoDaysOn = pm(
            ["render", "--dir", "postmortems", "--out", out.path], in: root.path,
            environment: ["PM_TODAY": "2026-11-23"])
        #expect(
            twoDaysOn.stdout.hasPrefix("site: 10 files written, 1 page unchanged"),
            "the page without overdue actions stays")
        // --clean writes everything again, and a file pm did not write is left alone.
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect(
            Self.render(["--clean"], in: out, cwd: root.path).stdout.hasPrefix(
                "site: 13 files written, 0 pages unchanged; open"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
    }

    @Test func aTeamLayoutReplacesPmsOwn() throws {
        let root = try ActionEditTests.repository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "{{<layout}}{{$content}}<h1>Our "
                + "incidents</h1><ul>{{#incidents}}<li>{{title}}</li>{{/incidents}}</ul>{{/content}}{{/layout}}",
            to: "postmortems/templates/site/index.mustache", in: root)
        try write("body { color: teal; }\n", to: "postmortems/templates/site/style.css", in: root)
        let out = root.appendingPathComponent("site")
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<h1>Our incidents</h1><ul><li>Cash advance payouts failed"))
        #expect(index.contains("<nav aria-label=\"Site\">"), "the layout is still pm's")
        #expect(
            try String(contentsOf: out.appendingPathComponent("style.css"), encoding: .utf8)
                == "body { color: teal; }\n")
        try write("{{#unclosed}}", to: "postmortems/templates/site/stats.mustache", in: root)
        let broken = Self.render(in: out, cwd: root.path)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("postmortems/templates/site/stats.mustache: the page layout cannot be read"))
    }

    @Test func hostilePostmortemsRenderNoActiveMarkup() throws {
        let out = try temporaryRepository()
        defer { TemporaryFiles.remove(out) }
        let run = Self.render(dir: "Tests/PMCommandsTests/Fixtures/hostile", in: out)
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try Self.files(in: out).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count == 5)
        for (name, bytes) in pages {
            // The listing pages load pm's own scripts (search), and nothing else may.
            var html = String(decoding: bytes, as: UTF8.self)
            for script in ["search-index.js", "search-actions.js", "search.js"] {
                html = html.replacingOccurrences(of: "<script src=\"\(script)\" defer></script>", with: "")
            }
            #expect(html.range(of: "<script", options: .caseInsensitive) == nil, "\(name) has a script element")
            #expect(
                html.range(
                    of: #"<(iframe|object|embed|svg onload|img src=x)"#,
                    options: [.regularExpression, .caseInsensitive]) == nil, "\(name)")
            #expect(
                html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil,
                "\(name) has an event-handler attribute")
            #expect(
                html.range(
                    of: #"<[^>]*\s(href|src)\s*=\s*"?\s*(javascript|vbscript|data):"#,
                    options: [.regularExpression, .caseInsensitive]) == nil, "\(name) has an active link")
            #expect(
                html.range(of: #"<[^>]*\sautofocus"#, options: [.regularExpression, .caseInsensitive]) == nil, "\(name)"
            )
        }
        let table = String(decoding: pages["incidents/2026-01-02-quotes.html"]!, as: UTF8.self)
        #expect(table.contains("<th align=\"center\">Note</th>"), "a pipe table is a table")
        #expect(table.contains("<td align=\"center\"><code>&lt;b&gt;</code> and <strong>bold</strong><br />next</td>"))
        let page = String(decoding: pages["incidents/2026-01-01-script-title.html"]!, as: UTF8.self)
        #expect(
            page.contains(
                "&lt;/script&gt;&lt;script&gt;document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)"
                    + "&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"
            ))
        #expect(
            page.contains("<span class=\"badge severity-other\">&lt;script&gt;"),
            "an unknown severity is text in a neutral badge")
        #expect(
            page.contains(
                "href=\"https://example.com/&quot;onmouseover=&quot;"
                    + "document.body.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)\""
            ))
    }

    @Test func bodiesShowHeadingAnchorsAndTheActionsOnceAsATable() throws {
        let out = try temporaryRepository()
        defer { TemporaryFiles.remove(out) }
        #expect(Self.render(in: out).status == 0)
        let page = try String(
            contentsOf: out.appendingPathComponent("incidents/2019-02-14-messenger-replies-stopped.html"),
            encoding: .utf8)
        #expect(!page.contains("type=\"checkbox\""), "the action items are not listed again as a checklist")
        #expect(!page.contains("@priya due:"), "no raw tokens")
        #expect(page.contains("<tr id=\"action-u25rs\" class=\"open overdue\">"))
        #expect(
            page.contains(
                "<td class=\"text\" data-label=\"Action\">Move the production token to a Business Manager system "
                    + "user</td>"))
        #expect(page.components(separatedBy: "<table class=\"actions incident-actions\">").count == 2)
        #expect(
            page.contains(
                "<h2><a class=\"anchor\" id=\"what-went-wrong\" href=\"#what-went-wrong\" "
                    + "aria-hidden=\"true\">#</a>What went wrong?</h2>"
            ))
        #expect(page.components(separatedBy: "<h1>").count == 2, "one h1: the title, not repeated from the body")
    }

    /// The site shows what breaks a review policy (the evaluation `pm lint` uses), and nothing without one.
    @Test func pagesShowWhatBreaksAReviewPolicy() throws {
        let root = try temporaryRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let late = """
            ---
            title: Checkout down
            date: 2026-11-01
            severity: critical
            status: draft
            template: six-questions@2
            ---

            ## Summary

            Checkout returned errors.

            ## Action items

            - [ ] Alert on the checkout error rate #detect
            - [ ] Write the runbook @jo due:2026-11-20 #process
            """
        try write(late, to: "postmortems/2026-11-01-checkout-down.md", in: root)
        let out = root.appendingPathComponent("site")
        // Without policies: no breach anywhere.
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        var page = try String(
            contentsOf: out.appendingPathComponent("incidents/2026-11-01-checkout-down.html"), encoding: .utf8)
        #expect(!page.contains("banner-policy") && !page.contains("breaks policy"))
        var index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!index.contains("policy-breach"))

        try write("policies: default\n", to: "postmortems/pm.yml", in: root)
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        page = try String(
            contentsOf: out.appendingPathComponent("incidents/2026-11-01-checkout-down.html"), encoding: .utf8)
        #expect(
            page.contains("<div class=\"banner banner-policy\" role=\"note\"><strong>Breaks a review policy.</strong>"))
        #expect(page.contains("<li>review overdue by 13 days: a critical postmortem is due in review within 7 days"))
        #expect(page.contains("<li>no facilitator: a critical postmortem needs one</li>"))
        #expect(page.contains("breaks policy: no owner, no due date</li>"), "an action's breaches on one line")
        #expect(page.contains("<strong class=\"late policy\">breaks policy: no owner, no due date</strong>"))
        index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(
            index.contains(
                "<strong class=\"policy-breach\">review overdue by 13 days, no facilitator, 1 priority action breaks "
                    + "policy</strong>"))
        let actions = try String(contentsOf: out.appendingPathComponent("actions.html"), encoding: .utf8)
        #expect(actions.contains("breaks policy: no owner, no due date"))

        // In review, with a facilitator and the action owned and due in time: quiet again.
        try write(
            late.replacingOccurrences(of: "status: draft", with: "status: in-review\nfacilitator: sam")
                .replacingOccurrences(of: "rate #detect", with: "rate @sam due:2026-11-25 #detect"),
            to: "postmortems/2026-11-01-checkout-down.md", in: root)
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        page = try String(
            contentsOf: out.appendingPathComponent("incidents/2026-11-01-checkout-down.html"), encoding: .utf8)
        #expect(!page.contains("banner-policy") && !page.contains("breaks policy"))
    }

    @Test func actionTextKeepsItsMarkdownAndTaskListsElsewhereKeepTheirCheckboxes() throws {
        let root = try temporaryRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(
            """
            ---
            title: Markdown in actions
            date: 2026-01-05
            status: draft
            template: six-questions@2
            ---

            ## Timeline

            - [x] Paged the on-call

            ## Action items

            Agreed at the meeting:

            - [ ] Rotate the `@bot` token, see [the runbook](https://wiki.example.com/rb) *soon* @sam \
            due:2026-02-01 #prevent PAY-812
              - [x] Nested: write **the script** @jo
              - a detail that stays with its action
            - [ ] Plain <script>alert(1)</script> text @li

            Notes after the list.
            """, to: "postmortems/2026-01-05-markdown.md", in: root)
        try write("tickets: {PAY: \"https://jira.example.com/browse/{}\"}\n", to: "postmortems/pm.yml", in: root)
        let out = root.appendingPathComponent("site")
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        let page = try String(
            contentsOf: out.appendingPathComponent("incidents/2026-01-05-markdown.html"), encoding: .utf8)
        #expect(page.contains("<li><input type=\"checkbox\" checked disabled> Paged the on-call"))
        #expect(
            page.contains(
                "<p>Rotate the <code>@bot</code> token, see <a href=\"https://wiki.example.com/rb\">the runbook</a> "
                    + "<em>soon</em></p>\n<ul>\n<li>a detail that stays with its action</li>\n</ul></td>"))
        #expect(
            page.contains("<td class=\"text\" data-label=\"Action\">Nested: write <strong>the script</strong></td>"))
        #expect(page.contains("Plain <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> text</td>"))
        #expect(page.contains("<a href=\"https://jira.example.com/browse/PAY-812\" title=\"PAY-812\">PAY-812</a>"))
        #expect(page.contains("<p class=\"banner banner-draft\" role=\"note\"><strong>Draft.</strong>"))
        let before = page.range(of: "Agreed at the meeting")!.lowerBound
        let table = page.range(of: "<table class=\"actions incident-actions\">")!.lowerBound
        let after = page.range(of: "Notes after the list.")!.lowerBound
        #expect(before < table && table < after, "the table stands where the list was")
        #expect(!page.contains("@sam due:"))
        #expect(!page.contains("datetime=\"\""), "no empty dates")
    }

    @Test func listingsSplitIntoPagesAndSearchFindsEveryIncident() throws {
        let root = try temporaryRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        for number in 0..<250 {
            let date = String(format: "2025-%02d-%02d", 1 + number % 12, 1 + number % 28)
            try write(
                """
                ---
                title: Incident \(number)
                date: \(date)
                severity: \(["critical", "high", "low"][number % 3])
                status: published
                services: [svc-\(number % 7)]
                ---

                ## Summary

                Word\(number) happened.

                ## Action items

                - [ ] First action of \(number) @owner\(number % 7) due:2026-01-01
                """, to: "postmortems/\(date)-incident-\(number).md", in: root)
        }
        let out = root.appendingPathComponent("site")
        #expect(Self.render(in: out, cwd: root.path).status == 0)
        let files = try Self.files(in: out)
        #expect(files["pages/incidents-2.html"] != nil && files["pages/incidents-3.html"] != nil)
        #expect(files["pages/incidents-4.html"] == nil)
        #expect(files["pages/actions-3.html"] != nil)
        let index = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(index.components(separatedBy: "<td class=\"date\"").count - 1 == 100, "100 incidents on a page")
        #expect(index.contains("<caption>Incidents 1–100 of 250, newest first</caption>"))
        #expect(index.contains("<a href=\"pages/incidents-2.html\" rel=\"next\">"))
        let second = String(decoding: files["pages/incidents-2.html"]!, as: UTF8.self)
        #expect(second.contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
        #expect(second.contains("<script src=\"../search-index.js\" defer></script>"))
        #expect(second.contains("data-root=\"../\""))
        #expect(second.contains("<a href=\"../incidents/"), "links from the pages folder go up")
        let search = String(decoding: files["search-index.js"]!, as: UTF8.self)
        #expect(search.contains("\"word249\""), "the index has every incident, not one page's")
        let actions = String(decoding: files["pages/actions-2.html"]!, as: UTF8.self)
        #expect(actions.contains("<span class=\"continued\">continued</span>"), "a group going on from the last page")
        // Fewer incidents: the pages no longer needed go.
        for number in 100..<250 {
            let date = String(format: "2025-%02d-%02d", 1 + number % 12, 1 + number % 28)
            try FileManager.default.removeItem(
                at: root.appendingPathComponent("postmortems/\(date)-incident-\(number).md"))
        }
        let fewer = Self.render(in: out, cwd: root.path)
        #expect(fewer.stdout.contains("removed"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("pages/incidents-2.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("pages/actions-2.html").path))
    }
}
