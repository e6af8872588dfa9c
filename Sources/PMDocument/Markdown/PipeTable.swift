/// A GitHub-style pipe table found inside a paragraph of cmark's tree.
///
/// CommonMark has no tables, so cmark leaves `| a | b |` over `|---|---|` as a paragraph. pm recognises
/// one by its delimiter row (cells of `-` with optional `:` at either end, as many as the header row's
/// cells), the way GitHub does, so that action tables are read and `pm render` shows real tables. Each
/// cell's Markdown is parsed by cmark on its own.
public struct PipeTable: Sendable {
    public enum Alignment: Sendable, Hashable { case left, center, right }

    /// One row: each cell's Markdown as written (escaped pipes unescaped, ends trimmed).
    public struct Row: Sendable {
        public var cells: [String]
        /// The row's 1-based line in the file.
        public var line: Int
        /// For each cell, the file offset just after its last non-blank byte (where an id comment goes).
        public var cellEnds: [Int] = []
    }

    /// The paragraph's lines before the header row (prose the table follows without a blank line).
    public var leadingLines: [String]
    public var header: Row
    public var alignments: [Alignment?]
    /// The body rows, each with as many cells as the header (missing cells empty, extra cells dropped).
    public var rows: [Row]

    /// The table in the paragraph at `index`, if its lines hold one.
    ///
    /// - Parameters:
    ///   - source: the whole file.
    ///   - lineOffset: file lines before cmark's line 1.
    public static func find(inParagraph index: Int, of tree: MarkdownTree, source: SourceText, lineOffset: Int)
        -> PipeTable?
    {
        let node = tree.nodes[index]
        guard node.kind == .paragraph, node.end.line > node.start.line else { return nil }
        let first = node.start.line + lineOffset
        let last = node.end.line + lineOffset
        guard first >= 1, last <= source.lineCount,
            (first + 1...last).contains(where: { line in
                let bytes = source.content(ofLine: line)
                return bytes.contains(UInt8(ascii: "-")) && bytes.contains(UInt8(ascii: "|"))
            })
        else { return nil }
        var lines: [(text: String, line: Int)] = []
        var starts: [Int] = []  // file offset of each line's text
        for line in first...last {
            var bytes = source.content(ofLine: line)[...]
            defer { starts.append(bytes.startIndex) }
            if line == first {
                bytes = bytes.dropFirst(max(0, node.start.column - 1))
            } else {
                // Continuation lines: indentation, and the `>` of a block quote the paragraph is in.
                while let byte = bytes.first, byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") {
                    bytes = bytes.dropFirst()
                }
            }
            lines.append((String(decoding: bytes, as: UTF8.self), line))
        }
        guard var table = parse(lines) else { return nil }
        // Where each cell's text ends in the file, for the rows read.
        func ends(_ row: PipeTable.Row) -> [Int] {
            guard let position = lines.firstIndex(where: { $0.line == row.line }) else { return [] }
            return cellEnds(of: lines[position].text).prefix(row.cells.count).map { starts[position] + $0 }
        }
        table.header.cellEnds = ends(table.header)
        for index in table.rows.indices { table.rows[index].cellEnds = ends(table.rows[index]) }
        return table
    }

    /// For each cell of a row, the UTF-8 offset in `line` just after its last non-blank byte (for an empty
    /// cell, just after its opening pipe).
    static func cellEnds(of line: String) -> [Int] {
        var ends: [Int] = []
        var cellStart = 0
        var lastContent: Int?
        var escaped = false
        let bytes = Array(line.utf8)
        for (offset, byte) in bytes.enumerated() {
            if escaped {
                escaped = false
                lastContent = offset + 1
                continue
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                lastContent = offset + 1
            } else if byte == UInt8(ascii: "|") {
                ends.append(lastContent ?? cellStart)
                cellStart = offset + 1
                lastContent = nil
            } else if byte != 0x20 && byte != 0x09 {
                lastContent = offset + 1
            }
        }
        ends.append(lastContent ?? cellStart)
        // The outer pipes open and close no cell (as in `cells(of:)`).
        let trimmed = line.trimmed
        if trimmed.hasPrefix("|"), ends.count > 1 { ends.removeFirst() }
        if trimmed.hasSuffix("|"), !trimmed.hasSuffix("\\|"), ends.count > 1 { ends.removeLast() }
        return ends
    }

    /// A table in `lines` (text and file line): the first delimiter row under a header row with the same
    /// number of cells.
    static func parse(_ lines: [(text: String, line: Int)]) -> PipeTable? {
        guard lines.count >= 2 else { return nil }
        for delimiterIndex in 1..<lines.count {
            guard let alignments = delimiterAlignments(lines[delimiterIndex].text) else { continue }
            let headerCells = cells(of: lines[delimiterIndex - 1].text)
            guard lines[delimiterIndex - 1].text.contains("|") || lines[delimiterIndex].text.contains("|"),
                headerCells.count == alignments.count
            else { continue }
            let width = alignments.count
            let rows = lines[(delimiterIndex + 1)...].map { line -> Row in
                var rowCells = cells(of: line.text)
                if rowCells.count > width { rowCells.removeLast(rowCells.count - width) }
                while rowCells.count < width { rowCells.append("") }
                return Row(cells: rowCells, line: line.line)
            }
            return PipeTable(
                leadingLines: lines[..<(delimiterIndex - 1)].map(\.text),
                header: Row(cells: headerCells, line: lines[delimiterIndex - 1].line), alignments: alignments,
                rows: rows)
        }
        return nil
    }

    /// The alignments of a delimiter row (`| :--- | :---: | ---: |`), or nil when the line is not one.
    static func delimiterAlignments(_ line: String) -> [Alignment?]? {
        let bytes = Array(line.utf8)
        guard bytes.contains(UInt8(ascii: "-")) else { return nil }
        var parts = bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map {
            $0.filter { $0 != 0x20 && $0 != 0x09 }
        }
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.last?.isEmpty == true { parts.removeLast() }
        guard !parts.isEmpty, parts.count > 1 || bytes.contains(UInt8(ascii: "|")) else { return nil }
        var alignments: [Alignment?] = []
        for part in parts {
            let leading = part.first == UInt8(ascii: ":")
            let trailing = part.count > 1 && part.last == UInt8(ascii: ":")
            let core = part.dropFirst(leading ? 1 : 0).dropLast(trailing ? 1 : 0)
            guard !core.isEmpty, core.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(leading && trailing ? .center : trailing ? .right : leading ? .left : nil)
        }
        return alignments
    }

    /// The cells of a row: split at each pipe not escaped with a backslash, outer pipes optional, each cell
    /// trimmed, `\|` read as `|`.
    static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var escaped = false
        for character in line {
            if escaped {
                cell.append(character == "|" ? "|" : "\\")
                if character != "|" { cell.append(character) }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
        }
        if escaped { cell.append("\\") }
        cells.append(cell)
        var trimmed = cells.map { $0.trimmed }
        let text = line.trimmed
        if text.hasPrefix("|"), trimmed.count > 1 { trimmed.removeFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|"), trimmed.count > 1 { trimmed.removeLast() }
        return trimmed
    }
}

