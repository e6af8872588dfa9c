import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite struct FrontMatterTests {
    static let full = """
        ---
        title: "Messenger replies stopped: token invalidated"
        date: 2019-02-14
        severity: Critical
        status: published
        template: six-questions@1
        started: 2019-02-14T10:02:00Z
        detected: 2019-02-14T11:20:00+01:00
        acknowledged: 2019-02-14 10:24
        resolved: 2019-02-14T11:08:00.250Z
        detection: customer-support
        responders: [sam, "@priya"]
        facilitator: '@jo'
        services: [messenger]
        tags:
          - third-party
          - credentials
        customer_tickets: 31
        review:
          board: eng
          attendees: [sam, jo]
        ---

        # Ignored title
        """

    @Test func decodesEveryTypedField() {
        let front = parse(Self.full).frontMatter
        #expect(front.isPresent)
        #expect(front.title == "Messenger replies stopped: token invalidated")
        #expect(front.date == CalendarDate(year: 2019, month: 2, day: 14))
        #expect(front.severity == "critical")
        #expect(front.status == .published)
        #expect(front.template == TemplateReference(name: "six-questions", version: 1))
        #expect(front.started?.description == "2019-02-14T10:02:00Z")
        #expect(front.detected?.description == "2019-02-14T10:20:00Z")
        #expect(front.acknowledged?.description == "2019-02-14T10:24:00Z")
        #expect(front.resolved?.secondsSinceEpoch == Timestamp("2019-02-14T11:08:00Z")!.secondsSinceEpoch + 0.25)
        #expect(front.detection == "customer-support")
        #expect(front.responders == ["sam", "priya"])
        #expect(front.facilitator == "jo")
        #expect(front.services == ["messenger"])
        #expect(front.tags == ["third-party", "credentials"])
    }

    @Test func computesTimeToDetectAndResolve() {
        let front = parse(Self.full).frontMatter
        #expect(front.timeToDetect == Duration(seconds: 18 * 60))
        #expect(front.timeToResolve == Duration(seconds: 48 * 60))
        #expect(front.duration?.description == "1h 6m")
    }

    @Test func keepsUnknownKeysInOrder() {
        let front = parse(Self.full).frontMatter
        #expect(front.extra.map(\.key) == ["customer_tickets", "review"])
        #expect(front.extra[0].value == .int(31))
        #expect(
            front.extra[1].value
                == .mapping([
                    .init(key: "board", value: .string("eng")),
                    .init(key: "attendees", value: .list([.string("sam"), .string("jo")])),
                ]))
    }

    @Test func toleratesBOMAndCRLF() {
        let text = "\u{FEFF}" + Self.full.replacingOccurrences(of: "\n", with: "\r\n")
        let postmortem = parse(text)
        #expect(postmortem.diagnostics.isEmpty)
        #expect(postmortem.frontMatter.title == "Messenger replies stopped: token invalidated")
        #expect(postmortem.frontMatter.tags == ["third-party", "credentials"])
    }

    @Test func withoutFrontMatterTheTitleComesFromTheHeadingAndTheDateFromTheFileName() {
        let postmortem = parse(
            "# Database failover took too long\n\n## Impact\n\nSlow.\n", path: "x/2021-07-11-failover.md")
        #expect(!postmortem.frontMatter.isPresent)
        #expect(postmortem.diagnostics.isEmpty)
        #expect(postmortem.title == "Database failover took too long")
        #expect(postmortem.date == CalendarDate(year: 2021, month: 7, day: 11))
    }

    @Test func invalidYAMLIsADiagnosticWithTheFileLine() {
        let postmortem = parse("---\ntitle: ok\nseverity: [high\n---\n\n## Impact\n\nSome.\n")
        let diagnostic = try! #require(postmortem.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.rule == "yaml")
        #expect(diagnostic.path == "postmortems/2019-02-14-test.md")
        #expect((3...5).contains(diagnostic.line ?? 0))
        // The body is still read.
        #expect(postmortem.sections.map(\.key) == ["impact"])
    }

    @Test func duplicateKeysAreReported() {
        let postmortem = parse("---\ntitle: a\ntitle: b\n---\n")
        #expect(postmortem.diagnostics.contains { $0.message.contains("`title` appears more than once") })
    }

    @Test(arguments: [
        ("---\n- a\n- b\n---\n", "a list"),
        ("---\njust words\n---\n", "a single value"),
    ])
    func frontMatterThatIsNotAMappingIsReported(text: String, shape: String) {
        let diagnostic = parse(text).diagnostics.first
        #expect(diagnostic?.message.contains("the front matter is \(shape)") == true)
        #expect(diagnostic?.line == 2)
    }

    @Test func wrongTypesNameTheKeyAndLine() {
        let postmortem = parse(
            "---\ntitle: x\nseverity: 3\ndate: yesterday\nstatus: done\nstarted: noon\ntemplate: six questions\n---\n")
        let messages = postmortem.diagnostics.map { "\($0.line ?? 0): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("3: `severity` must be") })
        #expect(messages.contains { $0.hasPrefix("4: `date: yesterday` is not a date") })
        #expect(messages.contains { $0.hasPrefix("5: `status: done` is not a status") })
        #expect(messages.contains { $0.hasPrefix("6: `started: noon` is not an ISO 8601 time") })
        #expect(messages.contains { $0.hasPrefix("7: `template: six questions` is not a template reference") })
        #expect(postmortem.hasErrors)
    }

    @Test func unterminatedFrontMatterIsAnErrorAndNothingIsLost() {
        let postmortem = parse("---\ntitle: x\n\n## Impact\n\nUsers waited.\n")
        #expect(postmortem.diagnostics.first?.message.contains("never closed") == true)
        #expect(postmortem.section("impact")?.text == "Users waited.")
    }

    @Test func emptyValuesAreAbsentNotErrors() {
        let postmortem = parse("---\ntitle: x\nseverity:  # critical | high\ndetected:\n---\n\n# x\n")
        #expect(postmortem.diagnostics.isEmpty)
        #expect(postmortem.frontMatter.severity == nil)
        #expect(postmortem.frontMatter.detected == nil)
    }
}

