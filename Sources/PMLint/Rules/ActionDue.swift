import PMDocument

/// `action-due`: every open action has a due date (`due:YYYY-MM-DD`).
public struct ActionDue: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .actionDue, defaultSeverity: .error, summary: "every open action has a due:YYYY-MM-DD")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        for action in context.postmortem.actions where !action.isDone && action.dueText == nil {
            findings.append(
                context.finding(
                    .actionDue, line: action.line,
                    "open action \(action.id) has no due date; add due:YYYY-MM-DD at the end of the item"))
        }
    }
}
