import PMDocument

/// `action-id`, `action-id-invalid` and `action-id-duplicate`: every action item carries a permanent id
/// (`<!-- id:a7k2q -->`, written by `pm fix ids`), a valid one, and no other item of the file carries it.
public struct ActionIDs: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .actionID, defaultSeverity: .warning,
                summary: "every action item has a permanent id (`pm fix ids` writes them)"),
            LintRule(
                id: .actionIDInvalid, defaultSeverity: .warning,
                summary: "an action's id comment holds a valid id (<!-- id:a7k2q -->), one per item"),
            LintRule(id: .actionIDDuplicate, defaultSeverity: .error, summary: "no two action items share an id"),
        ]
    }

    /// Items without an id comment; those with an invalid one (or a copied one) are reported by the parser.
    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        // A postmortem written elsewhere gets the one `foreign-format` note; `pm fix ids` still writes ids.
        guard context.isPMFormat else { return }
        for action in context.postmortem.actions where !action.hasIDComment {
            findings.append(
                context.finding(
                    .actionID, line: action.line,
                    "action \(action.id) has no permanent id, so rewording it changes its id; run `pm fix ids` to "
                        + "write one", severity: .warning))
        }
    }
}