extension PipeTable {
    /// A cell's Markdown parsed by cmark: its plain text (a `<br>` read as a space), links and emphasis.
    public struct CellContent: Sendable {
        public var tree: MarkdownTree
        public var text: String

        public init(_ markdown: String) {
            let withoutBreaks = Self.replacingBreaks(in: markdown, with: " ")
            tree = Cmark.parse(Array(withoutBreaks.utf8))
            text = tree.nodes.isEmpty ? "" : tree.plainText(of: 0)
        }

        /// The destinations of the cell's links (autolinks included), in order.
        public var links: [(text: String, destination: String)] {
            tree.nodes.indices.filter { tree.nodes[$0].kind == .link }.map {
                (tree.plainText(of: $0), tree.nodes[$0].destination)
            }
        }

        /// `markdown` with each `<br>`, `<br/>` or `<br />` replaced.
        static func replacingBreaks(in markdown: String, with replacement: String) -> String {
            guard markdown.contains("<") else { return markdown }
            var result = ""
            var rest = markdown[...]
            while let open = rest.range(of: "<br", options: .caseInsensitive) {
                guard let close = rest[open.upperBound...].firstIndex(of: ">"),
                    rest[open.upperBound..<close].allSatisfy({ $0 == " " || $0 == "/" })
                else {
                    result += rest[..<open.upperBound]
                    rest = rest[open.upperBound...]
                    continue
                }
                result += rest[..<open.lowerBound] + replacement
                rest = rest[rest.index(after: close)...]
            }
            return result + rest
        }
    }
}
