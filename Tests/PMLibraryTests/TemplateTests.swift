import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite struct TemplateTests {
    @Test func theBuiltInTemplatesShipInsideTheBinary() {
        let references = TemplateCatalog.builtIn.templates.map(\.reference.description)
        #expect(references == ["atlassian@1", "google-sre@1", "pagerduty@1", "six-questions@1", "six-questions@2"])
        #expect(TemplateCatalog.builtIn.defaultTemplate.reference.description == "six-questions@2")
        #expect(TemplateCatalog.builtIn.conflicts.isEmpty)
    }

    @Test func versionOneIsTheSixQuestionsVerbatim() throws {
        let template = try #require(TemplateCatalog.builtIn.template(TemplateReference("six-questions@1")!))
        #expect(
            template.questions.map(\.heading) == [
                "What went wrong?",
                "What was the impact of the problem?",
                "What was the root cause of the problem?",
                "How did we fix it?",
                "What could we do differently in the future to prevent this from happening (if possible/feasible)?",
                "What could we do to find and fix the issue faster?",
                "Action items",
            ])
    }

    @Test func versionTwoIsTheEvolvedTemplate() throws {
        let template = try #require(TemplateCatalog.builtIn.template(TemplateReference("six-questions")!))
        #expect(template.version == 2)
        #expect(
            template.questions.map(\.key) == [
                "summary", "impact", "root-cause", "detection", "resolution", "prevention", "timeline", "people",
                "actions",
            ])
    }

    @Test func embeddedTemplatesMatchTheRepositoryFiles() throws {
        let folder = packageRoot.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
            .sorted()
        #expect(
            names
                == PMDocument.EmbeddedResources.files.keys.filter { $0.hasSuffix(".md") && !$0.contains("/") }.sorted())
        for name in names {
            #expect(
                PMDocument.EmbeddedResources.files[name]
                    == (try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
        }
    }

    @Test func aScaffoldParsesBackAsUnansweredSectionsOfItsTemplate() throws {
        for template in TemplateCatalog.builtIn.templates {
            let postmortem = parse("# T\n\n" + template.scaffold)
            #expect(postmortem.sections.map(\.key) == template.questions.map(\.key))
            #expect(postmortem.sections.allSatisfy { !$0.isAnswered })
            #expect(postmortem.diagnostics.isEmpty)
        }
    }

    @Test(arguments: [
        ("no front matter", "## A\n", 1, "starts with a --- front-matter block"),
        (
            "bad version", "---\nname: t\nversion: two\nquestions:\n  - key: a\n    heading: A\n---\n\n## A\n", 3,
            "`version:`"
        ),
        (
            "question without heading", "---\nname: t\nversion: 1\nquestions:\n  - key: a\n---\n\n## A\n", 5,
            "needs `key:` and `heading:`"
        ),
        (
            "body out of order",
            "---\nname: t\nversion: 1\nquestions:\n  - key: a\n    heading: A\n  - key: b\n    heading: B\n---\n\n## "
                + "B\n\n## A\n",
            11, "same order"
        ),
        ("invalid yaml", "---\nname: t\nversion: [1\n---\n", 4, "invalid YAML"),
    ])
    func malformedTemplatesNameFileLineAndProblem(_ label: String, text: String, line: Int, problem: String) {
        #expect(throws: TemplateError.self, "\(label)") {
            try TemplateParser.parse(text, path: "postmortems/templates/t.md", origin: .builtIn)
        }
        do {
            _ = try TemplateParser.parse(text, path: "postmortems/templates/t.md", origin: .builtIn)
        } catch let error as TemplateError {
            #expect(error.path == "postmortems/templates/t.md")
            #expect(error.line == line, "\(label)")
            #expect(error.localizedDescription.contains(problem), "\(label): \(error.localizedDescription)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct BundledExampleTests {
    static func examples() throws -> PostmortemSet {
        let directory = try PostmortemsDirectory.open(packageRoot.appendingPathComponent("postmortems").path)
        return try PostmortemSet.load(directory, displayBase: packageRoot.path)
    }

    @Test func everyExampleParsesCleanly() throws {
        let set = try Self.examples()
        #expect(set.postmortems.count == 6)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        for postmortem in set.postmortems {
            #expect(postmortem.frontMatter.title == postmortem.headingTitle)
            #expect(postmortem.date?.description == String(postmortem.id.prefix(10)))
            #expect(!postmortem.actions.isEmpty)
            #expect(postmortem.section("impact")?.isAnswered == true, "\(postmortem.id)")
            #expect(postmortem.section("root-cause")?.isAnswered == true, "\(postmortem.id)")
        }
    }

    @Test func examplesUseBothTemplatesAndEverySectionOfThemIsRecognised() throws {
        let set = try Self.examples()
        #expect(
            Set(set.postmortems.compactMap { $0.frontMatter.template?.description }) == [
                "six-questions@1", "six-questions@2",
            ])
        for postmortem in set.postmortems {
            let template = try #require(postmortem.frontMatter.template.flatMap(TemplateCatalog.builtIn.template))
            let keys = Set(postmortem.sections.compactMap(\.key))
            #expect(Set(template.questions.map(\.key)).isSubset(of: keys), "\(postmortem.id) lacks a question")
        }
    }

    @Test func theSeedIncidentsAreThere() throws {
        let set = try Self.examples()
        let messenger = try set.resolve("2019-02-14")
        #expect(messenger.frontMatter.severity == "critical")
        #expect(messenger.section("root-cause")?.text.contains("Business Manager") == true)
        let migration = try set.resolve("2019-03")
        #expect(
            migration.sections.contains {
                $0.text.localizedCaseInsensitiveContains("statement timeout")
                    || $0.text.localizedCaseInsensitiveContains("statement_timeout")
            })
    }

    @Test func examplesHoldOpenDoneAndOverdueActions() throws {
        let today = CalendarDate("2026-11-21")!
        let actions = try Self.examples().postmortems.flatMap(\.actions)
        #expect(actions.contains { $0.isDone })
        #expect(actions.contains { !$0.isDone && !$0.isOverdue(today: today) })
        #expect(actions.contains { $0.isOverdue(today: today) })
        #expect(actions.contains { $0.depth > 0 })
    }
}
