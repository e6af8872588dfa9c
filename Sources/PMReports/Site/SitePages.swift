import PMDocument
import PMWorkspace

/// The values each page template renders. Mustache reads their properties by name; every text is
/// escaped by the template (`{{name}}`); only pm's own HTML (the cmark body, the SVG charts) is
/// inserted raw (`{{{name}}}`).
struct SiteInfo {
    let incidentCount: Int
    let today: String
    let generatedAt: String?
}

struct IncidentRow {
    let date: String?
    let href: String
    let title: String
    let severity: String?
    let severityClass: String
    let status: String
    let duration: String
    let timeToDetect: String
    let openActions: Int
    let totalActions: Int
    let overdueActions: Int?
}

struct IndexPage {
    let root = ""
    let navIncidents = true
    let site: SiteInfo
    let hasIncidents: Bool
    let incidents: [IncidentRow]
    let openActions: Int
    let overdueActions: Int?
}

struct FieldRow {
    let label: String
    let value: String
    /// The severity's CSS class, for the badge.
    let badge: String?
}

struct ActionRow {
    /// `action-TOKEN`: the row's id in its incident's page, a link that lasts as long as the action's id.
    let anchor: String
    let done: Bool
    let text: String
    let owners: String
    let due: String
    /// "12 days" when overdue.
    let overdue: String?
    let kind: String
    let ticket: String
    /// The ticket when it is an http(s) URL.
    let ticketURL: String?
    let incidentHref: String
    let incidentTitle: String
}

struct PostmortemPage {
    let root = "../"
    /// Nil: an incident page shows nothing about the rest of the site, so it changes only when its file does.
    let site: SiteInfo? = nil
    let generatedAt: String?
    let title: String
    let fields: [FieldRow]
    let hasActions: Bool
    let actions: [ActionRow]
    let body: String
    let path: String
}

struct OwnerGroup {
    let name: String
    let anchor: String
    let count: Int
    let actions: [ActionRow]
}

struct ActionsPage {
    let root = ""
    let navActions = true
    let site: SiteInfo
    let openActions: Int
    let overdueActions: Int?
    let owners: [OwnerGroup]
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
    let medianDetect: String
    let medianResolve: String
    let closureRate: String
    let charts: [ChartView]
}
