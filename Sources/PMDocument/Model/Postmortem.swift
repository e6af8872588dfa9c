/// A `##` section of a postmortem.
public struct Section: Sendable, Hashable {
    /// The heading's text as written (without `##`).
    public var heading: String
    /// The heading level (2 for `##`; 1 for a level-1 heading after the title).
    public var level: Int
    /// The stable template key (`impact`, `root-cause`, `actions` …), or nil for a section no template knows.
    public var key: String?
    /// The section's content as plain text, without the heading and without HTML comments (empty when
    /// the parser was told not to keep section text).
    public var text: String
    /// Whether the section holds more than HTML comments and the template's placeholder.
    public var isAnswered: Bool
    /// The 1-based line of the heading.
    public var startLine: Int
    /// The heading's last line (the underline of a setext heading; `startLine` for `## Heading`).
    public var headingEndLine: Int
    /// The 1-based last line with content in this section.
    public var endLine: Int
    /// The bullet (`-`, `*` or `+`) of the top-level list the section ends with, if it ends with one.
    public var trailingBullet: Character?

    public init(
        heading: String, level: Int, key: String?, text: String, isAnswered: Bool, startLine: Int,
        headingEndLine: Int? = nil, endLine: Int, trailingBullet: Character? = nil
    ) {
        self.heading = heading
        self.level = level
        self.key = key
        self.text = text
        self.isAnswered = isAnswered
        self.startLine = startLine
        self.headingEndLine = headingEndLine ?? startLine
        self.endLine = endLine
        self.trailingBullet = trailingBullet
    }
}

/// A task-list item under a postmortem's actions section.
public struct ActionItem: Sendable, Hashable {
    /// `INCIDENT/TOKEN`, e.g. `2019-02-14-messenger-token/a7k2q` (permanent) or `…/~k3x9f` (derived from the
    /// text, for an item without a permanent id); see ``ActionID``.
    public var id: String { "\(incidentID)/\(token)" }
    public var incidentID: String
    /// The permanent token written in the item (`a7k2q`), or the derived one (`~k3x9f`, `~k3x9f.2` for a
    /// second item with the same words).
    public var token: String
    /// Whether the item holds an id comment (`<!-- id:… -->`), valid or not: edits that write ids leave it alone.
    public var hasIDComment: Bool
    /// Byte offset in the file just after the item's own text (the end of its first paragraph), where an id
    /// comment is written.
    public var idOffset: Int
    /// 1-based position among the file's action items, in document order (nested ones included); it changes
    /// when items move, so it orders items but never names one.
    public var position: Int
    public var isDone: Bool
    /// The item's text as plain text, without the checkbox and the trailing tokens.
    public var text: String
    /// Owners from `@owner` tokens, without the `@`.
    public var owners: [String]
    /// The due date from a `due:YYYY-MM-DD` token, when it parses.
    public var due: CalendarDate?
    /// The value of a `due:` token as written, even when it does not parse.
    public var dueText: String?
    /// The kind from a `#kind` token, without the `#` (prevent, detect, mitigate, process, runbook …).
    public var kind: String?
    /// A ticket (`ABC-123`) or an http(s) URL.
    public var ticket: String?
    /// 1-based line of the item.
    public var line: Int
    /// Byte offset in the file of the character inside the checkbox (the space or `x`); nil for a plain
    /// list item read as an open action (a postmortem written without task lists).
    public var checkboxOffset: Int?
    /// Nesting depth among action items (0 for a top-level item).
    public var depth: Int
    /// The value of a `done:` token as written, even when it does not parse.
    public var closedText: String?
    /// The day the action was closed: from its `done:YYYY-MM-DD` token, or (filled in by the workspace) from git.
    public var closed: CalendarDate?
    /// Where `closed` comes from, for a done action; nil for an open one.
    public var closedSource: ClosingSource?
    /// The item's text as written in the file, inline Markdown kept (code spans, links, emphasis), without
    /// the checkbox and the trailing tokens, on one line: what a report pasted into chat shows.
    public var markdown: String

    public init(
        incidentID: String, token: String = "", position: Int, isDone: Bool, text: String, owners: [String],
        due: CalendarDate?, dueText: String?, kind: String?, ticket: String?, line: Int, checkboxOffset: Int?,
        depth: Int, hasIDComment: Bool = false, idOffset: Int = 0, markdown: String = ""
    ) {
        self.incidentID = incidentID
        self.token = token
        self.hasIDComment = hasIDComment
        self.idOffset = idOffset
        self.position = position
        self.isDone = isDone
        self.text = text
        self.owners = owners
        self.due = due
        self.dueText = dueText
        self.kind = kind
        self.ticket = ticket
        self.line = line
        self.checkboxOffset = checkboxOffset
        self.depth = depth
        self.markdown = markdown
    }

    /// How many trailing tokens the item has (each owner, the due and done dates, the kind, the ticket: one
    /// word each).
    var tokenCount: Int {
        owners.count + [dueText, closedText, kind, ticket].filter { $0 != nil }.count
    }

    /// Days from `start` (the incident's date) to the closing day, when both are known.
    public func daysToClose(from start: CalendarDate?) -> Int? {
        guard isDone, let start, let closed else { return nil }
        return start.days(until: closed)
    }

