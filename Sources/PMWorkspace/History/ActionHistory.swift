import Foundation
import PMDocument

/// The history of every action item in a postmortems directory, read from one `git log -p -M` over the directory.
///
/// Each commit's diff is read line by line; a removed or added line that is a task item is parsed on its own
/// (so the same rules decide its text, tokens and id as in a whole file). Items are followed by their id: a
/// removed and an added item with the same token in one file's diff are one item changed (moved, re-owned,
/// re-dated, ticked …); left over, a removed and an added item in the same hunk are one item reworded (a
/// derived id changes with the words); renames carry a file's items to its new name. Only the first line of an
/// item is read, so an item whose words wrap onto more lines is followed by that line.
public struct ActionHistory: Sendable {
    /// A commit, as git describes it.
    public struct Commit: Sendable, Hashable {
        public var hash: String
        /// The author's date (the day in the author's own time zone).
        public var date: CalendarDate
        public var author: String
        public var email: String
        public var subject: String
    }

    /// An item as one line of a diff shows it.
    public struct State: Sendable, Hashable {
        public var token: String
        public var isDone: Bool
        public var text: String
        public var owners: [String]
        public var due: String?
        public var kind: String?
        public var ticket: String?
    }

    /// One commit's change to one item: `before` nil when it was created, `after` nil when it was deleted.
    public struct Change: Sendable, Hashable {
        public var commit: Commit
        public var path: String
        public var before: State?
        public var after: State?

        /// What changed, in words: created, deleted, ticked, un-ticked, reworded, re-owned, re-dated …
        public var kinds: [String] {
            guard let after else { return ["deleted"] }
            guard let before else { return after.isDone ? ["created", "ticked"] : ["created"] }
            var kinds: [String] = []
            if before.isDone != after.isDone { kinds.append(after.isDone ? "ticked" : "un-ticked") }
            if before.text != after.text { kinds.append("reworded") }
            if before.owners != after.owners { kinds.append("re-owned") }
            if before.due != after.due { kinds.append("re-dated") }
            if before.kind != after.kind { kinds.append("kind changed") }
            if before.ticket != after.ticket { kinds.append("ticket changed") }
            if before.token != after.token, kinds.isEmpty { kinds.append("id written") }
            return kinds.isEmpty ? ["moved"] : kinds
        }
    }

    /// One item's life: where it is now (its file, relative to the directory, and raw token), and its changes,
    /// oldest first.
    public struct Track: Sendable {
        public var path: String
        public var state: State
        public var changes: [Change]
        /// The day of the commit that last ticked it, while it is ticked.
        public var closed: CalendarDate?
        public var alive: Bool
    }

    /// Every item ever seen, in order of creation.
    public var tracks: [Track] = []
    /// The live items by file (relative to the directory) and raw token: indexes into `tracks`.
    var live: [String: [String: Int]] = [:]

    public init() {}

    /// The live item at `path` (relative to the directory) with `token` (a `.2` suffix of a repeated derived
    /// token is ignored), if git knows it.
    public func track(path: String, token: String) -> Track? {
        live[path]?[Self.rawToken(token)].map { tracks[$0] }
    }

    /// `token` without the `.N` git cannot know about (the numbering of repeated derived tokens).
    static func rawToken(_ token: String) -> String {
        guard ActionID.isDerived(token), let dot = token.firstIndex(of: ".") else { return token }
        return String(token[..<dot])
    }

    /// The arguments of the one `git log` this history is read from, run in the directory.
    public static let logArguments = [
        "log", "-p", "-M", "-U0", "--no-ext-diff", "--no-textconv", "--topo-order", "--reverse", "--relative",
        "--format=\(commitMarker)%H%x09%as%x09%an%x09%ae%x09%s", "--", ".",
    ]

    static let commitMarker = "%x01pm-commit%x01"

