import PMDocument
import PMWorkspace

/// Escaping for the markup pm writes itself (SVG charts); page templates escape through Mustache.
enum HTMLText {
    /// `text` safe in element content and in quoted attribute values: the escaping the page templates use.
    static func escape(_ text: String) -> String {
        FastHTML().escapeText(text)
    }
}
