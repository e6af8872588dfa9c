/// A field written as a label in the text of a postmortem written elsewhere: `**Severity:** Critical`,
/// `Date: Dec 8 2022`, `- impact: …`, a row of a key/value table, `## Date: December 08, 2022`, or a
/// `## Date` heading over a short paragraph.
struct TextLabel: Sendable {
    /// The label as written, without its colon (`Incident date`).
    var name: String
    /// The value as plain text (continuation lines of the same paragraph included).
    var value: String
    /// The 1-based line of the label.
    var line: Int
    var source: FieldSource
    /// The list item the label starts, when the label has no value on its line (`- AIs:` over a nested
    /// list): its nested lists hold the value.
    var item: Int?
    /// The field the label names (`date`, `started`, `severity`, `impact` …), worked out once by the reader.
    var key: String?
}

/// Finds the labels of a document: every `Name: value` at the start of a line or after a separator
/// (`·`, `|`, `—`, `. `), where the name is a few words.
struct LabelReader {
    let tree: MarkdownTree
    let lineOffset: Int
    /// The pipe tables found in paragraphs, by paragraph node.
    let tables: [Int: PipeTable]

    func labels() -> [TextLabel] {
        var labels: [TextLabel] = []
        var index = 0
        while index < tree.nodes.count {
            let node = tree.nodes[index]
            switch node.kind {
            case .paragraph:
                if let table = tables[index] {
                    labels += tableLabels(table)
                } else {
                    labels += paragraphLabels(index)
                }
                index = node.subtreeEnd
            case .heading:
                let text = tree.plainText(of: index)
                let line = node.start.line + lineOffset
                if let label = Self.segments(of: text).first, !label.value.isEmpty {
                    labels.append(TextLabel(name: label.name, value: label.value, line: line, source: .heading))
                } else if Self.isValueHeading(text), node.subtreeEnd < tree.nodes.count,
                    tree.nodes[node.subtreeEnd].kind == .paragraph, tree.nodes[node.subtreeEnd].depth == node.depth
                {
                    // `## Date` over `2 March 2025`
                    let value = tree.plainText(of: node.subtreeEnd)
                    if value.split(separator: " ").count <= 16 {
                        labels.append(TextLabel(name: text, value: value, line: line, source: .heading))
                    }
                }
                index = node.subtreeEnd
            default:
                index += 1
            }
        }
        return labels
    }

    /// Headings that name a field whose value is the paragraph under them.
    /// `Date`, `Incident date`, `2. Date and duration`, `Date of incident`, `Severity`, `1. Title`.
    static func isValueHeading(_ text: String) -> Bool {
        let words = Words(text).raw
        guard (1...4).contains(words.count) else { return false }
        if words.contains("date") {
            return Set(words).isDisjoint(with: ForeignReader.dateTraps)
        }
        return words == ["severity"] || words == ["when"] || words == ["priority"] || words == ["title"]
            || words == ["incident", "title"] || words == ["incident", "name"]
    }