    /// Reads `git log` output (run with ``logArguments``).
    ///
    /// The task items among the diff's lines are parsed first, each distinct line once and on every core (the
    /// parser reads each as a careful person would, which is most of the walk's cost); the diff is then walked
    /// in order with the items looked up.
    public static func read(_ output: [UInt8], parser: PostmortemParser = PostmortemParser()) -> ActionHistory {
        var lines: [Range<Int>] = []
        var start = 0
        let count = output.count
        while start < count {
            var end = start
            while end < count, output[end] != 0x0A { end += 1 }
            lines.append(start..<end)
            start = end + 1
        }
        var seen = Set<[UInt8]>()
        var candidates: [[UInt8]] = []
        for range in lines {
            let line = output[range]
            guard let sign = line.first, sign == 0x2D || sign == 0x2B,
                let item = DiffReader.taskItem(line.dropFirst()), seen.insert(Array(item)).inserted
            else { continue }
            candidates.append(Array(item))
        }
        let states = candidates.concurrentMap { DiffReader.parse($0[...], parser: parser) }
        var parsed: [[UInt8]: ActionHistory.State] = [:]
        parsed.reserveCapacity(candidates.count)
        for (item, state) in zip(candidates, states) {
            if let state { parsed[item] = state }
        }
        var reader = DiffReader(history: ActionHistory(), parser: parser, parsed: parsed)
        for range in lines { reader.line(output[range]) }
        reader.finishFile()
        return reader.history
    }
}

/// Walks the lines of `git log -p` output, one file diff at a time.
private struct DiffReader {
    var history: ActionHistory
    let parser: PostmortemParser
    var commit: ActionHistory.Commit?
    var oldPath: String?
    var newPath: String?
    var inHunk = false
    var hunk = 0
    var removed: [(hunk: Int, state: ActionHistory.State)] = []
    var added: [(hunk: Int, state: ActionHistory.State)] = []

    /// Task items (from their `[`) already parsed, by their bytes.
    let parsed: [[UInt8]: ActionHistory.State]

    init(history: ActionHistory, parser: PostmortemParser, parsed: [[UInt8]: ActionHistory.State] = [:]) {
        self.history = history
        self.parser = parser
        self.parsed = parsed
    }

    mutating func line(_ bytes: ArraySlice<UInt8>) {
        if bytes.first == 0x01 {
            finishFile()
            commit = Self.commit(bytes)
            return
        }
        if bytes.starts(with: Array("diff --git ".utf8)) {
            finishFile()
            return
        }
        if !inHunk {
            if bytes.starts(with: Array("--- ".utf8)) {
                oldPath = Self.path(bytes.dropFirst(4))
            } else if bytes.starts(with: Array("+++ ".utf8)) {
                newPath = Self.path(bytes.dropFirst(4))
            } else if bytes.starts(with: Array("rename from ".utf8)) {
                oldPath = String(decoding: bytes.dropFirst(12), as: UTF8.self)
            } else if bytes.starts(with: Array("rename to ".utf8)) {
                newPath = String(decoding: bytes.dropFirst(10), as: UTF8.self)
            }
        }
        if bytes.starts(with: Array("@@ ".utf8)) {
            inHunk = true
            hunk += 1
            return
        }
        guard inHunk, let sign = bytes.first, sign == 0x2D || sign == 0x2B else { return }
        guard let state = item(bytes.dropFirst()) else { return }
        if sign == 0x2D { removed.append((hunk, state)) } else { added.append((hunk, state)) }
    }

    /// The item a diff line holds, when it is a task item (`- [ ]`, `* [x]`, `1. [X]` …).
    func item(_ content: ArraySlice<UInt8>) -> ActionHistory.State? {
        guard let item = Self.taskItem(content) else { return nil }
        return parsed[Array(item)] ?? Self.parse(item, parser: parser)
    }

    /// A task item's text from its `[`, when the line is one.
    static func taskItem(_ content: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = content.startIndex
        while start < content.endIndex, content[start] == 0x20 || content[start] == 0x09 { start += 1 }
        var index = start
        while index < content.endIndex, content[index] >= 0x30 && content[index] <= 0x39 { index += 1 }
        guard index < content.endIndex else { return nil }
        let marker = content[index]
        guard
            marker == 0x2D || marker == 0x2A || marker == 0x2B || ((marker == 0x2E || marker == 0x29) && index > start)
        else { return nil }
        guard index + 2 < content.endIndex, content[index + 1] == 0x20, content[index + 2] == 0x5B else { return nil }
        return content[(index + 2)...]
    }

