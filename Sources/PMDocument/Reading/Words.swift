import Foundation

/// The words of a heading or a label, reduced so that wordings with one meaning compare equal: lower case,
/// accents folded, parentheticals, footnote marks and emoji dropped, compounds joined (`follow-up` is
/// `followup`), and each word stemmed (`preventative`, `prevention` and `preventing` are all `prevent`).
struct Words: Sendable {
    /// The words as written, lower-cased, without parentheticals and leading numbering.
    var raw: [String]
    /// The stems of the words that carry meaning (stop words left out), in order.
    var stems: [String]

    init(_ text: String, keepingParentheticals: Bool = false) {
        var raw = Self.split(keepingParentheticals ? text : Self.withoutParentheticals(text))
        raw = Self.joiningCompounds(raw)
        // Leading numbering (`1.`, `5)`, `IV.`, `A.`), when words follow.
        while raw.count > 1, let first = raw.first, first.allSatisfy(\.isNumber) || Self.romanNumerals.contains(first) {
            raw.removeFirst()
        }
        self.raw = raw
        stems = raw.filter { !Self.stopWords.contains($0) }.map(Self.stem)
    }

    /// Whether every stem of `phrase` (stemmed words) appears, in order and next to each other.
    func contains(_ phrase: [String]) -> Bool {
        position(of: phrase) != nil
    }

    /// The position of the first stem of `phrase`, if the words hold it.
    func position(of phrase: [String]) -> Int? {
        guard let first = phrase.first, phrase.count <= stems.count else { return nil }
        for start in 0...(stems.count - phrase.count) where stems[start] == first {
            if phrase.indices.dropFirst().allSatisfy({ stems[start + $0] == phrase[$0] }) { return start }
        }
        return nil
    }

    /// Whether any raw word is one of `words`.
    func hasRaw(_ words: Set<String>) -> Bool {
        raw.contains { words.contains($0) }
    }

    /// The text without `( … )` and `[ … ]` asides and footnote references (`[^1]`, `¹`), unless the
    /// whole text is one (`[Incident title]`).
    static func withoutParentheticals(_ text: String) -> String {
        let hasAside = text.utf8.contains { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") || $0 >= 0x80 }
        guard hasAside else { return text }
        var result = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "[", "（":
                depth += 1
            case ")", "]", "）":
                depth = max(0, depth - 1)
            default:
                if depth == 0, character.isASCII || !"¹²³⁴⁵⁶⁷⁸⁹⁰†‡".contains(character) { result.append(character) }
            }
        }
        return result.contains(where: { $0.isLetter }) ? result : text
    }

    /// Lower-case words of letters and digits, accents folded; apostrophes split contractions
    /// (`we're` is `we`, `re`).
    static func split(_ text: String) -> [String] {
        HeadingKey.words(text)
    }

    /// `follow up` → `followup`, `to do` → `todo`, `tl dr` → `tldr`, `post mortem` → `postmortem`.
    static func joiningCompounds(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            if index + 1 < words.count, let joined = compounds[words[index] + " " + words[index + 1]] {
                result.append(joined)
                index += 2
            } else {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }

    private static let compounds: [String: String] = [
        "follow up": "followup", "follow ups": "followups", "to do": "todo", "to dos": "todos", "tl dr": "tldr",
        "post mortem": "postmortem", "post incident": "postincident", "root causes": "root causes",
        "went well": "went well", "counter measures": "countermeasures", "work items": "workitems",
        "work item": "workitem",
    ]

    private static let romanNumerals: Set<String> = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"]

    /// Words that carry no meaning for telling one section from another.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "to", "for", "on", "in", "into", "and", "or", "was", "were", "is", "are", "be",
        "been", "being", "did", "does", "we", "our", "us", "you", "your", "it", "its", "this", "that", "these",
        "those", "there", "from", "with", "by", "at", "as", "so", "any", "all", "what", "how", "who", "when",
        "where", "which", "has", "have", "had", "would", "should", "could", "can", "re", "ll", "s", "t", "ve", "d",
        "m", "i", "me", "my", "they", "them", "their", "about", "then", "than", "if", "also", "some", "other",
        "such", "just", "very", "too", "only", "incident", "incidents", "issue", "outage", "postmortem",
        "postmortems", "report", "detailed", "brief", "key", "main", "overall", "section", "please", "here",
        "still", "ve", "am", "will", "going", "want", "need", "now", "happening",
    ]

    /// Words whose endings the suffix rules get wrong.
    private static let irregular: [String: String] = [
        "learnt": "learn", "learned": "learn", "learnings": "learn", "learning": "learn", "went": "go",
        "taken": "take", "took": "take", "done": "do", "doing": "do", "did": "do", "found": "find",
        "analysis": "analysi", "analyses": "analysi", "ais": "ai", "people": "people", "news": "news",
        "status": "status", "lessons": "lesson", "wrong": "wrong", "process": "process", "this": "this",
        "impacts": "impact", "impacted": "impact", "why": "why", "next": "next", "business": "business",
    ]

    private static let suffixes = [
        "ational", "ations", "ation", "atives", "ative", "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ives",
        "ive", "ables", "able", "ate", "ers", "er", "al", "ed", "es", "s", "e", "y",
    ]

    /// A light suffix-stripping stemmer, applied until no rule fits; the same function stems keywords, so
    /// it only has to be consistent, not linguistically right.
    static func stem(_ word: String) -> String {
        if let known = irregular[word] { return known }
        var stem = word
        var changed = true
        while changed {
            changed = false
            for suffix in suffixes where stem.hasSuffix(suffix) && stem.count - suffix.count >= 3 {
                if suffix == "s", stem.hasSuffix("ss") || stem.hasSuffix("us") || stem.hasSuffix("is") { continue }
                stem = String(stem.dropLast(suffix.count))
                // `planned` → `plann` → `plan`
                if let last = stem.last, stem.count > 3, stem.dropLast().last == last, !"lsz".contains(last),
                    !"aeiou".contains(last)
                {
                    stem.removeLast()
                }
                changed = true
                break
            }
        }
        return stem
    }

    /// `phrase` as the stems the classifier compares (its stop words kept out, as for headings).
    static func stems(of phrase: String) -> [String] {
        Words(phrase, keepingParentheticals: true).stems
    }
}
