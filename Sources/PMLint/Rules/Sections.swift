import PMDocument

/// `missing-section` and `unanswered`: every question of the file's template has a section, and every
/// section has an answer; both by status (a draft may be unfinished).
public struct Sections: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [
            LintRule(
                id: .missingSection, defaultSeverity: nil, summary: "every question of the template has its section"),
            LintRule(
                id: .unanswered, defaultSeverity: nil,
                summary: "every question is answered (more than comments and the placeholder)"),
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        // Nothing to check below the front matter; the "empty" finding says so. An unknown template is
        // `unknown-template`'s finding.
        guard !context.isBodyless, let template = context.catalog.template(context.templateReference) else { return }
        let postmortem = context.postmortem
        for question in template.questions {
            guard let section = postmortem.section(question.key) else {
                findings.append(
                    context.finding(
                        .missingSection, line: postmortem.sections.last.map { $0.endLine } ?? 1,
                        "the question \"\(question.heading)\" of \(template.reference) is missing; add a `## "
                            + "\(question.heading)` section", severity: context.statusSeverity))
                continue
            }
            if !section.isAnswered {
                findings.append(
                    context.finding(
                        .unanswered, line: section.startLine, "\"\(section.heading)\" is not answered yet",
                        severity: context.statusSeverity))
            }
        }
    }
}
