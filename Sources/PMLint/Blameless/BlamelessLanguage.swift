import Foundation
import PMDocument

/// Phrases that blame people rather than examine the system, each with a reframing to suggest, and the
/// matcher that finds them.
///
/// Drawn from what blameless-postmortem guides warn against (Google SRE, Etsy's "Just Culture",
/// PagerDuty, Atlassian): fault and blame, "human error", judgements of character or competence,
/// hindsight ("should have known"), counterfactuals about a person, and a person named with a verb of
/// failure ("Bob broke production", "Alice didn't check", "the outage Carol caused").
///
/// Each paragraph is tokenised once (``WordTokenizer``), the people the file knows are marked (``People``),
/// and every phrase is matched in one pass over the tokens (``PhraseTrie``); the few phrases whose words
/// blame only in some contexts carry ``ContextRule``s checked on each match. Only a team's own regular
/// expressions (`lint.blameless.add` with `pattern:`) still run as regular expressions.
public struct BlamelessLanguage: Sendable {
    /// One phrase to flag.
    public struct Phrase: Sendable {
        /// A short name, used in findings and to remove the phrase in the config (`blameless.remove`).
        public var label: String
        /// A reframing that examines the system instead.
        public var suggestion: String
        /// The word patterns (``PhrasePattern``) and the context rules of each; empty for a regular expression.
        var forms: [(pattern: String, rules: [ContextRule])]
        /// A team's regular expression (case-insensitive), if the phrase is one.
        public var expression: String?

        init(_ label: String, _ suggestion: String, _ forms: [(String, [ContextRule])]) {
            self.label = label
            self.suggestion = suggestion
            self.forms = forms.map { (pattern: $0.0, rules: $0.1) }
        }

        /// A phrase given as a regular expression, matched in any case (a team's `pattern:`).
        public init(label: String, pattern: String, suggestion: String) {
            self.label = label
            self.suggestion = suggestion
            self.forms = []
            self.expression = pattern
        }

        /// A phrase given as plain words: matched as whole words, any case, any run of spaces between them.
        public init(words: String, suggestion: String) {
            let words = words.split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
            self.init(words.joined(separator: " "), suggestion, [])
            self.forms = [(pattern: Self.pattern(words: words), rules: [])]
        }

        /// The word patterns of the phrase, as written (for documentation and tests).
        public var patterns: [String] { forms.map(\.pattern) }

