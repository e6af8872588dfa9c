import Foundation
import PMDocument
import PMWorkspace

/// Phrases that blame people rather than examine the system, each with a reframing to suggest.
///
/// Drawn from what blameless-postmortem guides warn against (Google SRE, Etsy's "Just Culture",
/// PagerDuty, Atlassian): fault and blame, "human error", judgements of character or competence,
/// hindsight ("should have known"), and counterfactuals about a person.
public struct BlamelessLanguage: Sendable {
    /// One phrase to flag.
    public struct Phrase: Sendable {
        /// A short name, used in findings and to remove the phrase in the config (`blameless.remove`).
        public var label: String
        /// A case-insensitive regular expression, anchored at word boundaries.
        public var pattern: String
        /// A reframing that examines the system instead.
        public var suggestion: String
        /// Lower-case word beginnings one of which starts a word of every match, to skip the expression on
        /// text without any (most text): empty to always run it.
        public var triggers: [String]

        public init(label: String, pattern: String, suggestion: String, triggers: [String]? = nil) {
            self.label = label
            self.pattern = pattern
            self.suggestion = suggestion
            self.triggers = triggers ?? BlamelessLanguage.triggers[label] ?? []
        }

        /// A phrase given as plain words: matched as whole words, any case, any run of spaces between them.
        public init(words: String, suggestion: String) {
            let escaped = words.split(whereSeparator: \.isWhitespace).map {
                NSRegularExpression.escapedPattern(for: String($0))
            }
            self.init(
                label: words.lowercased(), pattern: "\\b" + escaped.joined(separator: "\\s+") + "\\b",
                suggestion: suggestion,
                triggers: words.split(whereSeparator: \.isWhitespace).first.map { [$0.lowercased()] } ?? [])
        }
    }

    /// A phrase found in the text.
    public struct Match: Sendable, Equatable {
        public var label: String
        /// The words as written.
        public var quote: String
        /// UTF-16 offset of the match in the searched text.
        public var offset: Int
        public var suggestion: String
    }

    static let reasonable = "ask what made this action seem reasonable at the time"
    static let system = "describe what in the system allowed it, not who"

    /// After "fault": words that make it engineering vocabulary, not blame ("fault tolerance", "fault-injection").
    static let technicalFault =
        #"(?!\s*-|\s+(?:tolerance|tolerant|domain|domains|injection|isolation|detection|line|lines|code|codes|handler|handlers|handling|model|zone|zones|rate|budget|counter|counters|count|counts|log|logs))"#
    /// People, so that hindsight about a system ("the script should have checked") is not flagged.
    static let personNoun =
        #"\b(?:reviewer|engineer|developer|responder|operator|on-call|oncall|author|owner|admin|administrator|person|team|contractor|intern|manager|lead|sre|dev|hire|employee|colleague|teammate|member|staff)s?\b"#
    static let person =
        #"(?:\b(?:he|she|they|we|you|i|someone|somebody|nobody|everyone)\b|"# + personNoun
        + #"|(?-i:\b[A-Z][a-z]+(?<!The|This|That|It|There|Monitoring|Alerting|Nothing)\b))"#
    /// "by Sam", "by the new hire", "by an engineer".
    static let byPerson =
        #"\s+by\s+(?:(?:the|a|an|our|their|one|another)\s+)?(?:(?:new|junior|senior|on-call|other)\s+)?"# + person

