import PMDocument

/// `no-actions`: a published postmortem has action items; every postmortem results in some.
public struct NoActions: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [LintRule(id: .noActions, defaultSeverity: .error, summary: "a published postmortem has action items")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        let postmortem = context.postmortem
        guard postmortem.frontMatter.status == .published, postmortem.actions.isEmpty else { return }
        findings.append(
            context.finding(
                .noActions, line: postmortem.section("actions")?.startLine ?? 1,
                "a published postmortem has no action items; every postmortem results in actions (- [ ] what @owner "
                    + "due:YYYY-MM-DD)"))
    }
}
