import PMDocument
import PMWorkspace

/// `pm actions`: action items across incidents, overdue first, for a stand-up.
public struct ActionReport: Sendable {
    /// Which actions to include.
    public struct Filter: Sendable {
        public enum State: String, Sendable { case open, done, all }

        public var state: State = .all
        public var owners: Set<String> = []
        public var kinds: Set<String> = []
        /// Only overdue actions, and (with ``policies``) priority actions that break the policy, and the
        /// postmortems that break a review policy (``ActionReport/reviewBreaches``).
        public var overdueOnly = false
        /// The team's review policies (pm.yml `policies:`): actions that break the policy on priority actions
        /// are marked, and listed by ``overdueOnly``.
        public var policies = PolicyConfig()
        /// When set, only done actions closed on or after this day (a closing day that is unknown never matches).
        public var closedSince: CalendarDate?
        /// When set, only done actions closed on or before this day.
        public var closedUntil: CalendarDate?
        public var incidents = IncidentFilter()
        /// When not empty, only the actions of these incidents (ids) and these actions (full ids).
        public var named: (incidents: Set<String>, actions: Set<String>) = ([], [])

        public init() {}

        /// Whether `action` is among the incidents and actions named (or none is named).
        func includes(_ action: ActionItem) -> Bool {
            (named.incidents.isEmpty && named.actions.isEmpty) || named.incidents.contains(action.incidentID)
                || named.actions.contains(action.id)
        }
    }

    /// How rows are grouped in the table and Markdown output.
    public enum Grouping: String, Sendable, CaseIterable {
        case owner, incident, none
    }

    public var records: [ActionRecord]
    public var today: CalendarDate
    public var state: Filter.State
    /// Whether only overdue actions were asked for.
    public var overdueOnly: Bool
    /// With ``overdueOnly``, the postmortems that break a review policy of their own (a review overdue, no
    /// facilitator), in incident order; the priority actions' breaches are on their records.
    public var reviewBreaches: [IncidentBreaches] = []

    /// A postmortem and how it breaks the review policies.
    public struct IncidentBreaches: Sendable, Equatable {
        public var incidentID: String
        public var title: String
        public var breaches: [PolicyBreach]
    }

    /// Incident id → the shortest prefix that names it on the command line, for narrow tables.
    public var shortIDs: [String: String]
    /// Incident id → the address of its page on the published site, for links in Markdown (empty: no links).
    public var incidentLinks: [String: String] = [:]

    /// Selects and orders the actions: open before done; overdue first (longest overdue first), then by
    /// due date, undated last; ties by incident id and position.
    /// - Parameter tickets: pm.yml's ticket links: JSON carries each ticket's URL, Markdown links it.
    public init(_ set: PostmortemSet, filter: Filter, today: CalendarDate, tickets: TicketLinks = TicketLinks()) {
        self.today = today
        self.state = filter.state
        self.overdueOnly = filter.overdueOnly
        self.shortIDs = set.shortestUniquePrefixes()
        var records: [ActionRecord] = []
        // Postmortems breaking a review policy of their own are listed when actions are selected by
        // incident only: an owner's, a kind's or a closing period's actions say nothing of a whole postmortem.
        let listsPostmortems =
            filter.overdueOnly && filter.owners.isEmpty && filter.kinds.isEmpty && filter.closedSince == nil
            && filter.closedUntil == nil
        for postmortem in set.postmortems where filter.incidents.matches(postmortem) {
            if listsPostmortems,
                filter.named.incidents.isEmpty && filter.named.actions.isEmpty
                    || filter.named.incidents.contains(postmortem.id)
            {
                let own = filter.policies.breaches(of: postmortem, today: today).filter {
                    if case .priorityAction = $0 { false } else { true }
                }
                if !own.isEmpty {
                    reviewBreaches.append(
                        IncidentBreaches(incidentID: postmortem.id, title: postmortem.title, breaches: own))
                }
            }
            for action in postmortem.actions {
                switch filter.state {
                case .open where action.isDone, .done where !action.isDone: continue
                default: break
                }
                let breaches = filter.policies.actionBreaches(of: action, in: postmortem)
                if filter.overdueOnly, !action.isOverdue(today: today), breaches.isEmpty { continue }
                if filter.closedSince != nil || filter.closedUntil != nil {
                    guard action.isDone, let closed = action.closed else { continue }
                    if let since = filter.closedSince, closed < since { continue }
                    if let until = filter.closedUntil, closed > until { continue }
                }
                if !filter.includes(action) { continue }
                if !filter.owners.isEmpty, filter.owners.isDisjoint(with: action.owners.map { $0.lowercased() }) {
                    continue
                }
                if !filter.kinds.isEmpty, !filter.kinds.contains(action.kind ?? "") { continue }
                var record = ActionRecord(action: action, in: postmortem, today: today, tickets: tickets)
                record.policyBreaches = breaches
                records.append(record)
            }
        }
        self.records = records.sorted { a, b in
            if a.action.isDone != b.action.isDone { return !a.action.isDone }
            let aOverdue = a.daysOverdue != nil
            let bOverdue = b.daysOverdue != nil
            if aOverdue != bOverdue { return aOverdue }
            switch (a.action.due, b.action.due) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.action.incidentID != b.action.incidentID { return a.action.incidentID < b.action.incidentID }
            return a.action.position < b.action.position
        }
    }