    /// For each built-in phrase, words one of which each of its matches contains.
    static let triggers: [String: [String]] = [
        "X's fault": ["fault"], "their fault": ["fault"], "at fault": ["fault"], "blame": ["blam"],
        "human error": ["human"],
        "operator error": ["error"], "careless": ["careless"], "negligent": ["neglig", "neglect"],
        "should have known": ["known"],
        "should have checked": ["should"], "should have been more careful": ["should"],
        "should have been caught by": ["should"],
        "should have been obvious": ["obvious", "self", "clear"], "incompetent": ["incompeten"], "sloppy": ["slopp"],
        "didn't bother": ["bother"], "lazy": ["lazy", "laziness"], "stupid": ["stupid"], "idiot": ["idiot"],
        "reckless": ["reckless"],
        "irresponsible": ["irresponsib"], "screwed up": ["screw"], "messed up": ["mess"], "dropped the ball": ["ball"],
        "failed to notice": ["fail", "follow"], "forgot to": ["forgot"],
        "not paying attention": ["attention", "inattenti"],
        "guilty": ["guilty"], "fat-fingered": ["finger", "fat"], "clumsy": ["clums"], "ignored the alert": ["ignored"],
        "their mistake": ["mistake", "negligence", "carelessness", "screw", "blunder"],
        "made a mistake": ["mistake", "blunder", "screw"],
        "who caused": ["who"], "poor judgement": ["judg"], "rookie mistake": ["mistake", "error"],
        "bonehead": ["bonehead"],
        "unprofessional": ["unprofessional"], "didn't care": ["care"],
        "not careful enough": ["enough", "careful", "attentive", "thorough", "diligent"], "should not have": ["should"],
    ]

