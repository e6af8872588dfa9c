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
        for match in context.language.matches(in: prose, people: People(of: context.postmortem)) {
            findings.append(
                context.finding(
                    .blameless, line: match.line, column: match.column,
                    "blaming language: \"\(match.quote)\"; \(match.suggestion)", severity: context.statusSeverity))
        }
    }
}
