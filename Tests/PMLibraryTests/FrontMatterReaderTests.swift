import Foundation
import PMDocument
import Testing

/// pm's flat front-matter reader is a fast path for Yams, never a second opinion: both readers decode
/// every front matter of the fuzz corpus, the fixtures and the tricky cases below to the same fields and
/// diagnostics, and the flat one reads the front matter pm writes.
@Suite struct FrontMatterReaderTests {
    /// The YAML of a file's front matter and its first line, when it has a closed block.
    static func frontMatter(of bytes: [UInt8]) -> (yaml: String, firstLine: Int)? {
        let layout = FrontMatterParser.layout(of: SourceText(bytes: bytes))
        guard !layout.isUnterminated, let lines = layout.yamlLines else { return nil }
        return (layout.yaml, lines.lowerBound)
    }

    static func expectSameReading(_ yaml: String, firstLine: Int = 2, _ name: String) {
        let flat = FrontMatterParser.decode(yaml, firstLine: firstLine, path: "a.md")
        let yams = FrontMatterParser.decode(yaml, firstLine: firstLine, path: "a.md", reader: .yams)
        #expect(flat.0 == yams.0, "\(name): \(yaml.debugDescription)")
        #expect(flat.1 == yams.1, "\(name): \(yaml.debugDescription)")
    }

    @Test func bothReadersAgreeOnEveryFileOfTheCorpus() throws {
        var read = 0
        for (name, bytes) in try SummaryCodingTests.corpus() {
            guard let (yaml, firstLine) = Self.frontMatter(of: bytes) else { continue }
            Self.expectSameReading(yaml, firstLine: firstLine, name)
            read += 1
        }
        #expect(read > 200)
    }

    static let tricky = [
        "", "\n", "# only a comment\n", "title: A\n", "title: A # comment\n", "title: A#not a comment\n",
        "title: 'quoted'\n", "title: \"double: quoted\"\n", "title: a: b\n", "title: a:b\n", "title: a:\n",
        "title:a\n", "title:\n", "title: ~\n", "title: null\n", "title: Null value\n", "severity: 3\n",
        "severity: yes\n", "severity: Yes please\n", "severity: on\n", "severity: 0x1F\n", "severity: 1_000\n",
        "severity: .inf\n", "severity: .5\n", "severity: -1\n", "severity: +1\n", "severity: 12:30\n",
        "severity: 2019-02-14\n", "severity: <<\n", "severity: =\n", "status: Published\n", "date: 2019-02-14\n",
        "date: 2019-02-30\n", "started: 2019-02-14T10:02:00Z\n", "started: 2019-02-14 10:02\n",
        "responders: [sam, jo]\n", "responders: [sam, jo,]\n", "responders: [sam, , jo]\n", "responders: []\n",
        "responders: [ ]\n", "responders: [sam, [jo]]\n", "responders: [a: b]\n", "responders: [a:b]\n",
        "responders: [sam, jo] # who\n", "responders: [sam, jo] trailing\n", "responders: [sam,\n  jo]\n",
        "responders:\n  - sam\n  - jo\n", "responders:\n- sam\n- jo\n", "responders:\n  - sam\n    - jo\n",
        "responders:\n  - sam\n  -\n  - jo\n", "responders:\n  - sam # lead\n  # a comment\n  - jo\n",
        "responders:\n  - sam\n title: x\n", "responders:\n  - a: b\n", "responders:\n  - [a]\n",
        "responders:\n  -sam\n", "responders: sam, jo\n", "responders: '@sam'\n", "responders: @sam\n",
        "title: A\ntitle: B\n", "title: A\n  continued\n", "title: A\n\n  continued\n", "title: A\n- x\n",
        "- a\n- b\n", "just words\n", "title: A\r\n", "title: A\rdate: 2019-02-14\n", "title: A\tB\n",
        "title:\tA\n", "\ttitle: A\n", "title: caf\u{E9}\n", "title: a\u{2028}b\n", "title: a\u{85}b\n",
        "title: a\u{FEFF}b\n", "title: \u{1F525} fire\n", "title: a\u{7F}b\n", "title: &anchor A\nother: *anchor\n",
        "title: !tag A\n", "title: |\n  block\n", "title: >\n  folded\n", "title: {a: b}\n", "extra: {a: b}\n",
        "extra:\n  nested: map\n", "extra: [1, 2.5, true, ~, x]\n", "extra:\n  - 1\n  - yes\n", "? complex\n: key\n",
        "%YAML 1.1\n", "title: A\n...\n", "title: A\n---\n", "my-key_2: v\n", "2key: v\n", "_k: v\n",
        "key with space: v\n", "UPPER: Case\n", String(repeating: "k", count: 1100) + ": v\n",
        "title: x\n" + String(repeating: "# comment\n", count: 5) + "date: 2019-02-14\n",
        "tags: [a, b]\ntags2:\n", "detection: Customer-Support\nfacilitator: '@jo'\n", "template: six-questions@2\n",
        "template: nope\n", "acknowledged: 2019-02-14T10:24:00+01:00\nresolved: 2019-02-14T09:00:00Z\n",
        // Other tools' front matter, read leniently and under other names (no `template:`).
        "start_time: 2019-02-14 10:02:00 +0000\nend_time: 2019-02-14T11:00:00Z\n", "sev: 2\npriority: P1\n",
        "status: closed\nsummary: Checkout down\n", "date: 2019-02-14 10:00:00 +0000\n", "date: 2019-02-14T10:00Z\n",
        "incident_title: A\ntitle: B\n", "labels: [db, api]\nservice: api\n", "owner: '@sam'\nparticipants: sam, jo\n",
        "severity: 2\ntemplate: six-questions@2\n", "status: closed\ntemplate: six-questions@2\n",
        "Title: Upper\nSEV: 1\n", "started: 2019-02-14 10:02:00 +0000\n",
    ]

