import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// The review policies of pm.yml (`policies:`) and the rules that enforce them.
@Suite struct PolicyTests {
    static func config(_ yaml: String) throws -> Config {
        try Config.parse(yaml, path: "pm.yml")
    }

    @Test func withoutAPoliciesSectionNoPolicyApplies() throws {
        let config = try Self.config("severities: [critical, high, medium, low]\n")
        #expect(config.policies == PolicyConfig())
        let draft = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
        #expect(
            rules(draft, config: config).filter {
                ["review-overdue", "priority-action", "facilitator-required"].contains($0)
            }
            .isEmpty)
    }

    @Test func theFingerprintDoesNotDependOnADictionarysOrder() {
        // The site's page fingerprints hold it: Swift prints a dictionary in an order that depends on its
        // history and on the process, which made renders re-render every incident page.
        let severities = ["critical", "high", "medium", "low", "minor", "major", "sev1", "sev2"]
        var small: [String: Int] = [:]
        for (index, name) in severities.enumerated() { small[name] = index }
        var large: [String: Int] = [:]
        large.reserveCapacity(1024)
        for (index, name) in severities.enumerated().reversed() { large[name] = index }
        let a = PolicyConfig(reviewWithinDays: small, facilitatorRequired: ["critical"])
        let b = PolicyConfig(reviewWithinDays: large, facilitatorRequired: ["critical"])
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != PolicyConfig(reviewWithinDays: small).fingerprint)
        #expect(a.fingerprint.hasPrefix("critical=0,high=1,low=3,major=5,"))
    }

    @Test func defaultsAreDocumented() throws {
        let config = try Self.config("policies: default\n")
        #expect(config.policies.reviewWithinDays == ["critical": 7, "high": 14])
        #expect(
            config.policies.priorityActions
                == PolicyConfig.PriorityActions(kinds: ["prevent", "detect"], dueWithinWeeks: 4))
        #expect(config.policies.facilitatorRequired == ["critical", "high"])
        let partial = try Self.config(
            "policies:\n  priority_actions: {due_within_weeks: 8}\n  review_within_days: default\n")
        #expect(partial.policies.priorityActions?.kinds == ["prevent", "detect"])
        #expect(partial.policies.priorityActions?.dueWithinWeeks == 8)
        #expect(partial.policies.reviewWithinDays == ["critical": 7, "high": 14])
        #expect(partial.policies.facilitatorRequired.isEmpty)
    }

    @Test func reviewOverdueFiresOnALateDraft() throws {
        let config = try Self.config("policies:\n  review_within_days: {critical: 7, high: 14}\n")
        let draft = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
        let findings = lint(draft, config: config).filter { $0.rule == .reviewOverdue }
        #expect(findings.count == 1)
        #expect(findings.first?.line == 5)
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.message.contains("within 14 days") == true)
    }

    @Test func reviewOverdueIsQuietInReviewOrWithinTheDays() throws {
        let config = try Self.config("policies:\n  review_within_days: {critical: 7, high: 14}\n")
        #expect(!rules(cleanPostmortem, config: config).contains("review-overdue"))
        let inReview = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: in-review")
        #expect(!rules(inReview, config: config).contains("review-overdue"))
        // A recent draft (the clock is 2026-11-21) and a severity without a deadline.
        let recent = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
            .replacingOccurrences(of: "2020-01-02", with: "2026-11-10")
        #expect(!rules(recent, path: "postmortems/2026-11-10-good.md", config: config).contains("review-overdue"))
        let medium = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
            .replacingOccurrences(of: "severity: high", with: "severity: medium")
        #expect(!rules(medium, config: config).contains("review-overdue"))
    }

    @Test func facilitatorRequiredFiresWithoutOne() throws {
        let config = try Self.config("policies:\n  facilitator_required: [critical, high]\n")
        let findings = lint(cleanPostmortem, config: config).filter { $0.rule == .facilitatorRequired }
        #expect(findings.count == 1)
        #expect(findings.first?.line == 4)
        #expect(findings.first?.severity == .error, "an error once published")
        let draft = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
        #expect(lint(draft, config: config).first { $0.rule == .facilitatorRequired }?.severity == .warning)
    }

    @Test func facilitatorRequiredIsQuietWithOneOrForOtherSeverities() throws {
        let config = try Self.config("policies:\n  facilitator_required: [critical, high]\n")
        let named = cleanPostmortem.replacingOccurrences(
            of: "status: published", with: "status: published\nfacilitator: jo")
        #expect(!rules(named, config: config).contains("facilitator-required"))
        let low = cleanPostmortem.replacingOccurrences(of: "severity: high", with: "severity: low")
        #expect(!rules(low, config: config).contains("facilitator-required"))
    }

    @Test func priorityActionFiresWhenDueTooLate() throws {
        // The #detect action is due 2020-02-01, 30 days after the incident.
        let config = try Self.config("policies:\n  priority_actions: {kinds: [prevent, detect], due_within_weeks: 4}\n")
        let findings = lint(cleanPostmortem, config: config).filter { $0.rule == .priorityAction }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("by 2020-01-30") == true)
    }

    @Test func priorityActionReportsMissingOwnersOnlyWhenActionOwnerIsOff() throws {
        let text = cleanPostmortem.replacingOccurrences(of: "@sam due:2020-02-01", with: "due:2020-01-10")
        let policy = "policies:\n  priority_actions: default\n"
        #expect(!rules(text, config: try Self.config(policy)).contains("priority-action"))
        #expect(rules(text, config: try Self.config(policy)).contains("action-owner"))
        let off = try Self.config(policy + "lint:\n  rules:\n    action-owner: off\n")
        #expect(
            lint(text, config: off).filter { $0.rule == .priorityAction }.map(\.message) == [
                "priority action 2020-01-02-good/alert1 has no owner; add @name at the end of the item"
            ])
    }

    @Test func priorityActionIsQuietWithinTheWeeksOrForOtherKinds() throws {
        let eight = try Self.config("policies:\n  priority_actions: {due_within_weeks: 8}\n")
        #expect(!rules(cleanPostmortem, config: eight).contains("priority-action"))
        let process = try Self.config("policies:\n  priority_actions: {kinds: [process]}\n")
        #expect(!rules(cleanPostmortem, config: process).contains("priority-action"))
    }

    @Test func actionsOverdueListsPriorityActionsThatBreakThePolicy() throws {
        let postmortem = PostmortemParser().read(
            Array(cleanPostmortem.utf8), path: "postmortems/2020-01-02-good.md", id: "2020-01-02-good", for: .outline
        ).postmortem
        let set = PostmortemSet(postmortems: [postmortem], diagnostics: [])
        var filter = ActionReport.Filter()
        filter.state = .open
        filter.overdueOnly = true
        // As of 2020-01-15 nothing is overdue; without a policy nothing is listed.
        #expect(ActionReport(set, filter: filter, today: CalendarDate("2020-01-15")!).records.isEmpty)
        filter.policies.priorityActions = PolicyConfig.PriorityActions()
        let report = ActionReport(set, filter: filter, today: CalendarDate("2020-01-15")!)
        #expect(report.records.map(\.action.token) == ["alert1"])
        #expect(report.records.first?.policyWording == "breaks policy: due by 2020-01-30")
        var text = ""
        report.write(.markdown, grouping: .none, style: .plain, to: &text)
        #expect(text.contains("breaks policy: due by 2020-01-30"))
        filter.policies.priorityActions = PolicyConfig.PriorityActions(dueWithinWeeks: 8)
        #expect(ActionReport(set, filter: filter, today: CalendarDate("2020-01-15")!).records.isEmpty)
    }

    @Test func actionsOverdueListsPostmortemsOverdueForReviewAndQuietOtherwise() throws {
        let draft = cleanPostmortem.replacingOccurrences(of: "status: published", with: "status: draft")
        func report(_ text: String, _ policies: PolicyConfig, owners: Set<String> = []) -> ActionReport {
            let postmortem = PostmortemParser().read(
                Array(text.utf8), path: "postmortems/2020-01-02-good.md", id: "2020-01-02-good", for: .outline
            ).postmortem
            var filter = ActionReport.Filter()
            filter.state = .open
            filter.overdueOnly = true
            filter.policies = policies
            filter.owners = owners
            return ActionReport(
                PostmortemSet(postmortems: [postmortem], diagnostics: []), filter: filter,
                today: CalendarDate("2020-01-20")!)
        }
        let policies = try Self.config("policies:\n  review_within_days: {high: 14}\n").policies
        let late = report(draft, policies)
        #expect(late.reviewBreaches.map(\.incidentID) == ["2020-01-02-good"])
        #expect(
            late.reviewBreaches.first?.breaches.map(\.summary) == [
                "review overdue by 4 days: a high postmortem is due in review within 14 days of the incident "
                    + "(by 2020-01-16)"
            ])
        var text = ""
        late.write(.table, grouping: .none, style: .plain, to: &text)
        #expect(text.contains("Postmortems breaking a review policy:\n  2020-01-02  review overdue by 4 days"))
        #expect(report(cleanPostmortem, policies).reviewBreaches.isEmpty, "published")
        #expect(report(draft, PolicyConfig()).reviewBreaches.isEmpty, "no policy")
        // Asked for one owner's actions, the report says nothing of postmortems as a whole.
        #expect(report(draft, policies, owners: ["sam"]).reviewBreaches.isEmpty, "--owner")
        // Lint and the report read the same evaluation.
        #expect(
            lint(draft, config: try Self.config("policies:\n  review_within_days: {high: 14}\n")).contains {
                $0.rule == .reviewOverdue
            })
    }

    @Test(arguments: [
        ("policies:\n  review_within_days: {critical: 7, urgent: 3}\n", 2, "`urgent` in `policies.review_within_days`"),
        ("policies:\n  review_within_days:\n    high: soon\n", 3, "must be a number of days"),
        ("policies:\n  facilitator_required: critical\n", 2, "must be a list of severities"),
        ("policies:\n  priority_actions:\n    due_within_weeks: 0\n", 3, "must be a number of weeks"),
        ("policies:\n  priority_actions:\n    colour: red\n", 3, "unknown key `policies.priority_actions.colour`"),
        ("severities: [sev1, sev2]\npolicies:\n  facilitator_required: [critical]\n", 3, "`critical` in"),
        ("policies:\n  reviews: 3\n", 2, "unknown key `policies.reviews`"),
        ("policies: [x]\n", 1, "`policies:` must be"),
    ])
    func badPoliciesNameTheLine(yaml: String, line: Int, problem: String) {
        #expect(throws: PMError.self) { try Self.config(yaml) }
        do {
            _ = try Self.config(yaml)
        } catch {
            #expect(error.localizedDescription.hasPrefix("pm.yml:\(line): "), "\(error.localizedDescription)")
            #expect(error.localizedDescription.contains(problem), "\(error.localizedDescription)")
        }
    }
}
