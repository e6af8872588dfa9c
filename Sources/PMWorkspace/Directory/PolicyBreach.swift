import PMDocument

/// A way a postmortem breaks the team's review policies (pm.yml `policies:`): what `pm lint` reports,
/// `pm actions --overdue` lists and the site shows, evaluated here once for all of them.
public enum PolicyBreach: Sendable, Equatable {
    /// A postmortem of `severity` is still a draft past `deadline` (`days` after the incident), `late` days on.
    case reviewOverdue(severity: String, days: Int, deadline: CalendarDate, late: Int)
    /// A postmortem of `severity` names no facilitator.
    case noFacilitator(severity: String)
    /// An open priority action breaks the policy on priority actions.
    case priorityAction(id: String, line: Int, breach: PolicyConfig.PriorityActions.Breach)

    /// Each breach's ``summary``, an action's breaches as one line: `priority action X breaks policy: no owner, no
    /// due date`.
    public static func summaries(_ breaches: [PolicyBreach]) -> [String] {
        var lines: [String] = []
        var index = 0
        while index < breaches.count {
            guard case .priorityAction(let id, _, _) = breaches[index] else {
                lines.append(breaches[index].summary)
                index += 1
                continue
            }
            var ofAction: [PolicyConfig.PriorityActions.Breach] = []
            while index < breaches.count, case .priorityAction(id, _, let breach) = breaches[index] {
                ofAction.append(breach)
                index += 1
            }
            lines.append("priority action \(id) " + PolicyConfig.PriorityActions.wording(ofAction)!)
        }
        return lines
    }

    /// A short description for readers: `review overdue by 5 days (due by 2024-03-12)`.
    public var summary: String {
        switch self {
        case .reviewOverdue(let severity, let days, let deadline, let late):
            "review overdue by \(Plural.count(late, "day")): a \(severity) postmortem is due in review within "
                + "\(Plural.count(days, "day")) of the incident (by \(deadline))"
        case .noFacilitator(let severity):
            "no facilitator: a \(severity) postmortem needs one"
        case .priorityAction(let id, _, let breach):
            "priority action \(id) " + PolicyConfig.PriorityActions.wording([breach])!
        }
    }
}

extension PolicyConfig.PriorityActions {
    /// `breaks policy: no owner, due by 2019-03-14`; nil for no breach.
    public static func wording(_ breaches: [Breach]) -> String? {
        guard !breaches.isEmpty else { return nil }
        let parts = breaches.map { breach in
            switch breach {
            case .noOwner: "no owner"
            case .noDue: "no due date"
            case .dueTooLate(let latest): "due by \(latest)"
            }
        }
        return "breaks policy: \(parts.joined(separator: ", "))"
    }
}

extension PolicyConfig {
    /// How `postmortem` breaks the policies on `today`: a review overdue, a missing facilitator, then its
    /// priority actions' breaches in file order. Only pm's own format is held to the team's policies (a
    /// postmortem written elsewhere has no status to reach).
    public func breaches(of postmortem: Postmortem, today: CalendarDate) -> [PolicyBreach] {
        guard postmortem.isPMFormat else { return [] }
        var found: [PolicyBreach] = []
        if let overdue = reviewOverdue(postmortem.frontMatter, today: today) { found.append(overdue) }
        if let missing = missingFacilitator(postmortem.frontMatter) { found.append(missing) }
        for action in postmortem.actions {
            for breach in actionBreaches(of: action, in: postmortem) {
                found.append(.priorityAction(id: action.id, line: action.line, breach: breach))
            }
        }
        return found
    }

    /// The review policy: a postmortem of a listed severity still a draft after its days.
    public func reviewOverdue(_ front: FrontMatter, today: CalendarDate) -> PolicyBreach? {
        guard let (severity, days, deadline) = reviewDeadline(front), today > deadline else { return nil }
        return .reviewOverdue(severity: severity, days: days, deadline: deadline, late: deadline.days(until: today))
    }

    /// The first day on which `postmortem`'s review breach (or its absence) differs from today's: tomorrow
    /// once it is overdue (the days late change), else the day after the deadline; nil when no day changes it.
    public func reviewBreachValidUntil(_ postmortem: Postmortem, today: CalendarDate) -> CalendarDate? {
        guard postmortem.isPMFormat, let (_, _, deadline) = reviewDeadline(postmortem.frontMatter) else { return nil }
        return CalendarDate(daysSinceEpoch: max(deadline.daysSinceEpoch, today.daysSinceEpoch) + 1)
    }

    /// The severity, its days and the last day a draft may stay a draft, for a draft the review policy covers.
    private func reviewDeadline(_ front: FrontMatter) -> (String, Int, CalendarDate)? {
        guard let severity = front.severity?.lowercased(), let days = reviewWithinDays[severity],
            let date = front.date, front.status == nil || front.status == .draft
        else { return nil }
        return (severity, days, CalendarDate(daysSinceEpoch: date.daysSinceEpoch + days))
    }

    /// The facilitator policy: a postmortem of a listed severity without a facilitator.
    public func missingFacilitator(_ front: FrontMatter) -> PolicyBreach? {
        guard let severity = front.severity?.lowercased(), facilitatorRequired.contains(severity),
            (front.facilitator ?? "").isEmpty
        else { return nil }
        return .noFacilitator(severity: severity)
    }

    /// The priority-action policy for one action of `postmortem` (nothing outside pm's format).
    public func actionBreaches(of action: ActionItem, in postmortem: Postmortem) -> [PriorityActions.Breach] {
        guard postmortem.isPMFormat, let priorityActions else { return [] }
        return priorityActions.breaches(of: action, incidentDate: postmortem.frontMatter.date)
    }
}
