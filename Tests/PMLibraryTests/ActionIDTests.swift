import Foundation
import Testing

@testable import PMDocument
@testable import PMWorkspace

/// Action ids: permanent tokens in id comments, ids derived from the words, and how both behave under edits.
@Suite struct ActionIDTests {
    /// Four items with permanent ids, one nested.
    static let withIDs = """
        ## Action items

        - [ ] Alert on send errors @sam due:2019-03-01 #detect ENG-123 <!-- id:a7k2q -->
        - [x] Limit invites @jo due:2019-02-20 #prevent <!-- id:b3m9x -->
          - [ ] Audit the admins @li <!-- id:c4n8w -->
        - [ ] Write the runbook @priya due:2019-03-08 #runbook <!-- id:d5p7v -->

        """

    /// The ids of the items of `text`, by their words.
    static func ids(_ text: String) -> [String: String] {
        Dictionary(parse(text).actions.map { ($0.text, $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func aPermanentIdIsReadFromTheItemsCommentAndTheTokensStillCount() {
        let actions = parse(Self.withIDs).actions
        #expect(actions.map(\.id) == ["a7k2q", "b3m9x", "c4n8w", "d5p7v"].map { "2019-02-14-test/\($0)" })
        #expect(actions.allSatisfy { $0.hasPermanentID && $0.hasIDComment })
        let first = actions[0]
        #expect(first.text == "Alert on send errors")
        #expect(first.owners == ["sam"] && first.due == CalendarDate("2019-03-01") && first.kind == "detect")
        #expect(first.ticket == "ENG-123")
        #expect(parse(Self.withIDs).diagnostics.isEmpty)
    }

    /// Edits of the actions list, each described by what it does to the text.
    static let edits: [(name: String, edit: @Sendable (String) -> String)] = [
        (
            "insert an item at the top",
            { $0.replacingOccurrences(of: "## Action items\n\n", with: "## Action items\n\n- [ ] New first @jo\n") }
        ),
        (
            "remove an item",
            {
                $0.replacingOccurrences(
                    of: "- [x] Limit invites @jo due:2019-02-20 #prevent <!-- id:b3m9x -->\n", with: "")
            }
        ),
        (
            "reorder",
            {
                let lines = $0.components(separatedBy: "\n")
                return ([lines[0], lines[1], lines[5], lines[2], lines[3], lines[4]] + lines[6...]).joined(
                    separator: "\n")
            }
        ),
        ("reword", { $0.replacingOccurrences(of: "Alert on send errors", with: "Page when sends fail") }),
        ("re-own", { $0.replacingOccurrences(of: "@sam", with: "@jo @li") }),
        ("re-date", { $0.replacingOccurrences(of: "due:2019-03-01", with: "due:2019-04-01") }),
        (
            "move into a sub-list",
            { $0.replacingOccurrences(of: "\n- [ ] Write the runbook", with: "\n  - [ ] Write the runbook") }
        ),
        ("tick", { $0.replacingOccurrences(of: "- [ ] Alert", with: "- [x] Alert") }),
    ]

    @Test(arguments: 0..<edits.count)
    func permanentIdsSurviveEveryEdit(index: Int) {
        let (name, edit) = Self.edits[index]
        let before = Set(parse(Self.withIDs).actions.map(\.id))
        let after = parse(edit(Self.withIDs)).actions.filter(\.hasPermanentID)
        #expect(Set(after.map(\.id)).isSubset(of: before), "\(name)")
        #expect(after.count == before.count - (name == "remove an item" ? 1 : 0), "\(name)")
        // Each surviving item keeps its token and nothing else took it.
        let tokenByLine = Dictionary(uniqueKeysWithValues: after.map { ($0.token, $0) })
        #expect(tokenByLine.count == after.count, "\(name)")
        if name == "reword" { #expect(tokenByLine["a7k2q"]?.text == "Page when sends fail") }
    }

    @Test func derivedIdsSurviveEverythingButAChangeOfWords() {
        let plain = Self.withIDs.replacing(/\ <!-- id:[a-z0-9]+ -->/, with: "")
        let before = Self.ids(plain)
        #expect(before.values.allSatisfy { $0.hasPrefix("2019-02-14-test/~") })
        for (name, edit) in Self.edits where name != "reword" {
            let after = Self.ids(edit(plain))
            for (text, id) in after where before[text] != nil {
                #expect(before[text] == id, "\(name): \(text)")
            }
        }
        let reworded = Self.ids(plain.replacingOccurrences(of: "Alert on send errors", with: "Page when sends fail"))
        #expect(
            !reworded.values.contains(before["Alert on send errors"]!), "new words, new id: the old one names nothing")
        #expect(
            ActionID.derivedToken(forText: "Alert  on SEND errors")
                == ActionID.derivedToken(forText: "alert on send errors"))
    }

    @Test func itemsWithTheSameWordsGetNumberedDerivedIds() {
        let actions = parse("## Action items\n\n- [ ] Same @sam\n- [x] Same @jo\n- [ ] Other\n").actions
        let base = ActionID.derivedToken(forText: "Same")
        #expect(actions.map(\.token) == [base, "\(base).2", ActionID.derivedToken(forText: "Other")])
    }

    @Test(arguments: ["A7K2Q", "", "12345", "ab", "a7k2q!", "waytoolongforanid12"])
    func aMalformedIdIsAWarningAndTheItemGoesByADerivedId(token: String) {
        let postmortem = parse("## Action items\n\n- [ ] Alert on errors @sam <!-- id:\(token) -->\n")
        let action = postmortem.actions[0]
        #expect(action.token == ActionID.derivedToken(forText: "Alert on errors"))
        #expect(action.hasIDComment && !action.hasPermanentID)
        #expect(action.owners == ["sam"])
        #expect(postmortem.diagnostics.map(\.rule) == [.actionIDInvalid])
        #expect(postmortem.diagnostics.allSatisfy { $0.severity == .warning && $0.line == 3 })
    }

    @Test func twoIdCommentsOnOneItemAreAWarning() {
        let postmortem = parse("## Action items\n\n- [ ] Alert <!-- id:abc --> <!-- id:def -->\n")
        #expect(postmortem.diagnostics.map(\.rule) == [.actionIDInvalid])
        #expect(!postmortem.actions[0].hasPermanentID)
    }

    @Test func aCopiedIdIsAnErrorNamingBothLines() {
        let postmortem = parse(
            "## Action items\n\n- [ ] Alert @sam <!-- id:a7k2q -->\n- [ ] Alert, copied @jo <!-- id:a7k2q -->\n")
        let errors = postmortem.diagnostics.filter { $0.rule == .actionIDDuplicate }
        #expect(errors.map(\.line) == [3, 4])
        #expect(errors.allSatisfy { $0.severity == .error })
        #expect(errors[0].message.contains("`id:a7k2q` is also written on line 4"))
        #expect(errors[1].message.contains("also written on line 3"))
        let set = PostmortemSet(postmortems: [postmortem], diagnostics: [])
        #expect(throws: PMError.duplicateAction("2019-02-14-test/a7k2q", path: postmortem.path, lines: [3, 4])) {
            try set.resolveAction("2019-02-14-test/a7k2q")
        }
    }

    @Test func tokenGrammar() {
        #expect(ActionID.isValidToken("a7k2q") && ActionID.isValidToken("abc") && ActionID.isValidToken("fix1"))
        #expect(!ActionID.isValidToken("12345"), "all digits reads as a position")
        #expect(!ActionID.isValidToken("ab") && !ActionID.isValidToken("A7K2Q") && !ActionID.isValidToken("a-b-c"))
        #expect(!ActionID.isValidToken("~abcde"), "a derived token is never a permanent one")
        var generator = SystemRandomNumberGenerator()
        var taken: Set<String> = []
        for _ in 0..<2000 {
            let token = ActionID.generate(avoiding: taken, using: &generator)
            #expect(ActionID.isValidToken(token) && token.count == 5 && !taken.contains(token))
            #expect(!token.contains(where: { "01ilo".contains($0) }), "no look-alike characters")
            taken.insert(token)
        }
        #expect(ActionID.mark(inComment: "<!--id:abc-->") == .token("abc"))
        #expect(ActionID.mark(inComment: "<!-- ID:abc -->") == .token("abc"))
        #expect(ActionID.mark(inComment: "<!-- identity -->") == nil)
        #expect(ActionID.mark(inComment: "<!-- pm-lint-disable-line blameless -->") == nil)
    }
}

/// Writing permanent ids into a file: only the comments are added.
@Suite struct ActionIDWriterTests {
    @Test func onlyTheCommentsAreAddedAndEveryItemReadsAsBefore() throws {
        let text =
            "\u{FEFF}---\r\ntitle: t\r\n---\r\n\r\n## Action items\r\n\r\n"
            + "- [ ] Alert on errors @sam due:2020-01-01  \r\n"
            + "  - [x] Nested `code` item #detect\r\n- [ ] Wrapped over\r\n  two lines @jo ENG-1\r\n"
            + "- [ ] Already here <!-- id:keepme -->\r\n> - [ ] A quoted item\r\n\r\n"
            + "## Appendix\r\n\r\n- [ ] not an action\r\n"
        let bytes = Array(text.utf8)
        let before = parseBytes(bytes)
        let (edited, tokens) = ActionIDWriter.writingIDs(into: bytes, postmortem: before)
        #expect(tokens.count == before.actions.count - 1)
        let after = parseBytes(edited)
        #expect(after.actions.allSatisfy { $0.hasPermanentID })
        #expect(after.actions.map(\.text) == before.actions.map(\.text))
        #expect(after.actions.map(\.owners) == before.actions.map(\.owners))
        #expect(after.actions.map(\.line) == before.actions.map(\.line))
        #expect(after.actions.first { $0.text == "Already here" }?.token == "keepme")
        // Removing the new comments gives back the file, byte for byte.
        var restored = String(decoding: edited, as: UTF8.self)
        for token in tokens.values { restored = restored.replacingOccurrences(of: " <!-- id:\(token) -->", with: "") }
        #expect(Array(restored.utf8) == bytes)
        #expect(String(decoding: edited, as: UTF8.self).contains("  two lines @jo ENG-1 <!-- id:"), "end of the item")
        #expect(
            String(decoding: edited, as: UTF8.self).contains("due:2020-01-01 <!-- id:"),
            "before the trailing spaces, so they still end the line")
        #expect(Set(tokens.values).count == tokens.count && !tokens.values.contains("keepme"))
        let parser = PostmortemParser()
        #expect(try ActionIDWriter.verifiedIDs(into: edited, postmortem: after, parser: parser).tokens.isEmpty)
    }
}

extension ActionIDWriterTests {
    /// Every postmortem the tests hold, from many hands: ids written into each read back as before.
    @Test func idsCanBeWrittenIntoEveryFixture() throws {
        let folders = [
            "postmortems", "Tests/PMLibraryTests/Fixtures/foreign", "Tests/PMLibraryTests/Fixtures/upgrade",
            "Tests/PMCommandsTests/Fixtures/hostile", "Tests/Fixtures/realworld",
        ]
        let parser = PostmortemParser()
        var items = 0
        for folder in folders {
            let url = packageRoot.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            where name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                let bytes = [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
                let postmortem = parseBytes(bytes, path: "\(folder)/\(name)")
                let (edited, _, tokens) = try ActionIDWriter.verifiedIDs(
                    into: bytes, postmortem: postmortem, parser: parser)
                var restored = String(decoding: edited, as: UTF8.self)
                for token in tokens.values {
                    restored = restored.replacingOccurrences(of: " <!-- id:\(token) -->", with: "")
                }
                #expect(Array(restored.utf8) == bytes, "\(folder)/\(name)")
                items += tokens.count
            }
        }
        #expect(items > 50)
    }
}

/// Naming incidents and actions: aliases, prefixes, refusals, short ids, page names.
@Suite struct IncidentNameTests {
    static func postmortem(_ id: String, aliases: [String] = [], items: String = "") -> Postmortem {
        let front = aliases.isEmpty ? "" : "---\naliases: [\(aliases.joined(separator: ", "))]\n---\n\n"
        return parse(front + "## Action items\n\n" + items, path: "postmortems/\(id).md")
    }

