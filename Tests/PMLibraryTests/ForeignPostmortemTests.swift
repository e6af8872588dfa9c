import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// Postmortems written elsewhere (Google SRE, PagerDuty and Atlassian templates, no front matter),
/// read without any configuration.
@Suite struct ForeignPostmortemTests {
    static func load() throws -> PostmortemSet {
        let folder = packageRoot.appendingPathComponent("Tests/PMLibraryTests/Fixtures/foreign").path
        return try PostmortemSet.load(try PostmortemsDirectory.open(folder, displayBase: folder), displayBase: folder)
    }

    static func postmortem(_ id: String) throws -> Postmortem {
        try #require(try load().postmortems.first { $0.id == id })
    }

    @Test func pagerDutyStyleWithADateLineAndPlainActionItems() throws {
        let postmortem = try Self.postmortem("PM2023-001 - Checkout outage")
        #expect(postmortem.title == "PM2023-001: Checkout requests failed for 25 minutes")
        #expect(postmortem.date == CalendarDate("2023-03-03"), "from the **Date:** line")
        #expect(
            postmortem.sections.map(\.key) == [
                "summary", "what-happened", "root-cause", "resolution", "impact", "people", "timeline", "actions",
            ])
        #expect(
            postmortem.actions.map(\.isDone) == [false, false, false],
            "plain list items under an actions heading are open actions")
        #expect(postmortem.actions.map(\.checkboxOffset) == [nil, nil, nil])
        #expect(postmortem.actions[0].owners == ["tomasz"])
        #expect(postmortem.actions[0].ticket == "OPS-77")
        #expect(postmortem.actions[2].text == "Document the health endpoints in the runbook")
        #expect(postmortem.diagnostics.isEmpty)
    }

    @Test func googleSREStyleWithLevelOneSections() throws {
        let postmortem = try Self.postmortem("2021-07-11-db-failover")
        #expect(postmortem.title == "Database failover took 40 minutes")
        #expect(postmortem.date == CalendarDate("2021-07-11"), "from the file name")
        #expect(
            postmortem.sections.map(\.key) == [
                "summary", "impact", "root-cause", "trigger", "resolution", "detection", "actions", "lessons",
                "timeline",
            ])
        #expect(
            postmortem.section("lessons")?.text.contains("What went well") == true,
            "### subsections stay in their section")
        #expect(postmortem.actions.map(\.isDone) == [true, false])
    }

    @Test func atlassianStyleWithEmojiAndNumberedHeadings() throws {
        let postmortem = try Self.postmortem("atlassian-incident")
        #expect(postmortem.title == "🔥 Search returned stale results")
        #expect(postmortem.date == CalendarDate("2022-09-14"), "from a plain Date: line")
        #expect(
            postmortem.sections.map(\.key) == [
                "summary", "leadup", "fault", "impact", "detection", "response", "resolution", "timeline",
                "five-whys", "root-cause", "lessons", "actions",
            ])
        #expect(postmortem.actions.count == 2)
    }

    @Test func setextHeadingsAndSpacesInTheName() throws {
        let postmortem = try Self.postmortem("Q3 review - API latency")
        #expect(postmortem.title == "API latency review")
        #expect(postmortem.date == nil)
        #expect(postmortem.sections.map(\.key) == ["summary", "actions"])
        #expect(postmortem.actions.map(\.text) == ["Add a latency SLO alert"])
    }

    @Test func filesThatAreNotMarkdownAreSkippedWithANotice() throws {
        let set = try Self.load()
        #expect(set.postmortems.count == 4)
        #expect(set.diagnostics.map { "\($0.severity) \($0.path) \($0.rule)" } == ["note notes.txt not-markdown"])
        #expect(!set.hasErrors)
    }

    @Test(arguments: [
        ("Date: 2023-03-03", "2023-03-03"), ("**Date**: 2023/03/03 10:00 UTC", "2023-03-03"),
        ("Date: March 3, 2023", "2023-03-03"),
        ("date : 3 March 2023", "2023-03-03"), ("Date: Friday, March 3, 2023", "2023-03-03"),
        ("Date: Mar 3 2023", "2023-03-03"),
        ("Updated: 2023-03-03", nil), ("Date: soon", nil),
    ])
    func dateLines(line: String, date: String?) {
        #expect(parse("# T\n\n\(line)\n", path: "x/incident.md").date == date.flatMap { CalendarDate($0) })
    }
}

