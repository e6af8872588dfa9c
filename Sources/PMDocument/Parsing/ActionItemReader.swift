import Foundation

/// Reads task-list items (`- [ ]`, `- [x]`, `- [X]`) and their trailing tokens out of a section.
///
/// CommonMark has no task lists, so the checkbox is read from the start of each list item's first
/// paragraph in cmark's tree, and located in the file through cmark's source positions.
struct ActionItemReader {
    let tree: MarkdownTree
    let source: SourceText
    /// Byte offset of cmark's line 1, column 1 in the file.
    let bodyStart: Int
    /// File lines before cmark's line 1.
    let lineOffset: Int
    let incidentID: String
    let path: String

    /// The action items under `nodes` (top-level nodes of a section), nested items included, numbered
    /// from `firstPosition`: the task items, or, in a section without any, every top-level list item
    /// (then open, with no checkbox; sub-bullets are their details), as postmortems written elsewhere
    /// list their actions.
    /// Also where each item is in the tree (`markup`), for rendering it apart from the body.
    func read(nodes: [Int], firstPosition: Int) -> (items: [ActionItem], problems: [Diagnostic], markup: [ActionMarkup])
    {
        let tasks = read(nodes: nodes, firstPosition: firstPosition, plain: false)
        return tasks.items.isEmpty ? read(nodes: nodes, firstPosition: firstPosition, plain: true) : tasks
    }

    private func read(nodes: [Int], firstPosition: Int, plain: Bool)
        -> (items: [ActionItem], problems: [Diagnostic], markup: [ActionMarkup])
    {
        var items: [ActionItem] = []
        var diagnostics: [Diagnostic] = []
        var markup: [ActionMarkup] = []
        for top in nodes {
            var openItems: [Int] = []  // subtree ends of enclosing action items
            var enclosingItems: [Int] = []  // subtree ends of enclosing list items of any kind
            for index in top..<tree.nodes[top].subtreeEnd where tree.nodes[index].kind == .item {
                while let end = openItems.last, end <= index { openItems.removeLast() }
                while let end = enclosingItems.last, end <= index { enclosingItems.removeLast() }
                defer { enclosingItems.append(tree.nodes[index].subtreeEnd) }
                if plain, !enclosingItems.isEmpty { continue }
                // The checkbox must be in the text (not `&#91; ]`) and in the bytes (not an escaped `\[ ]`).
                guard let paragraph = tree.children(of: index).first, tree.nodes[paragraph].kind == .paragraph else {
                    continue
                }
                let checkbox = checkbox(inParagraph: paragraph)
                let offset = checkboxOffset(paragraph: paragraph)
                if !plain, checkbox == nil || offset == nil { continue }
                let (tokenized, marks, tokenBytes) = tokens(
                    paragraph: paragraph, skipping: plain ? 0 : checkbox?.length ?? 0)
                var item = tokenized
                item.incidentID = incidentID
                item.position = firstPosition + items.count
                item.isDone = plain ? false : checkbox?.isDone ?? false
                if !item.isDone {
                    item.closed = nil
                } else {
                    item.closedSource = item.closed == nil ? .unknown : .token
                }
                item.line = tree.nodes[paragraph].start.line + lineOffset
                item.checkboxOffset = plain ? nil : offset
                item.depth = openItems.count
                item.idOffset = idOffset(paragraph: paragraph)
                if let problem = Self.identify(&item, marks: marks, path: path) { diagnostics.append(problem) }
                item.markdown = markdown(paragraph: paragraph, after: item.checkboxOffset, dropping: item.tokenCount)
                if let dueText = item.dueText, item.due == nil {
                    diagnostics.append(
                        Diagnostic(
                            .warning, path: path, line: item.line, rule: .actionDueInvalid,
                            "`due:\(dueText)` is not a date; write it as due:YYYY-MM-DD"))
                }
                items.append(item)
                markup.append(ActionMarkup(item: index, tokenBytes: tokenBytes, hasCheckbox: !plain))
                openItems.append(tree.nodes[index].subtreeEnd)
            }
        }
        return (items, diagnostics, markup)
    }

    /// Gives `item` its token: the one its id comment holds, else one derived from its text; and the warning
    /// for an id comment that is not valid, or for more than one.
    static func identify(_ item: inout ActionItem, marks: [ActionID.Mark], path: String) -> Diagnostic? {
        item.hasIDComment = !marks.isEmpty
        item.token = ActionID.derivedToken(forText: item.text)
        switch (marks.first, marks.count) {
        case (.token(let token)?, 1):
            item.token = token
            return nil
        case (.malformed(let written)?, 1):
            return Diagnostic(
                .warning, path: path, line: item.line, rule: .actionIDInvalid,
                "`<!-- id:\(written) -->` is not an action id (3 to 16 lower-case letters and digits, "
                    + "one a letter); until it is fixed, or removed and `pm fix ids` writes a new one, "
                    + "the item goes by an id derived from its text")
        case (_, 2...):
            return Diagnostic(
                .warning, path: path, line: item.line, rule: .actionIDInvalid,
                "the item holds \(marks.count) id comments; keep one (until then the item goes by an id "
                    + "derived from its text)")
        default:
            return nil
        }
    }