    /// The built-in phrases (at least thirty, each with its inflections). Text is matched with
    /// curly apostrophes straightened, so `'` in a pattern also matches `’`.
    public static let builtInPhrases: [Phrase] = [
        Phrase(
            label: "X's fault", pattern: #"\b[\p{L}\p{N}._@-]+'s\s+fault\b"# + technicalFault,
            suggestion: "\(system): which safeguard was missing?"),
        Phrase(
            label: "their fault", pattern: #"\b(?:his|her|their|my|your|our)\s+fault\b"# + technicalFault,
            suggestion: "\(system): which safeguard was missing?"),
        Phrase(
            label: "at fault", pattern: #"\b(?:was|were|is|are|be|been|being)\s+at\s+fault\b|\bfault\s+lies\s+with\b"#,
            suggestion: "\(system); name the conditions, not a person"),
        Phrase(
            label: "blame",
            pattern: #"(?<!git\s)(?<!no[-\s])\b(?:blame|blames|blamed|blaming|blameworthy)\b(?!-free|\s+free|-less)"#,
            suggestion: "look for causes in the system, not someone to blame"),
        Phrase(
            label: "human error", pattern: #"\bhuman[\s-]+(?:errors?|mistakes?|failures?)\b"#,
            suggestion:
                "name the condition that made the error likely: a missing guard, a confusing interface, time pressure"),
        Phrase(
            label: "operator error",
            pattern:
                #"\b(?:operator|pilot|engineer|developer)[\s-]+errors?\b(?!\s+out)|\buser[\s-]+error\b(?!s|\s+(?:rate|rates|count|counts|page|pages|message|messages|code|codes))"#,
            suggestion:
                "name the condition that made the error likely: a missing guard, a confusing interface, time pressure"),
        Phrase(label: "careless", pattern: #"\bcareless(?:ly|ness)?\b"#, suggestion: reasonable),
        Phrase(
            label: "negligent", pattern: #"\bnegligen(?:t|tly|ce)\b|\bneglect(?:ed|s|ing)?\s+to\b"#,
            suggestion: reasonable),
        Phrase(
            label: "should have known", pattern: #"\bshould(?:\s+have|'ve|\s+of)\s+known\b"#,
            suggestion: "hindsight: what information was available at the time, and what made it hard to see?"),
        Phrase(
            label: "should have checked",
            pattern: person
                + #"\s+should(?:\s+have|'ve)\s+(?:checked|tested|noticed|caught|reali[sz]ed|seen|double-checked|looked|asked|read|verified|confirmed|validated|reviewed)\b"#,
            suggestion: "hindsight: what would have prompted that check, and why was it not there?"),
        Phrase(
            label: "should have been more careful",
            pattern: #"\bshould(?:\s+have|'ve)\s+been\s+(?:more\s+)?(?:careful|attentive|diligent|thorough)\b"#,
            suggestion: "hindsight: what would have made the safe path the easy one?"),
        Phrase(
            label: "should have been caught by",
            pattern: #"\bshould(?:\s+have|'ve)\s+been\s+(?:caught|noticed|seen|checked|spotted|tested)"# + byPerson,
            suggestion: "hindsight: what would have caught it without relying on one person's attention?"),
        Phrase(
            label: "should have been obvious",
            pattern:
                #"\bshould(?:\s+have|'ve)\s+been\s+(?:obvious|self-evident|clear)\b|\bobvious\s+(?:mistake|error)s?\b"#,
            suggestion: "hindsight: what made it hard to see at the time?"),
        Phrase(
            label: "incompetent", pattern: #"\bincompeten(?:t|ce|tly)\b"#,
            suggestion: "ask what support, training or tooling was missing"),
        Phrase(
            label: "sloppy",
            pattern:
                #"\bslopp(?:ily|iness)\b|\b(?:was|were|is|are|being|been|too|so|very)\s+sloppy\b(?!-)|\bsloppy\s+(?:work|review|reviews|code|fix|engineering|mistake|job|deploy|change|testing)\b"#,
            suggestion: reasonable),
        Phrase(
            label: "didn't bother",
            pattern:
                #"\b(?:didn't|did\s+not|didnt|couldn't|could\s+not|can't|cannot|wouldn't|would\s+not)\s+(?:be\s+)?bother(?:ed)?\b"#,
            suggestion: "\(reasonable); what made the step easy to skip?"),
        Phrase(
            label: "lazy",
            pattern:
                #"\blaziness\b|\b(?:was|were|is|are|being|been|too|so|very)\s+lazy\b(?!-)|\blazy\s+(?:engineer|engineers|developer|developers|fix|work|approach|person|people|reviewer|review|team|mistake|coding)\b"#,
            suggestion: reasonable),
        Phrase(label: "stupid", pattern: #"\bstupid(?:ity|ly)?\b"#, suggestion: reasonable),
        Phrase(label: "idiot", pattern: #"\bidiot(?:s|ic|ically)?\b"#, suggestion: reasonable),
        Phrase(label: "reckless", pattern: #"\breckless(?:ly|ness)?\b"#, suggestion: reasonable),
        Phrase(label: "irresponsible", pattern: #"\birresponsib(?:le|ly|ility)\b"#, suggestion: reasonable),
        Phrase(
            label: "screwed up", pattern: #"\bscrew(?:ed|s|ing)?[\s-]*up(?:s)?\b"#,
            suggestion: "say what happened in the system, neutrally"),
        Phrase(
            label: "messed up", pattern: #"\bmess(?:ed|es|ing)?[\s-]+up\b"#,
            suggestion: "say what happened in the system, neutrally"),
        Phrase(
            label: "dropped the ball", pattern: #"\bdrop(?:ped|s|ping)?\s+the\s+ball\b"#,
            suggestion: "\(system): which hand-off or reminder was missing?"),
        Phrase(
            label: "failed to notice",
            pattern: person
                + #"\s+fail(?:ed|s|ing)?\s+to\s+(?:notice|check|pay\s+attention|follow|read|test|verify)\b|\bfail(?:ed|s|ing)?\s+to\s+follow\s+the\s+(?:runbook|process|procedure|checklist|instructions)\b|\b(?:didn't|did\s+not)\s+follow\s+the\s+(?:runbook|process|procedure|checklist|instructions)\b"#,
            suggestion: "what made the signal easy to miss, or the procedure hard to follow?"),
        Phrase(
            label: "forgot to",
            pattern: #"\b(?:forgot|forgets|forgetting)\s+(?:to|the|about|that)\b|\bforgotten\s+to\b"#,
            suggestion: "what would have made the step impossible to forget (automation, a checklist, a guard)?"),
        Phrase(
            label: "not paying attention",
            pattern:
                #"\b(?:wasn't|was\s+not|weren't|were\s+not|not)\s+paying\s+attention\b|\binattenti(?:ve|veness|on)\b"#,
            suggestion: "what competed for attention, and what would have drawn it to the problem?"),
        Phrase(label: "guilty", pattern: #"\bguilty\b"#, suggestion: "look for causes, not guilt"),
        Phrase(
            label: "fat-fingered", pattern: #"\bfat[\s-]?finger(?:ed|s|ing)?\b"#,
            suggestion: "what guard would have caught the typo (a confirmation, a dry run, a review)?"),
        Phrase(label: "clumsy", pattern: #"\bclums(?:y|ily|iness)\b"#, suggestion: reasonable),
        Phrase(
            label: "ignored the alert",
            pattern:
                #"\bignored\s+(?:the|an|all|my|our|their|his|her|every|two|three|several|multiple|repeated|\d+)\s+(?:[\p{L}-]+\s+)?(?:alerts?|alarms?|warnings?|pages?|runbook|process|procedure|instructions)\b"#,
            suggestion: "why did the alert not get attention: noise, timing, ownership?"),
        Phrase(
            label: "their mistake",
            pattern:
                #"\b(?:his|her|their|[\p{L}\p{N}._@-]+'s)\s+(?:mistake|mistakes|negligence|carelessness|screw-up|blunder|blunders)\b"#,
            suggestion: "\(system): which safeguard would have caught the mistake?"),
        Phrase(
            label: "made a mistake",
            pattern:
                #"\bmade\s+(?:a|an|the|this|that)\s+(?:[\p{L}-]+\s+)?(?:mistake|blunder)\b|\b(?:mistake|blunder|screw-?up)s?\s+(?:made\s+)?"#
                + byPerson.dropFirst(3),
            suggestion: "\(system): which safeguard would have caught it?"),
        Phrase(
            label: "who caused", pattern: #"\bwho\s+(?:broke|caused|is\s+responsible\s+for|was\s+responsible\s+for)\b"#,
            suggestion: "ask what caused it, not who"),
        Phrase(label: "poor judgement", pattern: #"\b(?:poor|bad|lack\s+of)\s+judge?ment\b"#, suggestion: reasonable),
        Phrase(
            label: "rookie mistake", pattern: #"\b(?:rookie|amateur|newbie|silly|dumb|stupid)\s+(?:mistake|error)s?\b"#,
            suggestion: reasonable),
        Phrase(label: "bonehead", pattern: #"\bbonehead(?:ed)?\b"#, suggestion: reasonable),
        Phrase(label: "unprofessional", pattern: #"\bunprofessional(?:ly)?\b"#, suggestion: reasonable),
        Phrase(
            label: "didn't care",
            pattern: #"\b(?:didn't|did\s+not|couldn't)\s+care\b|"# + person
                + #"\s+(?:doesn't|does\s+not|don't|do\s+not)\s+care\b"#, suggestion: reasonable),
        Phrase(
            label: "not careful enough",
            pattern:
                #"\bnot\s+(?:careful|smart|competent|experienced)\s+enough\b|\b(?:was|were)(?:n't|\s+not)\s+(?:careful|attentive|thorough|diligent)\b"#,
            suggestion: "ask what support, training or tooling was missing"),
        Phrase(
            label: "should not have",
            pattern: person
                + #"\s+(?:should\s+not|shouldn't|should\s+never)\s+have\s+(?:pushed|deployed|merged|run|ran|done|made|changed|restarted|deleted|dropped|touched|approved|shipped|released|edited|accepted|clicked)\b"#,
            suggestion: "\(reasonable); what would have made the safer path the easy one?"),
    ]

    public var phrases: [Phrase]
    private let expressions: [NSRegularExpression]
    /// Triggers by their first two letters (`a`–`z`): bucket 26 × first + second holds (trigger, phrase index).
    private let triggerBuckets: [[(trigger: [UInt8], phrase: Int)]]
    /// Phrases without usable triggers, which always run.
    private let untriggered: [Int]

    /// The built-in phrases, without those labelled in `removing`, plus `adding`.
    public init(removing: Set<String> = [], adding: [Phrase] = []) throws {
        let removed = Set(removing.map { $0.lowercased() })
        phrases = Self.builtInPhrases.filter { !removed.contains($0.label.lowercased()) } + adding
        expressions = try phrases.map { try NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]) }
        var buckets = Array(repeating: [(trigger: [UInt8], phrase: Int)](), count: 26 * 26)
        var untriggered: [Int] = []
        for (index, phrase) in phrases.enumerated() {
            let triggers = phrase.triggers.map { Array($0.lowercased().utf8) }
            guard !triggers.isEmpty,
                triggers.allSatisfy({
                    $0.count >= 2 && Self.letterIndex($0[0]) != nil && Self.letterIndex($0[1]) != nil
                })
            else {
                untriggered.append(index)
                continue
            }
            for trigger in triggers {
                buckets[Self.letterIndex(trigger[0])! * 26 + Self.letterIndex(trigger[1])!].append((trigger, index))
            }
        }
        triggerBuckets = buckets
        self.untriggered = untriggered
    }

    private static func letterIndex(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A"))
        default: return nil
        }
    }

    /// The phrases whose triggers begin a word of `text` (and those without triggers).
    private func activePhrases(in text: String) -> [Int] {
        var active = Array(repeating: false, count: phrases.count)
        for index in untriggered { active[index] = true }
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            // A word: a run of letters and digits (and any non-ASCII bytes).
            let isWordByte = { (byte: UInt8) in
                byte >= 0x80 || Self.letterIndex(byte) != nil || (0x30...0x39).contains(byte)
            }
            guard isWordByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            if end - start >= 2, let first = Self.letterIndex(bytes[start]),
                let second = Self.letterIndex(bytes[start + 1])
            {
                for (trigger, phrase) in triggerBuckets[first * 26 + second]
                where !active[phrase] && trigger.count <= end - start {
                    if zip(trigger, bytes[start..<start + trigger.count]).allSatisfy({
                        $0 == $1 | ($1 >= 0x41 && $1 <= 0x5A ? 0x20 : 0)
                    }) {
                        active[phrase] = true
                    }
                }
            }
            start = end
        }
        return active.indices.filter { active[$0] }
    }

    /// Every phrase in `text`, in order of appearance (overlapping matches of different phrases are all reported).
    public func matches(in original: String) -> [Match] {
        let active = activePhrases(in: original)
        guard !active.isEmpty else { return [] }
        // Straightened apostrophes and masked URLs keep every UTF-16 offset where it was.
        let bytes = Array(original.utf8)
        var text = original
        if Self.contains(bytes, Array("’".utf8)) { text = text.replacingOccurrences(of: "’", with: "'") }
        if Self.contains(bytes, Array("://".utf8)) || Self.contains(bytes, Array("www.".utf8)) {
            text = Self.maskingURLs(text)
        }
        let range = NSRange(text.startIndex..., in: text)
        var found: [Match] = []
        for (phrase, expression) in active.map({ (phrases[$0], expressions[$0]) }) {
            for result in expression.matches(in: text, range: range) {
                guard let swiftRange = Range(result.range, in: original) else { continue }
                let quote = original[swiftRange].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                found.append(
                    Match(
                        label: phrase.label, quote: quote, offset: result.range.location, suggestion: phrase.suggestion)
                )
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    /// Whether `needle` occurs in `haystack` (every paragraph is searched for every trigger, so this stays
    /// on bytes, away from Foundation's string search).
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var index = 0
                let last = hay.count - pin.count
                while index <= last {
                    if hay[index] == first {
                        var offset = 1
                        while offset < pin.count, hay[index + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// `text` with each URL's characters replaced by `_` (same UTF-16 length), so no phrase is found in a URL.
    static func maskingURLs(_ text: String) -> String {
        var result = ""
        var remaining = Substring(text)
        while let start = remaining.range(
            of: #"(?:https?|ftp)://|\bwww\."#, options: [.regularExpression, .caseInsensitive])
        {
            result += remaining[..<start.lowerBound]
            let url = remaining[start.lowerBound...].prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
            result += String(repeating: "_", count: url.utf16.count)
            remaining = remaining[url.endIndex...]
        }
        return result + remaining
    }
}