/// `pm template upgrade` keeps every word.
@Suite struct UpgradeTests {
    static func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }

    static func examples() throws -> [(String, String)] {
        let folders = ["postmortems", "Tests/PMLibraryTests/Fixtures/upgrade"]
        return try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(folder).path).filter
            { $0.hasSuffix(".md") }.sorted()
                .map {
                    ($0, try String(contentsOf: packageRoot.appendingPathComponent("\(folder)/\($0)"), encoding: .utf8))
                }
        }
    }

    @Test(arguments: ["six-questions@1", "six-questions@2", "google-sre@1", "pagerduty@1", "atlassian@1"])
    func everyExampleKeepsEveryWordOnEveryPath(to target: String) throws {
        let template = try #require(TemplateCatalog.builtIn.template(TemplateReference(target)!))
        for (name, text) in try Self.examples() {
            let postmortem = parse(text, path: "postmortems/\(name)")
            guard postmortem.frontMatter.template != template.reference else {
                #expect(throws: UpgradeError.self) {
                    try TemplateUpgrader(target: template).upgrade(Array(text.utf8), postmortem: postmortem)
                }
                continue
            }
            let upgraded = String(
                decoding: try TemplateUpgrader(target: template).upgrade(Array(text.utf8), postmortem: postmortem)
                    .bytes, as: UTF8.self)
            let reread = parse(upgraded, path: "postmortems/\(name)")
            #expect(reread.diagnostics.isEmpty, "\(name) → \(target)")
            #expect(reread.frontMatter.template == template.reference)
            // Every word outside the renamed headings is still there.
            let headings = Set(postmortem.sections.filter { $0.key != nil }.map(\.startLine))
            let bodyWords = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter {
                    !headings.contains($0.offset + 1) && !$0.element.hasPrefix("template:")
                        && !$0.element.allSatisfy({ $0 == "-" || $0 == "=" })
                }
                .flatMap { Self.words(String($0.element)) }
            #expect(TemplateUpgrader.lostWords(from: bodyWords, in: upgraded) == [], "\(name) → \(target)")
            // The target's questions come first, in its order.
            let keys = reread.sections.compactMap(\.key)
            let targetKeys = template.questions.map(\.key)
            #expect(
                Array(keys.filter(targetKeys.contains).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } })
                    == targetKeys, "\(name) → \(target)")
            // The same actions, in the same state.
            #expect(Set(reread.actions.map(\.text)) == Set(postmortem.actions.map(\.text)))
            #expect(reread.actions.filter(\.isDone).count == postmortem.actions.filter(\.isDone).count)
            // Front matter: only the template line changed.
            let front = { (text: String) in
                text.split(separator: "\n").dropFirst().prefix { $0 != "---" }.filter { !$0.hasPrefix("template:") }
            }
            #expect(front(upgraded) == front(text), "\(name) → \(target)")
        }
    }

    @Test func theOddFixtureLandsInTheExpectedShape() throws {
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent(
                "Tests/PMLibraryTests/Fixtures/upgrade/2019-05-05-odd-sections.md"), encoding: .utf8)
        let outcome = try TemplateUpgrader(target: TemplateCatalog.builtIn.defaultTemplate).upgrade(
            Array(text.utf8), postmortem: parse(text))
        let reread = parse(String(decoding: outcome.bytes, as: UTF8.self))
        #expect(
            reread.sections.map(\.heading) == [
                "Summary", "What was the scale and impact of the issue?",
                "What was the root cause, beyond its symptoms?",
                "How were we made aware of the problem?", "How was the problem resolved?",
                "What reasonable steps could prevent this from happening again?",
                "Timeline", "People involved", "Action items", "Action items", "Appendix: graphs",
                "Notes from the meeting",
                "What could we do to find and fix the issue faster?",
            ])
        #expect(
            outcome.added == [
                "What was the root cause, beyond its symptoms?", "How were we made aware of the problem?",
                "What reasonable steps could prevent this from happening again?", "Timeline", "People involved",
            ])
        #expect(
            outcome.keptAfter == [
                "Appendix: graphs", "Notes from the meeting", "What could we do to find and fix the issue faster?",
            ])
        #expect(
            String(decoding: outcome.bytes, as: UTF8.self).contains("template: six-questions@2  # the first template\n")
        )
        #expect(String(decoding: outcome.bytes, as: UTF8.self).hasPrefix("---\ntitle: Odd sections\n"))
        #expect(reread.headingTitle == "Odd sections")
    }

    @Test func aFileWithoutFrontMatterGainsOneAndCRLFStays() throws {
        let text = "\u{FEFF}# Outage\r\n\r\n## Impact\r\n\r\nAll users.\r\n"
        let outcome = try TemplateUpgrader(
            target: TemplateCatalog.builtIn.template(TemplateReference("six-questions@1")!)!
        )
        .upgrade(Array(text.utf8), postmortem: parse(text))
        let upgraded = String(decoding: outcome.bytes, as: UTF8.self)
        #expect(
            upgraded.hasPrefix(
                "\u{FEFF}---\r\ntemplate: six-questions@1\r\n---\r\n\r\n# Outage\r\n\r\n## What went wrong?\r\n"))
        #expect(upgraded.contains("## What was the impact of the problem?\r\n\r\nAll users.\r\n"))
        #expect(!upgraded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func replacingTheTemplateValueKeepsSpacingAndComments() {
        #expect(TemplateUpgrader.replacingValue(of: "template: a@1", with: "b@2") == "template: b@2")
        #expect(
            TemplateUpgrader.replacingValue(of: "template:   a@1   # old  ", with: "b@2") == "template:   b@2   # old  "
        )
        #expect(TemplateUpgrader.replacingValue(of: "template: a@1#x", with: "b@2") == "template: b@2")
    }

    @Test func unifiedDiffsLookLikeDiffU() {
        let diff = UnifiedDiff.make(
            old: "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n", new: "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n", oldLabel: "o",
            newLabel: "n")
        #expect(diff == "--- o\n+++ n\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -9,3 +9,4 @@\n i\n j\n k\n+l\n")
        #expect(UnifiedDiff.make(old: "same\n", new: "same\n", oldLabel: "o", newLabel: "n") == "")
        #expect(
            UnifiedDiff.make(old: "", new: "x\n", oldLabel: "o", newLabel: "n") == "--- o\n+++ n\n@@ -0,0 +1,1 @@\n+x\n"
        )
    }
}

