import Foundation
import PMDocument
import Testing

/// The summary cache's binary form of a postmortem gives back exactly the parsed postmortem, and
/// damaged bytes are refused, never trusted and never a crash.
@Suite struct SummaryCodingTests {
    /// Every file of the fuzz corpus, the bundled postmortems and the fixtures.
    static func corpus() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        let folders = [
            "Fuzz/Corpus", "postmortems", "Tests/Fixtures/realworld", "Tests/Fixtures/realworld-holdout",
            "Tests/Fixtures/realworld-holdout-2", "Tests/Fixtures/blameless", "Tests/PMLibraryTests/Fixtures/foreign",
            "Tests/PMLibraryTests/Fixtures/fuzz",
        ]
        for folder in folders {
            let url = packageRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            where !name.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let path = url.appendingPathComponent(name).path
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                files.append(("\(folder)/\(name)", try [UInt8](Data(contentsOf: url.appendingPathComponent(name)))))
            }
        }
        return files
    }

    /// A postmortem with every field set, including those few files have.
    static var everyField: Postmortem {
        var front = FrontMatter()
        front.title = "T"
        front.date = CalendarDate("2019-02-14")
        front.severity = "critical"
        front.status = .inReview
        front.template = TemplateReference("six-questions@2")
        front.started = Timestamp("2019-02-14T10:02:00.5+01:00")
        front.detected = Timestamp("2019-02-14")
        front.acknowledged = Timestamp("2019-02-14 10:30")
        front.resolved = Timestamp("2019-02-14T11:08:00Z")
        front.detection = "alert"
        front.responders = ["sam", "jo"]
        front.facilitator = "li"
        front.services = ["api"]
        front.tags = ["a", "b", "ünï"]
        front.aliases = ["2019-02-13-old-name"]
        front.extra = [
            .init(key: "n", value: .null), .init(key: "b", value: .bool(true)), .init(key: "i", value: .int(-7)),
            .init(key: "d", value: .double(2.5)),
            .init(key: "l", value: .list([.string("x"), .list([]), .mapping([.init(key: "k", value: .int(1))])])),
        ]
        front.keyLines = ["title": 2, "date": 3]
        front.isPresent = true
        front.keysReadFromOtherNames = ["started": "start_time", "title": "summary"]
        front.namesTemplate = true
        var postmortem = Postmortem(
            id: "2019-02-14-x", path: "postmortems/2019-02-14-x.md", frontMatter: front, headingTitle: "Heading",
            sections: [
                Section(
                    heading: "Action items", level: 2, key: "actions", text: "text", isAnswered: true, startLine: 9,
                    headingEndLine: 10, endLine: 12, trailingBullet: "*"),
                Section(heading: "Other", level: 1, key: nil, text: "", isAnswered: false, startLine: 13, endLine: 13),
            ],
            actions: [
                {
                    var action = ActionItem(
                        incidentID: "2019-02-14-x", token: "a7k2q", position: 1, isDone: true, text: "Do it",
                        owners: ["sam"], due: CalendarDate("2019-03-01"), dueText: "2019-03-01", kind: "detect",
                        ticket: "ENG-1", line: 11, checkboxOffset: 200, depth: 1, hasIDComment: true, idOffset: 230)
                    action.closedText = "2019-02-20"
                    action.closed = CalendarDate("2019-02-20")
                    action.closedSource = .token
                    action.markdown = "Do `it`"
                    return action
                }(),
                ActionItem(
                    incidentID: "2019-02-14-x", token: "~k3x9f", position: 2, isDone: false, text: "", owners: [],
                    due: nil, dueText: "soon", kind: nil, ticket: nil, line: 12, checkboxOffset: nil, depth: 0),
            ],
            diagnostics: [
                Diagnostic(.warning, path: "postmortems/2019-02-14-x.md", line: 3, column: 4, rule: .encoding, "w"),
                Diagnostic(.note, path: "postmortems/2019-02-14-x.md", rule: .read, "n"),
            ])
        postmortem.filePath = "/abs/postmortems/2019-02-14-x.md"
        postmortem.sourceHash = 0xDEAD_BEEF_0123_4567
        postmortem.statedDate = CalendarDate("2019-02-13")
        postmortem.sources = ["title": .heading, "date": .inferred, "impact": .label, "root-cause": .text]
        postmortem.impact = "Checkout failed for 20 minutes."
        postmortem.rootCause = "A full disk."
        postmortem.readingProblems = [
            ReadingProblem(.noDate, line: 1), ReadingProblem(.unreadActions(heading: "Follow-ups"), line: 20),
            ReadingProblem(.unrecognisedCause(heading: "Why"), line: 30),
        ]
        return postmortem
    }

    static func roundTrip(_ postmortem: Postmortem) throws -> Postmortem {
        try Postmortem(
            summary: postmortem.summary(), id: postmortem.id, path: postmortem.path, filePath: postmortem.filePath)
    }

    @Test func everyFieldComesBack() throws {
        let postmortem = Self.everyField
        #expect(postmortem.isSummarizable)
        #expect(try Self.roundTrip(postmortem) == postmortem)
    }

    /// The stored properties of `value` that still hold what they hold in `blank`, by name.
    static func unsetProperties(of value: Any, blank: Any, prefix: String) -> [String] {
        let blankChildren = Dictionary(
            Mirror(reflecting: blank).children.compactMap { child in child.label.map { ($0, child.value) } },
            uniquingKeysWith: { first, _ in first })
        return Mirror(reflecting: value).children.compactMap { child in
            guard let label = child.label else { return nil }
            let same = blankChildren[label].map { String(reflecting: $0) == String(reflecting: child.value) } ?? false
            return same ? prefix + label : nil
        }
    }

    /// `everyField` sets every stored property of the postmortem, its front matter, sections, actions and
    /// diagnostics, so `everyFieldComesBack` fails for a property added to the model but not to the
    /// summary's coding (add the property to `everyField`, then to `SummaryCoding.swift`).
    @Test func everyFieldSetsEveryStoredProperty() {
        let postmortem = Self.everyField
        let blank = Postmortem(
            id: "", path: "", frontMatter: FrontMatter(), headingTitle: nil, sections: [], actions: [], diagnostics: [])
        var unset = Self.unsetProperties(of: postmortem, blank: blank, prefix: "")
        unset += Self.unsetProperties(of: postmortem.frontMatter, blank: FrontMatter(), prefix: "frontMatter.")
        let blankSection = Section(
            heading: "", level: 0, key: nil, text: "", isAnswered: false, startLine: 0, endLine: 0)
        let sections = postmortem.sections.map {
            Set(Self.unsetProperties(of: $0, blank: blankSection, prefix: "sections."))
        }
        unset += sections.reduce(sections.first ?? []) { $0.intersection($1) }
        let blankAction = ActionItem(
            incidentID: "", token: "", position: 0, isDone: false, text: "", owners: [], due: nil, dueText: nil,
            kind: nil, ticket: nil, line: 0, checkboxOffset: nil, depth: 0)
        let actions = postmortem.actions.map {
            Set(Self.unsetProperties(of: $0, blank: blankAction, prefix: "actions."))
        }
        unset += actions.reduce(actions.first ?? []) { $0.intersection($1) }
        let blankDiagnostic = Diagnostic(.error, path: "", rule: .read, "")
        let diagnostics = postmortem.diagnostics.map {
            Set(Self.unsetProperties(of: $0, blank: blankDiagnostic, prefix: "diagnostics."))
        }
        unset += diagnostics.reduce(diagnostics.first ?? []) { $0.intersection($1) }
        // The id and paths are not in the summary (they are stamped back), and the fields below are derived.
        let notCoded: Set<String> = ["id", "path", "filePath", "actions.incidentID", "diagnostics.path"]
        #expect(Set(unset).subtracting(notCoded).sorted() == [], "set these in everyField and code them")
    }

    @Test func everyFileOfTheCorpusComesBack() throws {
        let parser = PostmortemParser()
        for (name, bytes) in try Self.corpus() {
            for request in [ParseRequest.outline, .detail] {
                var postmortem = parser.read(bytes, path: name, id: "2020-01-01-x", for: request).postmortem
                postmortem.filePath = "/x/" + name
                #expect(postmortem.isSummarizable, "\(name)")
                #expect(try Self.roundTrip(postmortem) == postmortem, "\(name)")
            }
        }
    }

    @Test func theIdAndPathsAreStampedBack() throws {
        let postmortem = Self.everyField
        let moved = try Postmortem(summary: postmortem.summary(), id: "2020-01-01-y", path: "y.md", filePath: "/y.md")
        #expect(moved.id == "2020-01-01-y")
        #expect(moved.actions.map(\.id) == ["2020-01-01-y/a7k2q", "2020-01-01-y/~k3x9f"])
        #expect(moved.diagnostics.allSatisfy { $0.path == "y.md" })
        #expect(moved.filePath == "/y.md")
    }

    @Test func damagedBytesAreRefused() {
        let bytes = Self.everyField.summary()
        // Every cut is refused, and so is anything after the end.
        for length in 0..<bytes.count {
            #expect(throws: Postmortem.SummaryDecodingError.self) {
                try Postmortem(summary: bytes[..<length], id: "x", path: "x", filePath: "x")
            }
        }
        #expect(throws: Postmortem.SummaryDecodingError.self) {
            try Postmortem(summary: bytes + [0], id: "x", path: "x", filePath: "x")
        }
        // Any byte changed either decodes to some postmortem or is refused; it never crashes or hangs.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255)
            }
            _ = try? Postmortem(summary: damaged, id: "x", path: "x", filePath: "x")
        }
    }
}