    static let set = PostmortemSet.gather(
        [
            postmortem(
                "2026-11-20-stripe-webhook", aliases: ["2026-11-19-stripe"],
                items: "- [ ] Retry webhooks @sam <!-- id:a7k2q -->\n- [ ] Plain words\n"),
            postmortem("2026-11-20-db-failover"),
            postmortem("2026-11-21-api"),
            postmortem("2026-11-21-api-2"),
            postmortem("2025-01-01-old"),
        ].map { .parsed($0) })

    @Test func incidentsResolveByIdAliasOrUniquePrefix() throws {
        #expect(try Self.set.resolve("2026-11-20-stripe-webhook").id == "2026-11-20-stripe-webhook")
        #expect(try Self.set.resolve("2026-11-19-stripe").id == "2026-11-20-stripe-webhook", "an old id")
        #expect(try Self.set.resolve("2026-11-19").id == "2026-11-20-stripe-webhook", "a prefix of an old id")
        #expect(try Self.set.resolve("2026-11-20-s").id == "2026-11-20-stripe-webhook")
        #expect(try Self.set.resolve("2026-11-20-stripe-webhook/a7k2q").id == "2026-11-20-stripe-webhook")
        #expect(try Self.set.resolve("postmortems/2025-01-01-old.md").id == "2025-01-01-old")
        #expect(
            throws: PMError.ambiguousIncident(
                "2026-11-20", candidates: ["2026-11-20-db-failover", "2026-11-20-stripe-webhook"])
        ) {
            try Self.set.resolve("2026-11-20")
        }
        #expect(throws: PMError.unknownIncident("1999")) { try Self.set.resolve("1999") }
    }

