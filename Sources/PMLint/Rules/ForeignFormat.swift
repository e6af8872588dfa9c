import PMDocument

/// Postmortems written elsewhere (no `template:` in the front matter): `foreign-format`, one note saying
/// so and how to adopt pm's format, in place of the rules about pm's format; and what reading them could
/// not settle: `no-date`, `unread-actions` (an actions section none of whose items could be read),
/// `unrecognised-cause` (a heading that looks like the root cause but was not read as one).
public struct ForeignFormat: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .foreignFormat, defaultSeverity: .note,
                summary: "a postmortem written elsewhere (no template:) is read as written; how to adopt pm's format"),
            LintRule(id: .noDate, defaultSeverity: .warning, summary: "a postmortem written elsewhere states its date"),
            LintRule(
                id: .unreadActions, defaultSeverity: .warning,
                summary: "every actions section of a postmortem written elsewhere has items pm can read"),
            LintRule(
                id: .unrecognisedCause, defaultSeverity: .warning,
                summary: "a heading that looks like the root cause is read as the root cause"),
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard !context.isPMFormat else { return }
        let postmortem = context.postmortem
        var read = ["its title from the \(postmortem.titleSource.rawValue)"]
        if let source = postmortem.dateSource { read.append("its date from the \(source.rawValue)") }
        read.append("\(postmortem.actions.count) action item\(postmortem.actions.count == 1 ? "" : "s")")
        findings.append(
            context.finding(
                .foreignFormat, line: 1,
                "written in another format (no `template:` in the front matter); pm read "
                    + "\(read.joined(separator: ", ")). To adopt pm's format, run "
                    + "`pm template upgrade \(postmortem.id)`",
                severity: .note))
        for problem in postmortem.readingProblems {
            switch problem.kind {
            case .noDate:
                findings.append(
                    context.finding(
                        .noDate, line: problem.line,
                        "no date found: neither a `date:` key, a `Date:` line nor the file name gives the incident's "
                            + "day", severity: .warning))
            case .unreadActions(let heading):
                findings.append(
                    context.finding(
                        .unreadActions, line: problem.line,
                        "\"\(heading)\" reads as the action items, but no item could be read from it; write one item "
                            + "per list item or table row", severity: .warning))
            case .unrecognisedCause(let heading):
                findings.append(
                    context.finding(
                        .unrecognisedCause, line: problem.line,
                        "\"\(heading)\" looks like the root cause but was not read as it; name the section "
                            + "\"Root cause\"", severity: .warning))
            }
        }
    }
}
