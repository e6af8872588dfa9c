import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// Lints `text` as the file `path` with a fixed clock (2026-11-21).
func lint(_ text: String, path: String = "postmortems/2020-01-02-good.md", config: Config = Config()) -> [Diagnostic] {
    let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let document = PostmortemParser().read(Array(text.utf8), path: path, id: id, for: .lint)
    let linter = try! Linter(
        config: config, today: CalendarDate("2026-11-21")!, now: Date(timeIntervalSince1970: 1_795_219_200),
        configPath: "pm.yml")
    return linter.lint(document)
}

/// The rule ids found, in order.
func rules(_ text: String, path: String = "postmortems/2020-01-02-good.md", config: Config = Config()) -> [String] {
    lint(text, path: path, config: config).map(\.rule.rawValue)
}

/// A postmortem that passes every rule; tests break one thing at a time.
let cleanPostmortem = """
    ---
    title: Good
    date: 2020-01-02
    severity: high
    status: published
    template: six-questions@1
    started: 2020-01-02T10:00:00Z
    detected: 2020-01-02T10:05:00Z
    resolved: 2020-01-02T11:00:00Z
    ---

    # Good

    ## What went wrong?

    Replies stopped.

    ## What was the impact of the problem?

    Nine thousand users waited an hour.

    ## What was the root cause of the problem?

    The token depended on one person's account.

    ## How did we fix it?

    We reissued the token.

    ## What could we do differently in the future to prevent this from happening (if possible/feasible)?

    Use a system user.

    ## What could we do to find and fix the issue faster?

    Alert on send errors.

    ## Action items

    - [ ] Alert on send errors @sam due:2020-02-01 #detect ENG-1 <!-- id:alert1 -->
    - [x] Reissue the token @jo due:2020-01-02 #mitigate <!-- id:reissue -->

    """

@Suite struct LintRuleTests {
    @Test func aCleanPostmortemHasNoFindings() {
        #expect(lint(cleanPostmortem) == [])
    }

