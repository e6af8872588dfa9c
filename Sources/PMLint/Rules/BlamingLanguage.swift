import PMDocument

/// `blameless`: no phrase that blames people (the configured ``BlamelessLanguage``) in the prose, never
/// inside code spans, code blocks or link URLs. By status, like the other rules a review must pass: a
/// warning in a draft, an error once in review or published.
public struct BlamingLanguage: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .blameless, defaultSeverity: nil, summary: "no language that blames people")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        let prose = context.document.prose
        guard !prose.isEmpty else { return }
        var people = People(of: context.postmortem)
        people.add(Self.mentions(in: prose))
        for block in prose {
            for match in context.language.matches(in: block, people: people) {
                findings.append(
                    context.finding(
                        .blameless, line: match.line, column: match.column,
                        "blaming language: \"\(match.quote)\"; \(match.suggestion)", severity: context.statusSeverity))
            }
        }
    }

    /// The @handles in `blocks`' prose (not in code spans), without the `@`.
    static func mentions(in blocks: [ProseBlock]) -> [String] {
        var handles: [String] = []
        for block in blocks {
            for run in block.runs where !run.isCode && run.text.utf8.contains(UInt8(ascii: "@")) {
                var rest = Substring(run.text)
                while let at = rest.firstIndex(of: "@") {
                    let handle = rest[rest.index(after: at)...].prefix {
                        $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "."
                    }
                    let trimmed = handle.reversed().drop { $0 == "." || $0 == "-" }.reversed()
                    if at == rest.startIndex || !(rest[rest.index(before: at)].isLetter), !trimmed.isEmpty {
                        handles.append(String(trimmed))
                    }
                    rest = rest[rest.index(after: at)...]
                }
            }
        }
        return handles
    }
}
