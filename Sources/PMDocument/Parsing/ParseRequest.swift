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

    /// Whether the lean tree (`Cmark.parseOutline`) can serve the request: no prose, no HTML, and the text of
    /// named sections at most.
    public var readsLean: Bool { !prose && html == nil && (!sectionText || sectionTextKeys != nil) }

    /// Which postmortem the parse gives, for the summary cache: `outline` without section text (prose and HTML
    /// come beside the postmortem, not in it), `text:KEYS` with the text of the named sections; nil with the
    /// text of every section (`.detail`: one file shown or edited, not worth caching).
    public var cacheVariant: String? {
        guard sectionText else { return "outline" }
        return sectionTextKeys.map { "text:" + $0.sorted().joined(separator: ",") }
    }

    /// Whether a cached summary can stand for the parse: no prose, no HTML, and a cacheable postmortem.
    public var isServedByCache: Bool { !prose && html == nil && cacheVariant != nil }

    /// The structure only: reports over many files.
    public static let outline = ParseRequest()
    /// The structure and every section's text: one incident shown or edited.
    public static let detail = ParseRequest(sectionText: true)
    /// The structure and the text of the summary, impact and root cause: what related incidents and the site's
    /// search compare across every postmortem.
    public static let comparedText: ParseRequest = {
        var request = ParseRequest(sectionText: true)
        request.sectionTextKeys = ["summary", "impact", "root-cause"]
        return request
    }()
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
