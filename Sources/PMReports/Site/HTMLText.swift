import PMDocument
import PMWorkspace

/// Escaping for the markup pm writes itself (SVG charts); page templates escape through Mustache.
enum HTMLText {
    /// `text` safe in element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