/// Cases from the review of upgrades and foreign shapes.
@Suite struct UpgradeReviewTests {
    static func upgrade(_ text: String, to reference: String = "six-questions@2") throws -> (String, Postmortem) {
        let template = try #require(TemplateCatalog.builtIn.template(TemplateReference(reference)!))
        let outcome = try TemplateUpgrader(target: template).upgrade(Array(text.utf8), postmortem: parse(text))
        let upgraded = String(decoding: outcome.bytes, as: UTF8.self)
        return (upgraded, parse(upgraded))
    }

    @Test func aMultiLineCommentEndingASectionStaysWhole() throws {
        let text =
            "---\ntemplate: six-questions@1\n---\n\n## What was the impact of the problem?\n\nSome users.\n<!--\nTODO "
            + "numbers\n-->\n\n## What was the root cause of the problem?\n\nA bug.\n"
        let (upgraded, reread) = try Self.upgrade(text)
        #expect(upgraded.contains("Some users.\n<!--\nTODO numbers\n-->\n\n## "))
        #expect(reread.section("root-cause")?.text == "A bug.")
        #expect(reread.section("root-cause")?.isAnswered == true)
    }

    @Test func linkReferenceDefinitionsAtTheEndAreKept() throws {
        let text =
            "---\ntemplate: six-questions@1\n---\n\n## What went wrong?\n\nSee [the graph][ref].\n\n[ref]: "
            + "http://example.com/refdef\n"
        let (upgraded, _) = try Self.upgrade(text)
        #expect(upgraded.contains("See [the graph][ref].\n\n[ref]: http://example.com/refdef\n"))
    }

    @Test func aMultiLineSetextHeadingIsRenamedWhole() throws {
        let text =
            "---\ntemplate: six-questions@1\n---\n\nWhat was the root\ncause of the "
            + "problem?\n---------------------\n\nA bug.\n"
        let (upgraded, reread) = try Self.upgrade(text)
        #expect(!upgraded.contains("cause of the problem?"))
        #expect(reread.section("root-cause")?.text == "A bug.")
    }

    @Test func anchorsAndLinksInARenamedHeadingSurvive() throws {
        let text =
            "---\ntemplate: six-questions@1\n---\n\n## <a id=\"imp\"></a>What was the impact of the "
            + "problem?\n\nAll.\n\n## [Action items](http://tracker.example.com/board)\n\n- [ ] Fix @sam\n"
        let (upgraded, _) = try Self.upgrade(text)
        #expect(upgraded.contains("## <a id=\"imp\"></a>What was the scale and impact of the issue?\n"))
        #expect(upgraded.contains("## [Action items](http://tracker.example.com/board)\n"))
    }

    @Test func crlfTemplatesKeepTheirPlaceholders() throws {
        let template = try TemplateParser.parse(
            "---\r\nname: ours\r\nversion: 1\r\nquestions:\r\n  - key: impact\r\n    heading: Impact\r\n---\r\n\r\n## "
                + "Impact\r\n\r\n<!-- guidance\r\nline two -->\r\n",
            path: "ours.md", origin: .builtIn)
        #expect(template.questions[0].placeholderMarkdown == "<!-- guidance\nline two -->")
        #expect(template.scaffold == "## Impact\n\n<!-- guidance\nline two -->\n")
    }