    /// Numbers repeated derived tokens (`~k3x9f`, `~k3x9f.2` …, in document order) so each item has its
    /// own id, and reports permanent tokens written on more than one item (a copy-paste), naming every line.
    static func settleIDs(_ items: inout [ActionItem], path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var derivedCounts: [String: Int] = [:]
        var linesByToken: [String: [Int]] = [:]
        for index in items.indices {
            let token = items[index].token
            if items[index].hasPermanentID {
                linesByToken[token, default: []].append(items[index].line)
            } else {
                derivedCounts[token, default: 0] += 1
                if derivedCounts[token]! > 1 { items[index].token = "\(token).\(derivedCounts[token]!)" }
            }
        }
        for item in items {
            guard let lines = linesByToken[item.token], lines.count > 1 else { continue }
            let others = lines.filter { $0 != item.line }.map(String.init).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(
                    .error, path: path, line: item.line, rule: .actionIDDuplicate,
                    // The token, not the whole id: a summary cached under this file's bytes serves them under
                    // any file name, so the message must not name the incident.
                    "the id comment `id:\(item.token)` is also written on line\(lines.count > 2 ? "s" : "") "
                        + "\(others); an id names one item: delete the id comment of the copy and run `pm fix ids` "
                        + "to give it its own"
                ))
        }
        return diagnostics
    }

    /// The file offset just after the paragraph's last non-blank byte: where an id comment goes.
    func idOffset(paragraph: Int) -> Int {
        let line = tree.nodes[paragraph].end.line + lineOffset
        let content = source.content(ofLine: line)
        var end = content.endIndex
        while end > content.startIndex, content[end - 1] == 0x20 || content[end - 1] == 0x09 { end -= 1 }
        return end
    }

    /// The checkbox at the start of the paragraph's first text, if any.
    private func checkbox(inParagraph paragraph: Int) -> (isDone: Bool, length: Int)? {
        let first = paragraph + 1
        guard first < tree.nodes[paragraph].subtreeEnd, tree.nodes[first].kind == .text,
            tree.nodes[first].depth == tree.nodes[paragraph].depth + 1
        else { return nil }
        return TaskCheckbox.parse(tree.nodes[first].literal)
    }

    /// The file offset of the character between the brackets, where cmark says the paragraph starts.
    private func checkboxOffset(paragraph: Int) -> Int? {
        let start = tree.nodes[paragraph].start
        let lineStart = start.line == 1 ? bodyStart : source.offset(ofLine: start.line + lineOffset)
        let bracket = lineStart + start.column - 1
        return TaskCheckbox.isAt(bracket, in: source.bytes) ? bracket + 1 : nil
    }

    /// The item's plain text and its trailing `@owner`, `due:`, `done:`, `#kind` and ticket tokens.
    ///
    /// Only words from plain text count as tokens: text inside code spans, emphasis or links is prose.
    /// Also returns what the item's inline HTML comments say about its id, and how many bytes of the
    /// paragraph's plain text, at its end, are tokens and the space before them.
    private func tokens(paragraph: Int, skipping checkboxLength: Int)
        -> (ActionItem, [ActionID.Mark], tokenBytes: Int)
    {
        // The paragraph's plain text as UTF-8, with a flag per byte for text a token may not come from.
        var bytes: [UInt8] = []
        var isProse: [Bool] = []
        var marks: [ActionID.Mark] = []
        func append(_ text: some StringProtocol, prose: Bool) {
            bytes.append(contentsOf: text.utf8)
            isProse.append(contentsOf: repeatElement(prose, count: text.utf8.count))
        }
        let childDepth = tree.nodes[paragraph].depth + 1
        var index = paragraph + 1
        var isFirst = true
        while index < tree.nodes[paragraph].subtreeEnd {
            let node = tree.nodes[index]
            defer { index = node.subtreeEnd > index ? node.subtreeEnd : index + 1 }
            guard node.depth == childDepth else { continue }
            switch node.kind {
            case .text:
                append(isFirst ? node.literal.dropFirst(checkboxLength) : Substring(node.literal), prose: false)
            case .softBreak, .lineBreak:
                append(" ", prose: false)
            case .code:
                append(node.literal, prose: true)
            case .link where isAutolink(index):
                append(node.destination, prose: false)
            case .htmlInline:
                if let mark = ActionID.mark(inComment: node.literal) { marks.append(mark) }
            default:
                append(tree.plainText(of: index), prose: true)
            }
            isFirst = false
        }

        var item = ActionItem(
            incidentID: "", position: 0, isDone: false, text: "", owners: [], due: nil, dueText: nil,
            kind: nil, ticket: nil, line: 0, checkboxOffset: nil, depth: 0)
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var end = bytes.count
        while true {
            while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
            var start = end
            while start > 0, !isSpace(bytes[start - 1]) { start -= 1 }
            guard start < end, !isProse[start..<end].contains(true) else { break }
            // Most trailing words are plain prose: a word that cannot be a token ends the tokens at once.
            if !ActionTokens.mayBeToken(bytes[start..<end]) { break }
            let word = String(decoding: bytes[start..<end], as: UTF8.self)
            if word.count > 1, word.hasPrefix("@"), ActionTokens.isName(word.dropFirst()) {
                item.owners.insert(String(word.dropFirst()), at: 0)
            } else if word.lowercased().hasPrefix("due:"), item.dueText == nil, word.count > 4 {
                item.dueText = String(word.dropFirst(4))
                item.due = CalendarDate(word.dropFirst(4))
            } else if word.lowercased().hasPrefix("done:"), item.closedText == nil, word.count > 5 {
                item.closedText = String(word.dropFirst(5))
                item.closed = CalendarDate(word.dropFirst(5))
            } else if word.hasPrefix("#"), item.kind == nil, word.count > 1, ActionTokens.isName(word.dropFirst()),
                word.dropFirst().first?.isLetter == true
            {
                item.kind = word.dropFirst().lowercased()
            } else if item.ticket == nil, ActionTokens.isTicket(word) {
                item.ticket = word
            } else {
                break
            }
            end = start
        }
        // The rest, with each run of whitespace as one space.
        var text: [UInt8] = []
        text.reserveCapacity(end)
        for byte in bytes[0..<end] {
            if isSpace(byte) {
                if let last = text.last, last != 0x20 { text.append(0x20) }
            } else {
                text.append(byte)
            }
        }
        if text.last == 0x20 { text.removeLast() }
        item.text = String(decoding: text, as: UTF8.self).trimmed
        return (item, marks, bytes.count - end)
    }

    /// The paragraph as written (from after the checkbox at `checkboxOffset`, when there is one), without its
    /// HTML comments (an id, a lint opt-out) and its last `tokenCount` words (the tokens), its lines joined by
    /// single spaces.
    private func markdown(paragraph: Int, after checkboxOffset: Int?, dropping tokenCount: Int) -> String {
        let node = tree.nodes[paragraph]
        func fileOffset(_ position: SourcePosition) -> Int {
            (position.line == 1 ? bodyStart : source.offset(ofLine: position.line + lineOffset)) + position.column - 1
        }
        let start = checkboxOffset.map { $0 + 2 } ?? fileOffset(node.start)
        let end = min(fileOffset(node.end) + 1, source.bytes.count)
        guard start < end else { return "" }
        var text = String(decoding: source.bytes[start..<end], as: UTF8.self)
        // Comments come last in an item; each is taken out where it last appears (not from a code span before it).
        for comment in tree.children(of: paragraph).reversed()
        where tree.nodes[comment].kind == .htmlInline && tree.nodes[comment].literal.hasPrefix("<!--") {
            if let range = text.range(of: tree.nodes[comment].literal, options: .backwards) {
                text.replaceSubrange(range, with: " ")
            }
        }
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let words = text.split { $0 == " " || $0 == "\t" || $0.isNewline }
            return words.dropLast(min(tokenCount, words.count)).joined(separator: " ")
        }
        return Self.joinedWords(asciiBytes: bytes, dropping: tokenCount)
    }

    /// The words of ASCII text (split at spaces, tabs and the newlines U+000A–U+000D, as `Character.isNewline`
    /// reads ASCII), less the last `tokenCount`, joined by single spaces: the Character-level split's result,
    /// on bytes.
    static func joinedWords(asciiBytes bytes: [UInt8], dropping tokenCount: Int) -> String {
        var words: [Range<Int>] = []
        var start: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if let first = start { words.append(first..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let first = start { words.append(first..<bytes.count) }
        var joined: [UInt8] = []
        joined.reserveCapacity(bytes.count)
        for word in words.dropLast(min(tokenCount, words.count)) {
            if !joined.isEmpty { joined.append(0x20) }
            joined.append(contentsOf: bytes[word])
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// An autolink (`<https://…>`), whose text is its destination.
    private func isAutolink(_ index: Int) -> Bool {
        let node = tree.nodes[index]
        return tree.plainText(of: index) == node.destination
            || "mailto:" + tree.plainText(of: index) == node.destination
    }

}
