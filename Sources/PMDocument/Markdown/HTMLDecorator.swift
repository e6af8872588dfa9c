/// The markup pm adds to cmark's HTML, supplied by the page that shows it, so the Markdown layer
/// knows nothing of the site's design. Every string returned is pm's own fixed markup, never user text.
public protocol HTMLDecorator: Sendable {
    /// Raw HTML to put at the start of each heading, given every heading's plain text in document order
    /// (the title heading left out); one string per heading.
    func headingPrefixes(for headings: [String]) -> [String]
    /// Raw HTML that replaces a task item's `[ ]` or `[x]`.
    func checkbox(isDone: Bool) -> String
}
