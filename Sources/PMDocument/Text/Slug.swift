import Foundation

/// File-name slugs: lower-case ASCII letters, digits and single hyphens, accents folded.
public enum Slug {
    /// The longest slug pm writes, so file names stay readable in listings and on git hosts.
    public static let maximumLength = 60

    /// `"Messenger replies stopped (again)!"` → `messenger-replies-stopped-again`;
    /// `"Café ↯ Ünïcode"` → `cafe-unicode`.
    /// Never contains `/`, `.` or anything else that could leave a directory; `incident` when nothing is left.
    /// Longer than `maximumLength`, it is cut at a word.
    public static func make(_ title: String, fallback: String = "incident", maximumLength: Int = Slug.maximumLength)
        -> String
    {
        var slug = ""
        var pendingHyphen = false
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let replacement: String?
            switch scalar {
            case "a"..."z", "0"..."9": replacement = String(scalar)
            case "A"..."Z": replacement = String(scalar).lowercased()
            default: replacement = foldings[scalar]
            }
            if let replacement {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug += replacement
            } else {
                pendingHyphen = true
            }
        }
        if slug.count > maximumLength {
            let cut = slug.prefix(maximumLength)
            slug = cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(cut)
        }
        return slug.isEmpty ? fallback : slug
    }

    /// Letters that canonical decomposition does not reduce to ASCII.
    private static let foldings: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h",
    ]
}
