import Foundation
import PMDocument
import PMWorkspace
import Testing

@Suite(.cleansUpTemporaryFiles) struct ActionEditTests {
    /// A copy of the bundled postmortems in a temporary repository.
    static func repository() throws -> URL {
        let root = try temporaryRepository()
        for name in try FileManager.default.contentsOfDirectory(
            atPath: packageRoot.appendingPathComponent("postmortems").path) where !name.hasPrefix(".")
        {
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent("postmortems/\(name)"),
                to: root.appendingPathComponent("postmortems/\(name)"))
        }
        return root
    }

    /// The entries of the postmortems folder, but for pm's summary cache.
    static func entries(in root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("postmortems").path)
            .filter { $0 != SummaryCache.folderName }
    }

    static func bytes(_ path: String, in root: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static let messenger = "postmortems/2019-02-14-messenger-replies-stopped.md"

    /// A pm.yml for tests about where `pm action add` writes, not what lint says of an item without owner or date.
    static let ownerAndDueOff = "lint:\n  rules:\n    action-owner: off\n    action-due: off\n"

    @Test func addRefusesAnItemLintWouldRejectAndWarnsAboutOneItWouldFlag() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let before = try Self.bytes(Self.messenger, in: root)
        let refused = pm(["action", "add", "2019-02-14", "Add an alert"], in: root.path)
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "pm: error: the new action has no due date; add due:YYYY-MM-DD at the end of the item "
                + "[action-due]; the new action has no "
                + "owner; add @name at the end of the item [action-owner]; pm lint would reject the new item, so "
                + "nothing was written (pass --owner and --due, or lower those rules in pm.yml's lint.rules)\n")
        #expect(try Self.bytes(Self.messenger, in: root) == before)

        let warned = pm(
            [
                "action", "add", "2019-02-14", "Add an alert", "--owner", "sam", "--due", "2027-01-01", "--kind",
                "someday",
            ],
            in: root.path)
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(
            Self.maskingNewID(warned.stdout).hasSuffix("[ ] 2019-02-14-messenger-replies-stopped/NEW Add an alert\n"))
        #expect(
            warned.stderr.hasPrefix(
                "\(Self.messenger):81: warning: `#someday` is not a known kind; use one of #prevent, #detect"),
            "\(warned.stderr)")
        #expect(warned.stderr.hasSuffix(" [action-kind]\n"))

        // Levels come from pm.yml: a rule lowered to a warning warns, one switched off says nothing.
        try write(
            "lint:\n  rules:\n    action-owner: warning\n    action-due: off\n", to: "postmortems/pm.yml", in: root)
        let lowered = pm(["action", "add", "2019-02-14", "Another"], in: root.path)
        #expect(lowered.status == 0)
        #expect(
            Self.maskingNewID(lowered.stderr)
                == "\(Self.messenger):82: warning: open action 2019-02-14-messenger-replies-stopped/NEW has no owner; "
                + "add @name at the end of the item [action-owner]\n")
    }

    /// `text` with the random token of a new item's id as NEW.
    static func maskingNewID(_ text: String) -> String {
        text.replacing(/replies-stopped\/[a-z0-9]{5}\b/, with: "replies-stopped/NEW")
    }

    @Test func doneTicksTheBoxAndWritesTheClosingDayAndUndoRestoresEveryByte() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let before = try Self.bytes(Self.messenger, in: root)
        let run = pm(["action", "done", "2019-02-14/u25rs"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "\(Self.messenger):80: [x] 2019-02-14-messenger-replies-stopped/u25rs Move the production token to "
                + "a "
                + "Business Manager system user\n"
        )
        let after = try String(decoding: Self.bytes(Self.messenger, in: root), as: UTF8.self)
        let expected = String(decoding: before, as: UTF8.self).replacingOccurrences(
            of: "- [ ] Move the production token to a Business Manager system user @priya due:2019-06-28 #prevent "
                + "ENG-134 <!-- id:u25rs -->",
            with: "- [x] Move the production token to a Business Manager system user @priya due:2019-06-28 #prevent "
                + "ENG-134 done:\(testToday) <!-- id:u25rs -->")
        #expect(after == expected)
        let json = pm(["actions", "2019-02-14/u25rs", "--format", "json"], in: root.path).stdout
        #expect(json.contains("\"closed\" : \"\(testToday)\"") || json.contains("\"closed\": \"\(testToday)\""))
        #expect(json.contains("\"token\""))
        #expect(pm(["action", "done", "2019-02-14/U25RS", "--undo"], in: root.path).status == 0, "any case")
        #expect(try Self.bytes(Self.messenger, in: root) == before)
        // The other files are untouched.
        for name in try Self.entries(in: root) {
            #expect(
                try Self.bytes("postmortems/\(name)", in: root)
                    == Self.bytes(name, in: packageRoot.appendingPathComponent("postmortems")))
        }
    }

    @Test func undoOfAnUpperCaseXAndCRLFFilesKeepEveryOtherByte() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let text =
            "\u{FEFF}---\r\ntitle: t\r\n---\r\n\r\n## Action items\r\n\r\n- [X] Done @sam\r\n  - [ ] nested `[ ]` "
            + "@jo\r\n"
        try write(text, to: "postmortems/2020-01-01-crlf.md", in: root)
        #expect(
            pm(["action", "done", "2020/\(ActionID.derivedToken(forText: "Done"))", "--undo"], in: root.path).status
                == 0)
        #expect(
            pm(["action", "done", "2020/\(ActionID.derivedToken(forText: "nested [ ]"))"], in: root.path).status == 0)
        let expected = text.replacingOccurrences(of: "- [X] Done", with: "- [ ] Done").replacingOccurrences(
            of: "- [ ] nested", with: "- [x] nested"
        ).replacingOccurrences(of: "@jo\r\n", with: "@jo done:\(testToday)\r\n")
        #expect(try Self.bytes("postmortems/2020-01-01-crlf.md", in: root) == Array(expected.utf8))
    }

    /// Commands refused with their exit status and (part of) their message.
    static let refusals: [(arguments: [String], status: Int32, message: String)] = [
        (
            ["action", "done", "2019-02-14/j3njs"], 1,
            "action 2019-02-14-messenger-replies-stopped/j3njs is already done; nothing was changed"
        ),
        (
            ["action", "done", "2019-02-14/u25rs", "--undo"], 1,
            "action 2019-02-14-messenger-replies-stopped/u25rs is already open"
        ),
        (
            ["action", "done", "2019-02-14/zzzzz"], 2,
            "no action 2019-02-14/zzzzz in 2019-02-14-messenger-replies-stopped; nothing was done; its actions are:\n"
                + "  2019-02-14-messenger-replies-stopped/j3njs  [x] Reissue the page access token and retry the "
                + "failed replies\n"
        ),
        (
            ["action", "done", "2019-02-14/~abcde"], 2,
            "no action 2019-02-14/~abcde in 2019-02-14-messenger-replies-stopped (an id derived from an item's "
                + "words: its words may have changed); nothing was done; its actions are:"
        ),
        (
            ["action", "done", "2019-02-14/5"], 2,
            "\"2019-02-14/5\" names an action by its position, which changes when items are added or moved; use its "
                + "id instead; its actions are:\n  2019-02-14-messenger-replies-stopped/j3njs"
        ),
        (
            ["action", "done", "2019/j3njs"], 2,
            "\"2019\" matches 2 postmortems: 2019-02-14-messenger-replies-stopped, 2019-03-07-migration-blocked-outage"
        ),
        (["action", "done", "1999/j3njs"], 2, "no postmortem matches \"1999\""),
        (["action", "done", "2019-02-14"], 2, "\"2019-02-14\" is not an action id; write INCIDENT/ID"),
    ]

    @Test(arguments: refusals)
    func refusalsChangeNothing(arguments: [String], status: Int32, message: String) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let before = try Self.entries(in: root).sorted()
            .map { try Self.bytes("postmortems/\($0)", in: root) }
        let run = pm(arguments, in: root.path)
        #expect(run.status == status)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        let after = try Self.entries(in: root).sorted()
            .map { try Self.bytes("postmortems/\($0)", in: root) }
        #expect(after == before)
    }

    @Test(arguments: [
        ["action", "done", "2019-02-14/u25rs"], ["action", "add", "2019-02-14", "More", "--owner", "sam"],
        ["template", "upgrade", "2019-02-14", "--to", "six-questions@2"], ["mv", "2019-02-14", "2019-02-14-renamed"],
    ])
    func aLockLeftBehindIsReportedNeverBroken(arguments: [String]) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let lock = root.appendingPathComponent(Self.messenger + ".lock")
        try Data("pid: 999999999\nhost: elsewhere\nsince: 2020-01-01T10:00:00Z\ncommand: pm action done x/1\n".utf8)
            .write(to: lock)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: lock.path)
        let before = try Self.bytes(Self.messenger, in: root)
        let run = pm(arguments, in: root.path)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "pm: error: \(Self.messenger) is locked by \(Self.messenger).lock, left by `pm action done x/1`, "
                    + "process 999999999 on elsewhere, since 2020-01-01T10:00:00Z, which is "),
            "\(run.stderr)")
        #expect(run.stderr.contains("remove it (rm '\(Self.messenger).lock') and run the command again"))
        #expect(try Self.bytes(Self.messenger, in: root) == before)
        #expect(FileManager.default.fileExists(atPath: lock.path))
        #expect(pm(["list"], in: root.path).stderr.isEmpty, "a lock file is not reported as a skipped file")
    }

    @Test func editsKeepPermissionsAndLeaveNoTemporaryFiles() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let path = root.appendingPathComponent(Self.messenger).path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(pm(["action", "done", "2019-02-14/u25rs"], in: root.path).status == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640)
        #expect(try Self.entries(in: root).filter { $0.hasSuffix(".md") }.count == 6)
    }

    @Test func addAppendsAWellFormedItemAndNothingElse() throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let path = "postmortems/2026-08-17-insights-slow-after-index-drop.md"
        let before = try String(decoding: Self.bytes(path, in: root), as: UTF8.self)
        let run = pm(
            [
                "action", "add", "2026-08", "Review the index audit", "--owner", "@li", "--owner", "sam", "--due",
                "2027-02-01",
                "--kind", "#Process", "--ticket", "ENG-4200",
            ], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let after = try String(decoding: Self.bytes(path, in: root), as: UTF8.self)
        let token = try #require(idTokens(in: after).last)
        #expect(!idTokens(in: before).contains(token))
        #expect(
            run.stdout == "\(path):78: [ ] 2026-08-17-insights-slow-after-index-drop/\(token) Review the index audit\n")
        let item = "- [ ] Review the index audit @li @sam due:2027-02-01 #process ENG-4200 <!-- id:\(token) -->\n"
        let anchor =
            "- [ ] Add the `pg_stat_user_indexes` check to the migrations guide @li due:2027-02-15 #runbook "
            + "<!-- id:cp84e -->\n"
        #expect(after == before.replacingOccurrences(of: anchor, with: anchor + item))
        let json = pm(["actions", "--owner", "sam", "--format", "csv"], in: root.path)
        #expect(
            json.stdout.contains(
                "2026-08-17-insights-slow-after-index-drop/\(token),2026-08-17-insights-slow-after-index-drop,6,open,"
                    + "Review the index audit,li sam,2027-02-01,,process,ENG-4200"
            ))
    }

    @Test func addCreatesTheSectionFromTheTemplateWhenMissing() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\ntitle: t\ntemplate: six-questions@1\n---\n\n## What went wrong?\n\nIt broke.",
            to: "postmortems/2020-01-01-t.md", in: root)
        try write("# Only a title\r\n", to: "postmortems/2020-01-02-u.md", in: root)
        try write(
            "## Action items\n\n<!-- one task per line -->\n\n## Appendix\n\nGraphs.\n",
            to: "postmortems/2020-01-03-v.md", in: root)
        try write(ActionEditTests.ownerAndDueOff, to: "postmortems/pm.yml", in: root)
        #expect(pm(["action", "add", "2020-01-01", "First"], in: root.path).status == 0)
        #expect(pm(["action", "add", "2020-01-02", "Second"], in: root.path).status == 0)
        #expect(pm(["action", "add", "2020-01-03", "Third"], in: root.path).status == 0)
        let text = { (path: String) in maskingIDs(String(decoding: try Self.bytes(path, in: root), as: UTF8.self)) }
        #expect(
            try text("postmortems/2020-01-01-t.md")
                == "---\ntitle: t\ntemplate: six-questions@1\n---\n\n## What went wrong?\n\nIt broke.\n\n## Action "
                + "items\n\n- [ ] First <!-- id:TOKEN -->\n"
        )
        #expect(
            try text("postmortems/2020-01-02-u.md")
                == "# Only a title\r\n\r\n## Action items\r\n\r\n- [ ] Second <!-- id:TOKEN -->\r\n")
        #expect(
            try text("postmortems/2020-01-03-v.md")
                == "## Action items\n\n<!-- one task per line -->\n\n- [ ] Third <!-- id:TOKEN -->\n\n## Appendix\n\n"
                + "Graphs.\n")
    }

    @Test(arguments: [
        (["action", "add", "2019-02-14", "Ask @sam"], "the text ends with words pm would read as tokens"),
        (["action", "add", "2019-02-14", "x", "--owner", "sam smith"], "\"sam smith\" is not an owner name"),
        (["action", "add", "2019-02-14", "x", "--ticket", "eng-1"], "\"eng-1\" is not a ticket"),
        (["action", "add", "2019-02-14", "x", "--due", "2019-02-30"], "--due"),
        (["action", "add", "2019-02-14", " "], "the action's text is empty"),
    ])
    func addRefusesWhatWouldNotReadBack(arguments: [String], message: String) throws {
        let root = try Self.repository()
        defer { TemporaryFiles.remove(root) }
        let before = try Self.bytes(Self.messenger, in: root)
        let run = pm(arguments, in: root.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try Self.bytes(Self.messenger, in: root) == before)
    }

    @Test func aFileWithErrorsIsNotEdited() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        let text = "---\ntitle: [broken\n---\n\n## Action items\n\n- [ ] x @sam\n"
        try write(text, to: "postmortems/2020-01-01-b.md", in: root)
        let run = pm(["action", "done", "2020-01-01/\(ActionID.derivedToken(forText: "x"))"], in: root.path)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "postmortems/2020-01-01-b.md has errors (postmortems/2020-01-01-b.md:3: error: the front matter is "
                    + "not valid YAML"
            ))
        #expect(try Self.bytes("postmortems/2020-01-01-b.md", in: root) == Array(text.utf8))
    }
}

