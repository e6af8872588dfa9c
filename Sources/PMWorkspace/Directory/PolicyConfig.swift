import PMDocument
import Yams

/// The `policies:` part of `pm.yml`: the team's review policies, which `pm lint` enforces and
/// `pm actions --overdue` shows.
///
/// Without a `policies:` section no policy applies. A section names the policies the team adopts; a policy
/// given as `default` takes the documented default, and `policies: default` adopts all three:
/// a review within 7 days of a critical incident and 14 of a high one, priority actions (`#prevent` and
/// `#detect`) owned and due within 4 weeks of the incident (Atlassian's defaults are 4 weeks, or 8 for
/// less urgent ones), and a facilitator for critical and high incidents.
public struct PolicyConfig: Sendable, Equatable {
    /// Severity → the days after the incident date within which the postmortem must reach `in-review`
    /// or `published`.
    public var reviewWithinDays: [String: Int] = [:]
    /// The kinds of action that are priority actions, and how soon they must be due.
    public var priorityActions: PriorityActions?
    /// The severities whose postmortems must name a facilitator.
    public var facilitatorRequired: [String] = []

    /// The policy on priority actions: open actions of `kinds` must have an owner and a due date no later
    /// than `dueWithinWeeks` weeks after the incident date.
    public struct PriorityActions: Sendable, Equatable {
        public var kinds: [String]
        public var dueWithinWeeks: Int

        public init(kinds: [String] = ["prevent", "detect"], dueWithinWeeks: Int = 4) {
            self.kinds = kinds
            self.dueWithinWeeks = dueWithinWeeks
        }

        /// How an action breaks this policy.
        public enum Breach: Sendable, Equatable {
            case noOwner
            case noDue
            /// Due later than the latest day the policy allows.
            case dueTooLate(latest: CalendarDate)
        }

        /// The ways an open priority action of an incident dated `incidentDate` breaks the policy; empty
        /// for a done action, one of another kind, or one that keeps the policy.
        public func breaches(of action: ActionItem, incidentDate: CalendarDate?) -> [Breach] {
            guard !action.isDone, let kind = action.kind?.lowercased(), kinds.contains(kind) else { return [] }
            var breaches: [Breach] = []
            if action.owners.isEmpty { breaches.append(.noOwner) }
            if action.dueText == nil { breaches.append(.noDue) }
            if let incidentDate, let due = action.due {
                let latest = CalendarDate(daysSinceEpoch: incidentDate.daysSinceEpoch + dueWithinWeeks * 7)
                if due > latest { breaches.append(.dueTooLate(latest: latest)) }
            }
            return breaches
        }
    }

    /// The policies as one text that is the same in every process for the same policies (a dictionary's
    /// order is not), for fingerprints of what a page was rendered from.
    public var fingerprint: String {
        let review = reviewWithinDays.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let priority = priorityActions.map { "\($0.kinds.joined(separator: ","))/\($0.dueWithinWeeks)" } ?? "-"
        return [review.joined(separator: ","), priority, facilitatorRequired.joined(separator: ",")]
            .joined(separator: ";")
    }

    /// The documented defaults: what `policies: default` adopts.
    public static let defaults = PolicyConfig(
        reviewWithinDays: defaultReviewWithinDays, priorityActions: PriorityActions(),
        facilitatorRequired: defaultFacilitatorRequired)
    public static let defaultReviewWithinDays = ["critical": 7, "high": 14]
    public static let defaultFacilitatorRequired = ["critical", "high"]

    public init(
        reviewWithinDays: [String: Int] = [:], priorityActions: PriorityActions? = nil,
        facilitatorRequired: [String] = []
    ) {
        self.reviewWithinDays = reviewWithinDays
        self.priorityActions = priorityActions
        self.facilitatorRequired = facilitatorRequired
    }

