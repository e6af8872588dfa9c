/// The sigils of action-item tokens, and names written with or without them.
public enum Token {
    /// `name` without a leading `sigil`: `@sam` → `sam`, `#detect` → `detect`; people type both.
    public static func bare(_ name: String, sigil: Character) -> String {
        name.first == sigil ? String(name.dropFirst()) : name
    }

    /// An owner as given on the command line or in front matter (`@sam` or `sam`).
    public static func owner(_ name: String) -> String { bare(name, sigil: "@") }

    /// A kind as given on the command line (`#detect` or `Detect`), lower-cased.
    public static func kind(_ name: String) -> String { bare(name, sigil: "#").lowercased() }
}
