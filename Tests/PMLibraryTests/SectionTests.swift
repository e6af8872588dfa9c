import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite struct SectionTests {
    @Test(arguments: [
        ("What went wrong?", "summary"),
        ("Summary", "summary"),
        ("What was the impact of the problem?", "impact"),
        ("What was the scale and impact of the issue?", "impact"),
        ("What was the root cause of the problem?", "root-cause"),
        ("What was the root cause, beyond its symptoms?", "root-cause"),
        ("How did we fix it?", "resolution"),
        ("How was the problem resolved?", "resolution"),
        (
            "What could we do differently in the future to prevent this from happening (if possible/feasible)?",
            "prevention"
        ),
        ("What reasonable steps could prevent this from happening again?", "prevention"),
        ("What could we do to find and fix the issue faster?", "faster-response"),
        ("How were we made aware of the problem?", "detection"),
        ("Timeline", "timeline"),
        ("People involved", "people"),
        ("Action items", "actions"),
    ])
    func headingsOfBothTemplateVersionsMapToKeys(heading: String, key: String) {
        #expect(TemplateCatalog.builtIn.key(forHeading: heading) == key)
    }

    @Test(arguments: ["2. Impact", "2) IMPACT", "🔥 Impact:", "  impact  ", "**Impact**", "Q2 - Impact", "Ímpact"])
    func normalisationIgnoresCaseNumberingEmojiAndPunctuation(heading: String) {
        let key = parse("---\ntemplate: six-questions@2\n---\n\n## \(heading)\n\nText.\n").sections.first?.key
        if heading == "Q2 - Impact" {
            #expect(key == nil, "a word before the heading is not numbering")
            #expect(
                parse("## \(heading)\n\nText.\n").sections.first?.key == "impact",
                "a postmortem written elsewhere is read by meaning")
        } else {
            #expect(key == "impact")
        }
    }

    @Test func sectionsKnowTheirHeadingSourceTextAndLines() {
        let text = """
            ---
            title: x
            template: six-questions@2
            ---

            # The title

            ## Impact

            <!-- who was affected -->
            About **9,400** users, for `66` minutes.

            - support tickets: 31

            ## Appendix: graphs

            See the dashboard.

            """
        let postmortem = parse(text)
        #expect(postmortem.headingTitle == "The title")
        #expect(postmortem.sections.count == 2)
        let impact = postmortem.sections[0]
        #expect(impact.heading == "Impact")
        #expect(impact.key == "impact")
        #expect(impact.level == 2)
        #expect(impact.startLine == 8)
        #expect(impact.endLine == 13)
        #expect(impact.text == "About 9,400 users, for 66 minutes.\nsupport tickets: 31")
        #expect(impact.isAnswered)
        let appendix = postmortem.sections[1]
        #expect(appendix.key == nil, "unknown sections are kept, without a key")
        #expect(appendix.startLine == 15)
        #expect(appendix.endLine == 17)
    }

    @Test func commentsAndTemplatePlaceholdersAreNotAnswers() {
        let postmortem = parse(
            """
            ## Summary

            <!-- Two or three sentences: what broke, for whom, for how long, and how it ended. -->

            ## Impact

            <!--
            multi-line
            -->

            ## Root cause

            The token was tied to a person's account.

            ## Timeline

            """)
        #expect(postmortem.sections.map(\.isAnswered) == [false, false, true, false])
    }

    @Test func visiblePlaceholderTextOfATemplateIsNotAnAnswer() throws {
        let template = try TemplateParser.parse(
            """
            ---
            name: team
            version: 1
            questions:
              - key: impact
                heading: Blast radius
            ---

            ## Blast radius

            _Describe   who was affected._
            """, path: "team.md", origin: .builtIn)
        let catalog = TemplateCatalog(templates: [template])
        let parser = PostmortemParser(catalog: catalog)
        let unanswered = parser.parse(
            Array("## Blast radius\n\n*Describe who was affected.*\n".utf8), path: "a.md", id: "a")
        let answered = parser.parse(Array("## Blast radius\n\nAll EU users.\n".utf8), path: "a.md", id: "a")
        #expect(unanswered.sections.first?.isAnswered == false)
        #expect(answered.sections.first?.isAnswered == true)
    }

    @Test func headingsInsideListsOrDeeperLevelsStayInTheirSection() {
        let postmortem = parse("## Impact\n\n### Users\n\nMany.\n\n> ## Quoted\n\n## Root cause\n\nA.\n")
        #expect(postmortem.sections.map(\.heading) == ["Impact", "Root cause"])
        #expect(postmortem.sections[0].text.contains("Users"))
    }

    @Test func levelOneHeadingsAfterTheTitleAreSections() {
        let postmortem = parse("# Outage\n\n# 1. Summary\n\nDown.\n\n# Impact\n\nAll.\n")
        #expect(postmortem.headingTitle == "Outage")
        #expect(postmortem.sections.map(\.key) == ["summary", "impact"])
    }
}

@Suite struct OutlineParsingTests {
    @Test func withoutSectionTextTheAnswersAreTheSame() throws {
        let texts =
            try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("postmortems").path)
            .filter { $0.hasSuffix(".md") }  // not pm's own .pm-cache folder, which a run of pm leaves there
            .map { try String(contentsOf: packageRoot.appendingPathComponent("postmortems/\($0)"), encoding: .utf8) }
            + ["## Impact\n\n<!-- only a comment -->\n\n## Summary\n\n```\ncode\n```\n\n## Timeline\n\n---\n"]
        for text in texts {
            let full = PostmortemParser().parse(Array(text.utf8), path: "a.md", id: "a")
            let outline = PostmortemParser().read(Array(text.utf8), path: "a.md", id: "a", for: .outline).postmortem
            #expect(outline.sections.map(\.isAnswered) == full.sections.map(\.isAnswered))
            #expect(outline.sections.map(\.key) == full.sections.map(\.key))
            #expect(outline.sections.allSatisfy { $0.text.isEmpty })
            #expect(outline.actions == full.actions)
        }
    }
}