    /// Reads the `policies:` value; severities are checked against `severities` (the config's scale) and
    /// `path` and lines are named in errors.
    static func parse(_ node: Node, severities: [String], path: String) throws(PMError) -> PolicyConfig {
        func fail(_ node: Node?, _ problem: String) -> PMError {
            .invalidConfig(path: path, line: node?.mark?.line, problem: problem)
        }
        func severity(_ node: Node, in key: String) throws(PMError) -> String {
            let name = node.scalar?.string.lowercased() ?? ""
            guard severities.contains(name) else {
                throw fail(
                    node,
                    "`\(name)` in `policies.\(key)` is not a severity; the severities are "
                        + severities.joined(separator: ", "))
            }
            return name
        }
        if isDefault(node) { return .defaults }
        if isOff(node) { return PolicyConfig() }
        guard let mapping = node.mapping else {
            throw fail(
                node,
                "`policies:` must be default, off, or a mapping with review_within_days:, priority_actions: "
                    + "or facilitator_required:")
        }
        var config = PolicyConfig()
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string {
            case "review_within_days":
                if isDefault(value) {
                    config.reviewWithinDays = defaultReviewWithinDays
                } else if !isOff(value) {
                    guard let days = value.mapping else {
                        throw fail(
                            value, "`policies.review_within_days:` must map severities to days, like {critical: 7}")
                    }
                    for (severityNode, daysNode) in days {
                        let name = try severity(severityNode, in: "review_within_days")
                        guard let count = daysNode.scalar.flatMap({ Int($0.string) }), count >= 0 else {
                            throw fail(daysNode, "`policies.review_within_days.\(name)` must be a number of days")
                        }
                        config.reviewWithinDays[name] = count
                    }
                }
            case "priority_actions":
                if isDefault(value) {
                    config.priorityActions = PriorityActions()
                } else if !isOff(value) {
                    config.priorityActions = try priorityActions(value, fail: fail)
                }
            case "facilitator_required":
                if isDefault(value) {
                    config.facilitatorRequired = defaultFacilitatorRequired
                } else if !isOff(value) {
                    guard let list = value.sequence else {
                        throw fail(
                            value, "`policies.facilitator_required:` must be a list of severities, like [critical]")
                    }
                    for item in list {
                        config.facilitatorRequired.append(try severity(item, in: "facilitator_required"))
                    }
                }
            default:
                throw fail(
                    keyNode,
                    "unknown key `policies.\(keyNode.scalar?.string ?? "")`; use review_within_days:, "
                        + "priority_actions: or facilitator_required:")
            }
        }
        return config
    }

    /// `priority_actions: {kinds: [...], due_within_weeks: N}`; a key left out takes its default.
    private static func priorityActions(_ node: Node, fail: (Node?, String) -> PMError) throws(PMError)
        -> PriorityActions
    {
        guard let mapping = node.mapping else {
            throw fail(
                node,
                "`policies.priority_actions:` must be default, off, or a mapping with kinds: and due_within_weeks:")
        }
        var policy = PriorityActions()
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string {
            case "kinds":
                guard let kinds = value.sequence?.compactMap({ $0.scalar?.string.lowercased() }), !kinds.isEmpty,
                    kinds.count == value.sequence?.count
                else {
                    throw fail(
                        value, "`policies.priority_actions.kinds:` must be a list of kinds, like [prevent, detect]")
                }
                policy.kinds = kinds.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            case "due_within_weeks":
                guard let weeks = value.scalar.flatMap({ Int($0.string) }), weeks > 0 else {
                    throw fail(value, "`policies.priority_actions.due_within_weeks:` must be a number of weeks, like 4")
                }
                policy.dueWithinWeeks = weeks
            default:
                throw fail(
                    keyNode,
                    "unknown key `policies.priority_actions.\(keyNode.scalar?.string ?? "")`; use kinds: or "
                        + "due_within_weeks:")
            }
        }
        return policy
    }

    private static func isDefault(_ node: Node) -> Bool {
        ["default", "defaults", "true", "on", "yes"].contains(node.scalar?.string.lowercased() ?? "")
    }

    private static func isOff(_ node: Node) -> Bool {
        ["off", "false", "no", "none"].contains(node.scalar?.string.lowercased() ?? "")
    }
}
