import PMDocument

/// `unknown-template`: the template the file follows exists (built in, or in the team's `templates/`).
public struct UnknownTemplate: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [
            LintRule(
                id: .unknownTemplate, defaultSeverity: .error, summary: "the template named in the front matter exists"
            )
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        // Nothing to check below the front matter; the "empty" finding says so.
        let reference = context.templateReference
        guard !context.isBodyless, context.catalog.template(reference) == nil else { return }
        findings.append(
            context.finding(
                .unknownTemplate, line: context.frontMatter.keyLines["template"] ?? 1,
                "no template named \(reference); use one of "
                    + "\(context.catalog.templates.map(\.reference.description).joined(separator: ", "))"))
    }
}
