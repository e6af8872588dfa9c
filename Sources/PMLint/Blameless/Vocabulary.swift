import Foundation

/// The words the blameless matcher knows, each with an id and its ``WordClass``es: the lexicon's, the
/// phrases', and the team's. Lookups take the normalised bytes of a word (lower case, straight apostrophes),
/// so tokenising a paragraph allocates no strings.
struct Vocabulary: Sendable {
    /// Each word's normalised bytes, by id.
    private(set) var words: [[UInt8]] = []
    /// Each word's classes, by id.
    private(set) var classes: [WordClass] = []
    /// Words that stand for several (`didnt` → `did n't`), by id.
    private(set) var expansions: [Int32: [Int32]] = [:]
    /// Open addressing over FNV-1a hashes: each slot holds an id, or -1.
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    /// The full hash of the word in each slot: a lookup compares it before the word's bytes, so a probe that
    /// meets another word does not chase that word's storage (the lookup was a third of tokenising).
    private var slotHashes: [UInt64] = Array(repeating: 0, count: 1024)
    /// The id each id reads as: itself, or for another spelling the word it stands for (`n't` → `not`).
    private var canonical: [Int32] = []

    static let unknown: Int32 = -1

    /// The id of `word`, added with no classes when new.
    @discardableResult
    mutating func add(_ word: String, classes: WordClass = []) -> Int32 {
        let bytes = Array(word.utf8)
        let existing = rawID(bytes)
        if existing != Self.unknown {
            self.classes[Int(existing)].formUnion(classes)
            return existing
        }
        if (words.count + 1) * 2 > slots.count { grow() }
        let id = Int32(words.count)
        words.append(bytes)
        self.classes.append(classes)
        canonical.append(id)
        insert(id, hash: Self.hash(bytes))
        return id
    }

    /// Makes `word` read as `target` (its id and classes).
    mutating func alias(_ word: String, to target: String) {
        let targetID = add(target)
        let wordID = add(word)
        canonical[Int(wordID)] = canonical[Int(targetID)]
    }

    /// Makes `word` stand for `parts`, in order.
    mutating func expand(_ word: String, into parts: [String]) {
        let id = add(word)
        var ids: [Int32] = []
        for part in parts { ids.append(add(part)) }
        expansions[id] = ids.map { resolve($0) }
    }

    /// The id of the word in `bytes` (already normalised), or ``unknown``.
    func id(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id == Self.unknown { return id }
            let match =
                slotHashes[slot] == hash
                && words[Int(id)].withUnsafeBufferPointer { word in
                    word.count == bytes.count
                        && (word.isEmpty || memcmp(word.baseAddress!, bytes.baseAddress!, word.count) == 0)
                }
            if match { return resolve(id) }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The id of `word`, or ``unknown``.
    func id(of word: String) -> Int32 {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { id($0, hash: Self.hash($0)) }
    }

    /// The id an alias stands for, else `id`.
    func resolve(_ id: Int32) -> Int32 {
        canonical[Int(id)]
    }

    /// The word with `id`, for messages and tests.
    func word(_ id: Int32) -> String {
        id < 0 ? "" : String(decoding: words[Int(id)], as: UTF8.self)
    }

    private func rawID(_ bytes: [UInt8]) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id == Self.unknown || words[Int(id)] == bytes { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    private mutating func insert(_ id: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != Self.unknown { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = id
        slotHashes[slot] = hash
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        slotHashes = Array(repeating: 0, count: slots.count)
        for (id, word) in words.enumerated() { insert(Int32(id), hash: Self.hash(word)) }
    }

    /// FNV-1a over `bytes`.
    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The lexicon's words, classes, aliases and expansions.
    static let lexicon: Vocabulary = {
        var vocabulary = Vocabulary()
        for (classes, words) in Lexicon.classes {
            for word in words.split(whereSeparator: \.isWhitespace) {
                vocabulary.add(String(word), classes: classes)
            }
        }
        for (word, target) in [
            ("n't", "not"), ("'ve", "have"), ("'re", "are"), ("'m", "am"), ("'ll", "will"), ("ca", "can"),
            ("wo", "will"), ("judgment", "judgement"), ("realize", "realise"), ("realized", "realised"),
            ("authorization", "authorisation"), ("behavior", "behaviour"), ("'", "'s"), ("…", "."), ("–", "-"),
            ("—", "-"),
        ] {
            vocabulary.alias(word, to: target)
        }
        for (word, parts) in Lexicon.expansions { vocabulary.expand(word, into: parts) }
        return vocabulary
    }()
}
