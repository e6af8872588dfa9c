import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// The pieces of pm's reading of postmortems written elsewhere (issue 11), one mechanism at a time.
@Suite struct ForeignReadingTests {
    static let classifier = HeadingClassifier(catalog: .builtIn)

    @Test(arguments: [
        ("☑️ Follow-up tasks", "actions"), ("Follow-up improvements", "actions"),
        ("Corrective and Preventative Measures", "actions"), ("Next steps", "actions"),
        ("Recommendations", "actions"), ("What we're changing", "actions"), ("Things we want to fix", "actions"),
        ("Short-term fixes", "actions"), ("Actionables", "actions"), ("5. Remediation items", "actions"),
        ("How are we preventing it from happening again?", "prevention"),
        ("How are we making incidents like this less likely or less impactful?", "prevention"),
        ("Root Cause Analysis", "root-cause"), ("🌱 Blameless root cause", "root-cause"),
        ("Contributing Factors", "root-cause"), ("Why did it happen?", "root-cause"),
        ("Why did it take so long?", "root-cause"), ("Root cause(s)", "root-cause"),
        ("Impact on users", "impact"), ("Customer impact", "impact"), ("Who was affected?", "impact"),
        ("📉 Impact to the business", "impact"), ("Timeline (all times UTC)", "timeline"), ("Milestones", "timeline"),
        ("Lessons learnt", "lessons"), ("Where we got lucky", "lessons"), ("How we fixed it", "resolution"),
        ("Actions taken", "resolution"), ("How can customers make incidents like this less impactful?", "advice"),
        ("Appendix: graphs", ""), ("Notes from the review", ""), ("How did this happen?", "root-cause"),
        ("Underlying problem", "root-cause"), ("What users saw", "impact"), ("Our commitments", "actions"),
        ("What happened", "what-happened"),
    ])
    func headingsAreReadByMeaning(heading: String, key: String) {
        #expect(Self.classifier.meaning(of: heading).key ?? "" == key, "\(heading)")
    }

    @Test func stemmingMakesWordingsOfOneMeaningEqual() {
        for (a, b) in [
            ("prevention", "preventative"), ("preventing", "preventive"), ("remediation", "remediate"),
            ("recommendations", "recommended"), ("causes", "caused"), ("learnings", "learned"),
        ] {
            #expect(Words.stem(a) == Words.stem(b), "\(a) ~ \(b)")
        }
        #expect(Words("Follow-up (owner: @sam) [^1]").raw == ["followup"])
    }

    @Test(arguments: [
        ("25th April, 2023", "2023-04-25"), ("January 14-19, 2026", "2026-01-14"), ("Dec 8 2022, 14:10", "2022-12-08"),
        ("Monday, 14 March 2022", "2022-03-14"), ("14-Mar-2022", "2022-03-14"), ("25/12/2022", "2022-12-25"),
        ("on 2025‑05‑20 (non-breaking hyphens)", "2025-05-20"), ("Jul 21, 2023", "2023-07-21"),
        ("May 3rd, 2021", "2021-05-03"), ("version 5.12.0", ""), ("03/04/2023", ""), ("March 1st", ""),
        ("2021 November 27 18:06 UTC", "2021-11-27"), ("| Incident Date | 10/Mar/23 |", "2023-03-10"),
        ("14-Mar-22", "2022-03-14"), ("Between September 6 and September 9, 2022", "2022-09-06"),
        ("6–9 September 2022", "2022-09-06"), ("March 3 to 5, 2024", "2024-03-03"), ("3rd of May 2023", "2023-05-03"),
        ("Chloé saw it on 2 März 2024", ""), ("PAY-2210 and OPS-45", ""), ("ticket OPS-4472 on 12", ""),
    ])
    func datesAsPeopleWriteThem(text: String, date: String) {
        #expect(DateScanner.firstDate(in: text)?.description ?? "" == date, "\(text)")
    }

