import PMDocument
import PMWorkspace

/// A plain-text table with aligned columns, optional group titles, and emphasis where the style shows it.
public struct TextTable: Sendable {
    /// One cell: its text and what it means to the reader.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var emphasis: Emphasis?

        public init(_ text: String, emphasis: Emphasis? = nil) {
            self.text = text
            self.emphasis = emphasis
        }

        public init(stringLiteral value: String) {
            self.init(value)
        }
    }

    /// Rows under an optional title line.
    public struct Group: Sendable {
        public var title: String?
        public var rows: [[Cell]]

        public init(title: String?, rows: [[Cell]]) {
            self.title = title
            self.rows = rows
        }
    }

    public var headers: [String]
    public var groups: [Group]
    /// How columns give up width when the table is wider than the terminal: each (column, minimum) in
    /// turn shrinks to its minimum until the table fits. Columns not listed (ids) are never cut.
    public var shrinkOrder: [(column: Int, minimum: Int)]

    public init(headers: [String], groups: [Group], shrinkOrder: [(column: Int, minimum: Int)]) {
        self.headers = headers
        self.groups = groups
        self.shrinkOrder = shrinkOrder
    }

    /// Writes the table, fitting it into `width` columns when given by shortening the flexible column.
    public func write(to output: inout some TextOutputStream, style: TerminalStyle) {
        let width = style.width
        let gap = 2
        var widths = headers.map(Self.displayWidth)
        for group in groups {
            for row in group.rows {
                for (column, cell) in row.enumerated() where column < widths.count {
                    widths[column] = max(widths[column], Self.displayWidth(cell.text))
                }
            }
        }
        // Columns that are empty in every row are dropped, so a report without tickets has no TICKET column.
        let visible = widths.indices.filter { column in
            groups.contains { $0.rows.contains { column < $0.count && !$0[column].text.isEmpty } }
        }
        if let width {
            var excess = visible.map { widths[$0] }.reduce(0, +) + gap * max(0, visible.count - 1) - width
            for (column, minimum) in shrinkOrder where excess > 0 && visible.contains(column) {
                let cut = min(excess, max(0, widths[column] - max(minimum, 1)))
                widths[column] -= cut
                excess -= cut
            }
        }
        func line(_ cells: [Cell]) -> String {
            var parts: [String] = []
            for (position, column) in visible.enumerated() {
                let cell = column < cells.count ? cells[column] : Cell("")
                var text = Self.truncate(cell.text, to: widths[column])
                let isLast = position == visible.count - 1
                if !isLast { text += String(repeating: " ", count: widths[column] - Self.displayWidth(text)) }
                text = style.apply(cell.emphasis, to: text)
                parts.append(text)
            }
            return parts.joined(separator: String(repeating: " ", count: gap))
        }
        let header = line(headers.map { Cell($0, emphasis: .strong) })
        output.write(Self.trimTrailing(header) + "\n")
        for (index, group) in groups.enumerated() {
            if let title = group.title {
                if index > 0 { output.write("\n") }
                output.write(style.apply(.strong, to: title) + "\n")
            }
            for row in group.rows { output.write(Self.trimTrailing(line(row)) + "\n") }
        }
    }

    static func trimTrailing(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Columns a string takes in a terminal (wide East Asian characters and emoji count two).
    public static func displayWidth(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { width, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0xFE0F || scalar.value == 0x200D
            {
                return width
            }
            let value = scalar.value
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value)
                || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

    /// `text` cut to `width` display columns, ending in `…` when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        for character in text {
            if displayWidth(result + String(character)) + 1 > width { break }
            result.append(character)
        }
        return result + "…"
    }
}
