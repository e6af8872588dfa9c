import PMDocument

/// `unknown-key`: every front-matter key is one pm reads, with a "did you mean" for a near miss.
public struct UnknownKey: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .unknownKey, defaultSeverity: .warning, summary: "every front-matter key is one pm knows")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        for entry in context.frontMatter.extra {
            let known = FrontMatter.knownKeys.min {
                EditDistance.between($0, entry.key) < EditDistance.between($1, entry.key)
            }
            let hint = known.map { EditDistance.between($0, entry.key) <= 2 ? "; did you mean `\($0)`?" : "" } ?? ""
            findings.append(
                context.finding(
                    .unknownKey, line: context.frontMatter.keyLines[entry.key],
                    "unknown front-matter key `\(entry.key)`\(hint)", severity: .warning))
        }
    }
}
