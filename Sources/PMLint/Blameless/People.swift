import PMDocument

/// The people a postmortem names: its responders, facilitator and action owners, and the team's people from
/// pm.yml. The blameless check reads their names (and any @handle) as people, so "Bob broke production" is
/// blame while "the deploy broke production" is not.
public struct People: Sendable {
    /// Hashes of the lower-cased words of every name (`Nadia Rahman` gives `nadia` and `rahman`) and handle.
    private var names: Set<UInt64> = []
    /// Hyphenated names (`Sun-hee`), which the tokeniser splits: the hashes of their parts, combined.
    private var hyphenated: Set<UInt64> = []

    /// Nobody.
    public init() {}

    /// The people named in `names`: full names, first names, or handles with or without `@`.
    public init<Names: Sequence<String>>(_ names: Names) {
        add(names)
    }

    /// The people of `postmortem` (responders, facilitator, action owners), with `others` (the team's).
    public init(of postmortem: Postmortem, with others: People = People()) {
        self = others
        let frontMatter = postmortem.frontMatter
        add(frontMatter.responders + [frontMatter.facilitator].compactMap { $0 } + postmortem.actions.flatMap(\.owners))
    }

    /// Adds everyone in `other`.
    public mutating func merge(_ other: People) {
        names.formUnion(other.names)
        hyphenated.formUnion(other.hyphenated)
    }

    /// Whether no one is known.
    public var isEmpty: Bool { names.isEmpty }

    private static func combined(_ hashes: [UInt64]) -> UInt64 {
        hashes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01b3 }
    }

    /// Adds `names`.
    public mutating func add<Names: Sequence<String>>(_ names: Names) {
        for name in names {
            var name = Substring(name)
            if name.hasPrefix("@") { name = name.dropFirst() }
            let whole = name.lowercased().replacingOccurrences(of: "’", with: "'")
            if whole.count >= 2 { self.names.insert(Vocabulary.hash(whole.utf8)) }
            for part in whole.split(whereSeparator: { $0.isWhitespace || $0 == "," }) where part.count >= 2 {
                self.names.insert(Vocabulary.hash(part.utf8))
                let pieces = part.split(separator: "-")
                if pieces.count > 1 { hyphenated.insert(Self.combined(pieces.map { Vocabulary.hash($0.utf8) })) }
            }
        }
    }

    /// Whether a word with this normalised hash is a name here.
    func contains(_ hash: UInt64) -> Bool {
        names.contains(hash)
    }

    /// Marks the tokens that name people with ``WordClass/person``: known names (a name that is also an English
    /// word, like "Will", only when capitalised and not followed by a determiner), the name after a title
    /// (Ms. Patel) and, when the file knows nobody, capitalised words the vocabulary does not know.
    func mark(_ tokens: inout [WordToken]) {
        for index in tokens.indices where tokens[index].kind == .word {
            let token = tokens[index]
            if token.is(.title), index + 1 < tokens.count, tokens[index + 1].flags.contains(.capitalised),
                tokens[index + 1].kind == .word
            {
                tokens[index + 1].classes.insert(.person)
                continue
            }
            if names.contains(token.hash) {
                let isWord = token.id != Vocabulary.unknown
                if isWord {
                    guard token.flags.contains(.capitalised) else { continue }
                    if index + 1 < tokens.count, tokens[index + 1].is([.determiner, .pronoun]) { continue }
                }
                tokens[index].classes.insert(.person)
            } else if names.isEmpty, token.flags.contains(.properNoun), !token.flags.contains(.allCaps),
                !token.is(.systemNoun)
            {
                tokens[index].classes.insert(.person)
            }
        }
        // Hyphenated names, split by the tokeniser: Sun-hee.
        if !hyphenated.isEmpty {
            var index = 0
            while index < tokens.count {
                var end = index + 1
                while end < tokens.count, tokens[end].flags.contains(.hyphenJoined) { end += 1 }
                if end - index > 1, hyphenated.contains(Self.combined(tokens[index..<end].map(\.hash))) {
                    for part in index..<end { tokens[part].classes.insert(.person) }
                }
                index = end
            }
        }
        // The rest of a titled name: Ms. Nadia Rahman.
        for index in tokens.indices.dropFirst() where tokens[index - 1].is(.person) && tokens[index - 1].kind == .word {
            if tokens[index].kind == .word, tokens[index].flags.contains(.properNoun) {
                tokens[index].classes.insert(.person)
            }
        }
    }
}