    @Test func aLevelOneHeadingThatIsAQuestionIsNotTheTitleWhenTheFrontMatterHasOne() {
        let postmortem = parse("---\ntitle: From the front matter\n---\n\n# Summary\n\nIt broke.\n\n# Impact\n\nAll.\n")
        #expect(postmortem.headingTitle == nil)
        #expect(postmortem.sections.map(\.key) == ["summary", "impact"])
        #expect(postmortem.section("summary")?.isAnswered == true)
        #expect(parse("---\ntitle: Outage\n---\n\n# Outage\n\n## Summary\n\nX.\n").headingTitle == "Outage")
    }

    @Test func plainItemsAreTopLevelOnlyAndSubBulletsAreTheirDetails() {
        let postmortem = parse(
            "# T\n\n## Action items\n\n- Add an alert @sam\n  - sub step\n  - another\n* Second plain\n")
        #expect(postmortem.actions.map(\.text) == ["Add an alert", "Second plain"])
    }

    @Test func dateLabelsWithMoreWords() {
        #expect(parse("# T\n\n**Incident date:** Mar. 3, 2023\n", path: "x/a.md").date == CalendarDate("2023-03-03"))
        #expect(parse("# T\n\nDate of incident: 2023-03-03\n", path: "x/a.md").date == CalendarDate("2023-03-03"))
        // A label of many words is no date label; the date is read from the opening text instead.
        let prose = parse("# T\n\nThe date we shipped it was great: 2023-03-03\n", path: "x/a.md")
        #expect(prose.date == CalendarDate("2023-03-03"))
        #expect(prose.dateSource == .text)
    }

    @Test func crlfDiffsHaveLineByLineHunks() {
        let diff = UnifiedDiff.make(old: "a\r\nb\r\nc\r\n", new: "a\r\nB\r\nc\r\n", oldLabel: "o", newLabel: "n")
        #expect(diff == "--- o\n+++ n\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
    }
}

/// Inputs the fuzzer found.
@Suite struct FuzzFindingTests {
    @Test func aSetextHeadingRightBeforeAnATXHeadingEndsOnItsUnderline() throws {
        let text = "Title\n=====\n\nSummary\n-------\n\nLatency doubled\nfor a week.\n---\n# Root cause\n\nA bug.\n"
        let postmortem = parse(text)
        #expect(
            postmortem.sections.map { "\($0.heading) \($0.startLine)-\($0.headingEndLine)-\($0.endLine)" }
                == ["Summary 4-5-5", "Latency doubled for a week. 7-9-9", "Root cause 10-10-12"])
        // The upgrade used cmark's end line for the heading and indexed past the section.
        let (upgraded, reread) = try UpgradeReviewTests.upgrade(text)
        #expect(reread.section("root-cause")?.text == "A bug.")
        #expect(upgraded.contains("Latency doubled\nfor a week.\n---\n"))
    }
}

extension FuzzFindingTests {
    /// Foundation's DateFormatter trapped on a `Date:` line of this input; dates are now read by pm itself.
    @Test func aDateLineThatTrappedDateFormatterIsRead() throws {
        let bytes = [UInt8](
            try Data(
                contentsOf: packageRoot.appendingPathComponent(
                    "Tests/PMLibraryTests/Fixtures/fuzz/dateformatter-trap.md"))
        )
        let postmortem = PostmortemParser().parse(bytes, path: "x.md", id: "x")
        #expect(postmortem.title.isEmpty == false, "parsing returns instead of trapping")
        #expect(CalendarDate(writtenOut: "2026-01-\u{C7}\u{C7}: c\u{C7}") == nil)
        #expect(CalendarDate(writtenOut: "Sat, 3 Jan 2026") == CalendarDate("2026-01-03"))
        #expect(CalendarDate(writtenOut: "February 30 2026") == nil)
    }
}

extension FuzzFindingTests {
    /// Yams's integer constructor trapped on an overflowing sexagesimal value in an unknown key.
    @Test func anOverflowingSexagesimalValueIsKeptAsText() throws {
        let bytes = [UInt8](
            try Data(
                contentsOf: packageRoot.appendingPathComponent(
                    "Tests/PMLibraryTests/Fixtures/fuzz/yams-sexagesimal-overflow.md")))
        let postmortem = PostmortemParser().parse(bytes, path: "x.md", id: "x")
        #expect(postmortem.frontMatter.extra.first?.value == .string("2029999999999999999:9"))
        #expect(
            parse("---\ncount: 12\nratio: 0.5\nflag: yes\nbig: 99999999999999999999999\n---\n\n# T\n").frontMatter.extra
                .map(\.value)
                == [.int(12), .double(0.5), .bool(true), .string("99999999999999999999999")],
            "a number too big for an integer stays as written")
    }
}
