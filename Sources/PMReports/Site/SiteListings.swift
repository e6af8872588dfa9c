import Foundation
import PMDocument
import PMWorkspace

/// The pages that list incidents and open actions, split into pages of `SiteBuilder.pageSize` rows
/// (`index.html`, then `pages/incidents-2.html` …; `actions.html`, then `pages/actions-2.html` …), and
/// the search index that lets a reader search and filter all of them from any page.
struct SiteListings: Sendable {
    static let pagesFolder = "pages"

    let postmortems: [Postmortem]
    let hrefs: [String: String]
    let today: CalendarDate
    let tickets: TicketLinks
    let site: SiteInfo
    /// The open actions in the order of the actions page, and their groups.
    private let report: ActionReport
    private let severityScale: [String]
    /// The team's review policies, whose breaches the listings show.
    private let policies: PolicyConfig
    private let searchWords: @Sendable (Postmortem) -> [String]
    /// Open actions past their due date, over every incident.
    private let overdue: Int

    /// - Parameter postmortems: newest first, as the index lists them.
    init(
        postmortems: [Postmortem], set: PostmortemSet, hrefs: [String: String], today: CalendarDate,
        tickets: TicketLinks, config: Config, generatedAt: String?,
        searchWords: @escaping @Sendable (Postmortem) -> [String]
    ) {
        self.postmortems = postmortems
        self.hrefs = hrefs
        self.today = today
        self.tickets = tickets
        self.searchWords = searchWords
        severityScale = config.severities
        policies = config.policies
        site = SiteInfo(
            incidentCount: postmortems.count,
            postmortemsText: Plural.count(postmortems.count, "postmortem", grouped: true), today: today.description,
            generatedAt: generatedAt)
        var filter = ActionReport.Filter()
        filter.state = .open
        report = ActionReport(set, filter: filter, today: today)
        overdue = report.records.reduce(0) { $0 + ($1.daysOverdue == nil ? 0 : 1) }
    }

