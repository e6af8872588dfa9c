/// The identity of an action item: a permanent token written in the item (`<!-- id:a7k2q -->`), or, for an
/// item without one, a token derived from its text (`~k3x9f`). The full id is `INCIDENT/TOKEN`.
///
/// A permanent token survives every edit (inserting, removing, reordering, rewording, re-owning and
/// re-dating items, and merges of branches that each add items); a derived token survives everything but
/// a change of the item's words, and then no longer names anything.
public enum ActionID {
    /// The letters of generated tokens: lower-case ASCII without the look-alikes `0`, `1`, `i`, `l` and `o`.
    public static let alphabet = Array("23456789abcdefghjkmnpqrstuvwxyz".utf8)
    /// The length of generated tokens.
    public static let generatedLength = 5
    /// What starts a derived token, which no permanent token can start with.
    public static let derivedMarker: Character = "~"

    /// Whether `token` may be a permanent id: 3 to 16 lower-case ASCII letters and digits, at least one a
    /// letter (so it can never be mistaken for a position).
    public static func isValidToken(_ token: some StringProtocol) -> Bool {
        let bytes = token.utf8
        return (3...16).contains(bytes.count) && bytes.allSatisfy { isLetter($0) || isDigit($0) }
            && bytes.contains(where: isLetter)
    }

    /// The comment that carries a permanent id in an item: `<!-- id:a7k2q -->`.
    public static func comment(_ token: String) -> String { "<!-- id:\(token) -->" }

    /// What an inline HTML comment says about an id: nothing (`nil`, another comment), a valid token, or a
    /// comment that means to hold an id but does not hold a valid one (the text after `id:` as written).
    public enum Mark: Sendable, Equatable {
        case token(String)
        case malformed(String)
    }

    /// Reads `<!-- id:TOKEN -->` (spaces inside the delimiters optional; `id` in any case).
    public static func mark(inComment html: String) -> Mark? {
        guard html.hasPrefix("<!--"), html.hasSuffix("-->"), html.utf8.count >= 7 else { return nil }
        let body = html.dropFirst(4).dropLast(3).trimmed
        guard body.lowercased().hasPrefix("id:") else { return nil }
        let token = body.dropFirst(3)
        return isValidToken(token) ? .token(String(token)) : .malformed(String(token))
    }

    /// A new token of `generatedLength` letters and digits, with at least one letter, none of `taken`.
    public static func generate(avoiding taken: Set<String>, using generator: inout some RandomNumberGenerator)
        -> String
    {
        while true {
            let bytes = (0..<generatedLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
            }
            let token = String(decoding: bytes, as: UTF8.self)
            if isValidToken(token), !taken.contains(token) { return token }
        }
    }

    /// A new token none of `taken`, from the system's random source.
    public static func generate(avoiding taken: Set<String>) -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(avoiding: taken, using: &generator)
    }

    /// The derived token of an item without a permanent id: `~` and five letters from a hash of its words
    /// (lower-cased, runs of whitespace as one space), so owners, dates, kinds, tickets, emphasis and
    /// position can change without changing it.
    public static func derivedToken(forText text: String) -> String {
        // The reader has already joined the words with single spaces; this also holds for text from elsewhere.
        let lowered = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.lowercased()
        var words: [UInt8] = []
        words.reserveCapacity(lowered.utf8.count)
        for byte in lowered.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if let last = words.last, last != 0x20 { words.append(0x20) }
            } else {
                words.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
        }
        if words.last == 0x20 { words.removeLast() }
        var hash = ContentHash.of(words)
        var token = String(derivedMarker)
        for _ in 0..<generatedLength {
            token.unicodeScalars.append(Unicode.Scalar(alphabet[Int(hash % UInt64(alphabet.count))]))
            hash /= UInt64(alphabet.count)
        }
        return token
    }

    /// Whether `token` is a derived one (`~…`).
    public static func isDerived(_ token: some StringProtocol) -> Bool { token.first == derivedMarker }

    /// Whether `token` is a position (`2`), the form ids had before they were stable.
    public static func isPosition(_ token: some StringProtocol) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy(isDigit)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
