import Foundation

/// The owner, due date, ticket and done-marker that people write around an action item in a postmortem
/// written elsewhere: `(owner: @kai, due 2020-04-20)`, `— Femi, by 2022-11-30`, `[Kwame] (done)`,
/// `Owner: Mobile Platform. Target: 13/01/2023. Status: Complete.`, `— Zainab — [ANDR-3301](…)`,
/// `Done: …`, `✅ …`, `~~struck through~~`, and pm's own trailing tokens (`@sam due:2019-03-01 ENG-1`).
///
/// Annotations are read from the end of the item, one group at a time, and stop at the first group that
/// is not one (a parenthetical aside like `(see the wiki page https://… for the format)` is text, and so
/// is a URL inside it).
struct ActionAnnotations: Sendable {
    var text: String = ""
    var owners: [String] = []
    var due: CalendarDate?
    /// The value of a pm `due:` token that is not a date (`due:tomorrow`), as written.
    var dueText: String?
    /// A due date written without a year (`by 21/03`, `ETA: July 19`), as written: the reader settles its
    /// year from the incident's date.
    var dueWithoutYear: String?
    var ticket: String?
    /// The day the item says it was done (`done:2023-05-19`, `— done 2022-03-15`).
    var closed: CalendarDate?
    /// The value of a pm `done:` token as written.
    var closedText: String?
    /// Whether the item says it is done (true) or still to do (false); nil when it says neither.
    var isDone: Bool?
    var kind: String?

    /// A piece of an item's inline content, as cmark parsed it.
    enum Piece: Sendable {
        case text(String)
        /// A code span: its text is never an annotation.
        case code(String)
        /// A link that is not an autolink: its text and destination.
        case link(text: String, destination: String)
    }

    /// The pieces of the inline content under `node` (a paragraph or a table cell's paragraph).
    static func pieces(of node: Int, in tree: MarkdownTree) -> [Piece] {
        var pieces: [Piece] = []
        var index = node + 1
        while index < tree.nodes[node].subtreeEnd {
            let child = tree.nodes[index]
            switch child.kind {
            case .text: pieces.append(.text(child.literal))
            case .code: pieces.append(.code(child.literal))
            case .softBreak, .lineBreak: pieces.append(.text(" "))
            case .link:
                let text = tree.plainText(of: index)
                if text == child.destination || "mailto:" + text == child.destination {
                    pieces.append(.text(child.destination))
                } else {
                    pieces.append(.link(text: text, destination: child.destination))
                }
                index = child.subtreeEnd
                continue
            case .image:
                index = child.subtreeEnd
                continue
            default: break
            }
            index += 1
        }
        return pieces
    }

    /// Reads the annotations of an item made of `pieces`.
    ///
    /// - Parameters:
    ///   - dayFirst: how the document writes numeric dates (`13/01/2023` is day first), when it shows.
    ///   - signer: the name a closing `— Mateo` gives the write-up, for owners written `(me)`.
    static func read(_ pieces: [Piece], dayFirst: Bool?, signer: String? = nil) -> ActionAnnotations {
        var parser = Parser(pieces: pieces, dayFirst: dayFirst)
        var result = parser.run()
        if let signer {
            result.owners = result.owners.map { ["me", "myself", "i"].contains($0.lowercased()) ? signer : $0 }
        }
        return result
    }

    /// Applies a detail written under an item (`- Owner: @alice`, `- Due: 2023-01-01`, `- Status: Done`,
    /// `- Ticket: ENG-1`); false when the text is no such detail.
    static func applyDetail(_ text: String, to item: inout ActionItem, dayFirst: Bool?) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let label = text[..<colon].lowercased().trimmed
        let value = String(text[text.index(after: colon)...]).trimmed
        guard let role = Parser.labelRoles[label], !value.isEmpty else { return false }
        switch role {
        case "owner":
            let owners = Parser.parts(of: value).map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            if item.owners.isEmpty { item.owners = owners }
        case "due":
            if item.due == nil { item.due = DateScanner.firstDate(in: value, dayFirst: dayFirst) }
        case "status":
            if let done = status(of: value) { item.isDone = done }
        case "ticket":
            if item.ticket == nil, let word = value.split(separator: " ").first { item.ticket = String(word) }
        default:
            return false
        }
        return true
    }

    /// The words that say an item is done, and those that say it is not.
    static let doneWords: Set<String> = [
        "done", "complete", "completed", "fixed", "closed", "shipped", "resolved", "finished", "implemented",
        "merged", "deployed", "released", "delivered", "landed", "yes",
    ]
    static let openWords: Set<String> = [
        "open", "todo", "to do", "in progress", "not started", "planned", "pending", "blocked", "backlog", "wip",
        "ongoing", "in review", "proposed", "new", "started", "investigating", "no",
    ]

    /// Whether a status word or cell (`Done`, `✅ Done`, `In progress`, `**FIXED**`) says done, open or neither.
    static func status(of text: String) -> Bool? {
        let words = Words.split(text)
        if text.contains("✅") || text.contains("✔") || text.contains("☑") || text.contains("✓") { return true }
        if let box = TaskCheckbox.parse(text.trimmed) { return box.isDone }
        guard let first = words.first else { return nil }
        if doneWords.contains(first) { return true }
        let phrase = words.prefix(2).joined(separator: " ")
        if openWords.contains(first) || openWords.contains(phrase) { return false }
        return nil
    }
}

