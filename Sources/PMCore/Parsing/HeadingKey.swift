/// Normalises a heading so that wording differences that do not change its meaning compare equal.
///
/// Case, punctuation, emoji, leading numbering (`1.`, `2)`, `3 -`) and runs of whitespace are ignored,
/// and accents are folded: `"## 2) ⚡️ Root  Cause:"` and `"root cause"` give the same result.
public enum HeadingKey {
    public static func normalize(_ heading: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in heading.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        while let first = words.first, words.count > 1, first.allSatisfy(\.isNumber) {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }
}

import Foundation
