import PMDocument
import PMWorkspace

/// The numbers `pm stats` reports: incidents, time to detect and resolve, action items, hygiene.
public struct Statistics: Sendable {
    /// Median, 90th percentile and mean of a set of durations, and how many incidents lacked the times.
    public struct DurationSummary: Sendable, Equatable {
        /// Incidents that have both timestamps (in order).
        public var count: Int
        /// Incidents without one of the timestamps.
        public var missing: Int
        public var median: Double?
        /// The nearest-rank 90th percentile: the smallest value with at least 90% of values at or below it.
        public var p90: Double?
        public var mean: Double?

        public init(_ durations: [Double], missing: Int) {
            let sorted = durations.sorted()
            count = sorted.count
            self.missing = missing
            median = Statistics.median(sorted)
            p90 = Statistics.percentile(90, of: sorted)
            mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
        }
    }

    /// Counts of action items and how well they get closed.
    public struct ActionSummary: Sendable, Equatable {
        public var total = 0
        public var open = 0
        public var done = 0
        public var overdue = 0
        /// Done ÷ total; nil without actions.
        public var closureRate: Double? { total == 0 ? nil : Double(done) / Double(total) }
        /// Median days since the incident, over open actions of dated incidents.
        public var medianOpenAgeDays: Double?

        public init() {}

        mutating func count(_ action: ActionItem, today: CalendarDate) {
            total += 1
            if action.isDone { done += 1 } else { open += 1 }
            if action.isOverdue(today: today) { overdue += 1 }
        }
    }

    public var today: CalendarDate
    public var incidentCount: Int
    public var firstDate: CalendarDate?
    public var lastDate: CalendarDate?
    /// Severity → incidents, most severe first (the configured scale), then any others by name.
    public var bySeverity: [(String, Int)]
    /// `YYYY-MM` → severity → incidents, months in order; undated incidents under "undated".
    public var byMonth: [(String, [String: Int])]
    /// Service → incidents, most first.
    public var byService: [(String, Int)]
    /// Detection source → incidents, most first; incidents without one under "unknown".
    public var byDetection: [(String, Int)]
    public var timeToDetect: DurationSummary
    public var timeToDetectBySeverity: [(String, DurationSummary)]
    public var timeToResolve: DurationSummary
    public var timeToResolveBySeverity: [(String, DurationSummary)]
    public var actions: ActionSummary
    /// Kind → summary, by name; actions without a kind under "none".
    public var actionsByKind: [(String, ActionSummary)]
    /// Owner → summary, by name; actions without an owner under "none". An action with two owners counts for each.
    public var actionsByOwner: [(String, ActionSummary)]
    /// Drafts whose incident is more than `staleDraftDays` old: id and age in days, oldest first.
    /// Days from the incident's date to each done action's closing day (from its `done:` token or git).
    public var timeToClose: DurationSummary
    public var timeToCloseBySeverity: [(String, DurationSummary)]
    public var timeToCloseByKind: [(String, DurationSummary)]
    /// Done actions with a due date and a known closing day, and how many of them closed on or before it.
    public var closedByDue: (onTime: Int, counted: Int)
    /// Open actions by days since their incident, in ``openAgeBuckets`` order.
    public var openByAge: [(String, Int)]
    /// The upper bounds (days) of the open-age buckets; the last bucket is everything older.
    public static let openAgeBuckets = [7, 30, 90, 180, 365]
    public var staleDrafts: [(id: String, days: Int)]
    /// Published postmortems with no action item.
    public var publishedWithoutActions: [String]

    /// Days after which a draft counts as abandoned.
    public static let staleDraftDays = 14

    public init(_ postmortems: [Postmortem], config: Config, today: CalendarDate) {
        self.today = today
        incidentCount = postmortems.count
        let dates = postmortems.compactMap(\.date)
        firstDate = dates.min()
        lastDate = dates.max()
        let severityOf = { (postmortem: Postmortem) in postmortem.frontMatter.severity ?? "unknown" }
        let severityOrder = { (severity: String) in
            (config.rank(ofSeverity: severity == "unknown" ? nil : severity), severity)
        }

        func counts(_ keys: [String]) -> [(String, Int)] {
            Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: +).sorted {
                $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
            }
        }
        bySeverity = Dictionary(postmortems.map { (severityOf($0), 1) }, uniquingKeysWith: +)
            .sorted { severityOrder($0.key) < severityOrder($1.key) }
        var months: [String: [String: Int]] = [:]
        for postmortem in postmortems {
            let month = postmortem.date.map { String($0.description.prefix(7)) } ?? "undated"
            months[month, default: [:]][severityOf(postmortem), default: 0] += 1
        }
        byMonth = months.sorted { $0.key < $1.key }
        byService = counts(postmortems.flatMap(\.frontMatter.services))
        byDetection = counts(postmortems.map { $0.frontMatter.detection ?? "unknown" })