extension ActionAnnotations {
    /// The reading, over the item's text with links and code spans replaced by placeholders so that
    /// nothing inside them is taken for an annotation.
    fileprivate struct Parser {
        var links: [(text: String, destination: String)] = []
        var codes: [String] = []
        var text: String
        var result = ActionAnnotations()
        let dayFirst: Bool?

        static let open: Character = "\u{E000}"
        static let close: Character = "\u{E001}"

        init(pieces: [Piece], dayFirst: Bool?) {
            self.dayFirst = dayFirst
            var text = ""
            for piece in pieces {
                switch piece {
                case .text(let literal): text += literal
                case .code(let literal):
                    text += "\(Self.open)C\(codes.count)\(Self.close)"
                    codes.append(literal)
                case .link(let linkText, let destination):
                    text += "\(Self.open)L\(links.count)\(Self.close)"
                    links.append((linkText, destination))
                }
            }
            self.text = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        }

        mutating func run() -> ActionAnnotations {
            readLeadingMarkers()
            readLeadingOwnerOrTicket()
            var guardCount = 0
            while guardCount < 40, readTrailingGroup() { guardCount += 1 }
            readStrikethrough()
            readPastTense()
            trimEnd()
            result.text = restore(text).split(whereSeparator: { $0 == " " }).joined(separator: " ")
            return result
        }

        // MARK: markers at the start

        /// `✅`, `Done:`, `DONE -`, `[DONE]`, `TODO:`, and decorative emoji at the start.
        mutating func readLeadingMarkers() {
            var changed = true
            while changed {
                changed = false
                text = String(text.drop(while: { $0 == " " }))
                guard let first = text.first else { return }
                if "✅✔☑✓".contains(first) || text.hasPrefix("✔️") {
                    result.isDone = result.isDone ?? true
                    text = String(text.drop(while: { !$0.isLetter && !$0.isNumber && $0 != Self.open && $0 != "~" }))
                    changed = true
                    continue
                }
                if !first.isASCII, !first.isLetter, !first.isNumber,
                    first.unicodeScalars.contains(where: { $0.properties.isEmoji })
                {
                    text.removeFirst()
                    changed = true
                    continue
                }
                // `Done:`, `DONE -`, `[DONE]`, `TODO:`, `Open:`
                let lower = String(text.prefix(16)).lowercased()
                for (marker, isDone) in Self.leadingMarkers {
                    guard lower.hasPrefix(marker) else { continue }
                    let rest = text.dropFirst(marker.count)
                    let afterSpaces = rest.drop(while: { $0 == " " })
                    guard let next = afterSpaces.first, next == ":" || next == "-" || next == "]" || next == "—" else {
                        continue
                    }
                    if marker.hasPrefix("[") != (next == "]") { continue }
                    let afterMarker = afterSpaces.dropFirst().drop(while: { " :-—".contains($0) })
                    result.isDone = isDone
                    text = String(afterMarker)
                    changed = true
                    break
                }
            }
        }

        /// `[@alice] Fix …`, `@lena: revert …`, `ENG-12: Fix …`, `org/repo#123: Fix …`, `[T123](…) – Fix …`.
        mutating func readLeadingOwnerOrTicket() {
            var changed = true
            while changed {
                changed = false
                text = String(text.drop(while: { $0 == " " }))
                // `[@alice]`
                if text.hasPrefix("[@"), let close = text.firstIndex(of: "]") {
                    let name = text[text.index(text.startIndex, offsetBy: 2)..<close]
                    if ActionTokens.isName(name) {
                        addOwner(String(name))
                        text = String(text[text.index(after: close)...])
                        changed = true
                        continue
                    }
                }
                // The first word, when a colon or a dash follows it.
                guard let space = text.firstIndex(of: " ") else { return }
                var word = String(text[..<space])
                var rest = text[space...].drop(while: { $0 == " " })
                if word.hasSuffix(":") {
                    word.removeLast()
                } else if let dash = rest.first, "-–—".contains(dash), rest.dropFirst().first == " " {
                    rest = rest.dropFirst().drop(while: { $0 == " " })
                } else if rest.first?.isUppercase == true,
                    ActionTokens.isTicket(word)
                        || Self.singlePlaceholder(word, kind: "L").map({ Self.isTicketText(links[$0].text) }) == true
                {
                    // A ticket leading the text without a separator: `[PAY-2210](…) Keep …`, `OPS-45 Add …`
                } else {
                    return
                }
                guard rest.first.map({ $0.isLetter || $0 == Self.open }) == true else { return }
                if word.hasPrefix("@"), ActionTokens.isName(word.dropFirst()) {
                    addOwner(String(word.dropFirst()))
                } else if ActionTokens.isTicket(word) || Self.isIssueNumber(word) || Self.isRepositoryIssue(word) {
                    if result.ticket == nil { result.ticket = word }
                } else if let link = Self.singlePlaceholder(word, kind: "L"), Self.isTicketText(links[link].text) {
                    if result.ticket == nil { result.ticket = Self.ticket(fromLink: links[link]) }
                } else {
                    return
                }
                text = String(rest)
                changed = true
            }
        }

        /// `org/repo#123`, a GitHub issue in another repository.
        static func isRepositoryIssue(_ word: String) -> Bool {
            guard let hash = word.firstIndex(of: "#"), let slash = word.firstIndex(of: "/"), slash < hash else {
                return false
            }
            let number = word[word.index(after: hash)...]
            let repository = word[..<hash]
            return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
                && repository.split(separator: "/").count == 2
                && repository.allSatisfy { $0.isLetter || $0.isNumber || "/-_.".contains($0) }
        }

        static let leadingMarkers: [(String, Bool)] = [
            ("[done", true), ("[x", true), ("done", true), ("completed", true), ("complete", true), ("fixed", true),
            ("shipped", true), ("[todo", false), ("todo", false), ("to do", false), ("open", false),
            ("wip", false), ("in progress", false), ("pending", false), ("planned", false),
        ]

        /// Work told as already done, at the start or in the sentence after a short lead (`We've added an alert
        /// …`, `We have moved …`, `Already fixed …`, `**Filter at our edge.** We now reject …`).
        mutating func readPastTense() {
            guard result.isDone == nil, Self.hasWordStarting(with: ["we", "already"], in: text) else { return }
            let plain = text.filter { $0 != "*" }
            var sentences = [Substring(plain)]
            // The sentence after a lead of up to 80 characters ending with `. `.
            var previous: Character = " "
            for (count, index) in plain.indices.enumerated() {
                if count > 81 { break }
                if previous == ".", plain[index] == " " {
                    sentences.append(plain[plain.index(after: index)...])
                    break
                }
                previous = plain[index]
            }
            for sentence in sentences {
                let lower = sentence.prefix(40).lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
                if lower.hasPrefix("we now ") {
                    result.isDone = true
                    return
                }
                for opening in ["we've ", "we have ", "we already ", "we've already ", "we have already ", "already "]
                where lower.hasPrefix(opening) {
                    let verb = lower.dropFirst(opening.count).prefix { $0.isLetter }
                    if (verb.hasSuffix("ed") || Self.pastParticiples.contains(String(verb)))
                        && !Self.notYetDone.contains(String(verb))
                    {
                        result.isDone = true
                        return
                    }
                }
            }
        }

        /// Whether a word of `text` starts with one of `prefixes` (lower-case ASCII), compared on bytes.
        static func hasWordStarting(with prefixes: [String], in text: String) -> Bool {
            let bytes = Array(text.utf8)
            for start in bytes.indices where start == 0 || !Self.isASCIILetter(bytes[start - 1]) {
                for prefix in prefixes where start + prefix.utf8.count <= bytes.count {
                    if zip(prefix.utf8, bytes[start...]).allSatisfy({ $0 == $1 | 0x20 }) { return true }
                }
            }
            return false
        }

        static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

        /// Past participles that tell of work begun or promised, not done (`We've started migrating …`).
        static let notYetDone: Set<String> = [
            "started", "decided", "agreed", "planned", "scheduled", "committed", "asked", "opened", "proposed",
            "requested", "begun", "prioritized", "prioritised", "filed", "created", "assigned", "budgeted",
        ]

        static let pastParticiples: Set<String> = [
            "done", "built", "made", "put", "set", "written", "taken", "shut", "sent", "run", "begun", "split", "cut",
            "rewritten", "undone", "rebuilt",
        ]

        /// `~~struck through~~` text is done work.
        mutating func readStrikethrough() {
            let trimmed = text.trimmed
            guard trimmed.hasPrefix("~~"), let end = trimmed.dropFirst(2).range(of: "~~") else { return }
            result.isDone = result.isDone ?? true
            text =
                String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<end.lowerBound])
                + trimmed[end.upperBound...]
        }

        // MARK: groups at the end

        /// Trailing spaces, sentence punctuation and dangling separators.
        mutating func trimEnd() {
            while let last = text.last, " .,;:|".contains(last) || last == "—" || last == "–" {
                text.removeLast()
            }
            if text.hasSuffix(" -") { text.removeLast(2) }
            while text.last == " " { text.removeLast() }
        }

        /// Reads one group of annotations off the end; false when the end is text.
        mutating func readTrailingGroup() -> Bool {
            trimEnd()
            guard !text.isEmpty else { return false }
            // A link whose text names a ticket (`[PR #34](…)`, `[Issue](…)`, `[ANDR-3301](…)`).
            if let (linkIndex, start) = trailingPlaceholder(kind: "L") {
                let link = links[linkIndex]
                let before = text[..<start].trimmed
                if before.isEmpty {
                    // An item that is only a link keeps the link text as its text.
                    if result.ticket == nil, Self.isURL(link.destination) { result.ticket = link.destination }
                    return false
                }
                guard Self.isTicketText(link.text) || link.text == link.destination else { return false }
                if result.ticket == nil { result.ticket = Self.ticket(fromLink: link) }
                text = String(text[..<start])
                return true
            }
            if text.last == ")" { return readParenthetical() }
            if text.last == "]" { return readBracket() }
            if readLabelSentence() { return true }
            if readTrailingWord() { return true }
            return readDashGroup()
        }

        /// The link or code placeholder the text ends with: its index and where it starts.
        func trailingPlaceholder(kind: Character) -> (Int, String.Index)? {
            guard text.last == Self.close, let start = text.lastIndex(of: Self.open) else { return nil }
            let inner = text[text.index(after: start)..<text.index(before: text.endIndex)]
            guard inner.first == kind, let index = Int(inner.dropFirst()) else { return nil }
            return (index, start)
        }

        /// `( … )` at the end: annotations when every part is one (or one says done).
        mutating func readParenthetical() -> Bool {
            var depth = 0
            var index = text.endIndex
            var openIndex: String.Index?
            while index > text.startIndex {
                index = text.index(before: index)
                if text[index] == ")" { depth += 1 }
                if text[index] == "(" {
                    depth -= 1
                    if depth == 0 {
                        openIndex = index
                        break
                    }
                }
            }
            guard let openIndex else { return false }
            let inner = String(text[text.index(after: openIndex)..<text.index(before: text.endIndex)])
            guard applyParts(Self.parts(of: inner), context: .parenthesis) else { return false }
            text = String(text[..<openIndex])
            return true
        }

        /// `[Kwame]` at the end (not a link: cmark left it as text).
        mutating func readBracket() -> Bool {
            guard let openIndex = text.lastIndex(of: "[") else { return false }
            let inner = String(text[text.index(after: openIndex)..<text.index(before: text.endIndex)])
            guard applyParts(Self.parts(of: inner), context: .parenthesis) else { return false }
            text = String(text[..<openIndex])
            return true
        }

        /// pm's trailing tokens, a bare URL, a ticket key, `#123`, a closing `✅`.
        mutating func readTrailingWord() -> Bool {
            let start = text.lastIndex(of: " ").map { text.index(after: $0) } ?? text.startIndex
            let word = String(text[start...])
            guard !word.contains(Self.open) else { return false }
            let lower = word.lowercased()
            if word.count > 1, word.hasPrefix("@"), ActionTokens.isName(word.dropFirst()) {
                result.owners.insert(String(word.dropFirst()), at: 0)
            } else if lower.hasPrefix("done:"), word.count > 5, result.closedText == nil {
                result.closedText = String(word.dropFirst(5))
                result.closed = result.closed ?? CalendarDate(word.dropFirst(5))
            } else if lower.hasPrefix("due:"), word.count > 4 {
                if let due = CalendarDate(word.dropFirst(4)) {
                    result.due = result.due ?? due
                } else if result.due == nil {
                    result.dueText = String(word.dropFirst(4))
                }
            } else if Self.isURL(word) || ActionTokens.isTicket(word) || Self.isIssueNumber(word)
                || Self.isRepositoryIssue(word)
            {
                if result.ticket == nil { result.ticket = word }
                text = String(text[..<start])
                while text.last == " " { text.removeLast() }
                // `…, tracked in NET-120`, `see ENG-1`
                for filler in [" tracked in", " tracked as", " tracked at", " see", " ticket", " in", " via"]
                where text.lowercased().hasSuffix(filler) && text.count > filler.count + 3 {
                    text.removeLast(filler.count)
                    break
                }
                return true
            } else if word.hasPrefix("#"), word.count > 1, ActionTokens.isName(word.dropFirst()),
                Self.kinds.contains(String(lower.dropFirst()))
            {
                result.kind = result.kind ?? String(lower.dropFirst())
            } else if "✅✔☑".contains(word.first ?? " ") {
                result.isDone = result.isDone ?? true
            } else {
                return false
            }
            text = String(text[..<start])
            return true
        }

        /// ` — Femi, by 2022-11-30`, ` – @aiko`, ` - owner: Account management` at the end.
        mutating func readDashGroup() -> Bool {
            guard let range = Self.lastDashSeparator(in: text) else { return false }
            let group = String(text[range.upperBound...])
            guard !group.isEmpty, !group.contains("("), applyParts(Self.parts(of: group), context: .dash) else {
                // A group ending with a parenthetical (`Developer Productivity (DEVP-88)`) is read in two steps.
                return false
            }
            text = String(text[..<range.lowerBound])
            return true
        }

        /// The last ` — `, ` – `, ` - ` or ` -- ` in `text` (or a dash glued to one side, `— ` or ` —`).
        static func lastDashSeparator(in text: String) -> Range<String.Index>? {
            // A hyphen, or the first byte of an en or em dash (0xE2): checked on bytes before walking back.
            guard text.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == 0xE2 }) else { return nil }
            var index = text.endIndex
            while index > text.startIndex {
                index = text.index(before: index)
                let character = text[index]
                guard character == "—" || character == "–" || character == "-" else { continue }
                let after = text.index(after: index)
                let spaceAfter = after < text.endIndex && text[after] == " "
                let spaceBefore = index > text.startIndex && text[text.index(before: index)] == " "
                if character == "-" {
                    // ` - ` or ` -- `
                    if spaceAfter && spaceBefore { return text.index(before: index)..<text.index(after: after) }
                    if spaceAfter, index > text.startIndex, text[text.index(before: index)] == "-" {
                        let start = text.index(before: index)
                        if start > text.startIndex, text[text.index(before: start)] == " " {
                            return text.index(before: start)..<text.index(after: after)
                        }
                    }
                    continue
                }
                if spaceAfter || spaceBefore {
                    let start = spaceBefore ? text.index(before: index) : index
                    return start..<(spaceAfter ? text.index(after: after) : after)
                }
            }
            return nil
        }

        /// `… Owner: Mobile Platform. Target: 13/01/2023. Status: Complete.`: the last sentence, when it is
        /// a label pm reads.
        mutating func readLabelSentence() -> Bool {
            guard text.utf8.contains(UInt8(ascii: ":")) else { return false }
            var boundary: String.Index?
            var index = text.endIndex
            while index > text.startIndex {
                index = text.index(before: index)
                if text[index] == ".", text.index(after: index) < text.endIndex, text[text.index(after: index)] == " " {
                    boundary = index
                    break
                }
            }
            let sentenceStart = boundary.map { text.index($0, offsetBy: 2) } ?? text.startIndex
            let sentence = String(text[sentenceStart...])
            guard let colon = sentence.firstIndex(of: ":") else { return false }
            let label = sentence[..<colon].lowercased().trimmed
            let value = String(sentence[sentence.index(after: colon)...]).trimmed
            guard Self.labelRoles[label] != nil, !value.isEmpty, boundary != nil else { return false }
            guard applyLabel(label, value) else { return false }
            text = String(text[..<(boundary ?? text.startIndex)])
            return true
        }

        // MARK: parts

        enum Context { case parenthesis, dash }

        /// A group split at commas, semicolons and ` + ` / ` & `.
        static func parts(of group: String) -> [String] {
            var parts: [String] = []
            var part = ""
            var characters = Array(group)[...]
            while let character = characters.first {
                characters = characters.dropFirst()
                if character == "," || character == ";" {
                    parts.append(part)
                    part = ""
                } else if character == "+" || character == "&", part.last == " ", characters.first == " " {
                    parts.append(part)
                    part = ""
                } else {
                    part.append(character)
                }
            }
            parts.append(part)
            return parts.map { $0.trimmed }.filter { !$0.isEmpty }
        }

        /// Applies every part as an annotation, or nothing when one is not (unless a part says done or
        /// open: then the rest is a comment on it, as in `(done, 09:20 on the day)`).
        mutating func applyParts(_ parts: [String], context: Context) -> Bool {
            guard !parts.isEmpty else { return false }
            var trial = self
            var sawStatus = false
            var allRead = true
            for part in parts {
                switch trial.applyPart(part, context: context) {
                case .status: sawStatus = true
                case .read: break
                case .notAnnotation: allRead = false
                }
            }
            guard allRead || sawStatus else { return false }
            self = trial
            return true
        }

        enum PartReading { case read, status, notAnnotation }

        mutating func applyPart(_ part: String, context: Context) -> PartReading {
            let stripped = part.replacingOccurrences(of: "*", with: "").trimmed
            let lower = stripped.lowercased()
            let words = Words.split(stripped)
            guard let first = words.first else { return .notAnnotation }
            // Done or not: `done`, `Done - see wiki`, `shipped March 5`, `in progress`, `Inspection completed`
            if (ActionAnnotations.doneWords.contains(first) && first != "yes")
                || (context == .parenthesis && words.count <= 3 && words.count >= 2
                    && ActionAnnotations.doneWords.contains(words[words.count - 1]) && words.last != "yes")
            {
                result.isDone = result.isDone ?? true
                if let day = DateScanner.firstDate(in: stripped, dayFirst: dayFirst) {
                    result.closed = result.closed ?? day
                }
                return .status
            }
            if ["in progress", "not started", "to do", "todo", "wip", "planned", "ongoing", "pending"].contains(where: {
                lower == $0 || lower.hasPrefix($0 + " ")
            }) {
                result.isDone = result.isDone ?? false
                return .status
            }
            // `owner: X`, `assignee: @x`, `due 2020-04-20`, `by 2022-11-30`, `Target: …`
            if let colon = stripped.firstIndex(of: ":"), !stripped.lowercased().hasPrefix("http") {
                let label = stripped[..<colon].lowercased().trimmed
                let value = String(stripped[stripped.index(after: colon)...]).trimmed
                if Self.labelRoles[label] != nil {
                    return applyLabel(label, value) ? .read : .notAnnotation
                }
            }
            for prefix in ["due by ", "due on ", "due ", "by ", "target ", "eta ", "deadline ", "before ", "until "]
            where lower.hasPrefix(prefix) {
                let value = String(stripped.dropFirst(prefix.count))
                if let date = DateScanner.firstDate(in: value, dayFirst: dayFirst) {
                    result.due = result.due ?? date
                    return .read
                }
                result.dueWithoutYear = result.dueWithoutYear ?? value
                return Self.isVagueDate(value) || prefix.hasPrefix("due") ? .read : .notAnnotation
            }
            for prefix in ["assigned to ", "owned by ", "owner ", "with "] where lower.hasPrefix(prefix) {
                let name = String(stripped.dropFirst(prefix.count))
                if Self.isName(name, context: .dash) {
                    addOwner(name)
                    return .read
                }
            }
            // A link, a URL or a ticket: `[PR #34](…)`, `NET-119`, `#1412`, `see ENG-1`
            let unprefixed = ["see ", "tracked in ", "ticket ", "jira ", "issue ", "pr "].reduce(stripped) {
                $0.lowercased().hasPrefix($1) ? String($0.dropFirst($1.count)) : $0
            }
            if let link = Self.singlePlaceholder(unprefixed, kind: "L") {
                if result.ticket == nil { result.ticket = Self.ticket(fromLink: links[link]) }
                return .read
            }
            if Self.isURL(unprefixed) || ActionTokens.isTicket(unprefixed) || Self.isIssueNumber(unprefixed) {
                if result.ticket == nil { result.ticket = unprefixed }
                return .read
            }
            if let date = DateScanner.firstDate(in: stripped, dayFirst: dayFirst),
                DateScanner.dates(in: stripped).count == 1, words.count <= 4
            {
                result.due = result.due ?? date
                return .read
            }
            if Self.isVagueDate(stripped) {
                result.dueWithoutYear = result.dueWithoutYear ?? stripped
                return .read
            }
            if Self.isPriority(lower) { return .read }
            if ["me", "myself", "i"].contains(lower) {
                addOwner("me")
                return .read
            }
            if Self.isName(stripped, context: context) {
                addOwner(stripped)
                return .read
            }
            return .notAnnotation
        }

        mutating func addOwner(_ name: String) {
            let owner = name.hasPrefix("@") ? String(name.dropFirst()) : name
            if !result.owners.contains(owner) { result.owners.append(owner) }
        }

        /// What a label inside an item gives (`Owner:`, `Target date:`, `Status:`, `Reference:`).
        static let labelRoles: [String: String] = [
            "owner": "owner", "owners": "owner", "assignee": "owner", "assignees": "owner", "assigned": "owner",
            "assigned to": "owner", "responsible": "owner", "dri": "owner", "who": "owner", "lead": "owner",
            "action owner": "owner", "due": "due", "due date": "due", "target": "due", "target date": "due",
            "deadline": "due", "eta": "due", "by": "due", "when": "due", "status": "status", "state": "status",
            "reference": "ticket", "ticket": "ticket", "jira": "ticket", "issue": "ticket", "tracking": "ticket",
            "link": "ticket", "bug": "ticket", "pr": "ticket", "type": "kind", "kind": "kind",
            "priority": "priority",
        ]

        mutating func applyLabel(_ label: String, _ value: String) -> Bool {
            switch Self.labelRoles[label] {
            case "owner"?:
                let names = Self.parts(of: value).filter { !$0.isEmpty }
                guard !names.isEmpty else { return false }
                for name in names { addOwner(name) }
                return true
            case "due"?:
                if let date = DateScanner.firstDate(in: value, dayFirst: dayFirst) {
                    result.due = result.due ?? date
                } else {
                    result.dueWithoutYear = result.dueWithoutYear ?? value
                }
                return true
            case "status"?:
                if let isDone = ActionAnnotations.status(of: value) { result.isDone = result.isDone ?? isDone }
                return true
            case "ticket"?:
                let ticket = Self.singlePlaceholder(value, kind: "L").map { Self.ticket(fromLink: links[$0]) } ?? value
                if result.ticket == nil, !ticket.isEmpty { result.ticket = ticket }
                return true
            case "kind"?:
                result.kind = result.kind ?? value.lowercased()
                return true
            case "priority"?:
                return true
            default:
                return false
            }
        }

        // MARK: words

        static func singlePlaceholder(_ text: String, kind: Character) -> Int? {
            guard text.first == open, text.last == close else { return nil }
            let inner = text.dropFirst().dropLast()
            guard inner.first == kind, !inner.contains(open) else { return nil }
            return Int(inner.dropFirst())
        }

        static func ticket(fromLink link: (text: String, destination: String)) -> String {
            isURL(link.destination) ? link.destination : link.text
        }

        static func isURL(_ word: String) -> Bool {
            let lower = word.lowercased()
            return (lower.hasPrefix("https://") && word.count > 8) || (lower.hasPrefix("http://") && word.count > 7)
        }

        /// `#1412` (an issue or pull request number).
        static func isIssueNumber(_ word: String) -> Bool {
            word.count > 1 && word.hasPrefix("#") && word.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }

        /// The text of a link that names a ticket rather than saying something.
        static func isTicketText(_ text: String) -> Bool {
            let trimmed = text.trimmed
            if ActionTokens.isTicket(trimmed) || isIssueNumber(trimmed) || isURL(trimmed) { return true }
            let words = Words.split(trimmed)
            guard words.count <= 3, let first = words.first else { return false }
            return [
                "issue", "issues", "pr", "mr", "ticket", "jira", "link", "bug", "github", "gitlab", "linear",
                "tracking", "tracker", "pull", "merge", "story", "task", "epic", "incident", "change", "rfc", "doc",
                "here", "details",
            ].contains(first)
                || (words.count == 1 && trimmed.contains { $0.isNumber } && trimmed.contains { $0.isLetter }
                    && !trimmed.contains(" "))
        }

        /// `Q1 2023`, `end of August`, `next sprint`, `March 2023`: a time, not a day.
        static func isVagueDate(_ text: String) -> Bool {
            let words = Words.split(text)
            guard let first = words.first, words.count <= 4 else { return false }
            if first.count == 2, first.hasPrefix("q") || first.hasPrefix("h"), first.last!.isNumber { return true }
            if ["end", "mid", "early", "late", "next", "this", "eoy", "eom", "eoq", "asap", "tbd", "tbc"].contains(
                first)
            {
                return true
            }
            // A day and month without a year: `21/03`, `3.5`
            if words.count == 2, let day = Int(first), let month = Int(words[1]), (1...31).contains(day),
                (1...31).contains(month), text.contains("/") || text.contains(".")
            {
                return true
            }
            return DateScanner.monthNumber(first) != nil && words.count <= 2
        }

        static func isPriority(_ lower: String) -> Bool {
            let words = Words.split(lower)
            guard let first = words.first, words.count <= 2 else { return false }
            if first.count == 2, first.hasPrefix("p"), first.last!.isNumber { return true }
            return words.count == 2 && words[1] == "priority"
        }

        static let kinds: Set<String> = [
            "prevent", "detect", "mitigate", "process", "runbook", "repair", "investigate", "monitor", "fix",
        ]

        /// Words that start a sentence or a comment rather than a name.
        static let notNames: Set<String> = [
            "the", "this", "that", "these", "those", "we", "it", "see", "if", "when", "for", "only", "not", "no",
            "and", "or", "but", "in", "on", "at", "to", "is", "are", "was", "were", "be", "will", "would", "should",
            "can", "with", "of", "from", "as", "by", "via", "e", "g", "ie", "eg", "etc", "optional", "maybe",
            "later", "again", "temporary", "tbd", "tbc", "stretch", "urgent", "blocked", "partial", "partially",
            "ongoing", "recurring", "manual", "automated", "critical", "high", "medium", "low", "minor", "major",
            "budget", "legal", "approx", "about", "after", "before", "until", "each", "every", "all", "some",
            "done", "open", "new", "old", "yes", "na", "n", "a", "an", "same", "other", "also", "now", "then",
            "already", "once", "twice", "per", "than", "more", "less", "most", "least", "not", "nothing",
        ]

        /// A person or a team: `Sven`, `T. Lindqvist`, `Data eng leads`, `@olu`, `IT Security`, `ali`.
        static func isName(_ text: String, context: Context) -> Bool {
            let trimmed = text.trimmed
            if trimmed.hasPrefix("@") { return ActionTokens.isName(trimmed.dropFirst()) }
            guard !trimmed.contains(open), !trimmed.contains(":"), !isURL(trimmed) else { return false }
            let words = trimmed.split(separator: " ")
            guard (1...5).contains(words.count), let first = words.first, let initial = first.first else {
                return false
            }
            let lowerWords = Words.split(trimmed)
            // `IT Security` is a team, `it` a pronoun.
            let isAcronym = first.count >= 2 && first.allSatisfy(\.isUppercase)
            guard let firstWord = lowerWords.first, isAcronym || !notNames.contains(firstWord),
                !lowerWords.contains(where: {
                    ["is", "are", "was", "were", "to", "will", "should", "the"].contains($0)
                }),
                DateScanner.monthNumber(firstWord) == nil, !DateScanner.weekdays.contains(firstWord),
                !trimmed.contains(where: { $0.isNumber }),
                trimmed.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "-" || $0 == "'" || $0 == "_" })
            else { return false }
            if initial.isUppercase {
                // `(SQS)`, `(EU)`: an acronym in parentheses is more often a name of a thing than of a team.
                if context == .parenthesis, words.count == 1, first.count <= 5, first.allSatisfy(\.isUppercase) {
                    return false
                }
                return true
            }
            // A lower-case handle in parentheses (`(ali)`), one word.
            return words.count == 1 && context == .parenthesis && first.count >= 2 && first.count <= 20
        }

        // MARK: restoring

        func restore(_ text: String) -> String {
            guard text.contains(Self.open) else { return text }
            var result = ""
            var index = text.startIndex
            while index < text.endIndex {
                if text[index] == Self.open, let end = text[index...].firstIndex(of: Self.close) {
                    let inner = text[text.index(after: index)..<end]
                    if let number = Int(inner.dropFirst()) {
                        if inner.first == "L", number < links.count { result += links[number].text }
                        if inner.first == "C", number < codes.count { result += codes[number] }
                    }
                    index = text.index(after: end)
                } else {
                    result.append(text[index])
                    index = text.index(after: index)
                }
            }
            return result
        }
    }
}