    /// The labels of a paragraph, line by line; a line without a label continues the value of the label
    /// before it.
    private func paragraphLabels(_ paragraph: Int) -> [TextLabel] {
        // Only a paragraph with a colon or a question mark can hold a label.
        let mayHoldLabel = (paragraph + 1..<tree.nodes[paragraph].subtreeEnd).contains { index in
            tree.nodes[index].kind == .text
                && tree.nodes[index].literal.utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "?") }
        }
        guard mayHoldLabel else { return [] }
        var labels: [TextLabel] = []
        var continuing: Int?  // the label whose value the next line may continue
        var lines = lines(of: paragraph)
        // A question over its answer (`**What caused it?**` and the answer below it).
        if let (question, line) = lines.first, Self.segments(of: question).isEmpty {
            let trimmed = question.trimmed
            if trimmed.hasSuffix("?"), trimmed.split(separator: " ").count <= 12 {
                var answer = lines.dropFirst().map { $0.text.trimmed }.joined(
                    separator: " ")
                if answer.isEmpty, paragraph > 0, tree.nodes[paragraph - 1].kind == .item {
                    answer = tree.plainText(
                        in: tree.nodes[paragraph].subtreeEnd..<tree.nodes[paragraph - 1].subtreeEnd)
                }
                if !answer.isEmpty {
                    labels.append(
                        TextLabel(name: String(trimmed.dropLast()), value: answer, line: line, source: .label))
                    lines = []
                }
            }
        }
        for (text, line) in lines {
            let found = Self.segments(of: text)
            if found.isEmpty {
                if let last = continuing, !text.trimmed.isEmpty {
                    labels[last].value +=
                        (labels[last].value.isEmpty ? "" : " ")
                        + text.trimmingCharacters(
                            in: .whitespaces)
                }
                continue
            }
            for segment in found {
                labels.append(TextLabel(name: segment.name, value: segment.value, line: line, source: .label))
            }
            continuing = labels.count - 1
        }
        // `- AIs:` with the value in nested lists
        if labels.count == 1, labels[0].value.isEmpty, paragraph > 0, tree.nodes[paragraph - 1].kind == .item,
            tree.nodes[paragraph - 1].subtreeEnd > tree.nodes[paragraph].subtreeEnd
        {
            labels[0].item = paragraph - 1
            labels[0].value = tree.plainText(
                in: tree.nodes[paragraph].subtreeEnd..<tree.nodes[paragraph - 1].subtreeEnd)
        }
        return labels
    }

    /// A paragraph's lines as plain text (emphasis and code unwrapped, links as their text), with their
    /// file lines.
    func lines(of paragraph: Int) -> [(text: String, line: Int)] {
        var lines: [(text: String, line: Int)] = []
        var text = ""
        var line = tree.nodes[paragraph].start.line + lineOffset
        var index = paragraph + 1
        while index < tree.nodes[paragraph].subtreeEnd {
            let node = tree.nodes[index]
            switch node.kind {
            case .text, .code: text += node.literal
            case .softBreak, .lineBreak:
                lines.append((text, line))
                text = ""
                line += 1
            default: break
            }
            index += 1
        }
        lines.append((text, line))
        return lines
    }

    /// Two-column rows (`| **Date:** | 11 May 2023 |`, the header row too unless it is `Field | Value`).
    private func tableLabels(_ table: PipeTable) -> [TextLabel] {
        guard table.header.cells.count == 2 else { return [] }
        var rows = table.rows
        let header = table.header.cells.map { PipeTable.CellContent($0).text }
        let headerWords = Words.split(header[0])
        if !header[0].isEmpty,
            !["field", "key", "item", "name", "property", "attribute"].contains(headerWords.first ?? "")
        {
            rows.insert(table.header, at: 0)
        }
        return rows.compactMap { row in
            var name = PipeTable.CellContent(row.cells[0]).text
            while name.hasSuffix(":") { name.removeLast() }
            let value = PipeTable.CellContent(row.cells[1]).text
            guard !name.isEmpty, !value.isEmpty, name.split(separator: " ").count <= 5 else { return nil }
            return TextLabel(name: name, value: value, line: row.line, source: .label)
        }
    }

    /// The labels in one line of text: `(name, value)` pairs.
    static func segments(of line: String) -> [(name: String, value: String)] {
        // A label's colon has a space (or a no-break space, 0xC2 0xA0) or the end of the line after it; checked
        // on bytes first, as most colons in a postmortem are in times (`10:14`) and URLs.
        var previous: UInt8 = 0
        var mayHoldLabel = false
        for byte in line.utf8 {
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") || byte == 0xC2 {
                mayHoldLabel = true
                break
            }
            previous = byte
        }
        guard mayHoldLabel || line.utf8.last == UInt8(ascii: ":") else { return [] }
        // Unicode scalars rather than characters: no grapheme breaking over every line with a colon.
        let characters = Array(line.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(characters[range])) }
        var found: [(nameStart: Int, colon: Int, boundary: Int)] = []
        for colon in characters.indices where characters[colon] == ":" {
            // The colon must end the label: a space or the end of the line after it (not `https://`, `10:14`).
            guard colon + 1 == characters.count || characters[colon + 1] == " " || characters[colon + 1] == "\u{A0}"
            else { continue }
            // Back to a boundary: the start of the line or a separator.
            var start = colon
            var boundary = 0
            while start > 0 {
                if let length = separatorEnding(at: start, in: characters) {
                    boundary = start - length
                    break
                }
                start -= 1
            }
            if start == 0 { boundary = 0 }
            var nameStart = start
            // Emoji, bullets and spaces before the name.
            while nameStart < colon, !Self.isLetter(characters[nameStart]) { nameStart += 1 }
            guard colon - nameStart <= 60, characters[nameStart..<colon].allSatisfy({ Self.isNameScalar($0) })
            else { continue }
            let name = text(nameStart..<colon).trimmed
            guard !name.isEmpty, name.count <= 40, name.split(separator: " ").count <= 5 else { continue }
            found.append((nameStart, colon, boundary))
        }
        var segments: [(name: String, value: String)] = []
        for (position, label) in found.enumerated() {
            let end = position + 1 < found.count ? found[position + 1].boundary : characters.count
            guard end > label.colon else { continue }
            let name = text(label.nameStart..<label.colon).trimmed
            var value = text((label.colon + 1)..<end).trimmed
            while let last = value.last, "·|—–;".contains(last) {
                value.removeLast()
                value = value.trimmed
            }
            segments.append((name, value))
        }
        return segments
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A : scalar.properties.isAlphabetic
    }

    /// A character a label's name may hold: a letter, a space, or one of `&'()/-.`.
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x20, 0x26, 0x27, 0x28, 0x29, 0x2F, 0x2D, 0x2E: return true
        case 0..<0x80: return false
        default: return scalar.properties.isAlphabetic
        }
    }

    /// The length of a separator (` · `, ` | `, ` — `, ` – `, ` - `, `. `, `; `, `, `) whose last character
    /// is at `index - 1`, if one ends there.
    private static func separatorEnding(at index: Int, in characters: [Unicode.Scalar]) -> Int? {
        guard index >= 2 else { return nil }
        let last = characters[index - 1]
        guard last == " " else { return nil }
        let mark = characters[index - 2]
        if mark == "." || mark == ";" || mark == "," {
            // `. ` after a word of two letters or more (not `P.` in `Olga P.`)
            return 2
        }
        switch mark {
        case "-": return index >= 3 && characters[index - 3] == " " ? 3 : nil
        case "·", "|", "—", "–", "•": return index >= 3 && characters[index - 3] == " " ? 3 : 2
        default: return nil
        }
    }
}