    /// A task item (from its `[`) read as the parser reads an item of an actions section.
    static func parse(_ item: ArraySlice<UInt8>, parser: PostmortemParser) -> ActionHistory.State? {
        let text = Array("## Action items\n\n- ".utf8) + Array(item) + [0x0A]
        guard let action = parser.parse(text, path: "", id: "").actions.first, action.checkboxOffset != nil else {
            return nil
        }
        return ActionHistory.State(
            token: action.token, isDone: action.isDone, text: action.text, owners: action.owners,
            due: action.due?.description ?? action.dueText, kind: action.kind, ticket: action.ticket)
    }

    static func path(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "/dev/null" { return nil }
        if text.hasPrefix("a/") || text.hasPrefix("b/") { return String(text.dropFirst(2)) }
        return text
    }

    static func commit(_ bytes: ArraySlice<UInt8>) -> ActionHistory.Commit? {
        let marker = "\u{1}pm-commit\u{1}"
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix(marker) else { return nil }
        let fields = text.dropFirst(marker.count).split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, let date = CalendarDate(fields[1]) else { return nil }
        return ActionHistory.Commit(
            hash: String(fields[0]), date: date, author: String(fields[2]), email: String(fields[3]),
            subject: String(fields[4]))
    }

    /// Applies the file diff read so far to the history.
    mutating func finishFile() {
        defer {
            oldPath = nil
            newPath = nil
            inHunk = false
            hunk = 0
            removed = []
            added = []
        }
        guard let commit else { return }
        let isMarkdown = { (path: String?) in
            path.map { PostmortemsDirectory.markdownExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                ?? false
        }
        guard isMarkdown(oldPath) || isMarkdown(newPath) else { return }
        // A rename carries the file's items to the new name.
        if let oldPath, let newPath, oldPath != newPath, let items = history.live.removeValue(forKey: oldPath) {
            history.live[newPath, default: [:]].merge(items) { _, new in new }
            for index in items.values { history.tracks[index].path = newPath }
        }
        let path = newPath ?? oldPath ?? ""
        var leftRemoved: [(hunk: Int, state: ActionHistory.State)] = []
        var addedByToken: [String: Int] = [:]
        for (offset, entry) in added.enumerated() where addedByToken[entry.state.token] == nil {
            addedByToken[entry.state.token] = offset
        }
        var pairedAdded = Set<Int>()
        var pairs: [(ActionHistory.State?, ActionHistory.State?)] = []
        for entry in removed {
            if let offset = addedByToken[entry.state.token], !pairedAdded.contains(offset) {
                pairedAdded.insert(offset)
                pairs.append((entry.state, added[offset].state))
            } else {
                leftRemoved.append(entry)
            }
        }
        var leftAdded = added.enumerated().filter { !pairedAdded.contains($0.offset) }.map(\.element)
        for entry in leftRemoved {
            if let match = leftAdded.firstIndex(where: { $0.hunk == entry.hunk }) {
                pairs.append((entry.state, leftAdded.remove(at: match).state))
            } else {
                pairs.append((entry.state, nil))
            }
        }
        pairs += leftAdded.map { (nil, $0.state) }
        // Deletions first, so an item deleted and another created with its token reads as what it is.
        var keyed: [String: Int] = history.live[path] ?? [:]
        var rekeyed: [(String, Int)] = []
        for (before, after) in pairs {
            let change = ActionHistory.Change(commit: commit, path: path, before: before, after: after)
            if let before, let index = keyed.removeValue(forKey: before.token) {
                history.tracks[index].changes.append(change)
                if let after {
                    apply(after, to: index, commit: commit)
                    rekeyed.append((after.token, index))
                } else {
                    history.tracks[index].alive = false
                }
            } else if let after {
                history.tracks.append(
                    ActionHistory.Track(path: path, state: after, changes: [change], closed: nil, alive: true))
                let index = history.tracks.count - 1
                history.tracks[index].closed = after.isDone ? commit.date : nil
                rekeyed.append((after.token, index))
            }
        }
        for (token, index) in rekeyed { keyed[token] = index }
        history.live[path] = keyed
    }

    private mutating func apply(_ after: ActionHistory.State, to index: Int, commit: ActionHistory.Commit) {
        let before = history.tracks[index].state
        history.tracks[index].state = after
        history.tracks[index].path = newPath ?? history.tracks[index].path
        if after.isDone, !before.isDone { history.tracks[index].closed = commit.date }
        if !after.isDone { history.tracks[index].closed = nil }
    }
}
