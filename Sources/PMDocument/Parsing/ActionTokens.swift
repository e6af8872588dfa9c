/// The grammar of an action item's trailing tokens (`@owner`, `#kind`, tickets), shared by the reader
/// and by the edits that write items.
public enum ActionTokens {
    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    public static func isName(_ text: Substring) -> Bool {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, byte by byte: what the Character-level test below says of it, without Unicode properties.
            func isAlphanumeric(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            }
            guard let first = utf8.first, isAlphanumeric(first) else { return false }
            return utf8.allSatisfy {
                isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            } && utf8.last != UInt8(ascii: ".")
        }
        guard let first = text.first, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }
            && !text.hasSuffix(".")
    }

    /// Whether a word (as UTF-8) could be a trailing token at all: it starts with `@` or `#`, holds a `:`
    /// (`due:`, `done:`, a URL) or a `-` (a ticket), or is not ASCII (then the reader decides). A cheap test
    /// before the exact ones, since most words are not tokens.
    static func mayBeToken(_ word: ArraySlice<UInt8>) -> Bool {
        guard let first = word.first else { return false }
        if first == UInt8(ascii: "@") || first == UInt8(ascii: "#") { return true }
        return word.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") || $0 >= 0x80 }
    }

    /// `ABC-123` (upper-case project key, dash, number) or an http(s) URL.
    public static func isTicket(_ word: String) -> Bool {
        let lower = word.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            return word.count > (lower.hasPrefix("https://") ? 8 : 7)
        }
        guard let dash = word.firstIndex(of: "-") else { return false }
        let project = word[..<dash]
        let number = word[word.index(after: dash)...]
        return project.count >= 2 && project.first!.isUppercase && project.first!.isASCII
            && project.allSatisfy { ($0.isUppercase || $0.isNumber) && $0.isASCII }
            && !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
