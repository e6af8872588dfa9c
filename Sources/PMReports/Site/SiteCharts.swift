import Foundation
import PMDocument
import PMWorkspace

/// The four charts of the stats page, from the postmortems and their statistics.
struct SiteCharts {
    let postmortems: [Postmortem]
    let statistics: Statistics

    var all: [BarChart] { [incidentsPerMonth, detectAndResolve, actionsPerMonth, detectionSources] }

    /// How finely time is bucketed: months for up to two years of incidents, then quarters, then years.
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

    var period: Period {
        let dated = postmortems.compactMap(\.date)
        guard let first = dated.min(), let last = dated.max() else { return .month }
        let months = (last.year - first.year) * 12 + last.month - first.month + 1
        return months <= 24 ? .month : months <= 72 ? .quarter : .year
    }

    /// Every bucket from the first incident's to the last's, so gaps show as gaps.
    private var buckets: [String] {
        let dated = postmortems.compactMap(\.date).sorted()
        guard let first = dated.first, let last = dated.last else { return [] }
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
        return labels
    }

    var incidentsPerMonth: BarChart {
        let buckets = self.buckets
        let period = self.period
        let severities = statistics.bySeverity.map(\.0)
        var counts: [String: [String: Int]] = [:]
        for postmortem in postmortems {
            guard let date = postmortem.date else { continue }
            counts[period.label(date), default: [:]][postmortem.frontMatter.severity ?? "unknown", default: 0] += 1
        }
        let series = severities.map { severity in
            BarChart.Series(
                name: severity, cssClass: "sev-" + SiteBuilder.severityClass(severity),
                values: buckets.map { Double(counts[$0]?[severity] ?? 0) })
        }
        let busiest = counts.max { ($0.value.values.reduce(0, +), $1.key) < ($1.value.values.reduce(0, +), $0.key) }
        let description =
            "\(statistics.incidentCount) incidents over \(buckets.count) \(period.name)s"
            + (busiest.map { "; the most in \($0.key) (\($0.value.values.reduce(0, +)))" } ?? "") + ". "
            + statistics.bySeverity.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "."
        return BarChart(
            id: "incidents-per-period", title: "Incidents per \(period.name), by severity", description: description,
            categories: buckets, series: series, stacked: true, xLabel: period.name.capitalized, yLabel: "Incidents")
    }

    var detectAndResolve: BarChart {
        let timed = postmortems.filter {
            $0.date != nil && ($0.frontMatter.timeToDetect != nil || $0.frontMatter.timeToResolve != nil)
        }
        .sorted { ($0.date!, $0.id) < ($1.date!, $1.id) }
        let minutes = { (duration: Duration?) in duration.map { Double($0.seconds) / 60 } ?? 0 }
        let description =
            "Time to detect and to resolve for \(timed.count) incidents, in date order, on a logarithmic scale. "
            + "Median time to detect "
            + (NumberText.duration(statistics.timeToDetect.median).nonEmpty ?? "unknown") + ", median time to resolve "
            + (NumberText.duration(statistics.timeToResolve.median).nonEmpty ?? "unknown") + "."
        return BarChart(
            id: "detect-resolve", title: "Time to detect and to resolve, per incident", description: description,
            categories: timed.map { $0.date!.description },
            series: [
                BarChart.Series(
                    name: "time to detect", cssClass: "series-0",
                    values: timed.map { minutes($0.frontMatter.timeToDetect) }),
                BarChart.Series(
                    name: "time to resolve", cssClass: "series-1",
                    values: timed.map { minutes($0.frontMatter.timeToResolve) }),
            ],
            xLabel: "Incident", yLabel: "Minutes (log scale)", logScale: true,
            format: { $0 == 0 ? "–" : Duration(seconds: Int(($0 * 60).rounded())).description })
    }

    var actionsPerMonth: BarChart {
        let buckets = self.buckets
        let period = self.period
        var opened: [String: Int] = [:]
        var done: [String: Int] = [:]
        for postmortem in postmortems {
            guard let date = postmortem.date else { continue }
            opened[period.label(date), default: 0] += postmortem.actions.count
            done[period.label(date), default: 0] += postmortem.actions.filter(\.isDone).count
        }
        let description =
            "\(statistics.actions.total) action items, \(statistics.actions.done) done and \(statistics.actions.open) "
            + "open"
            + " (\(statistics.actions.overdue) overdue). Postmortems record no closing date, so each action counts in "
            + "the \(period.name) of its incident."
        return BarChart(
            id: "actions-per-period", title: "Action items opened per \(period.name), and how many are done",
            description: description,
            categories: buckets,
            series: [
                BarChart.Series(name: "opened", cssClass: "series-0", values: buckets.map { Double(opened[$0] ?? 0) }),
                BarChart.Series(name: "done", cssClass: "series-1", values: buckets.map { Double(done[$0] ?? 0) }),
            ],
            xLabel: "\(period.name.capitalized) of the incident", yLabel: "Action items")
    }

    var detectionSources: BarChart {
        let sources = statistics.byDetection
        let description =
            "How incidents were detected: " + sources.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "."
        return BarChart(
            id: "detection", title: "How incidents were detected", description: description,
            categories: sources.map(\.0),
            series: [BarChart.Series(name: "incidents", cssClass: "series-0", values: sources.map { Double($0.1) })],
            xLabel: "Detected by", yLabel: "Incidents")
    }
}