    @Test(arguments: ["2026-13-45", "yesterday", "2026-02-30"])
    func anInvalidDoneTokenIsAWarningNamingTheLine(value: String) {
        let text = cleanPostmortem.replacingOccurrences(
            of: "#mitigate <!-- id:reissue -->", with: "done:\(value) #mitigate <!-- id:reissue -->")
        let findings = lint(text).filter { $0.rule == .actionDoneInvalid }
        #expect(findings.count == 1)
        #expect(findings.first?.line == 41)
        #expect(findings.first?.severity == .warning)
        #expect(
            findings.first?.message
                == "`done:\(value)` is not a date, so action 2020-01-02-good/reissue has no closing day from it; "
                + "write the day it was closed as done:YYYY-MM-DD (`pm action done ID` writes today's), or remove "
                + "the token")
    }

    @Test func aValidDoneTokenIsQuiet() {
        let text = cleanPostmortem.replacingOccurrences(
            of: "#mitigate <!-- id:reissue -->", with: "done:2020-01-09 #mitigate <!-- id:reissue -->")
        #expect(lint(text) == [])
    }

    @Test func requiredFields() {
        // A postmortem written elsewhere gets one note instead of pm's format rules.
        #expect(rules("# Good\n", path: "postmortems/2020-01-02-good.md").filter { $0 == "required-field" }.isEmpty)
        #expect(rules("# Good\n", path: "postmortems/2020-01-02-good.md").contains("foreign-format"))
        #expect(rules("---\ntemplate: six-questions@2\n---\n\n# Good\n").filter { $0 == "required-field" }.count == 4)
        let missing = lint(
            cleanPostmortem.replacingOccurrences(of: "severity: high\n", with: "").replacingOccurrences(
                of: "status: published\n", with: ""))
        #expect(
            missing.filter { $0.rule == "required-field" }.map(\.message) == [
                "`severity:` is missing or empty; add it to the front matter (one of critical, high, medium, low)",
                "`status:` is missing or empty; add it to the front matter (draft, in-review or published)",
            ])
    }

    @Test func anInvalidValueIsReportedOnceNotAlsoAsMissing() {
        let findings = lint(cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: done"))
        #expect(findings.map(\.rule) == ["front-matter"])
        #expect(findings.first?.line == 5)
        #expect(findings.first?.severity == .error)
    }

    @Test func severityScaleComesFromTheConfig() {
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "severity: high", with: "severity: sev1")) == [
                "severity-scale"
            ])
        var config = Config()
        config.severities = ["sev1", "sev2"]
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "severity: high", with: "severity: sev1"), config: config)
                == [])
    }

    @Test func unknownKeysAreWarningsWithAHint() {
        let findings = lint(
            cleanPostmortem.replacingOccurrences(of: "severity: high\n", with: "severity: high\nresolvd: 2020-01-02\n"))
        #expect(findings.map(\.rule) == ["unknown-key"])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].line == 5)
        #expect(findings[0].message == "unknown front-matter key `resolvd`; did you mean `resolved`?")
    }

    @Test func timesInOrderAndNotInTheFuture() {
        let outOfOrder = lint(
            cleanPostmortem.replacingOccurrences(
                of: "detected: 2020-01-02T10:05:00Z", with: "detected: 2020-01-02T09:05:00Z"))
        #expect(outOfOrder.map(\.rule) == ["time-order"])
        #expect(outOfOrder[0].severity == .error)
        #expect(outOfOrder[0].line == 8)
        #expect(
            rules(
                cleanPostmortem.replacingOccurrences(
                    of: "resolved: 2020-01-02T11:00:00Z", with: "resolved: 2027-01-02T11:00:00Z")) == ["future-time"])
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "started: 2020-01-02T10:00:00Z", with: "started: noon")) == [
                "front-matter"
            ])
    }

    @Test func fileNames() {
        #expect(rules(cleanPostmortem, path: "postmortems/Good Outage.md") == ["file-name"])
        #expect(rules(cleanPostmortem, path: "postmortems/2020-01-02-Good.md") == ["file-name"])
        #expect(rules(cleanPostmortem, path: "postmortems/2020-01-03-good.md") == ["file-date"])
        #expect(rules(cleanPostmortem, path: "postmortems/2020/2020-01-02-good-2.md") == [])
    }

    @Test func sectionsFollowTheStatus() {
        let withoutImpact = cleanPostmortem.replacingOccurrences(
            of: "## What was the impact of the problem?\n\nNine thousand users waited an hour.\n\n", with: "")
        let unanswered = cleanPostmortem.replacingOccurrences(
            of: "Nine thousand users waited an hour.", with: "<!-- who? -->")
        #expect(lint(withoutImpact).map { "\($0.rule) \($0.severity)" } == ["missing-section error"])
        #expect(lint(unanswered).map { "\($0.rule) \($0.severity) \($0.line!)" } == ["unanswered error 18"])
        let draft = { (text: String) in text.replacingOccurrences(of: "status: published", with: "status: draft") }
        #expect(lint(draft(withoutImpact)).map { "\($0.rule) \($0.severity)" } == ["missing-section warning"])
        #expect(lint(draft(unanswered)).map { "\($0.rule) \($0.severity)" } == ["unanswered warning"])
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "template: six-questions@1", with: "template: ours@3")) == [
                "unknown-template"
            ])
    }

    @Test func actions() {
        let noActions = cleanPostmortem.components(separatedBy: "- [ ]")[0]
        #expect(rules(noActions) == ["no-actions", "unanswered"])
        #expect(
            rules(noActions.replacingOccurrences(of: "status: published", with: "status: in-review")) == ["unanswered"],
            "only a published postmortem must have actions, but an empty section is unanswered")
        let items = { (item: String) in
            cleanPostmortem.replacingOccurrences(
                of: "- [ ] Alert on send errors @sam due:2020-02-01 #detect ENG-1", with: item)
        }
        #expect(rules(items("- [ ] Alert on send errors due:2020-02-01")) == ["action-owner"])
        #expect(rules(items("- [ ] Alert on send errors @sam")) == ["action-due"])
        #expect(rules(items("- [ ] Alert on send errors @sam due:soon")) == ["action-due-invalid"])
        #expect(
            lint(items("- [ ] Alert on send errors @sam due:2020-02-01 #someday")).map { "\($0.rule) \($0.severity)" }
                == ["action-kind warning"])
        #expect(rules(items("- [x] Alert on send errors")) == [], "done actions need no owner or date")
        var config = Config()
        config.lint.kinds = ["someday", "mitigate"]
        #expect(rules(items("- [ ] Alert @sam due:2020-02-01 #someday"), config: config) == [])
    }

    @Test func pipeTablesAreReadNotFlagged() {
        let table = cleanPostmortem.replacingOccurrences(
            of: "Replies stopped.", with: "| time | event |\n|------|:-----:|\n| 10:02 | down |")
        #expect(lint(table) == [])
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "Replies stopped.", with: "```\n| a | b |\n|---|---|\n```"))
                == [])
        #expect(
            rules(cleanPostmortem.replacingOccurrences(of: "Replies stopped.", with: "Pipes | in a sentence.\n\n---"))
                == [])
    }

    @Test func levelsComeFromTheConfig() {
        var config = Config()
        config.lint.levels = ["action-owner": .off, "action-due": .warning]
        let items = cleanPostmortem.replacingOccurrences(of: "@sam due:2020-02-01", with: "")
        #expect(lint(items, config: config).map { "\($0.rule) \($0.severity)" } == ["action-due warning"])
    }

    @Test func findingsAreSortedByLine() {
        let text = cleanPostmortem.replacingOccurrences(of: "@sam due:2020-02-01", with: "").replacingOccurrences(
            of: "Replies stopped.", with: "Sam was careless.")
        let lines = lint(text).compactMap(\.line)
        #expect(lines == lines.sorted())
    }
}