    @Test func bothReadersAgreeOnTrickyFrontMatter() {
        for (index, yaml) in Self.tricky.enumerated() { Self.expectSameReading(yaml, "case \(index)") }
    }

    @Test func theFlatReaderReadsWhatPmWrites() throws {
        let folder = packageRoot.appendingPathComponent("postmortems")
        var names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        names.sort()
        #expect(!names.isEmpty)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let (yaml, _) = try #require(Self.frontMatter(of: bytes))
            #expect(FlatYAML.read(yaml) != nil, "\(name)")
        }
        let generated = """
            title: Certificate connection request support migration dns
            date: 2015-01-01
            severity: high
            status: published
            template: six-questions@2
            started: 2015-01-01T20:00:00Z
            detected: 2015-01-01T20:10:00Z
            resolved: 2015-01-01T23:14:00Z
            detection: alert
            responders: [jo]
            facilitator: noor
            services: [payments]
            tags: [latency]

            """
        #expect(FlatYAML.read(generated) != nil)
    }

    @Test func scalarTypesMatchTheResolver() {
        let words = [
            "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yES", "y", "n", "no", "on", "off", "true",
            "False", "critical", "high", "alert", "customer-support", "jo", "Sam", "x1", "a.b", "inf", "nan", "e5",
            "0", "12", "-3", "+4", "0x1F", "0o7", "0b1", "1_000", "1.5", ".5", ".inf", "-.inf", ".nan", "12:30",
            "1:2:3", "2019-02-14", "2019-02-14T10:02:00Z", "<<", "=", "@sam", "#x", "_x", "Ünïcode", "\u{1F525}",
        ]
        for word in words {
            #expect(
                YAMLNodes.typeName(ofPlainScalar: word)
                    == YAMLNodes.typeName(ofPlainScalar: word, throughResolver: true),
                "\(word)")
        }
    }
}
