/// Plain text made safe to put into Markdown.
public enum MarkdownText {
    /// Backslash-escapes the characters that would turn plain text into Markdown markup, so cmark reads
    /// the text back exactly. An underscore inside a word (`pg_stat`) is left alone: CommonMark does not
    /// read it as emphasis, and chat tools that ignore backslash escapes would show the backslash.
    public static func escape(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 1 < characters.count ? characters[index + 1] : " "
            let special: Bool
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "|":
                special = true
            case "_":
                special = !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
            case "#":
                // Only where it could open a heading or close one (`Title ##`).
                special = index == 0 || characters[index...].allSatisfy { $0 == "#" || $0 == " " }
            case "&":
                // Only where it could start an entity (`&amp;`, `&#91;`).
                special = after.isLetter || after == "#"
            default:
                special = false
            }
            if special { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
