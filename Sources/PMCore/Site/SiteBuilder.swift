import Foundation

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
        templates = try SiteTemplates(teamFolder: (directory.templatesPath as NSString).appendingPathComponent("site"), displayBase: displayBase)
    }

    /// Builds the site; `progress(done, total)` is called as incident pages are rendered.
    public func build(_ options: Options, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Outcome {
        let out = options.outputPath
        let previous = Manifest.read(from: out)
        let manifest = options.clean ? Manifest() : previous
        var removed: [String] = []
        let (files, skipped) = try directory.scan()
        let pagePaths = Self.pageNames(for: files)
        let layoutsChanged = manifest.layouts != String(templates.fingerprint, radix: 16)

        try createDirectory((out as NSString).appendingPathComponent("incidents"))

        // One pass per file, several files at a time: parse it (with the body HTML when its page will
        // likely be rewritten), and write its page when the page's fingerprint changed. Only the parsed
        // model, without its HTML, outlives the file, so memory does not grow with the rendered pages.
        let catalog = directory.catalog
        let total = files.count
        let counter = ProgressCounter()
        let results = files.concurrentMap { path -> (result: PostmortemSet.FileResult, page: String, entry: Manifest.Page?, wrote: Bool, failure: String?) in
            let page = pagePaths[path]!
            let pagePath = (out as NSString).appendingPathComponent(page)
            var entry: Manifest.Page?
            var wrote = false
            var failure: String?
            let result = PostmortemSet.read(path, displayBase: displayBase) { bytes, shown, id in
                let likelyUnchanged = !layoutsChanged && manifest.pages[page]?.source == String(ContentHash.of(bytes), radix: 16)
                    && FileManager.default.fileExists(atPath: pagePath)
                var postmortem = PostmortemParser(catalog: catalog, rendersHTML: !likelyUnchanged, keepsSectionText: false).parse(bytes, path: shown, id: id)
                let fingerprint = String(pageFingerprint(postmortem, options: options), radix: 16)
                entry = Manifest.Page(source: String(postmortem.sourceHash, radix: 16), fingerprint: fingerprint)
                if layoutsChanged || manifest.pages[page]?.fingerprint != fingerprint || !FileManager.default.fileExists(atPath: pagePath) {
                    if postmortem.bodyHTML == nil {
                        postmortem.bodyHTML = PostmortemParser(catalog: catalog, rendersHTML: true, keepsSectionText: false).parse(bytes, path: shown, id: id).bodyHTML
                    }
                    do {
                        try FileCreation.overwrite(at: pagePath, contents: Array(renderPostmortem(postmortem, page: page, options: options).utf8))
                        wrote = true
                    } catch {
                        failure = error.localizedDescription
                    }
                }
                postmortem.bodyHTML = nil
                return postmortem
            }
            progress(counter.increment(), total)
            return (result, page, entry, wrote, failure)
        }
        if let failure = results.compactMap(\.failure).first { throw PMError.cannotCreate(path: PostmortemSet.displayPath(out, base: displayBase), reason: failure) }
        var set = PostmortemSet.gather(results.map(\.result))
        set.diagnostics += skipped.map {
            Diagnostic(.note, path: PostmortemSet.displayPath($0, base: displayBase), rule: "not-markdown", "skipped: not a Markdown file (.md)")
        }
        var newManifest = Manifest(layouts: String(templates.fingerprint, radix: 16))
        for result in results { if let entry = result.entry { newManifest.pages[result.page] = entry } }
        var written = results.filter(\.wrote).map(\.page)
        let postmortems = set.postmortems.sorted { ($0.date ?? CalendarDate(daysSinceEpoch: 0), $0.id) > ($1.date ?? CalendarDate(daysSinceEpoch: 0), $1.id) }
        let hrefs = Dictionary(postmortems.map { ($0.id, pagePaths[$0.filePath]!) }, uniquingKeysWith: { first, _ in first })

        // The pages that list incidents, and the stylesheet: rewritten when their bytes change.
        let site = SiteInfo(incidentCount: postmortems.count, today: options.today.description, generatedAt: options.generatedAt)
        let listings: [(String, String)] = [
            ("index.html", templates.render(indexPage(postmortems, site: site, hrefs: hrefs, today: options.today), with: "index")),
            ("actions.html", templates.render(actionsPage(set, site: site, hrefs: hrefs, today: options.today), with: "actions")),
            ("stats.html", templates.render(statsPage(postmortems, site: site, today: options.today), with: "stats")),
            ("style.css", templates.stylesheet),
        ]
        for (name, text) in listings where try writeIfChanged(Array(text.utf8), to: (out as NSString).appendingPathComponent(name), always: options.clean) {
            written.append(name)
        }

        // Pages of incidents that are gone.
        for page in previous.pages.keys.sorted() where newManifest.pages[page] == nil && remove(page, in: out) {
            removed.append(page)
        }
        _ = try writeIfChanged(newManifest.encoded(), to: (out as NSString).appendingPathComponent(Self.manifestName))
        return Outcome(written: written, unchanged: results.filter { $0.entry != nil && !$0.wrote }.count, removed: removed, diagnostics: set.diagnostics)
    }

    /// `incidents/NAME.html` for each file: its id as a slug, made unique in path order.
    static func pageNames(for files: [String]) -> [String: String] {
        var used: [String: Int] = [:]
        var names: [String: String] = [:]
        for path in files.sorted() {
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let base = Slug.make(id, fallback: "incident")
            let count = used[base, default: 0] + 1
            used[base] = count
            names[path] = "incidents/\(count == 1 ? base : "\(base)-\(count)").html"
        }
        return names
    }

    /// Everything an incident page shows that can change: its file, the layouts, its overdue marks, the build time.
    private func pageFingerprint(_ postmortem: Postmortem, options: Options) -> UInt64 {
        var hash = ContentHash.of(String(postmortem.sourceHash, radix: 16), seed: templates.fingerprint)
        let overdue = postmortem.actions.map { $0.daysOverdue(today: options.today).map(String.init) ?? "-" }.joined(separator: ",")
        hash = ContentHash.of(overdue + "|" + (options.generatedAt ?? ""), seed: hash)
        return hash
    }

    /// The incident's page, at `page` (`incidents/NAME.html`).
    private func renderPostmortem(_ postmortem: Postmortem, page: String, options: Options) -> String {
        let front = postmortem.frontMatter
        func time(_ timestamp: Timestamp?) -> String? { timestamp.map(Self.readable) }
        let fields: [(String, String?)] = [
            ("Date", postmortem.date?.description), ("Status", front.status?.rawValue), ("Template", front.template?.description),
            ("Started", time(front.started)), ("Detected", time(front.detected)), ("Acknowledged", time(front.acknowledged)),
            ("Resolved", time(front.resolved)), ("Time to detect", front.timeToDetect?.description),
            ("Time to resolve", front.timeToResolve?.description), ("Duration", front.duration?.description),
            ("Detection", front.detection), ("Responders", Self.joined(front.responders)), ("Facilitator", front.facilitator),
            ("Services", Self.joined(front.services)), ("Tags", Self.joined(front.tags)),
        ] + front.extra.map { ($0.key, $0.value.displayText) }
        var rows = fields.compactMap { label, value in value.flatMap { $0.isEmpty ? nil : FieldRow(label: label, value: $0, badge: nil) } }
        if let severity = front.severity {
            rows.insert(FieldRow(label: "Severity", value: severity, badge: Self.severityClass(severity)), at: 0)
        }
        let model = PostmortemPage(generatedAt: options.generatedAt, title: postmortem.title, fields: rows, hasActions: !postmortem.actions.isEmpty,
                                  actions: postmortem.actions.map { actionRow($0, in: postmortem, today: options.today, incidentHref: "../" + page) },
                                  body: postmortem.bodyHTML ?? "", path: postmortem.path)
        return templates.render(model, with: "postmortem")
    }

    private func actionRow(_ action: ActionItem, in postmortem: Postmortem, today: CalendarDate, incidentHref: String) -> ActionRow {
        let days = action.daysOverdue(today: today)
        let ticketIsURL = action.ticket.map { $0.lowercased().hasPrefix("http://") || $0.lowercased().hasPrefix("https://") } ?? false
        return ActionRow(done: action.isDone, text: action.text, owners: action.owners.map { "@\($0)" }.joined(separator: " "),
                         due: action.due?.description ?? action.dueText ?? "", overdue: days.map { "\($0) day\($0 == 1 ? "" : "s")" },
                         kind: action.kind ?? "", ticket: action.ticket ?? "", ticketURL: ticketIsURL ? action.ticket : nil,
                         incidentHref: incidentHref, incidentTitle: postmortem.title)
    }

    private func indexPage(_ postmortems: [Postmortem], site: SiteInfo, hrefs: [String: String], today: CalendarDate) -> IndexPage {
        let rows = postmortems.map { postmortem in
            let front = postmortem.frontMatter
            let overdue = postmortem.actions.filter { $0.isOverdue(today: today) }.count
            return IncidentRow(date: postmortem.date?.description, href: hrefs[postmortem.id]!, title: postmortem.title, severity: front.severity,
                               severityClass: Self.severityClass(front.severity ?? ""), status: front.status?.rawValue ?? "",
                               duration: front.duration?.description ?? "", timeToDetect: front.timeToDetect?.description ?? "",
                               openActions: postmortem.openActions.count, totalActions: postmortem.actions.count, overdueActions: overdue > 0 ? overdue : nil)
        }
        let overdue = postmortems.flatMap(\.actions).filter { $0.isOverdue(today: today) }.count
        return IndexPage(site: site, hasIncidents: !rows.isEmpty, incidents: rows, openActions: postmortems.flatMap(\.openActions).count,
                         overdueActions: overdue > 0 ? overdue : nil)
    }

    private func actionsPage(_ set: PostmortemSet, site: SiteInfo, hrefs: [String: String], today: CalendarDate) -> ActionsPage {
        var filter = ActionReport.Filter()
        filter.state = .open
        let report = ActionReport(set, filter: filter, today: today)
        let byID = Dictionary(set.postmortems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var anchors: [String: Int] = [:]
        let owners = report.groups(by: .owner).map { group -> OwnerGroup in
            let name = group.title ?? "no owner"
            let base = Slug.make(name, fallback: "owner")
            anchors[base, default: 0] += 1
            return OwnerGroup(name: name, anchor: anchors[base]! == 1 ? base : "\(base)-\(anchors[base]!)", count: group.records.count,
                              actions: group.records.map { actionRow($0.action, in: byID[$0.action.incidentID]!, today: today, incidentHref: hrefs[$0.action.incidentID] ?? "") })
        }
        let overdue = report.records.filter { $0.daysOverdue != nil }.count
        return ActionsPage(site: site, openActions: report.records.count, overdueActions: overdue > 0 ? overdue : nil, owners: owners)
    }

    private func statsPage(_ postmortems: [Postmortem], site: SiteInfo, today: CalendarDate) -> StatsPage {
        let stats = Statistics(postmortems, config: directory.config, today: today)
        let charts = SiteCharts(postmortems: postmortems, statistics: stats).all.map { chart in
            let table = chart.table
            return ChartView(id: chart.id, title: chart.title, description: chart.description, svg: chart.svg(), header: table.header,
                             rows: table.rows.map(ChartRow.init))
        }
        return StatsPage(site: site, medianDetect: StatsReport.duration(stats.timeToDetect.median).nonEmpty ?? "unknown",
                         medianResolve: StatsReport.duration(stats.timeToResolve.median).nonEmpty ?? "unknown",
                         closureRate: StatsReport.percent(stats.actions.closureRate).nonEmpty ?? "none", charts: charts)
    }

    /// A CSS class for a severity badge: the severity itself when pm styles it, else `other`.
    static func severityClass(_ severity: String) -> String {
        ["critical", "high", "medium", "low"].contains(severity) ? severity : "other"
    }

    static func readable(_ timestamp: Timestamp) -> String {
        timestamp.hasTime ? timestamp.description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: ":00Z", with: " UTC") : timestamp.description
    }

    static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: ", ")
    }

    private func createDirectory(_ path: String) throws(PMError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: PostmortemSet.displayPath(path, base: displayBase), reason: error.localizedDescription)
        }
    }

    /// Writes `bytes` unless the file already holds exactly them (or `always`); whether it wrote.
    private func writeIfChanged(_ bytes: [UInt8], to path: String, always: Bool = false) throws -> Bool {
        if !always, let current = FileManager.default.contents(atPath: path), [UInt8](current) == bytes { return false }
        try FileCreation.overwrite(at: path, contents: bytes)
        return true
    }

    private func remove(_ page: String, in out: String) -> Bool {
        (try? FileManager.default.removeItem(atPath: (out as NSString).appendingPathComponent(page))) != nil
    }
}

/// What the previous render wrote, kept in the output folder (`.pm-site.json`).
struct Manifest: Codable, Sendable {
    struct Page: Codable, Sendable, Equatable {
        var source: String
        var fingerprint: String
    }

    var layouts: String = ""
    var pages: [String: Page] = [:]

    static func read(from folder: String) -> Manifest {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(SiteBuilder.manifestName)),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return Manifest() }
        return manifest
    }

    func encoded() -> [UInt8] {
        var text = ""
        JSONOutput.write(self, to: &text)
        return Array(text.utf8)
    }
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