        func durations(_ span: (FrontMatter) -> Duration?, for group: [Postmortem]) -> DurationSummary {
            let values = group.compactMap { span($0.frontMatter).map { Double($0.seconds) } }
            return DurationSummary(values, missing: group.count - values.count)
        }
        let severities = bySeverity.map(\.0)
        let groups = Dictionary(grouping: postmortems, by: severityOf)
        timeToDetect = durations(\.timeToDetect, for: postmortems)
        timeToResolve = durations(\.timeToResolve, for: postmortems)
        timeToDetectBySeverity = severities.map { ($0, durations(\.timeToDetect, for: groups[$0] ?? [])) }
        timeToResolveBySeverity = severities.map { ($0, durations(\.timeToResolve, for: groups[$0] ?? [])) }

        // Every action counts overall, for its kind, and for each of its owners.
        var summaries: [String: ActionSummary] = [:]  // "" overall, "kind:…", "owner:…"
        var openAges: [String: [Double]] = [:]
        for postmortem in postmortems {
            for action in postmortem.actions {
                let owners = action.owners.isEmpty ? ["none"] : Set(action.owners.map { $0.lowercased() }).sorted()
                for group in [""] + ["kind:" + (action.kind ?? "none")] + owners.map({ "owner:" + $0 }) {
                    summaries[group, default: ActionSummary()].count(action, today: today)
                    if !action.isDone, let date = postmortem.date {
                        openAges[group, default: []].append(Double(date.days(until: today)))
                    }
                }
            }
        }
        for group in summaries.keys {
            summaries[group]?.medianOpenAgeDays = Self.median((openAges[group] ?? []).sorted())
        }
        func split(_ prefix: String) -> [(String, ActionSummary)] {
            summaries.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }
                .sorted { $0.0 < $1.0 }
        }
        actions = summaries[""] ?? ActionSummary()
        actionsByKind = split("kind:")
        actionsByOwner = split("owner:")

        // Time to close, in days: `missing` counts done actions whose closing day is unknown.
        var closeDays: [String: [Double]] = [:]  // "" overall, "severity:…", "kind:…"
        var closeMissing: [String: Int] = [:]
        var onTime = 0
        var counted = 0
        var ages = Array(repeating: 0, count: Self.openAgeBuckets.count + 1)
        for postmortem in postmortems {
            for action in postmortem.actions {
                if !action.isDone {
                    guard let date = postmortem.date else { continue }
                    let age = date.days(until: today)
                    ages[Self.openAgeBuckets.firstIndex { age <= $0 } ?? Self.openAgeBuckets.count] += 1
                    continue
                }
                let groups = ["", "severity:" + severityOf(postmortem), "kind:" + (action.kind ?? "none")]
                if let days = action.daysToClose(from: postmortem.date) {
                    for group in groups { closeDays[group, default: []].append(Double(days)) }
                } else {
                    for group in groups { closeMissing[group, default: 0] += 1 }
                }
                if let due = action.due, let closed = action.closed {
                    counted += 1
                    if closed <= due { onTime += 1 }
                }
            }
        }
        func closing(_ group: String) -> DurationSummary {
            DurationSummary(closeDays[group] ?? [], missing: closeMissing[group] ?? 0)
        }
        timeToClose = closing("")
        timeToCloseBySeverity = severities.map { ($0, closing("severity:" + $0)) }.filter {
            $0.1.count + $0.1.missing > 0
        }
        timeToCloseByKind = Set(closeDays.keys).union(closeMissing.keys).filter { $0.hasPrefix("kind:") }.sorted().map {
            (String($0.dropFirst(5)), closing($0))
        }
        closedByDue = (onTime, counted)
        var bucketNames: [String] = []
        var lower = 0
        for upper in Self.openAgeBuckets {
            bucketNames.append("\(lower)-\(upper)d")
            lower = upper + 1
        }
        bucketNames.append(">\(Self.openAgeBuckets.last!)d")
        openByAge = Array(zip(bucketNames, ages))

        staleDrafts = postmortems.compactMap { postmortem in
            guard postmortem.frontMatter.status == .draft, let date = postmortem.date,
                date.days(until: today) > Self.staleDraftDays
            else { return nil }
            return (postmortem.id, date.days(until: today))
        }.sorted { $0.days != $1.days ? $0.days > $1.days : $0.id < $1.id }
        publishedWithoutActions = postmortems.filter { $0.frontMatter.status == .published && $0.actions.isEmpty }.map(
            \.id
        ).sorted()
    }

    /// The median of sorted values: the middle one, or the mean of the two middle ones.
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ p: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