    @Test func actionsResolveByTokenAndEverythingElseIsRefused() throws {
        let (incident, action) = try Self.set.resolveAction("2026-11-19/A7K2Q")
        #expect(incident.id == "2026-11-20-stripe-webhook" && action.text == "Retry webhooks")
        let derived = ActionID.derivedToken(forText: "Plain words")
        #expect(try Self.set.resolveAction("2026-11-20-s/\(derived)").action.text == "Plain words")
        let candidates = [
            "2026-11-20-stripe-webhook/a7k2q  [ ] Retry webhooks",
            "2026-11-20-stripe-webhook/\(derived)  [ ] Plain words",
        ]
        #expect(throws: PMError.positionalActionID("2026-11-20-s/1", candidates: candidates)) {
            try Self.set.resolveAction("2026-11-20-s/1")
        }
        #expect(
            throws: PMError.unknownAction(
                "2026-11-20-s/zzzzz", incident: "2026-11-20-stripe-webhook", candidates: candidates)
        ) {
            try Self.set.resolveAction("2026-11-20-s/zzzzz")
        }
        #expect(
            throws: PMError.unknownAction(
                "2026-11-20-s/~abcde", incident: "2026-11-20-stripe-webhook", candidates: candidates)
        ) {
            try Self.set.resolveAction("2026-11-20-s/~abcde")
        }
        #expect(throws: PMError.notAnActionID("a7k2q")) { try Self.set.resolveAction("a7k2q") }
    }

    @Test func shortIdsRunIntoTheSlugWhenADateIsSharedAndResolveBack() throws {
        let short = Self.set.shortestUniquePrefixes()
        #expect(short["2026-11-20-stripe-webhook"] == "2026-11-20-stripe")
        #expect(short["2026-11-20-db-failover"] == "2026-11-20-db")
        #expect(short["2026-11-21-api"] == "2026-11-21-api")
        #expect(short["2026-11-21-api-2"] == "2026-11-21-api-2")
        #expect(short["2025-01-01-old"] == "2025-01-01")
        for (id, prefix) in short {
            #expect(try Self.set.resolve(prefix).id == id, "\(prefix) names \(id)")
        }
    }

    @Test func pagesAreNamedByTheWholeIdAndCollisionsGetNoSharedPage() {
        let pages = IncidentNames.pages(for: ["2026-11-20-stripe", "Q3 review - API latency", "q3-review-api-latency"])
        #expect(pages["2026-11-20-stripe"] == "incidents/2026-11-20-stripe.html")
        #expect(pages["Q3 review - API latency"]!.hasPrefix("incidents/q3-review-api-latency~"))
        #expect(pages["q3-review-api-latency"]!.hasPrefix("incidents/q3-review-api-latency~"))
        #expect(pages["Q3 review - API latency"] != pages["q3-review-api-latency"])
        let long = "2026-11-20-" + String(repeating: "word-", count: 20) + "end"
        #expect(IncidentNames.pageSlug(long) == long, "never cut")
        for id in ["2026-11-20-a", "a--b", "-a", "a-", "Café ↯", "x_y", "", "2026-11-20-db-2"] {
            #expect(IncidentNames.pageSlug(id) == Slug.make(id, fallback: "incident", maximumLength: .max), "\(id)")
        }

        let set = PostmortemSet.gather(
            [
                Self.postmortem("Q3 review - API latency"), Self.postmortem("q3-review-api-latency"),
                Self.postmortem("2026-01-01-a", aliases: ["2026-01-01-b"]), Self.postmortem("2026-01-01-b"),
            ].map { .parsed($0) })
        #expect(set.diagnostics.filter { $0.rule == .pageName }.count == 2)
        let duplicate = set.diagnostics.filter { $0.rule == .duplicateId }
        #expect(duplicate.count == 1 && duplicate[0].message.contains("the alias 2026-01-01-b also names"))
    }
}
