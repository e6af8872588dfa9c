import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm actions`: action items across every incident, for stand-ups.
struct Actions: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "List action items across every incident: overdue first, then by due date.",
        discussion: """
            Each row has the action's id (INCIDENT/TOKEN: the token written in the item, or ~… derived from its \
            words when it has none; tables show the shortest unique prefix of the incident), owners, due date \
            ("overdue by N days" when past), kind, ticket and text. Name incidents or actions (ids as shown, \
            prefixes, old ids) to list only those; an id that names nothing is refused. --format markdown pastes \
            into chat: each item's Markdown as written, with its incident's title (a link to the incident's page \
            when --site-url or pm.yml's site_url is set). json and csv carry closed and closed_source too (token: \
            the item's done: token; git: the commit that ticked it; unknown). PM_TODAY=YYYY-MM-DD fixes "today" \
            for reproducible reports.

            json and csv fields:
            \(FieldHelp.actions)
            \(FieldHelp.conventions)

            Examples:
              pm actions --open --by owner
              pm actions --overdue --format markdown
            """
    )

    @Argument(help: ArgumentHelp("Only these incidents or actions (INCIDENT or INCIDENT/TOKEN).", valueName: "id"))
    var ids: [String] = []

    @OptionGroup var location: ReadingOptions

    @Flag(help: "Only open actions.")
    var open = false

    @Flag(help: "Only done actions.")
    var done = false

    @Flag(help: "Only open actions past their due date.")
    var overdue = false

    @Option(
        help: ArgumentHelp(
            "Only done actions closed on or after this day (from their done: token, else git).",
            valueName: "YYYY-MM-DD"))
    var closedSince: CalendarDate?

    @Option(help: ArgumentHelp("Only done actions closed on or before this day.", valueName: "YYYY-MM-DD"))
    var closedUntil: CalendarDate?

    @Option(
        name: .customLong("owner"),
        help: ArgumentHelp("Only actions owned by this person, with or without @ (repeatable).", valueName: "name"))
    var owners: [String] = []

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp(
            "Only actions of this kind: prevent, detect, mitigate, process, runbook … (repeatable).",
            valueName: "kind"))
    var kinds: [String] = []

    @OptionGroup var filters: IncidentFilterOptions

    @Option(help: ArgumentHelp("Group rows by owner, incident or none (table and markdown).", valueName: "grouping"))
    var by: ActionReport.Grouping = .none

    @Option(help: "Output format: table, markdown, json or csv.")
    var format: ReportFormat = .table

    @Option(
        help: ArgumentHelp(
            "Where the rendered site is published; markdown links each incident to its page (default: pm.yml's "
                + "site_url).", valueName: "url"))
    var siteURL: String?

    func validate() throws {
        if open && done {
            throw ValidationError("--open and --done exclude each other; pass one, or neither for all actions")
        }
        if (closedSince != nil || closedUntil != nil) && (open || overdue) {
            throw ValidationError("--closed-since and --closed-until list done actions; drop --open and --overdue")
        }
        if done && overdue { throw ValidationError("--overdue lists open actions; it cannot be combined with --done") }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.loadWithClosings(in: context, sections: false)
        var filter = ActionReport.Filter()
        filter.state = open || overdue ? .open : done ? .done : .all
        filter.overdueOnly = overdue
        filter.policies = directory.config.policies
        filter.closedSince = closedSince
        filter.closedUntil = closedUntil
        if closedSince != nil || closedUntil != nil { filter.state = .done }
        filter.owners = Set(owners.map { Token.owner($0).lowercased() })
        filter.kinds = Set(kinds.map(Token.kind))
        filter.incidents = filters.filter
        for id in ids {
            let (postmortem, action) = try set.lookUp(id)
            if let action {
                filter.named.actions.insert(action.id)
            } else {
                filter.named.incidents.insert(postmortem.id)
            }
        }
        var report = ActionReport(set, filter: filter, today: try context.today, tickets: directory.config.tickets)
        if format == .markdown, let site = siteURL ?? directory.config.siteURL {
            report.incidentLinks = try Self.pageLinks(site: site, directory: directory, set: set)
        }
        var output = context.stdout
        report.write(format, grouping: by, style: context.terminalStyle, to: &output)
        return ExitStatus(set)
    }

    /// Incident id → its page's address under `site`, named as `pm render` names it.
    static func pageLinks(site: String, directory: PostmortemsDirectory, set: PostmortemSet) throws -> [String: String]
    {
        let base = site.hasSuffix("/") ? String(site.dropLast()) : site
        let pages = SiteBuilder.pageNames(for: try directory.scan().files)
        var links: [String: String] = [:]
        for postmortem in set.postmortems {
            if let page = pages[postmortem.filePath] {
                links[postmortem.id] = links[postmortem.id] ?? "\(base)/\(page)"
            }
        }
        return links
    }
}