@Suite struct BlamelessTests {
    static func sentences(_ file: String) throws -> [String] {
        try fixture(file).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    static func blameless(_ text: String, config: Config = Config()) -> [Diagnostic] {
        lint(cleanPostmortem.replacingOccurrences(of: "Replies stopped.", with: text), config: config).filter {
            $0.rule == "blameless"
        }
    }

    @Test func thereAreAtLeastThirtyPhrasesAndFortySentencesOfEachKind() throws {
        #expect(BlamelessLanguage.builtInPhrases.count >= 30)
        #expect(try Self.sentences("blaming-sentences.txt").count >= 40)
        #expect(try Self.sentences("neutral-sentences.txt").count >= 40)
    }

    @Test func everyBlamingSentenceIsFlagged() throws {
        for sentence in try Self.sentences("blaming-sentences.txt") {
            #expect(!Self.blameless(sentence).isEmpty, "not flagged: \(sentence)")
        }
    }

    @Test func noNeutralSentenceIsFlagged() throws {
        for sentence in try Self.sentences("neutral-sentences.txt") {
            #expect(
                Self.blameless(sentence).isEmpty, "flagged: \(sentence) → \(Self.blameless(sentence).map(\.message))")
        }
    }

    @Test func findingsQuoteThePhraseAndSuggestAReframing() {
        let finding = Self.blameless("In the end, Sam was careless with the flags.").first
        #expect(
            finding?.message == "blaming language: \"careless\"; ask what made this action seem reasonable at the time")
        #expect(finding?.line == 16)
        #expect(finding?.column == 21)
        #expect(finding?.severity == .error, "published: blaming language is an error")
    }

    @Test func codeSpansCodeBlocksAndLinkURLsAreNotProse() {
        #expect(Self.blameless("Run `git blame` on `careless.rb`.").isEmpty)
        #expect(Self.blameless("```\nhuman error\n```").isEmpty)
        #expect(Self.blameless("See [the notes](https://example.com/careless-blame).").isEmpty)
        #expect(Self.blameless("See [the careless notes](https://example.com/).").count == 1, "link text is prose")
        #expect(Self.blameless("A phrase split by code: human `x` error.").isEmpty)
    }

    @Test func phrasesSpanLineBreaksAndEmphasis() {
        #expect(Self.blameless("It was human\nerror.").count == 1)
        #expect(Self.blameless("It was *careless*.").count == 1)
    }

    @Test func linesCanOptOut() {
        #expect(Self.blameless("Sam was careless. <!-- pm-lint-disable-line blameless -->").isEmpty)
        #expect(Self.blameless("Sam was careless. <!-- pm-lint-disable-line -->").isEmpty)
        #expect(
            Self.blameless("Sam was careless. <!-- pm-lint-disable-line pipe-table -->").count == 1,
            "only the named rules")
        #expect(Self.blameless("<!-- pm-lint-disable-next-line blameless -->\nSam was careless.").isEmpty)
        #expect(
            Self.blameless("`<!-- pm-lint-disable-line -->` Sam was careless.").count == 1, "a marker in code is text")
    }

    @Test func teamsAddAndRemovePhrases() throws {
        let yaml = """
            lint:
              blameless:
                remove: [careless]
                add:
                  - rock star
                  - phrase: gunslinger
                    suggestion: describe the missing guard rail
                  - pattern: '\\bninja(s)?\\b'
            """
        let config = try Config.parse(yaml, path: "pm.yml")
        #expect(Self.blameless("Sam was careless.", config: config).isEmpty)
        #expect(Self.blameless("Our ROCK   STAR deployed it.", config: config).count == 1)
        #expect(
            Self.blameless("A gunslinger change.", config: config).first?.message
                == "blaming language: \"gunslinger\"; describe the missing guard rail")
        #expect(Self.blameless("Two ninjas.", config: config).count == 1)
        #expect(Self.blameless("Sam was negligent.", config: config).count == 1, "the other phrases stay")
    }

    @Test(arguments: [
        ("lint:\n  rules:\n    nonsense: off\n", 3, "`nonsense` is not a lint rule"),
        ("lint:\n  rules:\n    blameless: loud\n", 3, "must be error, warning or off"),
        ("lint:\n  blameless:\n    remove: [not-a-label]\n", 3, "`not-a-label` is not a built-in phrase label"),
        ("lint:\n  colour: red\n", 2, "unknown key `lint.colour`"),
    ])
    func badLintConfigNamesTheLine(yaml: String, line: Int, problem: String) {
        // pm.yml is read by the workspace; phrase labels are checked by the linter, which knows them.
        let configure = {
            _ = try Linter(
                config: try Config.parse(yaml, path: "pm.yml"), today: CalendarDate("2026-11-21")!, now: Date(),
                configPath: "pm.yml")
        }
        #expect(throws: PMError.self) { try configure() }
        do {
            try configure()
        } catch {
            #expect(error.localizedDescription.hasPrefix("pm.yml:\(line): "), "\(error.localizedDescription)")
            #expect(error.localizedDescription.contains(problem))
        }
    }

    @Test func checksWhoseRulesAreAllOffDoNotRun() throws {
        let today = CalendarDate("2026-11-21")!
        let quiet = try Config.parse("lint:\n  rules:\n    blameless: off\n    action-owner: off\n", path: "pm.yml")
        let linter = try Linter(config: quiet, today: today, now: Date(), configPath: "pm.yml")
        let running = Set(linter.enabledChecks.flatMap(\.rules).map(\.id.rawValue))
        #expect(!running.contains("blameless"))
        #expect(!running.contains("action-owner"))
        #expect(running.contains("action-due"))
        let all = try Linter(config: Config(), today: today, now: Date(), configPath: "pm.yml")
        #expect(all.enabledChecks.count == Linter.checks.count)
    }

    @Test func anInvalidTeamPatternIsAConfigError() throws {
        let config = try Config.parse("lint:\n  blameless:\n    add:\n      - pattern: '(unclosed'\n", path: "pm.yml")
        #expect(throws: PMError.self) {
            try Linter(config: config, today: CalendarDate("2026-11-21")!, now: Date(), configPath: "pm.yml")
        }
    }
}