        /// A pattern for plain words: each word as the tokeniser splits it (`rock-star` is `rock star`).
        private static func pattern(words: [String]) -> String {
            let tokenizer = WordTokenizer(vocabulary: Vocabulary.lexicon)
            var parts: [String] = []
            for word in words {
                let bytes = Array(word.utf8)
                // Every token but the end of the text, as the pattern language reads words.
                for token in tokenizer.tokens(bytes) where token.end > token.start {
                    let text = String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
                    parts.append(
                        text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "|", with: ""))
                }
            }
            return parts.joined(separator: " ")
        }
    }

    /// A phrase found in the text.
    public struct Match: Sendable, Equatable {
        public var label: String
        /// The words as written.
        public var quote: String
        /// The line and 1-based column (in UTF-8 bytes) where the words start.
        public var line: Int
        public var column: Int
        public var suggestion: String
    }

    public var phrases: [Phrase]
    /// The team's people (pm.yml `lint.blameless.people`), read as people in every file.
    public var people: People
    private let matcher: Matcher

    /// The phrases compiled: the words they know, one trie, each form's rules, the team's expressions.
    private struct Matcher: Sendable {
        let vocabulary: Vocabulary
        let tokenizer: WordTokenizer
        let trie: PhraseTrie
        /// For each value the trie reports: the phrase and the form's compiled rules.
        let forms: [(phrase: Int, rules: [CompiledRule])]
        let words: ContextWords
        let expressions: [(phrase: Int, expression: NSRegularExpression)]

        init(_ phrases: [Phrase]) throws {
            var vocabulary = Vocabulary.lexicon
            var trie = PhraseTrie()
            var forms: [(phrase: Int, rules: [CompiledRule])] = []
            var expressions: [(phrase: Int, expression: NSRegularExpression)] = []
            for (index, phrase) in phrases.enumerated() {
                if let expression = phrase.expression {
                    expressions.append((index, try NSRegularExpression(pattern: expression, options: .caseInsensitive)))
                }
                for form in phrase.forms {
                    let value = Int32(forms.count)
                    forms.append((index, form.rules.map { CompiledRule($0, vocabulary: &vocabulary) }))
                    for steps in try PhrasePattern.sequences(form.pattern, vocabulary: &vocabulary) {
                        trie.insert(steps, value: value)
                    }
                }
            }
            words = ContextWords(&vocabulary)
            trie.finish(vocabularySize: vocabulary.words.count)
            self.vocabulary = vocabulary
            tokenizer = WordTokenizer(vocabulary: vocabulary)
            self.trie = trie
            self.forms = forms
            self.expressions = expressions
        }
    }

    /// The built-in phrases compiled once, for every linter the team's config does not change them in.
    private static let builtInMatcher = Result { try Matcher(builtInPhrases) }

    /// The built-in phrases, without those labelled in `removing`, plus `adding`; `people` are the team's.
    ///
    /// - Throws: when an added regular expression is not valid, or a word pattern does not parse.
    public init(removing: Set<String> = [], adding: [Phrase] = [], people: People = People()) throws {
        let removed = Set(removing.map { $0.lowercased() })
        phrases = Self.builtInPhrases.filter { !removed.contains($0.label.lowercased()) } + adding
        self.people = people
        matcher = removed.isEmpty && adding.isEmpty ? try Self.builtInMatcher.get() : try Matcher(phrases)
    }

    /// Every phrase in `blocks`' prose (never in code spans or URLs), block by block, in order. The people are
    /// `people` (a file's: its responders, facilitator and owners), the team's, and every @handle in the blocks.
    public func matches(in blocks: [ProseBlock], people: People = People()) -> [Match] {
        var known = people
        known.merge(self.people)
        // Each block's text (a code span as one inert byte), where each run starts in it, and its tokens.
        var texts: [(text: [UInt8], starts: [Int], tokens: [WordToken])] = []
        texts.reserveCapacity(blocks.count)
        for block in blocks {
            var text: [UInt8] = []
            var starts: [Int] = []
            for run in block.runs {
                starts.append(text.count)
                if run.isCode {
                    text.append(WordTokenizer.codeMark)
                } else {
                    text.append(contentsOf: run.text.utf8)
                }
            }
            let tokens = matcher.tokenizer.tokens(text)
            for token in tokens where token.kind == .mention { known.insert(token.hash) }
            texts.append((text, starts, tokens))
        }
        var found: [Match] = []
        for (position, block) in blocks.enumerated() {
            // Marked in place: a copy of the tokens would be one more array per block.
            known.mark(&texts[position].tokens, colon: matcher.words.colon)
            let (text, starts) = (texts[position].text, texts[position].starts)
            for match in matches(in: text, tokens: texts[position].tokens) {
                let run = starts.lastIndex { $0 <= match.start } ?? 0
                let quote = String(decoding: text[match.start..<match.end], as: UTF8.self)
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                found.append(
                    Match(
                        label: phrases[match.phrase].label, quote: quote, line: block.runs[run].line,
                        column: block.runs[run].column + match.start - starts[run],
                        suggestion: phrases[match.phrase].suggestion))
            }
        }
        return found
    }

    /// Every phrase in `block`'s prose, with `people` (and the team's) read as people.
    public func matches(in block: ProseBlock, people: People = People()) -> [Match] {
        matches(in: [block], people: people)
    }

    /// Every phrase in `text` (one line), in order; columns count UTF-8 bytes from 1.
    public func matches(in text: String, people: People = People()) -> [Match] {
        matches(in: ProseBlock(runs: [.init(text: text, line: 1, column: 1, isCode: false)], line: 1), people: people)
    }

    /// The phrases in `text`'s `tokens` (people marked) as (phrase, byte range), in order, overlapping ones
    /// dropped.
    private func matches(in text: [UInt8], tokens: [WordToken]) -> [(phrase: Int, start: Int, end: Int)] {
        let context = MatchContext(tokens: tokens, words: matcher.words)
        var found: [(phrase: Int, first: Int, last: Int)] = []
        // The closure captures the forms alone, not `self`: capturing the whole language copied it (and retained
        // everything in it) for every block.
        let forms = matcher.forms
        matcher.trie.matches(in: tokens) { value, start, end in
            let form = forms[Int(value)]
            guard form.rules.allSatisfy({ context.passes($0, start: start, end: end) }) else { return }
            found.append((form.phrase, context.quoteStart(form.rules, start: start), end - 1))
        }
        var result: [(phrase: Int, start: Int, end: Int)] = found.map {
            (phrase: $0.phrase, start: Int(tokens[$0.first].start), end: Int(tokens[$0.last].end))
        }
        result += regularExpressionMatches(in: text, tokens: tokens)
        guard result.count > 1 else { return result }
        // Earliest first, longest first; a match overlapping one already kept is the same blame.
        result.sort { ($0.start, $1.end, $0.phrase) < ($1.start, $0.end, $1.phrase) }
        var kept: [(phrase: Int, start: Int, end: Int)] = []
        for match in result where !kept.contains(where: { $0.start < match.end && match.start < $0.end }) {
            kept.append(match)
        }
        return kept
    }

    /// The team's regular expressions over `bytes`, with code spans and URLs blanked out and apostrophes
    /// straightened.
    private func regularExpressionMatches(
        in bytes: [UInt8], tokens: [WordToken]
    ) -> [(phrase: Int, start: Int, end: Int)] {
        guard !matcher.expressions.isEmpty else { return [] }
        var inert = Array(repeating: false, count: bytes.count)
        for token in tokens where token.kind == .inert {
            for index in Int(token.start)..<Int(token.end) { inert[index] = true }
        }
        // The searched text, and the byte offset of each of its UTF-16 units (plus the end).
        var text = String.UnicodeScalarView()
        var offsets: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                var (scalar, length) = WordTokenizer.scalar(buffer, at: index)
                if inert[index] {
                    scalar = "_"
                } else if scalar == "\u{2019}" || scalar == "\u{2018}" {
                    scalar = "'"
                }
                text.append(scalar)
                offsets += Array(repeating: index, count: scalar.utf16.count)
                index += length
            }
        }
        offsets.append(bytes.count)
        let string = String(text)
        let range = NSRange(location: 0, length: offsets.count - 1)
        var found: [(phrase: Int, start: Int, end: Int)] = []
        for (phrase, expression) in matcher.expressions {
            for result in expression.matches(in: string, range: range) where result.range.length > 0 {
                found.append((phrase, offsets[result.range.location], offsets[NSMaxRange(result.range)]))
            }
        }
        return found
    }
}
