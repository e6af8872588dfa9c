import Foundation

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

        public init(label: String, pattern: String, suggestion: String) {
            self.label = label
            self.pattern = pattern
            self.suggestion = suggestion
        }

        /// A phrase given as plain words: matched as whole words, any case, any run of spaces between them.
        public init(words: String, suggestion: String) {
            let escaped = words.split(whereSeparator: \.isWhitespace).map { NSRegularExpression.escapedPattern(for: String($0)) }
            self.init(label: words.lowercased(), pattern: "\\b" + escaped.joined(separator: "\\s+") + "\\b", suggestion: suggestion)
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

    /// The built-in phrases (at least thirty, each with its inflections).
    public static let builtInPhrases: [Phrase] = [
        Phrase(label: "X's fault", pattern: #"\b[\p{L}\p{N}._@-]+['’]s\s+fault\b(?!\s*(?:tolerance|tolerant|domain|injection|isolation|detection|line|code))"#,
               suggestion: "\(system): which safeguard was missing?"),
        Phrase(label: "their fault", pattern: #"\b(?:his|her|their|my|your|our)\s+fault\b"#, suggestion: "\(system): which safeguard was missing?"),
        Phrase(label: "at fault", pattern: #"\bat\s+fault\b"#, suggestion: "\(system); name the conditions, not a person"),
        Phrase(label: "blame", pattern: #"\b(?:blame|blames|blamed|blaming|blameworthy)\b"#, suggestion: "look for causes in the system, not someone to blame"),
        Phrase(label: "human error", pattern: #"\bhuman\s+(?:errors?|mistakes?|failures?)\b"#,
               suggestion: "name the condition that made the error likely: a missing guard, a confusing interface, time pressure"),
        Phrase(label: "operator error", pattern: #"\b(?:operator|pilot|engineer|developer)\s+errors?\b"#,
               suggestion: "name the condition that made the error likely: a missing guard, a confusing interface, time pressure"),
        Phrase(label: "careless", pattern: #"\bcareless(?:ly|ness)?\b"#, suggestion: reasonable),
        Phrase(label: "negligent", pattern: #"\bnegligen(?:t|tly|ce)\b"#, suggestion: reasonable),
        Phrase(label: "should have known", pattern: #"\bshould(?:\s+have|'ve|’ve|\s+of)\s+known\b"#,
               suggestion: "hindsight: what information was available at the time, and what made it hard to see?"),
        Phrase(label: "should have checked", pattern: #"\bshould(?:\s+have|'ve|’ve)\s+(?:checked|tested|noticed|caught|reali[sz]ed|seen|double-checked|looked|asked|read)\b"#,
               suggestion: "hindsight: what would have prompted that check, and why was it not there?"),
        Phrase(label: "should have been obvious", pattern: #"\b(?:should\s+have\s+been|should've\s+been|should’ve\s+been)\s+(?:obvious|self-evident|clear)\b|\bobvious\s+(?:mistake|error)s?\b"#,
               suggestion: "hindsight: what made it hard to see at the time?"),
        Phrase(label: "incompetent", pattern: #"\bincompeten(?:t|ce|tly)\b"#, suggestion: "ask what support, training or tooling was missing"),
        Phrase(label: "sloppy", pattern: #"\bslopp(?:y|ily|iness)\b"#, suggestion: reasonable),
        Phrase(label: "didn't bother", pattern: #"\b(?:didn't|did\s+not|didnt|couldn't|could\s+not|can't|cannot|wouldn't|would\s+not)\s+(?:be\s+)?bother(?:ed)?\b"#,
               suggestion: "\(reasonable); what made the step easy to skip?"),
        Phrase(label: "lazy", pattern: #"\blaz(?:y|iness)\b(?!\s*(?:load|loads|loading|loaded|evaluation|init|initiali[sz]ation|var|property|sequence))"#,
               suggestion: reasonable),
        Phrase(label: "stupid", pattern: #"\bstupid(?:ity|ly)?\b"#, suggestion: reasonable),
        Phrase(label: "idiot", pattern: #"\bidiot(?:s|ic|ically)?\b"#, suggestion: reasonable),
        Phrase(label: "reckless", pattern: #"\breckless(?:ly|ness)?\b"#, suggestion: reasonable),
        Phrase(label: "irresponsible", pattern: #"\birresponsib(?:le|ly|ility)\b"#, suggestion: reasonable),
        Phrase(label: "screwed up", pattern: #"\bscrew(?:ed|s|ing)?[\s-]+up\b"#, suggestion: "say what happened in the system, neutrally"),
        Phrase(label: "messed up", pattern: #"\bmess(?:ed|es|ing)?\s+up\b"#, suggestion: "say what happened in the system, neutrally"),
        Phrase(label: "dropped the ball", pattern: #"\bdrop(?:ped|s|ping)?\s+the\s+ball\b"#, suggestion: "\(system): which hand-off or reminder was missing?"),
        Phrase(label: "failed to notice", pattern: #"\bfail(?:ed|s|ing)?\s+to\s+(?:notice|pay\s+attention|follow\s+the\s+(?:runbook|process|procedure)|read\s+the)\b"#,
               suggestion: "what made the signal easy to miss, or the procedure hard to follow?"),
        Phrase(label: "forgot to", pattern: #"\b(?:forgot|forgets|forgetting|forgotten)\s+to\b"#,
               suggestion: "what would have made the step impossible to forget (automation, a checklist, a guard)?"),
        Phrase(label: "not paying attention", pattern: #"\b(?:wasn't|was\s+not|weren't|were\s+not|not)\s+paying\s+attention\b"#,
               suggestion: "what competed for attention, and what would have drawn it to the problem?"),
        Phrase(label: "guilty", pattern: #"\bguilty\b"#, suggestion: "look for causes, not guilt"),
        Phrase(label: "fat-fingered", pattern: #"\bfat[\s-]?finger(?:ed|s|ing)?\b"#, suggestion: "what guard would have caught the typo (a confirmation, a dry run, a review)?"),
        Phrase(label: "clumsy", pattern: #"\bclums(?:y|ily|iness)\b"#, suggestion: reasonable),
        Phrase(label: "ignored the alert", pattern: #"\bignor(?:ed|es|ing)\s+(?:the\s+|an\s+|all\s+)?(?:alerts?|alarms?|warnings?|pages?|runbook|process|procedure|instructions)\b"#,
               suggestion: "why did the alert not get attention: noise, timing, ownership?"),
        Phrase(label: "their mistake", pattern: #"\b(?:his|her|their|[\p{L}\p{N}._@-]+['’]s)\s+(?:mistake|mistakes|error|errors|negligence|carelessness|screw-up|blunder)\b"#,
               suggestion: "\(system): which safeguard would have caught the mistake?"),
        Phrase(label: "mistake by", pattern: #"\b(?:mistake|blunder)s?\s+(?:made\s+)?by\s+(?!the\s+(?:system|service|script|job|tool|deploy|pipeline))"#,
               suggestion: "\(system): which safeguard would have caught it?"),
        Phrase(label: "who caused", pattern: #"\bwho\s+(?:broke|caused|is\s+responsible\s+for|was\s+responsible\s+for)\b"#,
               suggestion: "ask what caused it, not who"),
        Phrase(label: "poor judgement", pattern: #"\b(?:poor|bad|lack\s+of)\s+judge?ment\b"#, suggestion: reasonable),
        Phrase(label: "rookie mistake", pattern: #"\b(?:rookie|amateur|newbie|silly|dumb|stupid)\s+(?:mistake|error)s?\b"#, suggestion: reasonable),
        Phrase(label: "bonehead", pattern: #"\bbonehead(?:ed)?\b"#, suggestion: reasonable),
        Phrase(label: "unprofessional", pattern: #"\bunprofessional(?:ly)?\b"#, suggestion: reasonable),
        Phrase(label: "didn't care", pattern: #"\b(?:didn't|did\s+not|doesn't|does\s+not|don't|do\s+not)\s+care\b"#, suggestion: reasonable),
        Phrase(label: "not careful enough", pattern: #"\bnot\s+(?:careful|smart|competent|experienced)\s+enough\b"#,
               suggestion: "ask what support, training or tooling was missing"),
        Phrase(label: "should not have", pattern: #"\b(?:he|she|they)\s+(?:should\s+not|shouldn't|should\s+never)\s+have\b"#,
               suggestion: "\(reasonable); what would have made the safer path the easy one?"),
    ]

    public var phrases: [Phrase]
    private let expressions: [NSRegularExpression]

    /// The built-in phrases, without those labelled in `removing`, plus `adding`.
    public init(removing: Set<String> = [], adding: [Phrase] = []) throws {
        let removed = Set(removing.map { $0.lowercased() })
        phrases = Self.builtInPhrases.filter { !removed.contains($0.label.lowercased()) } + adding
        expressions = try phrases.map { try NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]) }
    }

    /// Every phrase in `text`, in order of appearance (overlapping matches of different phrases are all reported).
    public func matches(in text: String) -> [Match] {
        let range = NSRange(text.startIndex..., in: text)
        var found: [Match] = []
        for (phrase, expression) in zip(phrases, expressions) {
            for result in expression.matches(in: text, range: range) {
                guard let swiftRange = Range(result.range, in: text) else { continue }
                let quote = String(text[swiftRange]).trimmingCharacters(in: .whitespaces)
                found.append(Match(label: phrase.label, quote: quote, offset: result.range.location, suggestion: phrase.suggestion))
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }
}
