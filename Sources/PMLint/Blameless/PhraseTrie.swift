import Foundation

/// One step of a compiled phrase: a word, a token of some class, or any word (a gap).
enum PatternStep: Hashable, Sendable {
    case word(Int32)
    case classes(WordClass)
    case any
}

/// The word-pattern language the built-in phrases are written in.
///
/// Elements are separated by spaces and match one token each: `fault` (a word, lower case, apostrophes
/// straight: `'s`, `n't`), `broke|breaks` (any of these words), `<person>` (a token of a class, see
/// ``classNames``; `<end|punct>` either class). `?` after an element makes it optional, `*` lets it repeat up
/// to twice; `~2` is a gap of up to two words (never across punctuation, a code span or a URL).
enum PhrasePattern {
    /// A pattern that does not parse.
    struct SyntaxError: LocalizedError {
        var description: String
        var errorDescription: String? { description }
    }

    /// The class each `<name>` stands for.
    static let classNames: [String: WordClass] = [
        "person": .person, "det": .determiner, "poss": .possessive, "adv": .adverb, "aux": .auxiliary,
        "neg": .negation, "duty": .duty, "destroy": .destroy, "destroyed": .destroyed, "mistake": .mistake,
        "system": .systemNoun, "end": .sentenceEnd, "punct": .clausePunctuation, "praise": .praise,
        "metric": .metric, "technical": .technicalFault, "safeguard": .safeguard, "outcome": .badOutcome,
        "hindsight": .hindsight, "judgement": .judgement, "action": .action, "botch": .botch, "ignore": .ignore,
        "overlook": .overlook, "skip": .skip, "forget": .forget, "without": .withoutDuty, "title": .title,
        "cause": .cause, "unvetted": .unvetted, "skill": .skill, "care": .care, "ship": .ship,
        "defective": .defective, "insult": .insult, "misdo": .misdo, "failing": .failing,
        "access": .access, "unsafe": .unsafe, "secret": .secret, "loss": .loss,
    ]

    /// Every sequence of steps `pattern` allows, adding its words to `vocabulary`.
    static func sequences(_ pattern: String, vocabulary: inout Vocabulary) throws(SyntaxError) -> [[PatternStep]] {
        var sequences: [[PatternStep]] = [[]]
        for element in pattern.split(separator: " ") {
            var text = Substring(element)
            var repeats = 1...1
            if text.count > 1, text.hasSuffix("?") {
                repeats = 0...1
                text = text.dropLast()
            } else if text.count > 1, text.hasSuffix("*") {
                repeats = 0...2
                text = text.dropLast()
            }
            var choices: [PatternStep] = []
            if text.hasPrefix("~"), let gap = Int(text.dropFirst()) {
                choices = [.any]
                repeats = 0...gap
            } else {
                for choice in alternatives(text) {
                    choices.append(try step(choice, vocabulary: &vocabulary, pattern: pattern))
                }
            }
            var next: [[PatternStep]] = []
            for sequence in sequences {
                for count in repeats {
                    var partial = [sequence]
                    for _ in 0..<count { partial = partial.flatMap { prefix in choices.map { prefix + [$0] } } }
                    next += partial
                }
            }
            sequences = next
        }
        guard sequences.allSatisfy({ !$0.isEmpty && $0.first != .any }) else {
            throw SyntaxError(description: "\"\(pattern)\" must start with a word or a class")
        }
        return sequences
    }

    /// The alternatives of an element, split at `|` outside `<…>`.
    private static func alternatives(_ element: Substring) -> [Substring] {
        var result: [Substring] = []
        var depth = 0
        var start = element.startIndex
        for index in element.indices {
            switch element[index] {
            case "<": depth += 1
            case ">": depth -= 1
            case "|" where depth == 0:
                result.append(element[start..<index])
                start = element.index(after: index)
            default: break
            }
        }
        result.append(element[start...])
        return result.filter { !$0.isEmpty }
    }

    /// One alternative: a word, or `<class|class>` (`<word>`: any word).
    private static func step(
        _ choice: Substring, vocabulary: inout Vocabulary, pattern: String
    ) throws(SyntaxError) -> PatternStep {
        guard choice.count > 2, choice.hasPrefix("<"), choice.hasSuffix(">") else {
            let id = vocabulary.add(String(choice), classes: .phraseWord)
            return .word(vocabulary.resolve(id))
        }
        var classes: WordClass = []
        for name in choice.dropFirst().dropLast().split(separator: "|") {
            if name == "word" { return .any }
            guard let wordClass = classNames[String(name)] else {
                throw SyntaxError(description: "unknown class <\(name)> in \"\(pattern)\"")
            }
            classes.formUnion(wordClass)
        }
        return .classes(classes)
    }
}