    /// Whether the item's id is written in it (rather than derived from its text).
    public var hasPermanentID: Bool { !ActionID.isDerived(token) }

    /// Whether the item is open and its due date is before `today`.
    public func isOverdue(today: CalendarDate) -> Bool {
        guard !isDone, let due else { return false }
        return due < today
    }

    /// Days past the due date on `today`, when overdue.
    public func daysOverdue(today: CalendarDate) -> Int? {
        guard isOverdue(today: today), let due else { return nil }
        return due.days(until: today)
    }
}

/// Where a done action's closing day comes from.
public enum ClosingSource: String, Sendable, Hashable, CaseIterable {
    /// A `done:YYYY-MM-DD` token in the item (written by `pm action done`).
    case token
    /// The first commit of the item's latest opening-to-done change in git history.
    case git
    /// Neither: outside git, never committed, or not found; never guessed.
    case unknown
}

/// The prose of one paragraph or heading, as runs of text with their source positions, for checks
/// that read the words (`pm lint`). Code spans are marked so checks can skip them.
public struct ProseBlock: Sendable, Hashable {
    /// A stretch of inline text: a text node, a code span, or a line break (`"\n"`).
    public struct Run: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
        public var isCode: Bool

        public init(text: String, line: Int, column: Int, isCode: Bool) {
            self.text = text
            self.line = line
            self.column = column
            self.isCode = isCode
        }
    }

    public var runs: [Run]
    /// The line the block starts on.
    public var line: Int

    public init(runs: [Run], line: Int) {
        self.runs = runs
        self.line = line
    }
}

/// One parsed postmortem file.
public struct Postmortem: Sendable, Hashable {
    /// The file name without `.md`: `2019-02-14-messenger-token`.
    public var id: String
    /// The path shown for the file in reports and diagnostics (relative to the working directory when inside it).
    public var path: String
    /// The path to read and write the file at (absolute when loaded from a directory).
    public var filePath: String
    public var frontMatter: FrontMatter
    /// The text of the first level-1 heading, if any.
    public var headingTitle: String?
    public var sections: [Section]
    public var actions: [ActionItem]
    /// Problems found while reading the file; the rest of the model holds whatever could be read.
    public var diagnostics: [Diagnostic]
    /// A fingerprint of the file's bytes (FNV-1a), to tell whether it changed since the last run.
    public var sourceHash: UInt64 = 0
    public init(
        id: String, path: String, frontMatter: FrontMatter, headingTitle: String?, sections: [Section],
        actions: [ActionItem], diagnostics: [Diagnostic]
    ) {
        self.id = id
        self.path = path
        self.filePath = path
        self.frontMatter = frontMatter
        self.headingTitle = headingTitle
        self.sections = sections
        self.actions = actions
        self.diagnostics = diagnostics
    }

    /// The front-matter title, else the first level-1 heading, else the id.
    public var title: String {
        frontMatter.title ?? headingTitle ?? id
    }

    /// The date a `Date:` line in the body gives (postmortems written without front matter); for a
    /// postmortem written elsewhere, the date read from its labels, headings, name, text or timeline.
    public var statedDate: CalendarDate?

    /// Where each field was read when not from the front matter (`title`: heading, `date`: inferred …),
    /// by the field's key (`impact` and `root-cause` for those sections).
    public var sources: [String: FieldSource] = [:]

    /// The stated impact: the impact section's text, or an `Impact:` label's (nil when unanswered).
    public var impact: String?

    /// The stated root cause: the root-cause section's text, or a `Root cause:` label's.
    public var rootCause: String?

    /// What reading a postmortem written elsewhere could not settle (empty for pm's own format).
    public var readingProblems: [ReadingProblem] = []

    /// Whether the file is in pm's own format (its front matter names a template).
    public var isPMFormat: Bool { frontMatter.isPMFormat }

    /// Where the title was read: the front matter, the first heading, or the file name.
    public var titleSource: FieldSource {
        if let source = sources["title"] { return source }
        return frontMatter.title != nil ? .frontMatter : headingTitle != nil ? .heading : .fileName
    }

    /// Where the date was read, when there is one.
    public var dateSource: FieldSource? {
        if frontMatter.date != nil || frontMatter.started != nil { return .frontMatter }
        if statedDate != nil { return sources["date"] ?? .label }
        return Self.date(inName: id) != nil ? .fileName : nil
    }

    /// The incident's date: the front-matter date, else the date the incident started, else a `Date:`
    /// line in the body, else a `YYYY-MM-DD` in the file name.
    public var date: CalendarDate? {
        frontMatter.date ?? frontMatter.started?.calendarDate ?? statedDate ?? Self.date(inName: id)
    }

    /// The first `YYYY-MM-DD` in a file name (`2021-07-11-db`, `incident 2021-07-11`).
    static func date(inName name: String) -> CalendarDate? {
        let characters = Array(name)
        guard characters.count >= 10 else { return nil }
        for start in 0...(characters.count - 10) where characters[start].isNumber {
            if start > 0, characters[start - 1].isNumber { continue }
            if let date = CalendarDate(String(characters[start..<start + 10])) { return date }
        }
        return nil
    }

    /// The first section with `key`.
    public func section(_ key: String) -> Section? {
        sections.first { $0.key == key }
    }

    public var openActions: [ActionItem] { actions.filter { !$0.isDone } }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
