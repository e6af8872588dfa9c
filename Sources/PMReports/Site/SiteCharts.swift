import Foundation
import PMDocument
import PMWorkspace

/// The charts of the stats page: trends per period (month, quarter or year, so that there are never more
/// than about fifty bars, from one incident to a hundred thousand), and how incidents were detected.
struct SiteCharts {
    let postmortems: [Postmortem]
    let statistics: Statistics
    let period: Period
    /// Every bucket from the first incident's to the last's, so gaps show as gaps.
    let buckets: [String]

    init(postmortems: [Postmortem], statistics: Statistics) {
        self.postmortems = postmortems
        self.statistics = statistics
        let dated = postmortems.compactMap(\.date)
        guard let first = dated.min(), let last = dated.max() else {
            (period, buckets) = (.month, [])
            return
        }
        let months = (last.year - first.year) * 12 + last.month - first.month + 1
        let period: Period = months <= 36 ? .month : months <= 144 ? .quarter : .year
        var labels: [String] = []
        var day = CalendarDate(year: first.year, month: first.month, day: 1)!
        while day <= last {
            let label = period.label(day)
            if labels.last != label { labels.append(label) }
            day =
                day.month == 12
                ? CalendarDate(year: day.year + 1, month: 1, day: 1)!
                : CalendarDate(year: day.year, month: day.month + 1, day: 1)!
        }
        (self.period, buckets) = (period, labels)
    }

    var all: [Chart] {
        [
            incidentsPerPeriod, durationTrend(detect: true), durationTrend(detect: false), actionsOpenedAndClosed,
            detectionSources,
        ]
    }

    /// How finely time is bucketed: months for up to three years of incidents, then quarters for up to
    /// twelve years, then years (so that there are never more than about fifty buckets).
    enum Period {
        case month, quarter, year

        var name: String { self == .month ? "month" : self == .quarter ? "quarter" : "year" }

        /// The bucket a date falls in: `2019-02`, `2019-Q1`, `2019`.
        func label(_ date: CalendarDate) -> String {
            switch self {
            case .month: return String(format: "%04d-%02d", date.year, date.month)
            case .quarter: return "\(date.year)-Q\((date.month - 1) / 3 + 1)"
            case .year: return String(date.year)
            }
        }
    }

    /// A count, with thousands grouped.
    static func count(_ value: Double) -> String { Plural.grouped(Int(value.rounded())) }

    var incidentsPerPeriod: Chart {
        var counts: [String: [String: Int]] = [:]
        for postmortem in postmortems {
            guard let date = postmortem.date else { continue }
            counts[period.label(date), default: [:]][postmortem.frontMatter.severity ?? "unknown", default: 0] += 1
        }
        let series = statistics.bySeverity.map(\.0).map { severity in
            Chart.Series(
                name: severity, cssClass: "sev-" + SiteBuilder.severityClass(severity),
                values: buckets.map { Double(counts[$0]?[severity] ?? 0) })
        }
        let busiest = counts.max { ($0.value.values.reduce(0, +), $1.key) < ($1.value.values.reduce(0, +), $0.key) }
        let description =
            "\(Plural.count(statistics.incidentCount, "incident", grouped: true)) over "
            + "\(Plural.count(buckets.count, period.name, grouped: true))"
            + (busiest.map { "; the most in \($0.key) (\(Plural.grouped($0.value.values.reduce(0, +))))" } ?? "")
            + ". " + statistics.bySeverity.map { "\($0.0): \(Plural.grouped($0.1))" }.joined(separator: ", ") + "."
        return Chart(
            id: "incidents-per-period", title: "Incidents per \(period.name), by severity", description: description,
            categories: buckets, series: series, style: .stackedBars, xLabel: period.name.capitalized,
            yLabel: "Incidents", format: Self.count)
    }

