/// One token of prose for the blameless matcher: a word, a number, an @mention, a punctuation mark, or an
/// inert mark (a code span or a URL, which no phrase matches or spans).
struct WordToken: Sendable {
    enum Kind: UInt8, Sendable {
        case word, number, mention, punctuation, inert
    }

    /// Spelling facts about a word as written.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Starts with a capital letter.
        static let capitalised = Flags(rawValue: 1 << 0)
        /// Two or more letters, all capitals (`NIC`, `SAM`).
        static let allCaps = Flags(rawValue: 1 << 1)
        /// Joined to the token before by a hyphen (`free` in `blame-free`).
        static let hyphenJoined = Flags(rawValue: 1 << 2)
        /// The first word of its sentence.
        static let sentenceInitial = Flags(rawValue: 1 << 3)
        /// A word the vocabulary does not know, capitalised: a name, perhaps, or a product.
        static let properNoun = Flags(rawValue: 1 << 4)
        /// Ends in "ly" and is not a known word: an adverb, perhaps.
        static let lyWord = Flags(rawValue: 1 << 5)
        /// Inside quotation marks: scare quotes ("quick fix") say the opposite.
        static let quoted = Flags(rawValue: 1 << 6)
        /// Ends in "ing" (six letters or more): a gerund or participle, not a name.
        static let gerund = Flags(rawValue: 1 << 7)
    }

    var kind: Kind
    /// The word's id in the ``Vocabulary``, or ``Vocabulary/unknown``.
    var id: Int32
    /// The word's classes, and ``WordClass/person`` when it names a person.
    var classes: WordClass
    var flags: Flags
    /// The FNV-1a hash of the normalised word, to look names up.
    var hash: UInt64
    /// Where the token is in the searched text: UTF-8 offsets, end excluded.
    var start: Int32
    var end: Int32

    func `is`(_ wordClass: WordClass) -> Bool { classes.isDisjoint(with: wordClass) == false }

    /// A word, a number or a mention: what a gap in a phrase may skip.
    var isWordLike: Bool { kind == .word || kind == .number || kind == .mention }
}

/// Splits text into ``WordToken``s, once per prose block.
///
/// Words are lower-cased and their apostrophes straightened for lookup, keeping each token's place in the
/// text; contractions split (`didn't` → `did` `n't`, `Sam's` → `sam` `'s`); hyphenated words stay one token
/// when the vocabulary knows them (`on-call`), else split into parts joined by hyphens; URLs and the byte
/// 0x01 (a code span) become inert tokens. A last punctuation token ends the text, so every phrase meets an
/// end of sentence.
struct WordTokenizer {
    static let codeMark: UInt8 = 0x01