@Suite struct TimeTests {
    @Test(arguments: [
        ("2019-02-14", "2019-02-14"),
        ("2019-02-14T10:02", "2019-02-14T10:02:00Z"),
        ("2019-02-14 10:02:30", "2019-02-14T10:02:30Z"),
        ("2019-02-14T10:02:00Z", "2019-02-14T10:02:00Z"),
        ("2019-02-14T10:02:00+01:00", "2019-02-14T09:02:00Z"),
        ("2019-02-14T00:30:00-0130", "2019-02-14T02:00:00Z"),
        ("2019-02-14T23:30:00-01:00", "2019-02-15T00:30:00Z"),
        ("2020-02-29T12:00:00.25Z", "2020-02-29T12:00:00Z"),
    ])
    func parsesISO8601(text: String, expected: String) {
        #expect(Timestamp(text)?.description == expected)
    }

    @Test(arguments: [
        "2019-02-30", "2019-13-01", "2019-02-14T25:00", "2019-02-14T10", "14/02/2019", "2019-02-14T10:02Zjunk",
        "2021-02-29",
    ])
    func rejectsWhatIsNotATime(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func calendarDaysRoundTrip() {
        for days in stride(from: -719_162, through: 2_900_000, by: 997) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(date.description) == date)
        }
        #expect(CalendarDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate("2019-03-01")!.days(until: CalendarDate("2019-03-13")!) == 12)
    }

    @Test func durationsReadLikeSpeech() {
        #expect(Duration(seconds: 45).description == "45s")
        #expect(Duration(seconds: 18 * 60).description == "18m")
        #expect(Duration(seconds: 3600 + 6 * 60).description == "1h 6m")
        #expect(Duration(seconds: 7200).description == "2h")
        #expect(Duration(seconds: 2 * 86_400 + 3 * 3600 + 5).description == "2d 3h")
        #expect(Duration(seconds: -300).description == "-5m")
    }
}