@Suite(.cleansUpTemporaryFiles) struct ActionEditReviewTests {
    @Test func aSymlinkedPostmortemIsEditedThroughTheLink() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("## Action items\n\n- [ ] Tick me @sam\n", to: "real/2026-01-02-t.md", in: root)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("postmortems/2026-01-02-t.md").path,
            withDestinationPath: "../real/2026-01-02-t.md")
        #expect(
            pm(["action", "done", "2026-01-02-t/\(ActionID.derivedToken(forText: "Tick me"))"], in: root.path).status
                == 0)
        #expect(
            try String(contentsOf: root.appendingPathComponent("real/2026-01-02-t.md"), encoding: .utf8)
                == "## Action items\n\n- [x] Tick me @sam done:\(testToday)\n")
        let link = try FileManager.default.destinationOfSymbolicLink(
            atPath: root.appendingPathComponent("postmortems/2026-01-02-t.md").path)
        #expect(link == "../real/2026-01-02-t.md", "the link is still a link")
    }

    @Test func addTakesMarkdownInTheText() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write("## Action items\n\n- [ ] First @sam\n", to: "postmortems/2026-01-02-t.md", in: root)
        try write(ActionEditTests.ownerAndDueOff, to: "postmortems/pm.yml", in: root)
        let run = pm(["action", "add", "2026", "*Rotate* the `@bot` key for R&D", "--owner", "li"], in: root.path)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: root.appendingPathComponent("postmortems/2026-01-02-t.md"), encoding: .utf8)
        #expect(run.stdout.hasSuffix("/\(idTokens(in: text).last ?? "") Rotate the @bot key for R&D\n"))
        #expect(
            maskingIDs(text)
                == "## Action items\n\n- [ ] First @sam\n- [ ] *Rotate* the `@bot` key for R&D @li <!-- id:TOKEN -->\n")
    }

    @Test func addUsesTheLineEndingOfTheLineItFollows() throws {
        let root = try temporaryRepository()
        defer { TemporaryFiles.remove(root) }
        try write(
            "---\ntitle: t\n---\n\r\n## Action items\r\n\r\n- [ ] First @sam\r\n", to: "postmortems/2026-01-02-t.md",
            in: root)
        try write(ActionEditTests.ownerAndDueOff, to: "postmortems/pm.yml", in: root)
        #expect(pm(["action", "add", "2026", "Second"], in: root.path).status == 0)
        #expect(
            maskingIDs(
                try String(contentsOf: root.appendingPathComponent("postmortems/2026-01-02-t.md"), encoding: .utf8))
                == "---\ntitle: t\n---\n\r\n## Action items\r\n\r\n- [ ] First @sam\r\n"
                + "- [ ] Second <!-- id:TOKEN -->\r\n"
        )
    }
}
