import PMDocument

/// `action-owner`: every open action names someone to carry it (`@name`).
public struct ActionOwner: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .actionOwner, defaultSeverity: .error, summary: "every open action has an @owner")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        for action in context.postmortem.actions where !action.isDone && action.owners.isEmpty {
            findings.append(
                context.finding(
                    .actionOwner, line: action.line,
                    "open action \(action.id) has no owner; add @name at the end of the item"))
        }
    }
}
