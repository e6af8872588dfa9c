import PMDocument
import PMWorkspace

/// The values each page template renders. Mustache reads their properties by name; every text is
/// escaped by the template (`{{name}}`); only pm's own HTML (the cmark body, the SVG charts) is
/// inserted raw (`{{{name}}}`). Counts come with their nouns (`1 incident`), made here.
struct SiteInfo {
    let incidentCount: Int
    /// `1 postmortem`, `10,000 postmortems`.
    let postmortemsText: String
    let today: String
    let generatedAt: String?
}

struct IncidentRow {
    let date: String?
    let href: String
    let title: String
    let severity: String?
    let severityClass: String
    let status: String?
    let services: String
    let tags: [String]
    var hasTags: Bool { !tags.isEmpty }
    let timeToDetect: String
    let timeToResolve: String
    let openActions: Int
    let totalActions: Int
    let overdueActions: Int?
    /// What breaks a review policy (pm.yml `policies:`): `review overdue by 3 days; 1 priority action`.
    let policy: String?
}

/// Links between the pages of a listing split into pages.
struct Pager {
    struct Link {
        let label: String
        let href: String?
        let current: Bool
        /// A gap between page numbers (`…`).
        let gap: Bool
    }

    let number: Int
    let count: Int
    /// `Page 2 of 100`.
    let text: String
    let previous: String?
    let next: String?
    let links: [Link]
}

struct IndexPage {
    let root: String
    let navIncidents = true
    let site: SiteInfo
    let hasIncidents: Bool
    let incidents: [IncidentRow]
    let incidentsText: String
    let openActionsText: String
    let overdueText: String?
    /// `Incidents 101–200 of 10,000, newest first`.
    let caption: String
    let pager: Pager?
}

struct FieldRow {
    let label: String
    let value: String
    /// The severity's CSS class, for the badge.
    let badge: String?
}

struct ActionRow {
    /// The action's id, as `pm action done` takes it.
    let id: String
    /// The id as the command line's tables show it: the shortest prefix of the incident's id that names
    /// it, then the action's part (`2019-02-14/5` for `2019-02-14-messenger-replies-stopped/5`).
    let shortID: String
    /// The part of the id after the incident's (`5`).
    let localID: String
    /// The `id` of its row on the incident page.
    let anchor: String
    let incidentID: String
    let done: Bool
    let text: String
    /// The text with its Markdown rendered (cmark, safe mode), on incident pages.
    let textHTML: String?
    let owners: String
    /// The owner whose group the row is in, without `@` (`""` for no owner), on the actions page.
    let ownerKey: String
    let due: String?
    /// "overdue by 12 days" when overdue.
    let overdue: String?
    /// "breaks policy: no owner" when an open priority action breaks the team's policy.
    let policy: String?
    let kind: String
    let ticket: String
    /// How the ticket reads: the key, or for a URL its last part (`ENG-151` of `https://…/browse/ENG-151`).
    let ticketText: String
    /// Where the ticket is: its URL, or pm.yml's pattern for its project.
    let ticketURL: String?
    /// Nested under another action item.
    let nested: Bool
    var incidentHref: String
    let incidentTitle: String
}

/// A draft's or in-review postmortem's warning to readers.
struct Banner {
    let kind: String
    let label: String
    let text: String
}

struct RelatedRow {
    let title: String
    let href: String
    let date: String?
    let reason: String
}

struct PostmortemPage {
    let root = "../"
    /// Nil: an incident page shows nothing about the rest of the site but its related incidents, so it
    /// changes only when its file, or they, do.
    let site: SiteInfo? = nil
    let generatedAt: String?
    let title: String
    let banner: Banner?
    /// What in the postmortem breaks a review policy (the same evaluation as `pm lint`'s policy rules).
    let policyBreaches: [String]
    var hasPolicyBreaches: Bool { !policyBreaches.isEmpty }
    let fields: [FieldRow]
    let hasActions: Bool
    let actions: [ActionRow]
    /// `2 open, 1 done`.
    let actionsSummary: String
    /// The actions table stands where the postmortem listed them (else after the body, with a heading).
    let actionsInBody: Bool
    /// The body, with the action items' list taken out.
    let body: String
    let bodyBeforeActions: String
    let bodyAfterActions: String
    let hasRelated: Bool
    let related: [RelatedRow]
    let path: String
}

struct OwnerGroup {
    let name: String
    let ownerKey: String
    let anchor: String
    /// `(3)`, or `(3 of 12)` when the owner's actions go on over other pages.
    let countText: String
    let continued: Bool
    let actions: [ActionRow]
}

struct ActionsPage {
    let root: String
    let navActions = true
    let site: SiteInfo
    let hasActions: Bool
    let openActionsText: String
    let overdueText: String?
    let caption: String
    let groups: [OwnerGroup]
    let pager: Pager?
}

struct ChartRow {
    let cells: [String]
}

struct ChartView {
    let id: String
    let title: String
    let description: String
    let svg: String
    let header: [String]
    let rows: [ChartRow]
}

struct StatsPage {
    let root = ""
    let navStats = true
    let site: SiteInfo
    let incidentsText: String
    let medianDetect: String
    let medianResolve: String
    let closureRate: String
    let charts: [ChartView]
}
