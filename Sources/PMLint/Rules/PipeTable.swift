import PMDocument

/// `pipe-table`: no GitHub-style pipe tables, which CommonMark (and so pm's pages) shows as plain text.
public struct PipeTable: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .pipeTable, defaultSeverity: .warning, summary: "no pipe tables (CommonMark shows them as text)")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        for block in context.document.prose {
            guard let line = Self.tableLine(in: block) else { continue }
            findings.append(
                context.finding(
                    .pipeTable, line: line,
                    "a pipe table; CommonMark shows it as plain text. Use a list (pm's templates do), or indent it as "
                        + "a code block", severity: .warning))
        }
    }

    /// The line of the first pipe table in a paragraph: a header row with `|` over a delimiter row
    /// (`|---|:--:|`).
    static func tableLine(in block: ProseBlock) -> Int? {
        var lines: [String] = [""]
        for run in block.runs {
            if run.text == "\n" {
                lines.append("")
            } else {
                lines[lines.count - 1] += run.isCode ? "`\(run.text)`" : run.text
            }
        }
        for (index, line) in lines.enumerated().dropFirst()
        where isDelimiterRow(line) && lines[index - 1].utf8.contains(UInt8(ascii: "|")) {
            return block.line + index - 1
        }
        return nil
    }

    /// Works on bytes: this runs on every line of prose, and Foundation's string search both costs and,
    /// as fuzzing found, can read past a buffer on odd input.
    static func isDelimiterRow(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        guard bytes.contains(UInt8(ascii: "|")) else { return false }
        let cells = bytes.split(separator: UInt8(ascii: "|")).map { $0.filter { $0 != 0x20 && $0 != 0x09 } }.filter {
            !$0.isEmpty
        }
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                let core = cell.drop { $0 == UInt8(ascii: ":") }.reversed().drop { $0 == UInt8(ascii: ":") }
                return !core.isEmpty && core.allSatisfy { $0 == UInt8(ascii: "-") }
            }
    }
}
