import Foundation
import PMDocument

/// A new action item for `pm action add`.
public struct NewAction: Sendable, Equatable {
    public var text: String
    public var owners: [String]
    public var due: CalendarDate?
    public var kind: String?
    public var ticket: String?
    /// The permanent id to write (`<!-- id:TOKEN -->`); nil: a new random one, unused in the file.
    public var token: String?

    public init(
        text: String, owners: [String] = [], due: CalendarDate? = nil, kind: String? = nil, ticket: String? = nil,
        token: String? = nil
    ) {
        self.text = text
        self.owners = owners
        self.due = due
        self.kind = kind
        self.ticket = ticket
        self.token = token
    }

    /// `TEXT @owner due:YYYY-MM-DD #kind TICKET <!-- id:TOKEN -->`, the part after the checkbox.
    public var line: String {
        ([text] + owners.map { "@\($0)" } + [due.map { "due:\($0)" }, kind.map { "#\($0)" }, ticket].compactMap { $0 }
            + [token.map(ActionID.comment)].compactMap { $0 })
            .joined(separator: " ")
    }

    /// Why this action cannot be written so that it reads back as given, or nil when it can.
    public var problem: String? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return "the action's text is empty" }
        if text.contains(where: \.isNewline) { return "the action's text must be one line" }
        if let owner = owners.first(where: { !ActionTokens.isName(Substring($0)) }) {
            return "\"\(owner)\" is not an owner name (letters, digits, ., _ and -)"
        }
        if let kind, !(ActionTokens.isName(Substring(kind)) && kind.first?.isLetter == true) {
            return "\"\(kind)\" is not a kind (a word like prevent, detect, mitigate, process, runbook)"
        }
        if let ticket, !ActionTokens.isTicket(ticket) {
            return "\"\(ticket)\" is not a ticket (ABC-123 or an http(s) URL)"
        }
        if let token, !ActionID.isValidToken(token) {
            return "\"\(token)\" is not an action id (3 to 16 lower-case letters and digits, one a letter)"
        }
        guard let alone = Self.parseAlone(text) else { return "the text does not make a task item on its own" }
        if !alone.owners.isEmpty || alone.dueText != nil || alone.kind != nil || alone.ticket != nil
            || alone.closedText != nil
        {
            return
                "the text ends with words pm would read as tokens (@owner, due:, done:, #kind, ticket); pass them with "
                + "--owner, --due, --kind or --ticket"
        }
        return nil
    }

    /// How pm reads `text` as the whole of a task item (its plain text, Markdown rendered).
    var expectedText: String? { Self.parseAlone(text)?.text }

    private static func parseAlone(_ text: String) -> ActionItem? {
        PostmortemParser().parse(Array("## Action items\n\n- [ ] \(text)\n".utf8), path: "", id: "").actions.first
    }
}

/// Edits that tick, untick and add action items, changing only the bytes they must.
///
/// Every edit reads the file afresh, computes the new bytes, parses them back to check that the edit
/// did exactly what it should, and only then replaces the file atomically.
public struct ActionEditor: Sendable {
    public var parser: PostmortemParser

    public init(parser: PostmortemParser = PostmortemParser()) {
        self.parser = parser
    }

