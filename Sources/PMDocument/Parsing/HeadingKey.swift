import Foundation

/// Normalises a heading so that wording differences that do not change its meaning compare equal.
///
/// Case, punctuation, emoji, leading numbering (`1.`, `2)`, `3 -`) and runs of whitespace are ignored,
/// and accents are folded: `"## 2) ⚡️ Root  Cause:"` and `"root cause"` give the same result.
public enum HeadingKey {
    public static func normalize(_ heading: String) -> String {
        heading.utf8.allSatisfy({ $0 < 0x80 }) ? normalizeASCII(heading) : normalizeUnicode(heading)
    }

    /// The same for any text, scalar by scalar.
    static func normalizeUnicode(_ heading: String) -> String {
        var words = unicodeWords(heading)
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
        return unicodeWords(text)
    }

    /// The words of any text, scalar by scalar.
    private static func unicodeWords(_ text: String) -> [String] {
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
    static func normalizeASCII(_ heading: String) -> String {
        var heading = heading
        return heading.withUTF8 { bytes in
            // Each word's start and end, and whether it is all digits (leading numbering).
            var words: [(start: Int, end: Int, digits: Bool)] = []
            var start = -1
            var digits = true
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0
                let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
                let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                if isDigit || isLetter {
                    if start < 0 {
                        start = index
                        digits = true
                    }
                    digits = digits && isDigit
                } else if start >= 0 {
                    words.append((start, index, digits))
                    start = -1
                }
            }
            var first = 0
            while first < words.count - 1, words[first].digits { first += 1 }
            var normalized: [UInt8] = []
            normalized.reserveCapacity(bytes.count)
            for word in words[min(first, words.count)...] {
                if !normalized.isEmpty { normalized.append(UInt8(ascii: " ")) }
                for index in word.start..<word.end {
                    let byte = bytes[index]
                    normalized.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                }
            }
            return String(decoding: normalized, as: UTF8.self)
        }
    }
}