    /// The median and 90th percentile of time to detect (or to resolve) of each period's incidents.
    func durationTrend(detect: Bool) -> Chart {
        let span = { (front: FrontMatter) in detect ? front.timeToDetect : front.timeToResolve }
        var minutes: [String: [Double]] = [:]
        for postmortem in postmortems {
            guard let date = postmortem.date, let duration = span(postmortem.frontMatter) else { continue }
            minutes[period.label(date), default: []].append(Double(duration.seconds) / 60)
        }
        let summaries = buckets.map { minutes[$0].map { Statistics.DurationSummary($0, missing: 0) } }
        let overall = detect ? statistics.timeToDetect : statistics.timeToResolve
        let what = detect ? "detect" : "resolve"
        let measured = summaries.reduce(0) { $0 + ($1?.count ?? 0) }
        let description =
            "Time to \(what) (\(detect ? "started to detected" : "detected to resolved")) per \(period.name), "
            + "on a logarithmic scale: the median and the 90th percentile of the "
            + "\(Plural.count(measured, "incident", grouped: true)) with both times. Overall median "
            + (NumberText.duration(overall.median).nonEmpty ?? "unknown") + ", 90th percentile "
            + (NumberText.duration(overall.p90).nonEmpty ?? "unknown") + "."
        return Chart(
            id: "time-to-\(what)", title: "Time to \(what) per \(period.name): median and 90th percentile",
            description: description, categories: buckets,
            series: [
                Chart.Series(name: "median", cssClass: "series-0", values: summaries.map { $0?.median }),
                Chart.Series(name: "90th percentile", cssClass: "series-1", values: summaries.map { $0?.p90 }),
            ],
            style: .lines, xLabel: period.name.capitalized, yLabel: "Time (log scale)", logScale: true,
            format: { Duration(seconds: Int(($0 * 60).rounded())).description })
    }

    var actionsOpenedAndClosed: Chart {
        var opened: [String: Int] = [:]
        var closed: [String: Int] = [:]
        var undated = 0
        for postmortem in postmortems {
            guard let date = postmortem.date else { continue }
            opened[period.label(date), default: 0] += postmortem.actions.count
            for action in postmortem.actions where action.isDone {
                if let closing = action.closed {
                    closed[period.label(closing), default: 0] += 1
                } else {
                    undated += 1
                    closed[period.label(date), default: 0] += 1
                }
            }
        }
        let actions = statistics.actions
        var description =
            "\(Plural.count(actions.total, "action item", grouped: true)): \(Plural.grouped(actions.done)) done, "
            + "\(Plural.grouped(actions.open)) open (\(Plural.grouped(actions.overdue)) overdue). Opened: in the "
            + "\(period.name) of their incident; closed: in the \(period.name) they were closed (their done: date, "
            + "else the commit that ticked them)."
        if undated > 0 {
            description +=
                " \(undated == actions.done ? "No done action" : Plural.count(undated, "done action", grouped: true)) "
                + "records when it was closed; \(undated == 1 ? "it counts" : "those count") in the \(period.name) "
                + "of \(undated == 1 ? "its" : "their") incident."
        }
        return Chart(
            id: "actions-per-period", title: "Action items opened and closed per \(period.name)",
            description: description, categories: buckets,
            series: [
                Chart.Series(name: "opened", cssClass: "series-0", values: buckets.map { Double(opened[$0] ?? 0) }),
                Chart.Series(name: "closed", cssClass: "series-1", values: buckets.map { Double(closed[$0] ?? 0) }),
            ],
            xLabel: period.name.capitalized, yLabel: "Action items", format: Self.count)
    }

    var detectionSources: Chart {
        let sources = statistics.byDetection
        let description =
            "How incidents were detected: "
            + sources.map { "\($0.0) \(Plural.grouped($0.1))" }.joined(separator: ", ") + "."
        return Chart(
            id: "detection", title: "How incidents were detected", description: description,
            categories: sources.map(\.0),
            series: [Chart.Series(name: "incidents", cssClass: "series-0", values: sources.map { Double($0.1) })],
            xLabel: "Detected by", yLabel: "Incidents", format: Self.count)
    }
}
