import Foundation
import PMDocument
import PMWorkspace

/// `pm render`: the static HTML site for the wider team, written incrementally.
///
/// A render reads every file once for what the listing pages, the search index and the related
/// incidents need (its structure and the words of its title, summary, impact and root cause), then
/// renders and writes only the incident pages whose inputs changed: the file, the layouts, the overdue
/// marks, its related incidents, the ticket links. A listing page is rewritten only when its bytes
/// change. Output is deterministic: the same inputs give byte-identical files.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var outputPath: String
        public var today: CalendarDate
        /// A build time to print in page footers; nil (the default) keeps output identical between runs.
        public var generatedAt: String?
        /// Render and write every page, whatever the last render remembered.
        public var clean: Bool
        /// Where the postmortems of unchanged pages come from without parsing (see `SummaryCache`).
        public var cache: SummaryCache.Settings
        /// The environment git runs in, to read when actions were closed (for the stats page); nil reads only
        /// `done:` tokens.
        public var gitEnvironment: [String: String]?

        public init(
            outputPath: String, today: CalendarDate, generatedAt: String? = nil, clean: Bool = false,
            cache: SummaryCache.Settings = .disabled
        ) {
            self.outputPath = outputPath
            self.today = today
            self.generatedAt = generatedAt
            self.clean = clean
            self.cache = cache
        }
    }

    /// What a render did.
    public struct Outcome: Sendable {
        /// Files written (relative to the output folder), in order.
        public var written: [String]
        /// Pages left as they were.
        public var unchanged: Int
        /// Files of incidents (and listing pages) that no longer exist, removed.
        public var removed: [String]
        /// Problems found in the postmortems (the site is still built from every readable file).
        public var diagnostics: [Diagnostic]
    }

    public static let manifestName = ".pm-site.json"
    /// Rows on each page of the incidents and of the open actions.
    static let pageSize = 100
    /// Incidents like each one, shown on its page.
    static let relatedLimit = 5

    let directory: PostmortemsDirectory
    let templates: SiteTemplates
    let displayBase: String

    public init(directory: PostmortemsDirectory, displayBase: String) throws(PMError) {
        self.directory = directory
        self.displayBase = displayBase
        templates = try SiteTemplates(
            teamFolder: (directory.templatesPath as NSString).appendingPathComponent("site"), displayBase: displayBase)
    }

    /// The first pass reads the text of the sections search and related incidents compare, and no other.
    static let firstPass = ParseRequest.comparedText

    /// What the first pass keeps of each file besides its slimmed postmortem.
    private struct Extract: Sendable {
        var path: String
        var searchWords: [String]
        var related: RelatedIncidents.Document
    }

    /// Builds the site; `progress(done, total)` is called as files are read and pages rendered.
    public func build(_ options: Options, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws
        -> Outcome
    {
        let out = options.outputPath
        try createDirectory((out as NSString).appendingPathComponent("incidents"))
        // One render of a site at a time: the lock on the manifest is held from reading it to writing it.
        let manifestPath = (out as NSString).appendingPathComponent(Self.manifestName)
        let lock = try FileLock.acquire(
            manifestPath, displayPath: DisplayPath.of(manifestPath, relativeTo: displayBase))
        defer { lock.release() }
        let previous = Manifest.read(from: out)
        let manifest = options.clean ? Manifest() : previous
        let (files, skipped) = try directory.scan()
        let pagePaths = Self.pageNames(for: files)
        let layoutsChanged = manifest.layouts != String(templates.fingerprint, radix: 16)
        let total = files.count * 2
        let counter = ProgressCounter()

        // git walks the history (for closing days) while the files are read.
        let log = options.gitEnvironment.flatMap {
            GitClosings.startLog(for: directory, environment: $0, cache: options.cache)
        }
        // Pass 1: every file's structure, and the words search and related incidents compare; the
        // section text itself is dropped as soon as those are taken, so memory stays small.
        // Outlines with that text come from the summary cache for the files unchanged since they were cached.
        let loader = PostmortemLoader(
            parser: directory.parser, displayBase: displayBase,
            cache: directory.summaryCache(options.cache, for: Self.firstPass))
        // The extracts go once the search words and the related incidents are taken from them.
        let (loadedSet, searchWords, related) = {
            () -> (PostmortemSet, [String: [String]], [String: [RelatedIncidents.Match]]) in
            let (set, extracts) = loader.load(
                files, request: { _, _ in Self.firstPass },
                each: { document, path in
                    var postmortem = document.postmortem
                    // The impact and root cause as read (a file written elsewhere may state them in a label).
                    let searched = [
                        postmortem.section("summary")?.text, postmortem.impact ?? postmortem.section("impact")?.text,
                        postmortem.rootCause ?? postmortem.section("root-cause")?.text,
                    ].compactMap { $0 }
                    let extract = Extract(
                        path: path, searchWords: SearchWords.words(in: searched.joined(separator: "\n")),
                        related: RelatedIncidents.Document(postmortem))
                    for index in postmortem.sections.indices where !postmortem.sections[index].text.isEmpty {
                        postmortem.sections[index].text = ""
                    }
                    postmortem.impact = nil
                    postmortem.rootCause = nil
                    progress(counter.increment(), total)
                    return (postmortem, extract)
                })
            let extracted = extracts.compactMap { $0 }
            return (
                set, Dictionary(extracted.map { ($0.path, $0.searchWords) }, uniquingKeysWith: { a, _ in a }),
                RelatedIncidents(documents: extracted.map(\.related)).allMatches(limit: Self.relatedLimit)
            )
        }()
        var set = loadedSet
        if let environment = options.gitEnvironment {
            GitClosings.apply(to: &set, directory: directory, environment: environment, cache: options.cache, log: log)
        }
        let postmortems = set.postmortems.sorted {
            ($0.date ?? CalendarDate(daysSinceEpoch: 0), $0.id) > ($1.date ?? CalendarDate(daysSinceEpoch: 0), $1.id)
        }
        let hrefs = Dictionary(
            postmortems.map { ($0.id, pagePaths[$0.filePath]!) }, uniquingKeysWith: { first, _ in first })

        // Pass 2: the incident pages whose inputs changed, each parsed again with its HTML.
        let tickets = directory.config.tickets
        let shortIDs = set.shortestUniquePrefixes()
        var pageEntries: [String: Manifest.Page] = [:]
        var toRender: [(path: String, page: String, related: [RelatedRow])] = []
        for postmortem in set.postmortems {
            guard let page = pagePaths[postmortem.filePath] else { continue }
            let relatedRows = (related[postmortem.id] ?? []).map { match in
                RelatedRow(
                    title: match.title, href: "../" + (hrefs[match.id] ?? ""), date: match.date?.description,
                    reason: match.reason)
            }
            let entry = Manifest.Page(
                inputs: pageInputs(
                    postmortem, related: relatedRows, shortID: shortIDs[postmortem.id] ?? "", tickets: tickets,
                    options: options),
                validUntil: [
                    Self.overdueMarksValidUntil(postmortem, today: options.today),
                    directory.config.policies.reviewBreachValidUntil(postmortem, today: options.today),
                ].compactMap { $0 }.min())
            pageEntries[page] = entry
            let upToDate =
                !layoutsChanged && manifest.pages[page] == entry
                && FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(page))
                && (entry.validUntil.map { options.today < $0 } ?? true)
            if upToDate {
                progress(counter.increment(), total)
            } else {
                toRender.append((postmortem.filePath, page, relatedRows))
            }
        }
        let decorator = SiteHTMLDecorator()
        let relatedByPath = Dictionary(toRender.map { ($0.path, $0.related) }, uniquingKeysWith: { a, _ in a })
        // The pages' HTML is not cached (and the first pass has saved the cache).
        let (_, failures) = PostmortemLoader(parser: directory.parser, displayBase: displayBase).load(
            toRender.map(\.path), request: { _, _ in ParseRequest(html: decorator) },
            each: { document, path in
                var postmortem = document.postmortem
                postmortem.filePath = path
                let page = pagePaths[path]!
                let html = renderPostmortem(
                    postmortem, body: document.html ?? "", actionHTML: document.actionHTML,
                    related: relatedByPath[path] ?? [], page: page, tickets: tickets, shortIDs: shortIDs,
                    options: options)
                var failure: String?
                do {
                    try FileWriter.overwrite(
                        at: (out as NSString).appendingPathComponent(page), contents: Array(html.utf8))
                } catch {
                    failure = error.localizedDescription
                }
                progress(counter.increment(), total)
                // Only the page is wanted of this pass: keep no more of the postmortem than its name.
                postmortem.sections = []
                postmortem.actions = []
                return (postmortem, failure)
            })
        if let failure = failures.compactMap({ $0 ?? nil }).first {
            throw PMError.cannotCreate(path: DisplayPath.of(out, relativeTo: displayBase), reason: failure)
        }
        var written = toRender.map(\.page).sorted()
        let diagnostics = set.diagnostics + skipped.map { PostmortemSet.skippedNote($0, displayBase: displayBase) }

        // The listing pages, the search index, the stylesheet and the script: rewritten when their bytes change.
        let listings = SiteListings(
            postmortems: postmortems, set: set, hrefs: hrefs, today: options.today, tickets: tickets,
            config: directory.config, generatedAt: options.generatedAt,
            searchWords: { searchWords[$0.filePath] ?? [] })
        try createDirectory((out as NSString).appendingPathComponent(SiteListings.pagesFolder))
        var newManifest = Manifest(layouts: String(templates.fingerprint, radix: 16), pages: pageEntries)

        // Old URLs of renamed incidents.
        for (page, (postmortem, alias)) in Self.redirects(for: postmortems, pages: Set(pagePaths.values))
            .sorted(by: { $0.key < $1.key })
        {
            let text = Self.redirectPage(
                to: hrefs[postmortem.id]!, title: postmortem.title, id: postmortem.id, alias: alias)
            newManifest.pages[page] = Manifest.Page(inputs: "redirect", validUntil: nil)
            if try writeIfChanged(
                Array(text.utf8), to: (out as NSString).appendingPathComponent(page), always: options.clean)
            {
                written.append(page)
            }
        }
        let writeListing = { (name: String, text: String) throws in
            if name.hasPrefix(SiteListings.pagesFolder + "/") { newManifest.pages[name] = Manifest.Page(inputs: "") }
            if try writeIfChanged(
                Array(text.utf8), to: (out as NSString).appendingPathComponent(name), always: options.clean)
            {
                written.append(name)
            }
        }
        try listings.write(templates: templates, to: writeListing)
        try writeListing("stats.html", templates.render(statsPage(postmortems, site: listings.site), with: "stats"))
        try writeListing("style.css", templates.stylesheet)
        try writeListing("search.js", templates.script)

        // Pages of incidents that are gone, and listing pages no longer needed.
        var removed: [String] = []
        for page in previous.pages.keys.sorted() where newManifest.pages[page] == nil && remove(page, in: out) {
            removed.append(page)
        }
        _ = try writeIfChanged(newManifest.encoded(), to: manifestPath)
        return Outcome(
            written: written, unchanged: pageEntries.count - toRender.count, removed: removed,
            diagnostics: diagnostics)
    }

    /// `incidents/NAME.html` for each file: its whole id as a slug (see `IncidentNames.pages`). A file whose id
    /// an earlier file already has (a lint error) gets a page named after its path, never the other's.
    public static func pageNames(for files: [String]) -> [String: String] {
        let ids = files.map { ((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension }
        let pages = IncidentNames.pages(for: ids)
        var taken: Set<String> = []
        var names: [String: String] = [:]
        for (path, id) in zip(files, ids).sorted(by: { $0.0 < $1.0 }) {
            let page = pages[id]!
            names[path] =
                taken.insert(page).inserted
                ? page
                : "incidents/\(IncidentNames.pageSlug(id))~\(String(ContentHash.of(path) & 0xFF_FFFF, radix: 16)).html"
        }
        return names
    }

    /// A page at an incident's old URL (an alias kept by `pm mv`) that sends the reader to its page.
    static func redirectPage(to page: String, title: String, id: String, alias: String) -> String {
        let target = HTMLText.escape((page as NSString).lastPathComponent)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="0; url=\(target)">
            <meta name="generator" content="pm">
            <link rel="canonical" href="\(target)">
            <link rel="stylesheet" href="../style.css">
            <title>Moved: \(HTMLText.escape(title)) · Postmortems</title>
            </head>
            <body>
            <main id="main">
            <h1>This postmortem has moved</h1>
            <p><a href="\(target)">\(HTMLText.escape(title))</a> is now <code>\(HTMLText.escape(id))</code> \
            (it was <code>\(HTMLText.escape(alias))</code>).</p>
            </main>
            </body>
            </html>

            """
    }

    /// Redirect page → (postmortem, alias) for every alias whose page name no incident page and no other
    /// name takes (a name two incidents claim is a lint error, and gets no redirect).
    static func redirects(for postmortems: [Postmortem], pages: Set<String>) -> [String: (Postmortem, String)] {
        var claims: [String: [(Postmortem, String)]] = [:]
        for postmortem in postmortems {
            for alias in Set(postmortem.frontMatter.aliases).sorted() {
                let page = "incidents/\(IncidentNames.pageSlug(alias)).html"
                guard !pages.contains(page) else { continue }
                claims[page, default: []].append((postmortem, alias))
            }
        }
        return claims.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// What an incident page is rendered from besides the day and the layouts: its file, its related
    /// incidents, the ticket links, the short form of its id, the build time.
    private func pageInputs(
        _ postmortem: Postmortem, related: [RelatedRow], shortID: String, tickets: TicketLinks, options: Options
    ) -> String {
        let relatedText = related.map { "\($0.href)\u{0}\($0.title)\u{0}\($0.date ?? "")\u{0}\($0.reason)" }
        return String(
            ContentHash.of(
                [
                    String(postmortem.sourceHash, radix: 16), options.generatedAt ?? "", tickets.fingerprint, shortID,
                    directory.config.policies.fingerprint,
                ]
                .joined(separator: "|") + "|" + relatedText.joined(separator: "\u{1}"),
                seed: templates.fingerprint),
            radix: 16)
    }

    /// The first day on which the page's overdue marks differ from today's: tomorrow when an action is
    /// overdue (its count of days changes), else the day after the earliest due date of an open action
    /// (it becomes overdue); nil when no day changes them.
    static func overdueMarksValidUntil(_ postmortem: Postmortem, today: CalendarDate) -> CalendarDate? {
        let dues = postmortem.actions.filter { !$0.isDone }.compactMap(\.due)
        if dues.contains(where: { $0 < today }) { return CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 1) }
        return dues.min().map { CalendarDate(daysSinceEpoch: $0.daysSinceEpoch + 1) }
    }

    /// The incident's page, at `page` (`incidents/NAME.html`).
    private func renderPostmortem(
        _ postmortem: Postmortem, body: String, actionHTML: [String], related: [RelatedRow], page: String,
        tickets: TicketLinks, shortIDs: [String: String], options: Options
    ) -> String {
        var badges: [FieldRow] = []
        var rows: [FieldRow] = []
        for field in FrontMatter.fields {
            let value = field.value(in: postmortem)
            if field.placement.contains(.badge), let text = value.displayText {
                badges.append(FieldRow(label: field.label, value: text, badge: Self.severityClass(text)))
            }
            let text = if case .time(let time) = value { time.map(Self.readable) } else { value.displayText }
            if field.placement.contains(.page), let text, !text.isEmpty {
                rows.append(FieldRow(label: field.label, value: text, badge: nil))
            }
        }
        for entry in postmortem.frontMatter.extra where !entry.value.displayText.isEmpty {
            rows.append(FieldRow(label: entry.key, value: entry.value.displayText, badge: nil))
        }
        rows = badges + rows
        let parts = body.components(separatedBy: SiteHTMLDecorator.placeholder)
        let actions = postmortem.actions.enumerated().map { index, action in
            Self.actionRow(
                action, in: postmortem, today: options.today, incidentHref: "../" + page, tickets: tickets,
                policies: directory.config.policies, shortIDs: shortIDs,
                textHTML: index < actionHTML.count ? actionHTML[index] : nil)
        }
        let open = postmortem.openActions.count
        let model = PostmortemPage(
            generatedAt: options.generatedAt, title: postmortem.title,
            banner: Self.banner(postmortem.frontMatter.status),
            policyBreaches: PolicyBreach.summaries(
                directory.config.policies.breaches(of: postmortem, today: options.today)),
            fields: rows, hasActions: !actions.isEmpty, actions: actions,
            actionsSummary: "\(open) open, \(actions.count - open) done", actionsInBody: parts.count > 1,
            body: parts.joined(), bodyBeforeActions: parts[0], bodyAfterActions: parts.dropFirst().joined(),
            hasRelated: !related.isEmpty, related: related, path: postmortem.path)
        return templates.render(model, with: "postmortem")
    }

    /// What a reader must know before quoting a postmortem that is not published.
    static func banner(_ status: Status?) -> Banner? {
        switch status {
        case .draft:
            return Banner(
                kind: "draft", label: "Draft",
                text: "This postmortem is still being written: facts, causes and actions may change, and the team "
                    + "has not reviewed it. Please do not quote it yet.")
        case .inReview:
            return Banner(
                kind: "in-review", label: "In review",
                text: "The team is reviewing this postmortem; details may still change before it is published.")
        default:
            return nil
        }
    }

    static func actionRow(
        _ action: ActionItem, in postmortem: Postmortem, today: CalendarDate, incidentHref: String,
        tickets: TicketLinks, policies: PolicyConfig, shortIDs: [String: String], textHTML: String? = nil,
        ownerKey: String = ""
    ) -> ActionRow {
        let due = DueWording(action, daysOverdue: action.daysOverdue(today: today))
        let localID = action.token
        return ActionRow(
            id: action.id, shortID: (shortIDs[action.incidentID] ?? action.incidentID) + "/" + localID,
            localID: localID,
            anchor: "action-" + localID,
            incidentID: action.incidentID, done: action.isDone, text: action.text, textHTML: textHTML,
            owners: action.owners.map { "@\($0)" }.joined(separator: " "), ownerKey: ownerKey,
            due: due.due, overdue: due.overdue,
            policy: PolicyConfig.PriorityActions.wording(policies.actionBreaches(of: action, in: postmortem)),
            kind: action.kind ?? "", ticket: action.ticket ?? "", ticketText: action.ticket.map(Self.ticketText) ?? "",
            ticketURL: action.ticket.flatMap(tickets.url(for:)),
            nested: action.depth > 0, incidentHref: incidentHref, incidentTitle: postmortem.title)
    }

    /// A ticket as a table shows it: a key as it is; a URL by its last part, or its host.
    static func ticketText(_ ticket: String) -> String {
        guard ticket.lowercased().hasPrefix("http"), let url = URL(string: ticket) else { return ticket }
        let last = url.path.split(separator: "/").last.map(String.init) ?? ""
        return last.isEmpty ? (url.host ?? ticket) : last
    }

    private func statsPage(_ postmortems: [Postmortem], site: SiteInfo) -> StatsPage {
        let stats = Statistics(postmortems, config: directory.config, today: CalendarDate(site.today)!)
        let charts = SiteCharts(postmortems: postmortems, statistics: stats).all.map { chart in
            let table = chart.table
            return ChartView(
                id: chart.id, title: chart.title, description: chart.description, svg: chart.svg(),
                header: table.header,
                rows: table.rows.map(ChartRow.init))
        }
        return StatsPage(
            site: site, incidentsText: Plural.count(postmortems.count, "incident", grouped: true),
            medianDetect: NumberText.duration(stats.timeToDetect.median).nonEmpty ?? "unknown",
            medianResolve: NumberText.duration(stats.timeToResolve.median).nonEmpty ?? "unknown",
            closureRate: NumberText.percent(stats.actions.closureRate).nonEmpty ?? "none", charts: charts)
    }

    /// A CSS class for a severity badge: the severity itself when pm styles it, else `other`.
    static func severityClass(_ severity: String) -> String {
        ["critical", "high", "medium", "low"].contains(severity) ? severity : "other"
    }

    static func readable(_ timestamp: Timestamp) -> String {
        timestamp.hasTime
            ? timestamp.description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(
                of: ":00Z", with: " UTC") : timestamp.description
    }

    private func createDirectory(_ path: String) throws(PMError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: DisplayPath.of(path, relativeTo: displayBase), reason: error.localizedDescription)
        }
    }

    /// Writes `bytes` unless the file already holds exactly them (or `always`); whether it wrote.
    private func writeIfChanged(_ bytes: [UInt8], to path: String, always: Bool = false) throws -> Bool {
        if !always, let current = FileManager.default.contents(atPath: path), [UInt8](current) == bytes { return false }
        try FileWriter.overwrite(at: path, contents: bytes)
        return true
    }

    private func remove(_ page: String, in out: String) -> Bool {
        (try? FileManager.default.removeItem(atPath: (out as NSString).appendingPathComponent(page))) != nil
    }
}

/// What the previous render wrote, kept in the output folder (`.pm-site.json`).
struct Manifest: Codable, Sendable {
    struct Page: Codable, Sendable, Equatable {
        /// A fingerprint of what the page is rendered from besides the day (file, related incidents,
        /// ticket links, build time); empty for a listing page.
        var inputs: String
        /// The first day the page's overdue marks change, when one does.
        var validUntil: CalendarDate?
    }

    var layouts: String = ""
    var pages: [String: Page] = [:]

    static func read(from folder: String) -> Manifest {
        guard
            let data = FileManager.default.contents(
                atPath: (folder as NSString).appendingPathComponent(SiteBuilder.manifestName)),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return Manifest() }
        return manifest
    }

    func encoded() -> [UInt8] {
        var text = ""
        JSONOutput.write(self, to: &text)
        return Array(text.utf8)
    }
}

/// Counts finished steps across threads, for progress reports.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}

extension String {
    /// Nil when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