    let vocabulary: Vocabulary
    /// The id the token after the last word carries: an end of sentence.
    private let endMark: Int32
    /// The ids of the punctuation marks that are tokens, by scalar.
    private let marks: [Unicode.Scalar: Int32]

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        endMark = vocabulary.id(of: "!")
        var marks: [Unicode.Scalar: Int32] = [:]
        for mark in ".!?;:,()=[]/…-–—" { marks[mark.unicodeScalars.first!] = vocabulary.id(of: String(mark)) }
        marks["&"] = vocabulary.id(of: "and")
        // A table's cell boundary ends what is said in the cell: "errors by platform | Mehmet Y." is two cells.
        marks["|"] = vocabulary.id(of: ";")
        self.marks = marks
    }

    /// The tokens of `text`.
    func tokens(_ text: [UInt8]) -> [WordToken] {
        var tokens: [WordToken] = []
        tokens.reserveCapacity(text.count / 5 + 2)
        var scratch: [UInt8] = []
        text.withUnsafeBufferPointer { bytes in
            var index = 0
            var sentenceStart = true
            // Where quotations open, and where they close.
            var quotations: [(start: Int, end: Int)] = []
            var opening: Int?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == Self.codeMark {
                    tokens.append(inert(index, index + 1))
                    index += 1
                    continue
                }
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    index += 1
                    continue
                }
                if let urlEnd = Self.urlEnd(bytes, at: index) {
                    tokens.append(inert(index, urlEnd))
                    index = urlEnd
                    sentenceStart = false
                    continue
                }
                let (scalar, length) = Self.scalar(bytes, at: index)
                if scalar == "\"" || scalar == "\u{201C}" || scalar == "\u{201D}" {
                    if let start = opening, scalar != "\u{201C}" {
                        quotations.append((start, index))
                        opening = nil
                    } else if scalar != "\u{201D}" {
                        opening = index
                    }
                    index += length
                    continue
                }
                if byte == UInt8(ascii: "@"), index + 1 < bytes.count,
                    Self.isWordScalar(Self.scalar(bytes, at: index + 1).0)
                {
                    let end = Self.wordEnd(bytes, from: index + 1)
                    // "@tina.b's": the handle, then the contraction.
                    var handleEnd = end
                    var apostrophe = end - 1
                    while apostrophe > index + 1, Self.apostropheLength(bytes, at: apostrophe) == nil {
                        apostrophe -= 1
                    }
                    if apostrophe > index + 1, let length = Self.apostropheLength(bytes, at: apostrophe),
                        end - apostrophe - length <= 1
                    {
                        handleEnd = apostrophe
                    }
                    var token = word(bytes, index + 1, handleEnd, scratch: &scratch)
                    token.kind = .mention
                    token.start = Int32(index)
                    token.classes.insert(.person)
                    if sentenceStart { token.flags.insert(.sentenceInitial) }
                    tokens.append(token)
                    if handleEnd < end {
                        var contraction = word(bytes, handleEnd, end, scratch: &scratch)
                        contraction.flags = []
                        append(contraction, into: &tokens)
                    }
                    sentenceStart = false
                    index = end
                    continue
                }
                if Self.isWordScalar(scalar) {
                    let end = Self.wordEnd(bytes, from: index)
                    let first = tokens.count
                    words(bytes, index, end, into: &tokens, scratch: &scratch)
                    if sentenceStart, first < tokens.count { tokens[first].flags.insert(.sentenceInitial) }
                    sentenceStart = false
                    index = end
                    continue
                }
                if let mark = punctuation(bytes, at: index, scalar: scalar, length: length, after: tokens.last) {
                    tokens.append(mark)
                    if mark.is(.sentenceEnd) { sentenceStart = true }
                }
                index += length
            }
            for quotation in quotations {
                for position in tokens.indices
                where tokens[position].start > quotation.start && tokens[position].start < quotation.end {
                    tokens[position].flags.insert(.quoted)
                }
            }
            tokens.append(
                WordToken(
                    kind: .punctuation, id: endMark, classes: .sentenceEnd, flags: [], hash: 0,
                    start: Int32(bytes.count),
                    end: Int32(bytes.count)))
        }
        return tokens
    }

    private func inert(_ start: Int, _ end: Int) -> WordToken {
        WordToken(
            kind: .inert, id: Vocabulary.unknown, classes: [], flags: [], hash: 0, start: Int32(start),
            end: Int32(end))
    }

    /// A punctuation token for the mark at `index`, or nil for marks that only decorate (quotes, emphasis).
    private func punctuation(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, scalar: Unicode.Scalar, length: Int, after last: WordToken?
    ) -> WordToken? {
        // A period after an abbreviation or an initial does not end the sentence: it is no token at all.
        if scalar == ".", let last, last.kind == .word, last.end == Int32(index),
            last.is(.abbreviation) || (last.end - last.start == 1 && last.flags.contains(.capitalised))
        {
            return nil
        }
        guard let id = marks[scalar] else { return nil }
        return WordToken(
            kind: .punctuation, id: id, classes: id < 0 ? [] : vocabulary.classes[Int(id)], flags: [], hash: 0,
            start: Int32(index), end: Int32(index + length))
    }

    /// The tokens of the word chunk `start..<end`: split at a final contraction and, when the vocabulary does
    /// not know the hyphenated whole, at hyphens.
    private func words(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into tokens: inout [WordToken],
        scratch: inout [UInt8]
    ) {
        var stem = end
        var suffix: Int?
        // The last apostrophe, if a contraction follows it: 's 'd 'll 're 've 'm n't, or a final ' (engineers').
        // Most words have none (an apostrophe is `'`, or starts with 0xE2 or 0xCA).
        var index = end - 1
        let mayHaveApostrophe = bytes[start..<end].contains { $0 == 0x27 || $0 == 0xE2 || $0 == 0xCA }
        while mayHaveApostrophe, index > start {
            if let apostrophe = Self.apostropheLength(bytes, at: index) {
                let rest = end - index - apostrophe
                let tail = bytes[(index + apostrophe)..<end].map { $0 | 0x20 }
                if rest == 1, tail == [UInt8(ascii: "t")], index - 1 > start,
                    bytes[index - 1] | 0x20 == UInt8(ascii: "n")
                {
                    stem = index - 1
                    suffix = index - 1
                } else if rest == 0 || tail == Array("s".utf8) || tail == Array("d".utf8) || tail == Array("ll".utf8)
                    || tail == Array("re".utf8) || tail == Array("ve".utf8) || tail == Array("m".utf8)
                {
                    stem = index
                    suffix = index
                }
                break
            }
            index -= 1
        }
        var whole = word(bytes, start, stem, scratch: &scratch)
        if whole.id == Vocabulary.unknown, bytes[start..<stem].contains(UInt8(ascii: "-")) {
            var partStart = start
            var joined = false
            for position in start...stem where position == stem || bytes[position] == UInt8(ascii: "-") {
                if position > partStart {
                    var part = word(bytes, partStart, position, scratch: &scratch)
                    if joined { part.flags.insert(.hyphenJoined) }
                    append(part, into: &tokens)
                    joined = true
                }
                partStart = position + 1
            }
        } else {
            if whole.kind == .word, whole.id == Vocabulary.unknown, stem - start > 4,
                bytes[stem - 2] | 0x20 == UInt8(ascii: "l"), bytes[stem - 1] | 0x20 == UInt8(ascii: "y")
            {
                whole.flags.insert(.lyWord)
                whole.classes.insert(.adverb)
            }
            append(whole, into: &tokens)
        }
        if let suffix {
            var contraction = word(bytes, suffix, end, scratch: &scratch)
            contraction.flags = []
            append(contraction, into: &tokens)
        }
    }

    /// Appends `token`, or the words it stands for.
    private func append(_ token: WordToken, into tokens: inout [WordToken]) {
        guard token.id >= 0, let parts = vocabulary.expansions[token.id] else {
            tokens.append(token)
            return
        }
        for part in parts {
            var piece = token
            piece.id = part
            piece.classes = vocabulary.classes[Int(part)]
            tokens.append(piece)
            piece.flags.remove(.capitalised)
        }
    }

    /// One token for the bytes `start..<end`: normalised, looked up, with its spelling flags.
    private func word(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, scratch: inout [UInt8]
    ) -> WordToken {
        scratch.removeAll(keepingCapacity: true)
        var flags: WordToken.Flags = []
        var letters = 0
        var capitals = 0
        var index = start
        let isNumber = Self.isDigit(bytes[start])
        // Most words are ASCII: copied at once and lower-cased in place, without an append (and its capacity
        // check) per byte; the loop below then has nothing left to do.
        let chunk = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !chunk.contains(where: { $0 >= 0x80 }) {
            scratch.append(contentsOf: chunk)
            scratch.withUnsafeMutableBufferPointer { word in
                for position in word.indices {
                    let byte = word[position]
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                        capitals += 1
                        letters += 1
                        word[position] = byte | 0x20
                    } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
                        letters += 1
                    }
                }
            }
            index = end
        }
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    capitals += 1
                    letters += 1
                    scratch.append(byte | 0x20)
                } else {
                    if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { letters += 1 }
                    scratch.append(byte)
                }
                index += 1
                continue
            }
            let (scalar, length) = Self.scalar(bytes, at: index)
            if scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}" {
                scratch.append(UInt8(ascii: "'"))
            } else {
                letters += 1
                if scalar.properties.isUppercase { capitals += 1 }
                scratch.append(contentsOf: String(scalar).lowercased().utf8)
            }
            index += length
        }
        if capitals > 0,
            bytes[start] < 0x80
                ? bytes[start] >= UInt8(ascii: "A") && bytes[start] <= UInt8(ascii: "Z")
                : Self.scalar(bytes, at: start).0.properties.isUppercase
        {
            flags.insert(.capitalised)
        }
        if letters >= 2 && capitals == letters { flags.insert(.allCaps) }
        // Plural acronyms (IPs, APIs, PRs) are acronyms too.
        if letters >= 3, capitals == letters - 1, bytes[end - 1] == UInt8(ascii: "s"), capitals >= 2 {
            flags.insert(.allCaps)
        }
        if end - start >= 6, bytes[end - 3] | 0x20 == UInt8(ascii: "i"), bytes[end - 2] | 0x20 == UInt8(ascii: "n"),
            bytes[end - 1] | 0x20 == UInt8(ascii: "g")
        {
            flags.insert(.gerund)
        }
        let hash = Vocabulary.hash(scratch)
        let id = scratch.withUnsafeBufferPointer { vocabulary.id($0, hash: hash) }
        if id == Vocabulary.unknown, !isNumber, flags.contains(.capitalised) || flags.contains(.allCaps),
            flags.contains(.allCaps) || !Self.isPluralNoun(scratch)
        {
            flags.insert(.properNoun)
        }
        return WordToken(
            kind: isNumber ? .number : .word, id: id, classes: id < 0 ? [] : vocabulary.classes[Int(id)],
            flags: flags, hash: hash, start: Int32(start), end: Int32(end))
    }

    /// Whether a lower-cased word has the ending of a plural common noun ("browsers", "operators",
    /// "replicas" are not: "queries", "clients"), which a capital at the start of a sentence does not make a name.
    static func isPluralNoun(_ word: [UInt8]) -> Bool {
        guard word.count >= 6 else { return false }
        for suffix in Self.pluralEndings where word.count > suffix.count + 2 && word.suffix(suffix.count) == suffix[...]
        {
            return true
        }
        return false
    }

    private static let pluralEndings: [[UInt8]] = ["ers", "ors", "ies", "ents", "ions", "ests"].map { Array($0.utf8) }

    /// The end of the word chunk starting at `start`: letters and digits, and `'` `-` `.` `_` `/` `@` between
    /// them, `:` and `,` between digits (14:02, 3,400), a `%` after digits.
    static func wordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let (scalar, length) = scalar(bytes, at: index)
            if isWordScalar(scalar) {
                index += length
                continue
            }
            let next = index + (apostropheLength(bytes, at: index) ?? 1)
            guard index > start, next < bytes.count else { break }
            let following = Self.scalar(bytes, at: next).0
            let previous = bytes[index - 1]
            if apostropheLength(bytes, at: index) != nil, following.properties.isAlphabetic {
                index = next
            } else if Self.isJoiner(bytes[index]), isWordScalar(following) {
                index = next
            } else if bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: ","),
                isDigit(previous), following.isASCII, isDigit(UInt8(following.value))
            {
                index = next
            } else {
                break
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "%"), index > start, isDigit(bytes[index - 1]) {
            index += 1
        }
        // A final apostrophe after an s: a plural possessive (engineers').
        if index < bytes.count, let apostrophe = apostropheLength(bytes, at: index), index > start,
            bytes[index - 1] | 0x20 == UInt8(ascii: "s")
        {
            let after = index + apostrophe
            if after >= bytes.count || !isWordScalar(scalar(bytes, at: after).0) { index = after }
        }
        return index
    }

    /// Marks that join the parts of one word: `-` `.` `_` `/` `@`.
    private static func isJoiner(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "@"): true
        default: false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The length of an apostrophe (`'`, `’`, `‘`, `ʼ`) at `index`, or nil.
    static func apostropheLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        if bytes[index] == UInt8(ascii: "'") { return 1 }
        guard bytes[index] >= 0xC0 else { return nil }
        let (scalar, length) = scalar(bytes, at: index)
        return scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "\u{02BC}" ? length : nil
    }

    /// Letters and digits (any script).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x61 && value <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The scalar at `index` and its length in bytes (a replacement character for a broken sequence).
    static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let byte = bytes[index]
        if byte < 0x80 { return (Unicode.Scalar(byte), 1) }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(byte) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The end of a URL starting at `index` (`http://`, `https://`, `ftp://`, `www.`), or nil.
    static func urlEnd(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        // Most words start with another letter: no URL.
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "h"), UInt8(ascii: "f"), UInt8(ascii: "w"): break
        default: return nil
        }
        if index > 0, isWordScalar(Unicode.Scalar(bytes[index - 1])) { return nil }
        func starts(_ prefix: StaticString) -> Bool {
            guard index + prefix.utf8CodeUnitCount <= bytes.count else { return false }
            for offset in 0..<prefix.utf8CodeUnitCount {
                let expected = prefix.utf8Start[offset]
                let byte = bytes[index + offset]
                guard byte == expected || byte | 0x20 == expected else { return false }
            }
            return true
        }
        guard starts("http://") || starts("https://") || starts("ftp://") || starts("www.") else { return nil }
        var end = index
        while end < bytes.count, bytes[end] > 0x20, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: ")") {
            end += 1
        }
        return end
    }
}
