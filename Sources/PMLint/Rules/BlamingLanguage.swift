import PMDocument

/// `blameless`: no phrase that blames people (the configured ``BlamelessLanguage``) in the prose, never
/// inside code spans, code blocks or link URLs.
public struct BlamingLanguage: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .blameless, defaultSeverity: .warning, summary: "no language that blames people")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        for block in context.document.prose {
            for (line, column, match) in Self.matches(in: block, language: context.language) {
                findings.append(
                    context.finding(
                        .blameless, line: line, column: column,
                        "blaming language: \"\(match.quote)\"; \(match.suggestion)", severity: .warning))
            }
        }
    }

    /// Blaming phrases in a block's prose, never inside code spans, with their line and column.
    static func matches(
        in block: ProseBlock, language: BlamelessLanguage
    ) -> [(line: Int, column: Int, match: BlamelessLanguage.Match)] {
        var text = ""
        var starts: [(offset: Int, run: ProseBlock.Run)] = []
        for run in block.runs {
            starts.append((text.utf16.count, run))
            // A code span becomes an inert mark, so no phrase is found in it or across it.
            text += run.isCode ? " \u{FFFC} " : run.text
        }
        return language.matches(in: text).compactMap { match in
            guard let start = starts.last(where: { $0.offset <= match.offset }) else { return nil }
            let runText = start.run.text.utf16
            let within = runText.index(runText.startIndex, offsetBy: min(match.offset - start.offset, runText.count))
            let column = start.run.column + String(start.run.text[..<within]).utf8.count
            return (start.run.line, column, match)
        }
    }
}