    /// Every listing page and the search index, each given to `write` with its path from the site's root as
    /// soon as it is made (so that they are not all held at once).
    func write(templates: SiteTemplates, to write: (String, String) throws -> Void) rethrows {
        let incidentPages = Self.chunks(postmortems.count)
        let rows = actionRows()
        let actionPages = Self.chunks(rows.count)
        let totals = Dictionary(rows.map { ($0.owner, 1) }, uniquingKeysWith: +)
        // Pages are rendered several at a time (Mustache is most of the work), and written in order.
        let pages =
            incidentPages.indices.map { (listing: "incidents", number: $0 + 1) }
            + actionPages.indices.map { (listing: "actions", number: $0 + 1) }
        for start in stride(from: 0, to: pages.count, by: 32) {
            let texts = pages[start..<min(start + 32, pages.count)].map { $0 }.concurrentMap { page in
                page.listing == "incidents"
                    ? templates.render(
                        indexPage(incidentPages[page.number - 1], number: page.number, of: incidentPages.count),
                        with: "index")
                    : templates.render(
                        actionsPage(
                            rows, actionPages[page.number - 1], number: page.number, of: actionPages.count,
                            totals: totals), with: "actions")
            }
            for (page, text) in zip(pages[start...], texts) { try write(Self.path(page.listing, page.number), text) }
        }
        let index = searchIndex()
        try write("search-index.js", index.incidentsScript())
        let rowOfIncident = Dictionary(
            postmortems.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        try write(
            "search-actions.js",
            index.actionsScript(
                rows.map { row in
                    SearchIndex.ActionRow(
                        local: row.action.localID, incident: rowOfIncident[row.action.incidentID] ?? -1,
                        owner: row.action.ownerKey, text: row.action.text, due: row.action.due ?? "",
                        overdueDays: row.days ?? 0, kind: row.action.kind, ticket: row.action.ticketText,
                        ticketURL: row.action.ticketURL, anchor: row.action.anchor)
                }, shortIDs: report.shortIDs))
    }

    /// `index.html`, `pages/incidents-2.html`; `actions.html`, `pages/actions-2.html`.
    static func path(_ listing: String, _ number: Int) -> String {
        number == 1
            ? (listing == "incidents" ? "index.html" : "actions.html") : "\(pagesFolder)/\(listing)-\(number).html"
    }

    /// The rows of each page; one empty page when there are no rows.
    static func chunks(_ count: Int) -> [Range<Int>] {
        guard count > 0 else { return [0..<0] }
        return stride(from: 0, to: count, by: SiteBuilder.pageSize).map { $0..<min($0 + SiteBuilder.pageSize, count) }
    }

    /// The way from a listing page to the site's root.
    static func root(_ number: Int) -> String { number == 1 ? "" : "../" }

    /// Links to the first and last pages, and to those near this one.
    static func pager(_ listing: String, number: Int, of count: Int) -> Pager? {
        guard count > 1 else { return nil }
        let root = root(number)
        let href = { (page: Int) in root + path(listing, page) }
        var links: [Pager.Link] = []
        var last = 0
        for page in 1...count where page == 1 || page == count || abs(page - number) <= 2 {
            if page > last + 1 { links.append(Pager.Link(label: "…", href: nil, current: false, gap: true)) }
            links.append(
                Pager.Link(
                    label: String(page), href: page == number ? nil : href(page), current: page == number, gap: false))
            last = page
        }
        return Pager(
            number: number, count: count, text: "Page \(number) of \(count)",
            previous: number > 1 ? href(number - 1) : nil, next: number < count ? href(number + 1) : nil, links: links)
    }

    /// What in `postmortem` breaks a review policy, in a few words: `review overdue by 3 days, no facilitator,
    /// 2 priority actions break policy`.
    private func policyText(_ postmortem: Postmortem) -> String? {
        var parts: [String] = []
        var actions = Set<String>()
        for breach in policies.breaches(of: postmortem, today: today) {
            switch breach {
            case .reviewOverdue(_, _, _, let late): parts.append("review overdue by \(Plural.count(late, "day"))")
            case .noFacilitator: parts.append("no facilitator")
            case .priorityAction(let id, _, _): actions.insert(id)
            }
        }
        if !actions.isEmpty {
            parts.append(
                actions.count == 1
                    ? "1 priority action breaks policy" : "\(actions.count) priority actions break policy")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private func indexPage(_ range: Range<Int>, number: Int, of count: Int) -> IndexPage {
        let root = Self.root(number)
        let rows = postmortems[range].map { postmortem in
            let front = postmortem.frontMatter
            let overdue = postmortem.actions.filter { $0.isOverdue(today: today) }.count
            return IncidentRow(
                date: postmortem.date?.description, href: root + hrefs[postmortem.id]!, title: postmortem.title,
                severity: front.severity, severityClass: SiteBuilder.severityClass(front.severity ?? ""),
                status: front.status?.rawValue, services: front.services.joined(separator: ", "),
                tags: front.tags, timeToDetect: front.timeToDetect?.description ?? "",
                timeToResolve: front.timeToResolve?.description ?? "",
                openActions: postmortem.openActions.count, totalActions: postmortem.actions.count,
                overdueActions: overdue > 0 ? overdue : nil, policy: policyText(postmortem))
        }
        let total = postmortems.count
        return IndexPage(
            root: root, site: site, hasIncidents: !rows.isEmpty, incidents: rows,
            incidentsText: Plural.count(total, "incident", grouped: true),
            openActionsText: Plural.count(report.records.count, "open action", grouped: true),
            overdueText: overdue > 0 ? "\(Plural.grouped(overdue)) overdue" : nil,
            caption: count == 1
                ? "Every incident, newest first"
                : "Incidents \(Plural.grouped(range.lowerBound + 1))–\(Plural.grouped(range.upperBound)) of "
                    + "\(Plural.grouped(total)), newest first",
            pager: Self.pager("incidents", number: number, of: count))
    }

    /// A row of the actions page: an open action under one of its owners.
    struct Row {
        var owner: String
        var ownerName: String
        var action: ActionRow
        var days: Int?
    }

    /// The open actions grouped by owner (the most overdue work first), overdue first, then by due date.
    private func actionRows() -> [Row] {
        let byID = Dictionary(postmortems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return report.groups(by: .owner).flatMap { group in
            let name = group.title ?? "no owner"
            let key = name.hasPrefix("@") ? String(name.dropFirst()) : ""
            return group.records.map { record in
                Row(
                    owner: key, ownerName: name,
                    action: SiteBuilder.actionRow(
                        record.action, in: byID[record.action.incidentID]!, today: today,
                        incidentHref: hrefs[record.action.incidentID] ?? "", tickets: tickets, policies: policies,
                        shortIDs: report.shortIDs, ownerKey: key),
                    days: record.daysOverdue)
            }
        }
    }

    private func actionsPage(
        _ rows: [Row], _ range: Range<Int>, number: Int, of count: Int, totals: [String: Int]
    ) -> ActionsPage {
        let root = Self.root(number)
        var groups: [OwnerGroup] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let owner = rows[start].owner
            var end = start
            while end < range.upperBound, rows[end].owner == owner { end += 1 }
            let continued = start > 0 && rows[start - 1].owner == owner
            let goesOn = end < rows.count && rows[end].owner == owner
            let shown = end - start
            let total = totals[owner] ?? shown
            groups.append(
                OwnerGroup(
                    name: rows[start].ownerName, ownerKey: owner,
                    anchor: Slug.make(rows[start].ownerName, fallback: "no-owner"),
                    countText: continued || goesOn ? "(\(shown) of \(Plural.grouped(total)))" : "(\(shown))",
                    continued: continued,
                    actions: rows[start..<end].map { row in
                        var action = row.action
                        action.incidentHref = root + action.incidentHref
                        return action
                    }))
            start = end
        }
        return ActionsPage(
            root: root, site: site, hasActions: !rows.isEmpty,
            openActionsText: Plural.count(report.records.count, "open action", grouped: true),
            overdueText: overdue > 0 ? "\(Plural.grouped(overdue)) overdue" : nil,
            caption: count == 1
                ? "Open actions by owner"
                : "Open actions by owner, rows \(Plural.grouped(range.lowerBound + 1))–"
                    + "\(Plural.grouped(range.upperBound)) of \(Plural.grouped(rows.count))",
            groups: groups, pager: Self.pager("actions", number: number, of: count))
    }

    private func searchIndex() -> SearchIndex {
        SearchIndex(
            incidents: postmortems.map { postmortem in
                let front = postmortem.frontMatter
                return SearchIndex.Incident(
                    id: postmortem.id, title: postmortem.title, date: postmortem.date?.description ?? "",
                    severity: front.severity, status: front.status?.rawValue, services: front.services,
                    tags: front.tags, owners: postmortem.actions.flatMap(\.owners),
                    open: postmortem.openActions.count,
                    overdue: postmortem.actions.filter { $0.isOverdue(today: today) }.count,
                    timeToResolve: front.timeToResolve?.seconds, page: hrefs[postmortem.id] ?? "",
                    words: searchWords(postmortem))
            }, severityScale: severityScale, today: today)
    }
}