    /// Ticks (`done`) or unticks the action with `token` in the file at `postmortem.filePath`; returns the action
    /// as it now reads.
    ///
    /// Ticking changes the checkbox byte and, given `closedOn`, writes a `done:YYYY-MM-DD` token after the item's
    /// other tokens (before its id comment); unticking changes the byte back and removes the item's `done:` token.
    @discardableResult
    public func setDone(_ done: Bool, token: String, of postmortem: Postmortem, closedOn: CalendarDate? = nil) throws
        -> ActionItem
    {
        // Held from reading the file to renaming the new version over it, so no other edit comes between.
        let lock = try FileLock.acquire(postmortem.filePath, displayPath: postmortem.path)
        defer { lock.release() }
        let (bytes, current) = try EditableFile.read(postmortem, parser: parser)
        let (_, action) = try PostmortemSet(postmortems: [current], diagnostics: []).resolveAction(
            "\(current.id)/\(token)")
        guard let offset = action.checkboxOffset else {
            throw EditError.noCheckbox(id: action.id, path: current.path, line: action.line)
        }
        guard action.isDone != done else {
            throw EditError.alreadyInState(id: action.id, done: done, path: current.path, line: action.line)
        }
        var edited = Self.setCheckbox(done, at: offset, in: bytes)
        var expected = current.actions
        expected[action.position - 1].isDone = done
        if done, let closedOn {
            guard action.closedText == nil else {
                throw EditError.verificationFailed(
                    path: current.path, problem: "the open item already holds a done: token; remove it first")
            }
            let (at, insertion) = Self.closingInsertion(closedOn, for: action, in: bytes)
            edited.insert(contentsOf: insertion, at: at)
            expected[action.position - 1].closed = closedOn
            expected[action.position - 1].closedText = closedOn.description
            expected[action.position - 1].closedSource = .token
        } else if done {
            expected[action.position - 1].closedSource = .unknown
        } else {
            if let range = Self.closingTokenRange(of: action, in: edited) { edited.removeSubrange(range) }
            expected[action.position - 1].closed = nil
            expected[action.position - 1].closedText = nil
            expected[action.position - 1].closedSource = nil
        }
        let reread = parser.parse(edited, path: current.path, id: current.id)
        guard reread.actions.map(Self.withoutOffsets) == expected.map(Self.withoutOffsets) else {
            throw EditError.verificationFailed(
                path: current.path, problem: "the item or other action items did not read back as intended")
        }
        try FileWriter.replace(postmortem.filePath, expected: bytes, with: edited, holding: lock)
        return reread.actions[action.position - 1]
    }

    /// Where `done:DATE` goes in the item and the bytes to insert there: before a trailing id comment, else
    /// just after the item's text.
    static func closingInsertion(_ date: CalendarDate, for action: ActionItem, in bytes: [UInt8])
        -> (Int, [UInt8])
    {
        let token = Array("done:\(date)".utf8)
        let end = action.idOffset
        let comment = Array("<!--".utf8)
        if action.hasIDComment, end >= 3, Array(bytes[(end - 3)..<end]) == Array("-->".utf8),
            let start = lastIndex(of: comment, in: bytes, before: end, after: action.checkboxOffset ?? 0)
        {
            return (start, token + [0x20])
        }
        return (end, [0x20] + token)
    }