    @Test func anAmbiguousNumericDateIsSettledByTheDocument() throws {
        let found = try #require(DateScanner.dates(in: "03/04/2023").first)
        #expect(found.isAmbiguous)
        #expect(DateScanner.settle(found, dayFirst: true) == CalendarDate("2023-04-03"))
        #expect(DateScanner.settle(found, dayFirst: false) == CalendarDate("2023-03-04"))
        #expect(
            DateScanner.settle(found, dayFirst: nil, matching: [.init(month: 3, day: 4)]) == CalendarDate("2023-03-04"))
        #expect(DateScanner.settle(found, dayFirst: nil) == nil)
    }

    @Test func aDueDateWithoutAYearFallsOnOrAfterTheIncident() throws {
        let incident = try #require(CalendarDate("2023-12-20"))
        #expect(
            DateScanner.dayWithoutYear(in: "Jan 15", dayFirst: nil, onOrAfter: incident) == CalendarDate("2024-01-15"))
        #expect(
            DateScanner.dayWithoutYear(in: "21/12", dayFirst: nil, onOrAfter: incident) == CalendarDate("2023-12-21"))
        #expect(DateScanner.dayWithoutYear(in: "03/04", dayFirst: nil, onOrAfter: incident) == nil, "either way round")
        #expect(
            DateScanner.dayWithoutYear(in: "03/04", dayFirst: true, onOrAfter: incident) == CalendarDate("2024-04-03"))
        #expect(DateScanner.dayWithoutYear(in: "Q3", dayFirst: nil, onOrAfter: incident) == nil)
        #expect(DateScanner.dayWithoutYear(in: "version 1.2.3", dayFirst: true, onOrAfter: incident) == nil)
    }

    /// The annotations of one list item written as `text`.
    static func annotations(_ text: String) -> ActionAnnotations {
        let tree = Cmark.parse(Array("- \(text)\n".utf8))
        let paragraph = tree.nodes.indices.first { tree.nodes[$0].kind == .paragraph }!
        return ActionAnnotations.read(ActionAnnotations.pieces(of: paragraph, in: tree), dayFirst: true)
    }

    @Test func ownersDueDatesTicketsAndDoneAsPeopleWriteThem() {
        var item = Self.annotations("Split a batch in half (owner: T. Lindqvist, SRCH-1402)")
        #expect(item.text == "Split a batch in half" && item.owners == ["T. Lindqvist"] && item.ticket == "SRCH-1402")
        item = Self.annotations("Replace `VACUUM FULL` — Femi, by 2022-11-30")
        #expect(item.text == "Replace VACUUM FULL" && item.owners == ["Femi"] && item.due == CalendarDate("2022-11-30"))
        item = Self.annotations("Renew the lease. Owner: Mobile Platform. Target: 13/01/2023. Status: Complete.")
        #expect(item.owners == ["Mobile Platform"] && item.due == CalendarDate("2023-01-13") && item.isDone == true)
        item = Self.annotations("Store a charge key [Kwame] (Done - see wiki)")
        #expect(item.text == "Store a charge key" && item.owners == ["Kwame"] && item.isDone == true)
        item = Self.annotations("✅ Reset the sequences ([PR #34](https://git.example/pr/34))")
        #expect(item.isDone == true && item.ticket == "https://git.example/pr/34" && item.text == "Reset the sequences")
        item = Self.annotations("~~Reserve concurrency~~ (Jo + Marketing)")
        #expect(item.isDone == true && item.owners == ["Jo", "Marketing"] && item.text == "Reserve concurrency")
        item = Self.annotations("Write a runbook, tracked in NET-120.")
        #expect(item.ticket == "NET-120" && item.text == "Write a runbook")
        item = Self.annotations("Announce changes (see the wiki page https://wiki.example/x for the format)")
        #expect(item.ticket == nil, "a URL inside an aside is no ticket")
        item = Self.annotations("[Remove anonymous access](https://git.example/issues/201)")
        #expect(item.text == "Remove anonymous access" && item.ticket == "https://git.example/issues/201")
        item = Self.annotations("Replace 180 scanners (budget request submitted) — Operations — Q3 2025")
        #expect(item.owners == ["Operations"] && item.due == nil && item.text.hasSuffix("(budget request submitted)"))
        item = Self.annotations("TODO: Add a scenario (Wen) — MOB-2210")
        #expect(item.isDone == false && item.owners == ["Wen"] && item.ticket == "MOB-2210")
        item = Self.annotations("Add an alert for the queue (SQS)")
        #expect(item.owners.isEmpty, "an acronym in parentheses is a thing, not a team")
        item = Self.annotations("[PAY-2210](https://jira.example/browse/PAY-2210) Keep the pool size in one place")
        #expect(item.ticket == "https://jira.example/browse/PAY-2210" && item.text == "Keep the pool size in one place")
        item = Self.annotations("OPS-45 Add a synthetic login check")
        #expect(item.ticket == "OPS-45" && item.text == "Add a synthetic login check")
        item = Self.annotations("Manually inspect all rules. (Inspection completed)")
        #expect(item.isDone == true && item.owners.isEmpty)
        item = Self.annotations("We've added the credit balance to the dashboard.")
        #expect(item.isDone == true)
        item = Self.annotations("**Filter more specifics at our edge.** We now reject longer prefixes.")
        #expect(item.isDone == true)
        item = Self.annotations("We're writing a checklist for instance type changes.")
        #expect(item.isDone == nil, "work in progress is open")
        item = Self.annotations("Wait for the index to report green (owner: Dev, by 21/03)")
        #expect(item.owners == ["Dev"] && item.text == "Wait for the index to report green")
        item = Self.annotations("We've started migrating the brokers to fixed bandwidth.")
        #expect(item.isDone == nil, "work begun is open")
        item = Self.annotations("We have to add a checklist.")
        #expect(item.isDone == nil, "`have to` is work to do")
    }

    @Test func headingsThatNameAFieldOverTheirValue() {
        #expect(LabelReader.isValueHeading("2. Date and duration"))
        #expect(LabelReader.isValueHeading("Date of incident"))
        #expect(LabelReader.isValueHeading("1. Title"))
        #expect(!LabelReader.isValueHeading("Date the report was reviewed"))
        #expect(!LabelReader.isValueHeading("Timeline"))
        #expect(ForeignReader.isPlaceholder("Incident Report INC-2024-0117"))
        #expect(!ForeignReader.isPlaceholder("INC-2291 edge LB cert"))
        #expect(ForeignReader.isDateOnly("Mar 14, 2024") && ForeignReader.isDateOnly("Tuesday 5 March 2024"))
        #expect(
            !ForeignReader.isDateOnly("2021 November 27 18:06 UTC")
                && !ForeignReader.isDateOnly("Outage on Mar 14, 2024"))
        #expect(
            ForeignReader.text(ofHTML: "<p>The new <b>signing</b> certificate&nbsp;was published</p><!-- note -->")
                == "The new signing certificate was published")
    }

    @Test func pipeTablesAreFoundByTheirDelimiterRow() throws {
        let text = "Intro line\n| Action | Owner |\n|:---|---:|\n| Fix \\| it | @sam |\n| Only one cell |\n"
        let tree = Cmark.parse(Array(text.utf8))
        let table = try #require(
            PipeTable.find(inParagraph: 1, of: tree, source: SourceText(bytes: Array(text.utf8)), lineOffset: 0))
        #expect(table.leadingLines == ["Intro line"])
        #expect(table.header.cells == ["Action", "Owner"])
        #expect(table.alignments == [.left, .right])
        #expect(table.rows.map(\.cells) == [["Fix | it", "@sam"], ["Only one cell", ""]])
        #expect(PipeTable.delimiterAlignments("---") == nil, "a thematic break is no delimiter row")
        #expect(PipeTable.delimiterAlignments("| a | b |") == nil)
    }

    @Test func renderedTablesAreRealTablesWithEscapedCells() {
        let html = Cmark.html(
            of: PipeTable.parse([
                ("| Action | Owner |", 1), ("|---|:-:|", 2),
                ("| Do <script>alert(1)</script> it **now** | a<br>b |", 3),
            ])!)
        #expect(html.contains("<table>") && html.contains("<th align=\"center\">Owner</th>"))
        #expect(html.contains("<strong>now</strong>"))
        #expect(!html.contains("<script>"), "raw HTML is left out by cmark's safe mode")
        #expect(html.contains("a<br />b"))
    }

    @Test func theLintOfAPostmortemWrittenElsewhereIsShort() {
        let foreign = """
            ---
            start_time: 2024-02-19T08:41:00Z
            incident_id: INC-1
            ---

            # Gateway errors

            ## Factors

            The config.

            ## Action items

            See the board.
            """
        let findings = lint(foreign, path: "postmortems/gateway-errors.md")
        #expect(
            findings.map(\.rule.rawValue).sorted() == [
                "foreign-format", "unknown-key", "unread-actions", "unrecognised-cause",
            ])
        let unknown = findings.first { $0.rule == .unknownKey }?.message ?? ""
        #expect(unknown.contains("`start_time` (read as `started`)") && unknown.contains("`incident_id`"))
        #expect(findings.first { $0.rule == .foreignFormat }?.severity == .note)
        #expect(findings.first { $0.rule == .foreignFormat }?.message.contains("pm template upgrade") == true)
        let undated = lint("# Gateway errors\n\nText.\n", path: "postmortems/gateway-errors.md")
        #expect(undated.map(\.rule.rawValue).sorted() == ["foreign-format", "no-date"])
        #expect(lint("# Near miss\n\n## Action items\n\nNone needed.\n", path: "x/2024-01-01-a.md").count == 1)
    }
}
