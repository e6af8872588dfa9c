import Foundation
import PMDocument
import Testing

/// The lean tree (only headings and the sections an outline reads are copied out of cmark) gives the same
/// outline as the whole tree, on every file of the fuzz corpus and the fixtures, with the built-in templates
/// and with a team template whose placeholder shows (so its section's text is read).
@Suite struct LeanReaderTests {
    static let teamTemplate = """
        ---
        name: ours
        version: 1
        description: Ours.
        questions:
          - key: impact
            heading: Blast radius
            aliases: [What was the impact of the problem?, Impact]
          - key: actions
            heading: Follow-ups
        ---

        ## Blast radius

        _Who and how many?_

        ## Follow-ups

        """

    @Test func theLeanTreeGivesTheSameOutline() throws {
        let team = try TemplateParser.parse(Self.teamTemplate, path: "templates/ours.md", origin: .team(path: "x"))
        let catalogs = [
            TemplateCatalog.builtIn, TemplateCatalog(templates: TemplateCatalog.builtIn.templates + [team]),
        ]
        var lean = 0
        for catalog in catalogs {
            let parser = PostmortemParser(catalog: catalog)
            var full = parser
            full.readsLean = false
            for (name, bytes) in try SummaryCodingTests.corpus() + [
                ("placeholder", Array("---\ndate: 2020-01-01\n---\n## Impact\n\n_Who and how many?_\n".utf8))
            ] {
                for request in [ParseRequest.outline, .comparedText] {
                    let outline = parser.read(bytes, path: name, id: "x", for: request).postmortem
                    #expect(outline == full.read(bytes, path: name, id: "x", for: request).postmortem, "\(name)")
                    if outline.frontMatter.date != nil { lean += 1 }
                }
            }
        }
        #expect(lean > 200)
    }
}
