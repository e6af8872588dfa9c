import PMDocument

/// `action-done-invalid`: a `done:` token holds a real day (`done:2026-13-45` and `done:yesterday` do not).
/// Such an action's closing day is unknown (or, in git, the day its box was ticked), never guessed from the
/// token.
public struct ActionDoneInvalid: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .actionDoneInvalid, defaultSeverity: .warning,
                summary: "every done: is a real date (done:YYYY-MM-DD)")
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        for action in context.postmortem.actions {
            guard let text = action.closedText, CalendarDate(text) == nil else { continue }
            findings.append(
                context.finding(
                    .actionDoneInvalid, line: action.line,
                    "`done:\(text)` is not a date, so action \(action.id) has no closing day from it; write the "
                        + "day it was closed as done:YYYY-MM-DD (`pm action done ID` writes today's), or remove the "
                        + "token"))
        }
    }
}
