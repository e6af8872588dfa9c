import PMDocument

/// `facilitator-required`: under `policies.facilitator_required`, a postmortem of a listed severity names
/// its facilitator.
public struct FacilitatorRequired: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(
                id: .facilitatorRequired, defaultSeverity: nil,
                summary: "severities in policies.facilitator_required name a facilitator:")
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // the team's review of pm's format
        let front = context.frontMatter
        guard case .noFacilitator(let severity)? = context.config.policies.missingFacilitator(front) else { return }
        findings.append(
            context.finding(
                .facilitatorRequired, line: front.keyLines["facilitator"] ?? front.keyLines["severity"],
                "a \(severity) postmortem needs a facilitator (policies.facilitator_required); "
                    + "add facilitator: NAME to the front matter",
                severity: context.statusSeverity))
    }
}
