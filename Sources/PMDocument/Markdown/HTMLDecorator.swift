/// The markup pm adds to cmark's HTML, supplied by the page that shows it, so the Markdown layer
/// knows nothing of the site's design. Every string returned is pm's own fixed markup, never user text.
public protocol HTMLDecorator: Sendable {
    /// Raw HTML to put at the start of each heading, given every heading's plain text in document order
    /// (the title heading left out); one string per heading.
    func headingPrefixes(for headings: [String]) -> [String]
    /// Raw HTML that replaces a task item's `[ ]` or `[x]`.
    func checkbox(isDone: Bool) -> String
    /// Fixed markup that stands where the action items' list was, when the page shows the action items
    /// itself (as a table) rather than in the body; nil (the default) leaves them in the body.
    var actionsPlaceholder: String? { get }
}

extension HTMLDecorator {
    public var actionsPlaceholder: String? { nil }
}

/// Where an action item is in a `MarkdownTree`, for rendering it apart from the body.
public struct ActionMarkup: Sendable, Equatable {
    /// The index of the item's `.item` node.
    public var item: Int
    /// UTF-8 bytes of plain text at the end of its first paragraph that are tokens (and the space before them).
    public var tokenBytes: Int
    /// Whether the paragraph starts with a `[ ]` or `[x]` checkbox.
    public var hasCheckbox: Bool

    public init(item: Int, tokenBytes: Int, hasCheckbox: Bool) {
        self.item = item
        self.tokenBytes = tokenBytes
        self.hasCheckbox = hasCheckbox
    }
}