    /// Records in groups, in report order; an action with two owners appears under each.
    public func groups(by grouping: Grouping) -> [(title: String?, records: [ActionRecord])] {
        switch grouping {
        case .none:
            return [(nil, records)]
        case .incident:
            var order: [String] = []
            var byIncident: [String: [ActionRecord]] = [:]
            for record in records {
                if byIncident[record.action.incidentID] == nil { order.append(record.action.incidentID) }
                byIncident[record.action.incidentID, default: []].append(record)
            }
            return order.map { id in
                let first = byIncident[id]![0]
                return ("\(id) · \(first.incidentTitle)\(first.severity.map { " (\($0))" } ?? "")", byIncident[id]!)
            }
        case .owner:
            // Owners compare without case (@Sam is @sam), shown as first written.
            var byOwner: [String: [ActionRecord]] = [:]
            var spelling: [String: String] = [:]
            for record in records {
                for owner in record.action.owners.isEmpty ? [""] : record.action.owners {
                    let key = owner.lowercased()
                    if let last = byOwner[key]?.last?.action, last.incidentID == record.action.incidentID,
                        last.position == record.action.position
                    {
                        continue
                    }
                    spelling[key] = spelling[key] ?? owner
                    byOwner[key, default: []].append(record)
                }
            }
            // Owners with the most overdue work first; unowned actions last.
            let owners = byOwner.keys.filter { !$0.isEmpty }.sorted { a, b in
                let overdueA = byOwner[a]!.filter { $0.daysOverdue != nil }.count
                let overdueB = byOwner[b]!.filter { $0.daysOverdue != nil }.count
                return overdueA != overdueB ? overdueA > overdueB : a < b
            }
            var result = owners.map { (title: Optional("@\(spelling[$0]!)"), records: byOwner[$0]!) }
            if let unowned = byOwner[""] { result.append(("no owner", unowned)) }
            return result
        }
    }

    public func write(
        _ format: ReportFormat, grouping: Grouping, style: TerminalStyle, to output: inout some TextOutputStream
    ) {
        switch format {
        case .json: JSONOutput.write(records, to: &output)
        case .csv:
            CSV.write(
                header: ActionRecord.columns(withToday: true).map(\.name), rows: records.map(\.csvRow), to: &output)
        case .markdown: writeMarkdown(grouping: grouping, to: &output)
        case .table: writeTable(grouping: grouping, style: style, to: &output)
        }
    }

