import PMDocument

/// The people a postmortem names: its responders, facilitator and action owners, and the team's people from
/// pm.yml. The blameless check reads their names (and any @handle) as people, so "Bob broke production" is
/// blame while "the deploy broke production" is not.
public struct People: Sendable {
    /// Hashes of the lower-cased words of every name (`Nadia Rahman` gives `nadia` and `rahman`) and handle.
    private var names = HashSet()
    /// Hyphenated names (`Sun-hee`), which the tokeniser splits: the hashes of their parts, combined.
    private var hyphenated = HashSet()

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
        add(
            frontMatter.responders + [frontMatter.facilitator].compactMap { $0 }
                + postmortem.actions.flatMap(\.owners).filter { !Self.isTeam($0) })
    }

    /// Words that make an owner a team, not a person ("Search Infra", "Platform team"): a team's name is no
    /// person's, and its words ("search") are often the product's.
    private static let teamWords: Set<String> = [
        "team", "teams", "infra", "infrastructure", "platform", "ops", "sre", "squad", "eng", "engineering",
        "support", "security", "devops", "qa", "oncall", "on-call", "group", "guild", "crew", "department", "dept",
        "org", "backend", "frontend", "core",
    ]

    /// Whether an owner names a team: several words, one of them a team word.
    static func isTeam(_ owner: String) -> Bool {
        guard !owner.hasPrefix("@") else { return false }
        let words = owner.lowercased().split(whereSeparator: { $0.isWhitespace })
        return words.count > 1 && words.contains { teamWords.contains(String($0)) }
    }

    /// Adds everyone in `other`.
    public mutating func merge(_ other: People) {
        names.merge(other.names)
        hyphenated.merge(other.hyphenated)
    }

    /// Whether no one is known.
    public var isEmpty: Bool { names.isEmpty }

    /// Whether the word at `index` heads a label ("Proximate cause:", two words at most before the colon) or
    /// is a gerund ("Posting here instead of the wiki"): no name either way.
    private static func isLabelOrGerund(_ tokens: [WordToken], _ index: Int, colon: Int32) -> Bool {
        if tokens[index].flags.contains(.gerund) { return true }
        var next = index + 1
        while next < tokens.count, next - index <= 2, tokens[next].kind == .word { next += 1 }
        return next < tokens.count && tokens[next].id == colon
    }

    /// Honorifics written after a name with a hyphen.
    private static let honorifics = Set(
        ["san", "sama", "kun", "chan", "sensei", "senpai", "shi", "ji", "nim", "ssi"].map { Vocabulary.hash($0.utf8) })

    private static func combined(_ hashes: [UInt64]) -> UInt64 {
        hashes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01b3 }
    }

    /// Adds `names`.
    public mutating func add<Names: Sequence<String>>(_ names: Names) {
        for name in names {
            var name = Substring(name)
            if name.hasPrefix("@") { name = name.dropFirst() }
            let whole = name.lowercased().replacingOccurrences(of: "’", with: "'")
            if whole.count >= 2 { insert(Vocabulary.hash(whole.utf8)) }
            for part in whole.split(whereSeparator: { $0.isWhitespace || $0 == "," }) where part.count >= 2 {
                insert(Vocabulary.hash(part.utf8))
                let pieces = part.split(separator: "-")
                if pieces.count > 1 { hyphenated.insert(Self.combined(pieces.map { Vocabulary.hash($0.utf8) })) }
            }
        }
    }

    /// Adds the name whose normalised word has this hash.
    mutating func insert(_ hash: UInt64) {
        names.insert(hash)
    }

    /// Whether a word with this normalised hash is a name here.
    func contains(_ hash: UInt64) -> Bool {
        names.contains(hash)
    }

    /// Marks the tokens that name people with ``WordClass/person``: known names (a name that is also an English
    /// word, like "Will", only when capitalised and not followed by a determiner), the name after a title
    /// (Ms. Patel) and, when the file knows nobody, capitalised words the vocabulary does not know.
    func mark(_ tokens: inout [WordToken], colon: Int32) {
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
                !token.is(.systemNoun), !Self.isLabelOrGerund(tokens, index, colon: colon)
            {
                // With no one named, a capitalised word the vocabulary does not know may be a name. Where the file
                // names its people, it is more likely a product ("Cleo could not reply" about a chatbot).
                tokens[index].classes.insert(.person)
            }
        }
        // A person noun joined by a hyphen to the next word names a thing ("the person-merge step"), and so does
        // one that keeps secrets ("the secrets manager", "a password manager").
        for index in tokens.indices.dropLast() where tokens[index].is(.personNoun) {
            if tokens[index + 1].flags.contains(.hyphenJoined)
                || index > 0 && tokens[index - 1].kind == .word && tokens[index - 1].is(.secret)
            {
                tokens[index].classes.subtract(WordClass.anyPerson)
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
            // An honorific joined to a name: Yuki-san, Raj-ji.
            if tokens[index].flags.contains(.hyphenJoined), Self.honorifics.contains(tokens[index].hash) {
                tokens[index].classes.insert(.person)
            }
        }
    }
}

/// A set of 64-bit hashes (already well mixed), by open addressing: what marking people looks up for
/// every word, without hashing the hash again.
struct HashSet: Sendable {
    private var slots: [UInt64] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func insert(_ value: UInt64) {
        let value = value == 0 ? 1 : value
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = Array(repeating: 0, count: max(16, slots.count * 2))
            count = 0
            for item in old where item != 0 { insert(item) }
        }
        var slot = Int(truncatingIfNeeded: value) & (slots.count - 1)
        while slots[slot] != 0 {
            if slots[slot] == value { return }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = value
        count += 1
    }

    func contains(_ value: UInt64) -> Bool {
        guard count > 0 else { return false }
        let value = value == 0 ? 1 : value
        var slot = Int(truncatingIfNeeded: value) & (slots.count - 1)
        while slots[slot] != 0 {
            if slots[slot] == value { return true }
            slot = (slot + 1) & (slots.count - 1)
        }
        return false
    }

    mutating func merge(_ other: HashSet) {
        for item in other.slots where item != 0 { insert(item) }
    }
}