    /// The bytes of the item's `done:` token with the whitespace before it, for removal.
    static func closingTokenRange(of action: ActionItem, in bytes: [UInt8]) -> Range<Int>? {
        guard let written = action.closedText, let checkbox = action.checkboxOffset else { return nil }
        for prefix in ["done:", "Done:", "DONE:"] {
            guard
                let start = lastIndex(
                    of: Array((prefix + written).utf8), in: bytes, before: action.idOffset,
                    after: checkbox)
            else { continue }
            var from = start
            while from > checkbox + 2, bytes[from - 1] == 0x20 || bytes[from - 1] == 0x09 { from -= 1 }
            return from..<(start + (prefix + written).utf8.count)
        }
        return nil
    }

    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8], before end: Int, after start: Int) -> Int? {
        var index = end - needle.count
        while index > start {
            if Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }

    /// The item without its byte offsets, which an insertion before it shifts.
    private static func withoutOffsets(_ item: ActionItem) -> ActionItem {
        var item = item
        item.checkboxOffset = item.checkboxOffset == nil ? nil : 0
        item.idOffset = 0
        return item
    }

    /// Appends `action` at the end of the (last) actions section, creating the section from the
    /// template's heading when there is none; returns the action as it now reads. `vetting` sees the new
    /// bytes and the item as it reads in them before anything is written, and may refuse by throwing.
    @discardableResult
    public func add(
        _ action: NewAction, to postmortem: Postmortem, actionsHeading: String,
        vetting: ([UInt8], ActionItem) throws -> Void = { _, _ in }
    ) throws -> ActionItem {
        // Held from reading the file to renaming the new version over it, so no other edit comes between.
        let lock = try FileLock.acquire(postmortem.filePath, displayPath: postmortem.path)
        defer { lock.release() }
        let (bytes, current) = try EditableFile.read(postmortem, parser: parser)
        var action = action
        action.token = action.token ?? ActionID.generate(avoiding: Set(current.actions.map(\.token)))
        // A postmortem that lists its actions as plain items gets a plain item: a task item would turn
        // the others into mere text (a section with task items reads only those).
        let plain = !current.actions.isEmpty && current.actions.allSatisfy { $0.checkboxOffset == nil }
        let edited = Self.appending(
            action, to: bytes, postmortem: current, actionsHeading: actionsHeading, plain: plain)
        let reread = parser.parse(edited, path: current.path, id: current.id)
        guard reread.actions.count == current.actions.count + 1,
            zip(reread.actions, current.actions).allSatisfy({
                $0.text == $1.text && $0.isDone == $1.isDone && $0.owners == $1.owners && $0.token == $1.token
            }),
            let added = reread.actions.last, !added.isDone, added.text == action.expectedText,
            added.token == action.token,
            added.owners == action.owners, added.due == action.due, added.kind == action.kind?.lowercased(),
            added.ticket == action.ticket
        else {
            throw EditError.verificationFailed(path: current.path, problem: "the new item did not read back as written")
        }
        try vetting(edited, added)
        try FileWriter.replace(postmortem.filePath, expected: bytes, with: edited, holding: lock)
        return added
    }

    /// `bytes` with the checkbox character at `offset` set to `x` or a space.
    public static func setCheckbox(_ done: Bool, at offset: Int, in bytes: [UInt8]) -> [UInt8] {
        precondition(
            offset > 0 && offset + 1 < bytes.count && bytes[offset - 1] == UInt8(ascii: "[")
                && bytes[offset + 1] == UInt8(ascii: "]"),
            "a parsed action's checkbox offset points between its brackets")
        var edited = bytes
        edited[offset] = done ? UInt8(ascii: "x") : UInt8(ascii: " ")
        return edited
    }

    /// `bytes` with `action` inserted after the last line of the last actions section (or a new
    /// section at the end), in the file's own line-ending style.
    public static func appending(
        _ action: NewAction, to bytes: [UInt8], postmortem: Postmortem, actionsHeading: String, plain: Bool = false
    ) -> [UInt8] {
        let item = (plain ? "" : "[ ] ") + action.line
        let source = SourceText(bytes: bytes)
        // The ending of the line the new text follows, so a file that mixes endings stays consistent locally.
        let anchorLine = postmortem.sections.last(where: { $0.key == "actions" })?.endLine ?? source.lineCount
        let anchorEnding = Array(
            bytes[
                (source.offset(ofLine: anchorLine) + source.content(ofLine: anchorLine).count)..<source.offset(
                    ofLine: anchorLine + 1)])
        let newline: [UInt8] = anchorEnding.isEmpty ? EditableFile.lineEnding(of: bytes) : anchorEnding
        var insertion: [UInt8] = []
        let offset: Int
        if let section = postmortem.sections.last(where: { $0.key == "actions" }) {
            offset = source.offset(ofLine: section.endLine + 1)
            if offset == bytes.count, !(bytes.last == 0x0A || bytes.last == 0x0D) { insertion += newline }
            if let bullet = section.trailingBullet {
                insertion += Array("\(bullet) \(item)".utf8) + newline
            } else {
                insertion += newline + Array("- \(item)".utf8) + newline
            }
        } else {
            offset = bytes.count
            if !bytes.isEmpty, !(bytes.last == 0x0A || bytes.last == 0x0D) { insertion += newline }
            if !bytes.isEmpty { insertion += newline }
            insertion += Array("## \(actionsHeading)".utf8) + newline + newline + Array("- \(item)".utf8) + newline
        }
        var edited = bytes
        edited.insert(contentsOf: insertion, at: offset)
        return edited
    }
}