/// All phrases in one trie over word tokens, matched in one pass over a paragraph's tokens.
///
/// Each token advances every partial match (a node and where it started) along the edges it fits (its word,
/// a class it has, any word for a gap) and starts a new one at the root, so the cost is one scan per
/// paragraph whatever the number of phrases; patterns' optional words and gaps are expanded into plain paths
/// when the trie is built. ``finish(vocabularySize:)`` freezes it into flat arrays for matching.
struct PhraseTrie: Sendable {
    private struct Node: Sendable {
        var words: [Int32: Int32] = [:]
        var classEdges: [(classes: WordClass, node: Int32)] = []
        var anyEdge: Int32 = -1
        /// The values of the paths that end here.
        var accepts: [Int32] = []
    }

    /// The trie while it is built.
    private var nodes: [Node] = [Node()]

    // The frozen trie: for node n, its word edges are `wordEdges[wordStart[n]..<wordStart[n + 1]]` (sorted by
    // word), its class edges and accepted values likewise; the root's word edges are also a table by word id.
    private var wordStart: [Int32] = []
    private var wordEdges: [(word: Int32, node: Int32)] = []
    private var classStart: [Int32] = []
    private var classEdges: [(classes: WordClass, node: Int32)] = []
    private var anyEdges: [Int32] = []
    private var acceptStart: [Int32] = []
    private var accepts: [Int32] = []
    private var rootWords: [Int32] = []

    /// Adds the path `steps`, reported as `value` when matched.
    mutating func insert(_ steps: [PatternStep], value: Int32) {
        var node = 0
        for step in steps {
            let next: Int32?
            switch step {
            case .word(let id): next = nodes[node].words[id]
            case .classes(let classes): next = nodes[node].classEdges.first { $0.classes == classes }?.node
            case .any: next = nodes[node].anyEdge >= 0 ? nodes[node].anyEdge : nil
            }
            if let next {
                node = Int(next)
                continue
            }
            let child = Int32(nodes.count)
            nodes.append(Node())
            switch step {
            case .word(let id): nodes[node].words[id] = child
            case .classes(let classes): nodes[node].classEdges.append((classes, child))
            case .any: nodes[node].anyEdge = child
            }
            node = Int(child)
        }
        if !nodes[node].accepts.contains(value) { nodes[node].accepts.append(value) }
    }

    /// Freezes the trie for matching, with the root's table for words up to `vocabularySize`.
    mutating func finish(vocabularySize: Int) {
        wordStart = [0]
        classStart = [0]
        acceptStart = [0]
        for node in nodes {
            wordEdges += node.words.sorted { $0.key < $1.key }.map { (word: $0.key, node: $0.value) }
            wordStart.append(Int32(wordEdges.count))
            classEdges += node.classEdges
            classStart.append(Int32(classEdges.count))
            anyEdges.append(node.anyEdge)
            accepts += node.accepts
            acceptStart.append(Int32(accepts.count))
        }
        rootWords = Array(repeating: -1, count: vocabularySize)
        for (id, node) in nodes[0].words where Int(id) < vocabularySize { rootWords[Int(id)] = node }
        nodes = []
    }

    /// Calls `found(value, start, end)` for every path that matches tokens `start..<end`.
    func matches(in tokens: [WordToken], found: (Int32, Int, Int) -> Void) {
        var active: [(node: Int32, start: Int32)] = []
        var next: [(node: Int32, start: Int32)] = []
        for index in tokens.indices {
            let token = tokens[index]
            next.removeAll(keepingCapacity: true)
            // The root: a new match may start at every token.
            if token.id >= 0, Int(token.id) < rootWords.count, rootWords[Int(token.id)] >= 0 {
                next.append((rootWords[Int(token.id)], Int32(index)))
            }
            advance(0, from: Int32(index), by: token, into: &next, skippingWords: true)
            for (node, start) in active { advance(node, from: start, by: token, into: &next, skippingWords: false) }
            for (node, start) in next {
                // Indices, not a slice: a slice retains and releases the array for every node.
                for position in Int(acceptStart[Int(node)])..<Int(acceptStart[Int(node) + 1]) {
                    found(accepts[position], Int(start), index + 1)
                }
            }
            swap(&active, &next)
        }
    }

    /// Appends to `next` the nodes `node` reaches by `token`.
    private func advance(
        _ node: Int32, from start: Int32, by token: WordToken, into next: inout [(node: Int32, start: Int32)],
        skippingWords: Bool
    ) {
        let node = Int(node)
        if !skippingWords, token.id >= 0 {
            var low = Int(wordStart[node])
            var high = Int(wordStart[node + 1])
            while low < high {
                let middle = (low + high) / 2
                if wordEdges[middle].word < token.id { low = middle + 1 } else { high = middle }
            }
            if low < Int(wordStart[node + 1]), wordEdges[low].word == token.id {
                next.append((wordEdges[low].node, start))
            }
        }
        for position in Int(classStart[node])..<Int(classStart[node + 1])
        where !classEdges[position].classes.isDisjoint(with: token.classes) {
            next.append((classEdges[position].node, start))
        }
        if anyEdges[node] >= 0, token.isWordLike { next.append((anyEdges[node], start)) }
    }
}
