import PMDocument

/// `severity-scale`: the severity is one of pm.yml's `severities:`.
public struct SeverityScale: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [LintRule(id: .severityScale, defaultSeverity: .error, summary: "the severity is on the configured scale")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        let scale = context.config.severities
        guard let severity = context.frontMatter.severity, !scale.contains(severity) else { return }
        findings.append(
            context.finding(
                .severityScale, line: context.frontMatter.keyLines["severity"],
                "`severity: \(severity)` is not on the scale; use one of \(scale.joined(separator: ", ")) "
                    + "(pm.yml severities:)"))
    }
}
