import PMDocument

/// `action-kind`: every action's `#kind` is one of pm.yml's `lint.kinds`.
public struct ActionKind: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .actionKind, defaultSeverity: .warning, summary: "every #kind is one of the configured kinds")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        let kinds = context.config.lint.kinds
        for action in context.postmortem.actions {
            guard let kind = action.kind, !kinds.contains(kind) else { continue }
            findings.append(
                context.finding(
                    .actionKind, line: action.line,
                    "`#\(kind)` is not a known kind; use one of "
                        + "\(kinds.map { "#\($0)" }.joined(separator: ", ")) (pm.yml lint.kinds:)", severity: .warning))
        }
    }
}
