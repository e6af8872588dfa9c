import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite(.cleansUpTemporaryFiles) struct SlugTests {
    @Test(arguments: [
        ("Messenger replies stopped", "messenger-replies-stopped"),
        ("Café ↯ Ünïcode — Straße!", "cafe-unicode-strasse"),
        ("../../etc/passwd", "etc-passwd"),
        ("  --Leading and trailing--  ", "leading-and-trailing"),
        ("日本語のタイトル", "incident"),
        ("", "incident"),
        ("Ørsted Łódź Æther", "orsted-lodz-aether"),
    ])
    func slugs(title: String, slug: String) {
        #expect(Slug.make(title) == slug)
    }

    @Test func slugsAreBoundedAndCutAtAWord() {
        let slug = Slug.make(String(repeating: "postmortem ", count: 20))
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-"))
        #expect(slug.split(separator: "-").allSatisfy { $0 == "postmortem" })
    }

    @Test func slugsOnlyHoldSafeCharacters() {
        for title in ["a/b\\c", "x\0y", "💥 boom 💥", "tab\there", "dots...and..more", "CON", "a:b*c?d"] {
            #expect(Slug.make(title).allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        }
    }
}

@Suite(.cleansUpTemporaryFiles) struct ScaffoldTests {
    @Test func concurrentCreationNeverLosesAFile() throws {
        let folder = try temporaryDirectory()
        defer { TemporaryFiles.remove(folder) }
        let directory = PostmortemsDirectory(path: folder.path, config: Config())
        let template = TemplateCatalog.builtIn.defaultTemplate
        var front = FrontMatter()
        front.title = "Same title"
        front.date = CalendarDate("2020-01-01")
        let paths = ConcurrentPaths()
        DispatchQueue.concurrentPerform(iterations: 100) { [front] _ in
            paths.append(try? Scaffolder.create(front, template: template, in: directory))
        }
        #expect(Set(paths.values.compactMap { $0 }).count == 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 100)
    }

    @Test func renderedFrontMatterQuotesOnlyWhatItMust() throws {
        var front = FrontMatter()
        front.title = "Replies stopped: token #2 'revoked'"
        front.date = CalendarDate("2019-02-14")
        front.severity = "critical"
        front.responders = ["sam", "o'neil"]
        front.tags = ["a, b"]
        let text = Scaffolder.render(
            front, template: TemplateCatalog.builtIn.defaultTemplate, severities: Config.defaultSeverities)
        let postmortem = parse(text)
        #expect(postmortem.diagnostics.isEmpty)
        #expect(postmortem.frontMatter.title == "Replies stopped: token #2 'revoked'")
        #expect(postmortem.frontMatter.responders == ["sam", "o'neil"])
        #expect(postmortem.frontMatter.tags == ["a, b"])
        #expect(text.contains("severity: critical\n"))
    }

    @Test(arguments: [
        ("🔥 Café outage", "title: 🔥 Café outage\n"),
        ("日本語のタイトル", "title: 日本語のタイトル\n"),
        ("Ünïcödé: ẞ and 🚀", "title: 'Ünïcödé: ẞ and 🚀'\n"),
        ("\"Quoted\" 🔥 #1", "title: '\"Quoted\" 🔥 #1'\n"),
        ("It's 🔥", "title: It's 🔥\n"),
        ("- 🔥 starts like a list", "title: '- 🔥 starts like a list'\n"),
    ])
    func nonASCIITitlesAreWrittenAsTyped(title: String, line: String) throws {
        var front = FrontMatter()
        front.title = title
        front.date = CalendarDate("2019-02-14")
        front.tags = ["🔥", "café"]
        let text = Scaffolder.render(
            front, template: TemplateCatalog.builtIn.defaultTemplate, severities: Config.defaultSeverities)
        #expect(text.contains(line), "\(text.prefix(80))")
        #expect(text.contains("tags: [🔥, café]\n"))
        #expect(!text.contains("\\U") && !text.contains("\\u"))
        let postmortem = parse(text)
        #expect(postmortem.diagnostics.isEmpty)
        #expect(postmortem.frontMatter.title == title)
        #expect(postmortem.frontMatter.tags == ["🔥", "café"])
    }

    @Test func everyFieldOfTheTableReadsBackAsScaffolded() throws {
        var front = FrontMatter()
        for (index, field) in FrontMatter.fields.enumerated() {
            let time = Timestamp("2019-02-14T10:0\(index % 10)Z")
            switch field.kind {
            case .text(let property), .word(let property, _, _): front[keyPath: property] = "value-\(index)"
            case .list(let property, _): front[keyPath: property] = ["a\(index)", "b, \(index)"]
            case .timestamp(let property): front[keyPath: property] = time
            case .date(let property): front[keyPath: property] = CalendarDate("2019-02-14")
            case .status(let property): front[keyPath: property] = .inReview
            case .template(let property): front[keyPath: property] = TemplateReference("six-questions@1")
            case .duration: continue
            }
        }
        let text = Scaffolder.render(
            front, template: TemplateCatalog.builtIn.defaultTemplate, severities: Config.defaultSeverities)
        let postmortem = parse(text)
        #expect(postmortem.diagnostics.isEmpty)
        for field in FrontMatter.fields {
            #expect(field.value(in: postmortem.frontMatter) == field.value(in: front), "\(field.key)")
        }
        #expect(postmortem.frontMatter.extra.isEmpty)
    }
}

final class ConcurrentPaths: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String?] = []

    func append(_ value: String?) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }
}

@Suite(.cleansUpTemporaryFiles) struct MarkdownEscapeTests {
    @Test(arguments: [
        ("pg_stat_user_indexes", "pg_stat_user_indexes"),
        ("_emphasis_ and *bold*", "\\_emphasis\\_ and \\*bold\\*"),
        ("a `code` [link] <tag> | pipe \\ slash", "a \\`code\\` \\[link\\] \\<tag\\> \\| pipe \\\\ slash"),
        ("# Foo ## & #1 &amp; ##", "\\# Foo ## & #1 \\&amp; \\#\\#"),
    ])
    func escapesOnlyWhatWouldBecomeMarkup(text: String, escaped: String) {
        #expect(MarkdownText.escape(text) == escaped)
    }
}

@Suite(.cleansUpTemporaryFiles) struct AtomicFileTests {
    @Test func aFileChangedSinceItWasReadIsNotReplaced() throws {
        let folder = try temporaryDirectory()
        defer { TemporaryFiles.remove(folder) }
        let path = folder.appendingPathComponent("a.md").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EditError.changedOnDisk(path: path)) {
            try FileWriter.withLock(on: path) {
                try FileWriter.replace(path, expected: Array("older".utf8), with: Array("new".utf8), holding: $0)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.md"],
            "no temporary file is left behind")
        try FileWriter.withLock(on: path) {
            try FileWriter.replace(path, expected: Array("old".utf8), with: Array("new".utf8), holding: $0)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }
}
