import Foundation

/// Normalises a heading so that wording differences that do not change its meaning compare equal.
///
/// Case, punctuation, emoji, leading numbering (`1.`, `2)`, `3 -`) and runs of whitespace are ignored,
/// and accents are folded: `"## 2) ⚡️ Root  Cause:"` and `"root cause"` give the same result.
public enum HeadingKey {
    public static func normalize(_ heading: String) -> String {
        if heading.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(heading) }
        var words = words(heading)
        while let first = words.first, words.count > 1, first.allSatisfy(\.isNumber) {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    /// The lower-case words of letters and digits in `text`, accents folded.
    static func words(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = []
            var word: [UInt8] = []
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default:
                    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        var words: [String] = []
        var word = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// The same for ASCII text, byte by byte (most headings).
    private static func normalizeASCII(_ heading: String) -> String {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        for byte in heading.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty {
                    words.append(word)
                    word = []
                }
            }
        }
        if !word.isEmpty { words.append(word) }
        while let first = words.first, words.count > 1,
            first.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        {
            words.removeFirst()
        }
        return String(decoding: Array(words.joined(separator: [UInt8(ascii: " ")])), as: UTF8.self)
    }
}
