import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

@Suite struct ActionItemTests {
    static let document = """
        ---
        title: x
        template: six-questions@2
        ---

        ## Impact

        - [ ] not an action: outside the actions section @sam

        ## Action items

        - [ ] Alert when the Messenger send error rate passes 5% @sam due:2019-03-01 #detect ENG-123
        - [x] Limit who can accept Business Manager invites @jo due:2019-02-20 #prevent
        - [X] Upper-case done @li
          - [ ] Nested sub-task @priya @sam due:2019-04-01
        - [ ] Rotate the `@bot due:2020-01-01` credentials
        - [ ] Link the runbook <https://wiki.example.com/runbooks/messenger>
        - [ ] Bad date @sam due:next-week #Runbook
        - [ ] Mention @sam in the middle, then nothing
        - Not a task item @sam
        - [ ]
        1. [x] Ordered lists count too #process
        """

    @Test func readsTaskItemsAndTrailingTokens() {
        let actions = parse(Self.document).actions
        #expect(actions.count == 10)
        let first = actions[0]
        #expect(first.id == "2019-02-14-test/" + ActionID.derivedToken(forText: first.text), "no id comment: derived")
        #expect(!first.isDone)
        #expect(first.text == "Alert when the Messenger send error rate passes 5%")
        #expect(first.owners == ["sam"])
        #expect(first.due == CalendarDate("2019-03-01"))
        #expect(first.kind == "detect")
        #expect(first.ticket == "ENG-123")
        #expect(first.line == 12)
        #expect(actions[1].isDone && actions[1].kind == "prevent" && actions[1].ticket == nil)
        #expect(actions[2].isDone, "[X] counts as done")
    }

    @Test func nestedItemsAreActionsWithDepth() {
        let nested = parse(Self.document).actions[3]
        #expect(nested.text == "Nested sub-task")
        #expect(nested.owners == ["priya", "sam"])
        #expect(nested.depth == 1)
        #expect(nested.position == 4)
    }

    @Test func tokensInsideCodeSpansAreText() {
        let item = parse(Self.document).actions[4]
        #expect(item.text == "Rotate the @bot due:2020-01-01 credentials")
        #expect(item.owners.isEmpty)
        #expect(item.due == nil)
    }

    @Test func autolinksAreTickets() {
        let item = parse(Self.document).actions[5]
        #expect(item.ticket == "https://wiki.example.com/runbooks/messenger")
        #expect(item.text == "Link the runbook")
    }

    @Test func anUnparsableDueDateIsKeptAsWritten() {
        let item = parse(Self.document).actions[6]
        #expect(item.due == nil)
        #expect(item.dueText == "next-week")
        #expect(item.kind == "runbook")
    }

    @Test func onlyTrailingTokensCount() {
        let item = parse(Self.document).actions[7]
        #expect(item.owners.isEmpty)
        #expect(item.text == "Mention @sam in the middle, then nothing")
    }

    @Test func emptyAndOrderedItems() {
        let actions = parse(Self.document).actions
        #expect(actions[8].text == "")
        #expect(parse(Self.document).actions.last?.kind == "process")
    }

    @Test func checkboxOffsetsPointAtTheCheckboxCharacter() throws {
        for text in [
            Self.document, Self.document.replacingOccurrences(of: "\n", with: "\r\n"), "\u{FEFF}" + Self.document,
            "\u{FEFF}## Action items\n\n> - [ ] quoted @sam\n\n-\t[x] tab\n",
        ] {
            let bytes = Array(text.utf8)
            let postmortem = parseBytes(bytes)
            #expect(!postmortem.actions.isEmpty)
            for action in postmortem.actions {
                let offset = try #require(action.checkboxOffset)
                #expect(bytes[offset - 1] == UInt8(ascii: "["))
                #expect(
                    bytes[offset] == (action.isDone ? UInt8(ascii: "x") : UInt8(ascii: " "))
                        || bytes[offset] == UInt8(ascii: "X"))
                #expect(bytes[offset + 1] == UInt8(ascii: "]"))
            }
        }
    }

    @Test func nonUTF8BytesAreAWarningAndTheFileIsStillRead() {
        var bytes = Array("---\ntitle: caf".utf8)
        bytes += [0xE9]  // Latin-1 é
        bytes += Array("\n---\n\n## Action items\n\n- [ ] Fix encoding @sam\n".utf8)
        let postmortem = parseBytes(bytes)
        #expect(postmortem.diagnostics.map(\.rule) == ["encoding"])
        #expect(postmortem.diagnostics.first?.line == 2)
        #expect(postmortem.diagnostics.first?.severity == .warning)
        #expect(postmortem.frontMatter.title == "caf\u{FFFD}")
        #expect(postmortem.actions.first?.owners == ["sam"])
        #expect(postmortem.actions[0].checkboxOffset.map { bytes[$0] } == UInt8(ascii: " "))
    }

    @Test func utf16IsAnErrorNotACrash() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("# x".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let postmortem = parseBytes(bytes)
        #expect(postmortem.diagnostics.first?.message.contains("UTF-16") == true)
    }

    @Test func ticketsAndNames() {
        #expect(ActionTokens.isTicket("ENG-123"))
        #expect(ActionTokens.isTicket("OPS2-7"))
        #expect(ActionTokens.isTicket("https://x.example/1"))
        #expect(!ActionTokens.isTicket("E-1"))
        #expect(!ActionTokens.isTicket("eng-123"))
        #expect(!ActionTokens.isTicket("ENG-"))
        #expect(!ActionTokens.isTicket("https://"))
        #expect(ActionTokens.isName("sam.o-neil"))
        #expect(!ActionTokens.isName("sam."))
    }
}