@Suite struct BlamelessReviewTests {
    @Test func autolinkURLsAreNotProse() {
        #expect(BlamelessTests.blameless("History: <https://github.com/acme/app/blame/main/careless.swift>").isEmpty)
    }

    @Test func aQuoteAcrossLinesIsOneLine() {
        #expect(
            BlamelessTests.blameless("It was Sam's\nfault.").first?.message.hasPrefix(
                "blaming language: \"Sam's fault\";") == true)
    }
}

@Suite struct BlamelessCoverageTests {
    /// Each built-in phrase finds at least one sentence of the measuring sets, so none is dead.
    @Test func everyBuiltInPhraseFindsABlamingSentence() throws {
        let language = try BlamelessLanguage()
        var sentences = try BlamelessTests.sentences("blaming-sentences.txt")
        for folder in [
            "Tests/Fixtures/blameless", "Tests/Fixtures/blameless/voices", "Tests/Fixtures/blameless/holdout",
        ] {
            sentences += try BlamelessCorpusTests.sentences("\(folder)/blaming.txt")
        }
        var people = People(["sam"])
        for folder in [
            "Tests/Fixtures/blameless", "Tests/Fixtures/blameless/voices", "Tests/Fixtures/blameless/holdout",
        ] {
            people.add(try BlamelessCorpusTests.sentences("\(folder)/people.txt"))
        }
        let found = Set(sentences.flatMap { language.matches(in: $0, people: people).map(\.label) })
        for phrase in BlamelessLanguage.builtInPhrases {
            #expect(found.contains(phrase.label), "\(phrase.label) finds no sentence")
        }
    }
}

@Suite struct LintCatalogTests {
    @Test func everyCheckedRuleIsConfigurableAndEveryConfigurableRuleIsChecked() {
        let checked = Linter.checks.flatMap(\.rules).map(\.id)
        #expect(checked == RuleID.all, "the checks' rules, in order, are RuleID.all (what pm.yml validates against)")
        #expect(Set(checked).count == checked.count, "no rule belongs to two checks")
        #expect(LintRule.all.map(\.id) == RuleID.all)
        #expect(!checked.contains(.notMarkdown), "a note, not a rule")
    }

    @Test func everyRuleHasASummary() {
        for rule in LintRule.all {
            #expect(!rule.summary.isEmpty, "\(rule.id)")
            #expect(LintRule.named(rule.id)?.summary == rule.summary)
        }
    }
}
