import PMDocument

/// `priority-action`: under `policies.priority_actions`, an open action of a priority kind is due no later
/// than the policy's weeks after the incident date, and has an owner and a due date (reported here only
/// when `action-owner` or `action-due` is off, so no line gets the same finding twice).
public struct PriorityAction: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .priorityAction, defaultSeverity: .error,
                summary: "priority actions are owned and due within policies.priority_actions weeks")
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // the team's review of pm's format
        guard let policy = context.config.policies.priorityActions else { return }
        let levels = context.config.lint.levels
        let weeks = "\(policy.dueWithinWeeks) week\(policy.dueWithinWeeks == 1 ? "" : "s")"
        for action in context.postmortem.actions {
            for breach in context.config.policies.actionBreaches(of: action, in: context.postmortem) {
                let message: String
                switch breach {
                case .noOwner:
                    guard levels[.actionOwner] == .off else { continue }
                    message = "priority action \(action.id) has no owner; add @name at the end of the item"
                case .noDue:
                    guard levels[.actionDue] == .off else { continue }
                    message =
                        "priority action \(action.id) has no due date; it is due within \(weeks) of the incident"
                case .dueTooLate(let latest):
                    message =
                        "priority action \(action.id) is due \(action.due.map { "\($0)" } ?? ""), later than the "
                        + "\(weeks) the policy allows (by \(latest)); bring it forward or change its kind"
                }
                findings.append(context.finding(.priorityAction, line: action.line, message))
            }
        }
    }
}
