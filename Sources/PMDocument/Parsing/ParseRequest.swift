/// What a command needs from a parse beyond the postmortem's structure (front matter, sections,
/// actions), so each file is parsed once and nothing a command does not read is kept.
public struct ParseRequest: Sendable {
    /// Keep each section's Markdown and plain text (`pm show` prints them; reports over thousands of
    /// files need only the structure, and would otherwise hold the whole corpus twice).
    public var sectionText: Bool
    /// With `sectionText`, keep only the text of the sections with these keys (nil: of every section).
    public var sectionTextKeys: Set<String>?
    /// Collect paragraphs and headings as text runs, and the HTML comments (`pm lint`).
    public var prose: Bool
    /// Render the body as HTML in the same cmark pass, with the markup this decorator adds (`pm render`).
    public var html: (any HTMLDecorator)?

    public init(sectionText: Bool = false, prose: Bool = false, html: (any HTMLDecorator)? = nil) {
        self.sectionText = sectionText
        self.prose = prose
        self.html = html
    }

    /// The structure only: reports over many files.
    public static let outline = ParseRequest()
    /// The structure and every section's text: one incident shown or edited.
    public static let detail = ParseRequest(sectionText: true)
    /// The structure and the prose: `pm lint`.
    public static let lint = ParseRequest(prose: true)
}

/// One parsed file: the postmortem, and what the request asked for besides.
public struct ParsedDocument: Sendable {
    public var postmortem: Postmortem
    /// Paragraphs and headings as text runs (empty unless the request asked for prose).
    public var prose: [ProseBlock]
    /// The HTML comments, block and inline, in document order (empty unless the request asked for prose).
    public var comments: [HTMLComment]
    /// The body as HTML (nil unless the request asked for it).
    public var html: String?
    /// Each action item's text as HTML, in the order of the postmortem's actions, when the request's
    /// decorator takes the action items out of the body (`HTMLDecorator.actionsPlaceholder`); else empty.
    public var actionHTML: [String] = []

    public init(postmortem: Postmortem, prose: [ProseBlock] = [], comments: [HTMLComment] = [], html: String? = nil) {
        self.postmortem = postmortem
        self.prose = prose
        self.comments = comments
        self.html = html
    }
}

/// An HTML comment (or other raw HTML) in the body, with the line it starts on.
public struct HTMLComment: Sendable, Hashable {
    public var html: String
    public var line: Int

    public init(html: String, line: Int) {
        self.html = html
        self.line = line
    }
}
