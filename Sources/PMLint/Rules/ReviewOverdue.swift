import PMDocument

/// `review-overdue`: under `policies.review_within_days`, a postmortem of a listed severity reaches
/// `in-review` or `published` within that many days of the incident date.
public struct ReviewOverdue: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .reviewOverdue, defaultSeverity: .error,
                summary: "a postmortem is in review within policies.review_within_days of its incident")
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // the team's review of pm's format
        let front = context.frontMatter
        guard
            case .reviewOverdue(let severity, let days, let deadline, let late)? =
                context.config.policies.reviewOverdue(front, today: context.today)
        else { return }
        findings.append(
            context.finding(
                .reviewOverdue, line: front.keyLines["status"] ?? front.keyLines["date"],
                "a \(severity) postmortem is due in review within \(days) day\(days == 1 ? "" : "s") of the "
                    + "incident (by \(deadline)); it is \(late) day\(late == 1 ? "" : "s") late: set status: "
                    + "in-review once it is ready"))
    }
}