@Suite struct ReviewedParserCases {
    @Test func escapedOrEntityCheckboxesAreText() {
        let postmortem = parse("## Action items\n\n- \\[ ] escaped\n- &#91; ] entity\n- [ ] real\n")
        #expect(postmortem.actions.map(\.text) == ["real"])
        #expect(postmortem.diagnostics.isEmpty)
    }

    @Test func aDueDateThatIsNotADateIsAWarningOnItsLine() {
        let postmortem = parse("## Action items\n\n- [ ] a @sam due:tomorrow\n- [ ] b due:2026-02-30\n")
        #expect(
            postmortem.diagnostics.map { "\($0.line!): \($0.message)" } == [
                "3: `due:tomorrow` is not a date; write it as due:YYYY-MM-DD",
                "4: `due:2026-02-30` is not a date; write it as due:YYYY-MM-DD",
            ])
        #expect(postmortem.diagnostics.allSatisfy { $0.severity == .warning && $0.rule == "action-due-invalid" })
    }

    @Test func timesOutOfOrderAreAWarningAndGiveNoDurations() {
        let postmortem = parse(
            "---\nstarted: 2020-01-01T12:00Z\ndetected: 2020-01-01T10:00Z\nresolved: 2020-01-01T13:00Z\n---\n\n# T\n")
        #expect(postmortem.diagnostics.map(\.line) == [3])
        #expect(postmortem.diagnostics.first?.rule == "time-order")
        #expect(postmortem.frontMatter.timeToDetect == nil)
        #expect(postmortem.frontMatter.timeToResolve == Duration(seconds: 3 * 3600))
    }

    @Test func aDuplicateKeyIsReportedWhereItIsRepeated() {
        let postmortem = parse("---\ntitle: a\nseverity: high\ntitle: b\n---\n")
        #expect(postmortem.diagnostics.first?.line == 4)
    }
}

/// The ASCII fast paths of the action reader (names, an item's words) say exactly what the Character-level
/// definitions they stand for say.
@Suite struct ActionTextFastPathTests {
    static let samples: [String] = [
        "", "a", "sam", "sam.", "sam.o-neil", "_sam", "-x", "9lives", "a b", "x@y", "AB-12", "a\r\nb", "tab\there",
        "   lead and trail  ", "one\u{0B}two\u{0C}three\rfour\nfive", "a..b", "Z", "[x]", "`code`", "@sam",
    ]

    @Test func namesReadOnBytesAsOnCharacters() {
        for sample in Self.samples {
            let text = Substring(sample)
            let characterLevel: Bool = {
                guard let first = text.first, first.isLetter || first.isNumber else { return false }
                return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }
                    && !text.hasSuffix(".")
            }()
            #expect(ActionTokens.isName(text) == characterLevel, "\(sample.debugDescription)")
        }
        for byte in UInt8(0)..<0x80 {
            let text = Substring(String(UnicodeScalar(byte)) + "a")
            #expect(
                ActionTokens.isName(text)
                    == (Character(UnicodeScalar(byte)).isLetter
                        || Character(UnicodeScalar(byte)).isNumber),
                "\(byte)")
        }
    }

    @Test func wordsJoinedOnBytesAsOnCharacters() {
        for sample in Self.samples {
            for dropping in 0...3 {
                let words = sample.split { $0 == " " || $0 == "\t" || $0.isNewline }
                let expected = words.dropLast(min(dropping, words.count)).joined(separator: " ")
                #expect(
                    ActionItemReader.joinedWords(asciiBytes: Array(sample.utf8), dropping: dropping) == expected,
                    "\(sample.debugDescription) less \(dropping)")
            }
        }
    }
}
