import Foundation
import PMDocument
import PMWorkspace

/// `pm render`: the static HTML site for the wider team, written incrementally.
///
/// Each incident page carries a fingerprint of its inputs (the file's bytes, the layouts, its overdue
/// marks); a re-render parses every file (the index, actions and stats pages list them all) but renders
/// and writes only the incident pages whose fingerprint changed, and rewrites a listing page only when
/// its bytes change. Output is deterministic: the same inputs give byte-identical files.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var outputPath: String
        public var today: CalendarDate
        /// A build time to print in page footers; nil (the default) keeps output identical between runs.
        public var generatedAt: String?
        /// Render and write every page, whatever the last render remembered.
        public var clean: Bool

        public init(outputPath: String, today: CalendarDate, generatedAt: String? = nil, clean: Bool = false) {
            self.outputPath = outputPath
            self.today = today
            self.generatedAt = generatedAt
            self.clean = clean
        }
    }

    /// What a render did.
    public struct Outcome: Sendable {
        /// Files written (relative to the output folder), in order.
        public var written: [String]
        /// Pages left as they were.
        public var unchanged: Int
        /// Files of incidents that no longer exist, removed.
        public var removed: [String]
        /// Problems found in the postmortems (the site is still built from every readable file).
        public var diagnostics: [Diagnostic]
    }

    public static let manifestName = ".pm-site.json"

    let directory: PostmortemsDirectory
    let templates: SiteTemplates
    let displayBase: String

    public init(directory: PostmortemsDirectory, displayBase: String) throws(PMError) {
        self.directory = directory
        self.displayBase = displayBase
        templates = try SiteTemplates(
            teamFolder: (directory.templatesPath as NSString).appendingPathComponent("site"), displayBase: displayBase)
    }

    /// Builds the site; `progress(done, total)` is called as incident pages are rendered.
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
        var removed: [String] = []
        let (files, skipped) = try directory.scan()
        let pagePaths = Self.pageNames(for: files)
        let layoutsChanged = manifest.layouts != String(templates.fingerprint, radix: 16)

        // One pass per file, several files at a time: decide from the bytes and the manifest whether the
        // page is up to date, parse the file once (with the body HTML only when the page is rewritten), and
        // write the page. Only the parsed model, without its HTML, outlives the file, so memory does not
        // grow with the rendered pages.
        let total = files.count
        let counter = ProgressCounter()
        let loader = PostmortemLoader(parser: directory.parser, displayBase: displayBase)
        let decorator = SiteHTMLDecorator()
        let upToDate = { @Sendable (path: String, bytes: [UInt8]) -> Bool in
            let page = pagePaths[path]!
            guard !layoutsChanged, let entry = manifest.pages[page] else { return false }
            return entry.inputs == pageInputs(sourceHash: ContentHash.of(bytes), options: options)
                && (entry.validUntil.map { options.today < $0 } ?? true)
                && FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(page))
        }
        let (set, pageResults) = loader.load(
            files,
            request: { path, bytes in
                upToDate(path, bytes) ? .outline : ParseRequest(html: decorator)
            },
            each: { document, path, _ in
                var postmortem = document.postmortem
                let page = pagePaths[path]!
                var result = PageResult(
                    page: page,
                    entry: Manifest.Page(
                        inputs: pageInputs(sourceHash: postmortem.sourceHash, options: options),
                        validUntil: Self.overdueMarksValidUntil(postmortem, today: options.today)))
                if let html = document.html {
                    postmortem.filePath = path
                    do {
                        try FileWriter.overwrite(
                            at: (out as NSString).appendingPathComponent(page),
                            contents: Array(renderPostmortem(postmortem, body: html, page: page, options: options).utf8)
                        )
                        result.wrote = true
                    } catch {
                        result.failure = error.localizedDescription
                    }
                }
                progress(counter.increment(), total)
                return (postmortem, result)
            })
        let results = pageResults.compactMap { $0 }
        if let failure = results.compactMap(\.failure).first {
            throw PMError.cannotCreate(path: DisplayPath.of(out, relativeTo: displayBase), reason: failure)
        }
        let diagnostics = set.diagnostics + skipped.map { PostmortemSet.skippedNote($0, displayBase: displayBase) }
        var newManifest = Manifest(layouts: String(templates.fingerprint, radix: 16))
        for result in results { newManifest.pages[result.page] = result.entry }
        var written = results.filter(\.wrote).map(\.page)
        let postmortems = set.postmortems.sorted {
            ($0.date ?? CalendarDate(daysSinceEpoch: 0), $0.id) > ($1.date ?? CalendarDate(daysSinceEpoch: 0), $1.id)
        }
        let hrefs = Dictionary(
            postmortems.map { ($0.id, pagePaths[$0.filePath]!) }, uniquingKeysWith: { first, _ in first })

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

        // The pages that list incidents, and the stylesheet: rewritten when their bytes change.
        let site = SiteInfo(
            incidentCount: postmortems.count, today: options.today.description, generatedAt: options.generatedAt)
        let listings: [(String, String)] = [
            (
                "index.html",
                templates.render(indexPage(postmortems, site: site, hrefs: hrefs, today: options.today), with: "index")
            ),
            (
                "actions.html",
                templates.render(actionsPage(set, site: site, hrefs: hrefs, today: options.today), with: "actions")
            ),
            ("stats.html", templates.render(statsPage(postmortems, site: site, today: options.today), with: "stats")),
            ("style.css", templates.stylesheet),
        ]
        for (name, text) in listings
        where try writeIfChanged(
            Array(text.utf8), to: (out as NSString).appendingPathComponent(name), always: options.clean)
        {
            written.append(name)
        }

        // Pages of incidents that are gone.
        for page in previous.pages.keys.sorted() where newManifest.pages[page] == nil && remove(page, in: out) {
            removed.append(page)
        }
        _ = try writeIfChanged(newManifest.encoded(), to: manifestPath)
        return Outcome(
            written: written, unchanged: results.filter { !$0.wrote }.count, removed: removed, diagnostics: diagnostics)
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

    /// What an incident page is rendered from besides the day: its file, the layouts, the build time.
    private func pageInputs(sourceHash: UInt64, options: Options) -> String {
        String(
            ContentHash.of(
                String(sourceHash, radix: 16) + "|" + (options.generatedAt ?? ""), seed: templates.fingerprint),
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
    private func renderPostmortem(_ postmortem: Postmortem, body: String, page: String, options: Options) -> String {
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
        let model = PostmortemPage(
            generatedAt: options.generatedAt, title: postmortem.title, fields: rows,
            hasActions: !postmortem.actions.isEmpty,
            actions: postmortem.actions.map {
                actionRow($0, in: postmortem, today: options.today, incidentHref: "../" + page)
            },
            body: body, path: postmortem.path)
        return templates.render(model, with: "postmortem")
    }

    private func actionRow(_ action: ActionItem, in postmortem: Postmortem, today: CalendarDate, incidentHref: String)
        -> ActionRow
    {
        let due = DueWording(action, daysOverdue: action.daysOverdue(today: today))
        let ticketIsURL =
            action.ticket.map { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("https://") } ?? false
        return ActionRow(
            anchor: "action-\(action.token)", done: action.isDone, text: action.text,
            owners: action.owners.map { "@\($0)" }.joined(separator: " "), due: due.due ?? "", overdue: due.overdueDays,
            kind: action.kind ?? "", ticket: action.ticket ?? "", ticketURL: ticketIsURL ? action.ticket : nil,
            incidentHref: incidentHref, incidentTitle: postmortem.title)
    }

    private func indexPage(_ postmortems: [Postmortem], site: SiteInfo, hrefs: [String: String], today: CalendarDate)
        -> IndexPage
    {
        let rows = postmortems.map { postmortem in
            let front = postmortem.frontMatter
            let overdue = postmortem.actions.filter { $0.isOverdue(today: today) }.count
            return IncidentRow(
                date: postmortem.date?.description, href: hrefs[postmortem.id]!, title: postmortem.title,
                severity: front.severity,
                severityClass: Self.severityClass(front.severity ?? ""), status: front.status?.rawValue ?? "",
                duration: front.duration?.description ?? "", timeToDetect: front.timeToDetect?.description ?? "",
                openActions: postmortem.openActions.count, totalActions: postmortem.actions.count,
                overdueActions: overdue > 0 ? overdue : nil)
        }
        let overdue = postmortems.flatMap(\.actions).filter { $0.isOverdue(today: today) }.count
        return IndexPage(
            site: site, hasIncidents: !rows.isEmpty, incidents: rows,
            openActions: postmortems.flatMap(\.openActions).count,
            overdueActions: overdue > 0 ? overdue : nil)
    }

    private func actionsPage(_ set: PostmortemSet, site: SiteInfo, hrefs: [String: String], today: CalendarDate)
        -> ActionsPage
    {
        var filter = ActionReport.Filter()
        filter.state = .open
        let report = ActionReport(set, filter: filter, today: today)
        let byID = Dictionary(set.postmortems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var anchors: [String: Int] = [:]
        let owners = report.groups(by: .owner).map { group -> OwnerGroup in
            let name = group.title ?? "no owner"
            let base = Slug.make(name, fallback: "owner")
            anchors[base, default: 0] += 1
            return OwnerGroup(
                name: name, anchor: anchors[base]! == 1 ? base : "\(base)-\(anchors[base]!)",
                count: group.records.count,
                actions: group.records.map {
                    actionRow(
                        $0.action, in: byID[$0.action.incidentID]!, today: today,
                        incidentHref: hrefs[$0.action.incidentID] ?? "")
                })
        }
        let overdue = report.records.filter { $0.daysOverdue != nil }.count
        return ActionsPage(
            site: site, openActions: report.records.count, overdueActions: overdue > 0 ? overdue : nil, owners: owners)
    }

    private func statsPage(_ postmortems: [Postmortem], site: SiteInfo, today: CalendarDate) -> StatsPage {
        let stats = Statistics(postmortems, config: directory.config, today: today)
        let charts = SiteCharts(postmortems: postmortems, statistics: stats).all.map { chart in
            let table = chart.table
            return ChartView(
                id: chart.id, title: chart.title, description: chart.description, svg: chart.svg(),
                header: table.header,
                rows: table.rows.map(ChartRow.init))
        }
        return StatsPage(
            site: site, medianDetect: NumberText.duration(stats.timeToDetect.median).nonEmpty ?? "unknown",
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
        /// A fingerprint of what the page is rendered from besides the day (file, layouts, build time).
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

/// One incident page's part in a render.
private struct PageResult: Sendable {
    var page: String
    var entry: Manifest.Page
    var wrote = false
    var failure: String?
}

/// Counts finished pages across threads, for progress reports.
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