    private func writeTable(grouping: Grouping, style: TerminalStyle, to output: inout some TextOutputStream) {
        guard !records.isEmpty else {
            output.write("No \(overdueOnly ? "overdue " : state == .all ? "" : state.rawValue + " ")actions.\n")
            writeReviewBreaches(markdown: false, to: &output)
            return
        }
        let showState = state != .open
        let groups = groups(by: grouping).map { group in
            TextTable.Group(
                title: group.title.map { "\($0) (\(group.records.count))" },
                rows: group.records.map { record in
                    let action = record.action
                    let dueStyle =
                        record.daysOverdue != nil
                        ? Emphasis.alert
                        : (action.due.map { today.days(until: $0) <= 7 } ?? false) && !action.isDone ? .caution : nil
                    var row: [TextTable.Cell] = [
                        TextTable.Cell(
                            "\(shortIDs[action.incidentID] ?? action.incidentID)/\(action.token)",
                            emphasis: action.isDone ? .muted : nil),
                        TextTable.Cell(action.owners.map { "@\($0)" }.joined(separator: " ")),
                        TextTable.Cell(
                            [DueWording(record).text, record.policyWording.map { "(\($0))" } ?? ""]
                                .filter { !$0.isEmpty }.joined(separator: " "),
                            emphasis: record.policyBreaches.isEmpty ? dueStyle : .alert),
                        TextTable.Cell(action.kind ?? ""),
                        TextTable.Cell(action.ticket ?? ""),
                        TextTable.Cell(action.text, emphasis: action.isDone ? .muted : nil),
                    ]
                    if showState { row.insert(TextTable.Cell(action.isDone ? "[x]" : "[ ]"), at: 0) }
                    return row
                })
        }
        var headers = ["ID", "OWNER", "DUE", "KIND", "TICKET", "ACTION"]
        if showState { headers.insert("", at: 0) }
        let column = { (name: String) in headers.firstIndex(of: name)! }
        let shrinkOrder = [
            (column("ACTION"), 24), (column("TICKET"), 10), (column("OWNER"), 8), (column("ACTION"), 16),
            (column("DUE"), 11), (column("ACTION"), 12),
        ]
        TextTable(headers: headers, groups: groups, shrinkOrder: shrinkOrder).write(
            to: &output, style: style)
        let overdue = records.filter { $0.daysOverdue != nil }.count
        output.write(
            "\n\(records.count) action\(records.count == 1 ? "" : "s")\(overdue > 0 ? ", \(overdue) overdue" : "") as "
                + "of \(today)\n"
        )
        writeReviewBreaches(markdown: false, to: &output)
    }

    /// The postmortems that break a review policy, after the actions (text and Markdown).
    private func writeReviewBreaches(markdown: Bool, to output: inout some TextOutputStream) {
        guard !reviewBreaches.isEmpty else { return }
        output.write(
            markdown ? "\n**Postmortems breaking a review policy**\n\n" : "\nPostmortems breaking a review policy:\n")
        for incident in reviewBreaches {
            let what = PolicyBreach.summaries(incident.breaches).joined(separator: "; ")
            output.write(
                markdown
                    ? "- \(MarkdownText.escape(incident.title)) `\(incident.incidentID)`: \(what)\n"
                    : "  \(shortIDs[incident.incidentID] ?? incident.incidentID)  \(what)\n")
        }
    }

    private func writeMarkdown(grouping: Grouping, to output: inout some TextOutputStream) {
        let overdue = records.filter { $0.daysOverdue != nil }.count
        let noun =
            overdueOnly
            ? "Overdue actions" : state == .all ? "Actions" : state == .open ? "Open actions" : "Done actions"
        output.write("**\(noun)** (\(records.count)\(overdue > 0 ? ", \(overdue) overdue" : ""), as of \(today))\n")
        for group in groups(by: grouping) {
            output.write("\n")
            // An incident's group is headed by its title (linked to its page); elsewhere each item names it.
            if grouping == .incident, let first = group.records.first {
                let severity = first.severity.map { " (\($0))" } ?? ""
                output.write("**\(incidentTitle(first))**\(severity) · `\(first.action.incidentID)`\n\n")
            } else if let title = group.title {
                output.write("**\(MarkdownText.escape(title))**\n\n")
            }
            for record in group.records {
                let action = record.action
                var details: [String] = []
                if !action.owners.isEmpty { details.append(action.owners.map { "@\($0)" }.joined(separator: " ")) }
                if let due = DueWording(record).markdownClause { details.append(due) }
                if let kind = action.kind { details.append("#\(kind)") }
                if let policy = record.policyWording { details.append(policy) }
                if let ticket = action.ticket {
                    let isURL = record.ticketURL == ticket
                    details.append(record.ticketURL.map { isURL ? "<\($0)>" : "[\(ticket)](\($0))" } ?? ticket)
                }
                details.append((grouping == .incident ? "" : incidentTitle(record) + " ") + "`\(action.id)`")
                // The item as written: code spans stay code (an `@name` in one pings no one), links stay links.
                let text = action.markdown.isEmpty ? MarkdownText.escape(action.text) : action.markdown
                output.write("- [\(action.isDone ? "x" : " ")] \(text) — \(details.joined(separator: " · "))\n")
            }
        }
        writeReviewBreaches(markdown: true, to: &output)
    }

    /// The record's incident title as Markdown, a link to its page when the site's address is known.
    private func incidentTitle(_ record: ActionRecord) -> String {
        let title = MarkdownText.escape(record.incidentTitle)
        return incidentLinks[record.action.incidentID].map { "[\(title)](\($0))" } ?? title
    }
}
