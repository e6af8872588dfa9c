import Foundation
import PMDocument
import PMWorkspace

/// `pm stats` output: a table for people, json for tools (names documented in the README).
public struct StatsReport: Sendable {
    public var statistics: Statistics

    public init(_ statistics: Statistics) {
        self.statistics = statistics
    }

    public func write(json: Bool, style: TerminalStyle, to output: inout some TextOutputStream) {
        if json {
            JSONOutput.write(JSONShape(statistics), to: &output)
        } else {
            writeTable(style: style, to: &output)
        }
    }

    // MARK: Table

    private func writeTable(style: TerminalStyle, to output: inout some TextOutputStream) {
        let stats = statistics
        func bold(_ text: String) -> String { style.apply(.strong, to: text) }
        func list(_ counts: [(String, Int)]) -> String {
            counts.isEmpty ? "none" : counts.map { "\($0.0) \($0.1)" }.joined(separator: " · ")
        }
        let span = [stats.firstDate, stats.lastDate].compactMap { $0?.description }
        output.write(
            bold("\(stats.incidentCount) incident\(stats.incidentCount == 1 ? "" : "s")")
                + (span.count == 2 ? ", \(span[0]) to \(span[1])" : "") + " (as of \(stats.today))\n")
        guard stats.incidentCount > 0 else { return }
        output.write("  by severity:  \(list(stats.bySeverity))\n")
        output.write("  by detection: \(list(stats.byDetection))\n")
        output.write("  by service:   \(list(stats.byService))\n\n")

        let severities = stats.bySeverity.map(\.0)
        let months = stats.byMonth.map { month, counts in
            [TextTable.Cell(month), TextTable.Cell(String(counts.values.reduce(0, +)))]
                + severities.map { TextTable.Cell(counts[$0].map(String.init) ?? "") }
        }
        TextTable(headers: ["MONTH", "TOTAL"] + severities, groups: [.init(title: nil, rows: months)], shrinkOrder: [])
            .write(to: &output, style: style)
        output.write("\n")

        for (title, overall, bySeverity) in [
            ("TIME TO DETECT", stats.timeToDetect, stats.timeToDetectBySeverity),
            ("TIME TO RESOLVE", stats.timeToResolve, stats.timeToResolveBySeverity),
        ] {
            let rows = [("all", overall)] + bySeverity
            TextTable(
                headers: [title, "N", "MISSING", "MEDIAN", "P90", "MEAN"],
                groups: [
                    .init(
                        title: nil,
                        rows: rows.map { name, summary in
                            [
                                TextTable.Cell(name), TextTable.Cell(String(summary.count)),
                                TextTable.Cell(String(summary.missing)),
                                TextTable.Cell(NumberText.duration(summary.median)),
                                TextTable.Cell(NumberText.duration(summary.p90)),
                                TextTable.Cell(NumberText.duration(summary.mean)),
                            ]
                        })
                ], shrinkOrder: []
            ).write(to: &output, style: style)
            output.write("\n")
        }

        func row(_ name: String, _ summary: Statistics.ActionSummary) -> [TextTable.Cell] {
            [
                TextTable.Cell(name), TextTable.Cell(String(summary.total)), TextTable.Cell(String(summary.open)),
                TextTable.Cell(String(summary.done)),
                TextTable.Cell(String(summary.overdue), emphasis: summary.overdue > 0 ? .alert : nil),
                TextTable.Cell(NumberText.percent(summary.closureRate)),
                TextTable.Cell(summary.medianOpenAgeDays.map { "\(NumberText.number($0))d" } ?? ""),
            ]
        }
        TextTable(
            headers: ["ACTIONS", "TOTAL", "OPEN", "DONE", "OVERDUE", "CLOSED", "MEDIAN OPEN AGE"],
            groups: [
                .init(title: nil, rows: [row("all", stats.actions)]),
                .init(
                    title: "by kind",
                    rows: stats.actionsByKind.map { row($0.0 == "none" ? "(no kind)" : "#" + $0.0, $0.1) }),
                .init(
                    title: "by owner",
                    rows: stats.actionsByOwner.map { row($0.0 == "none" ? "(no owner)" : "@" + $0.0, $0.1) }),
            ], shrinkOrder: []
        ).write(to: &output, style: style)

        output.write("\n")
        let closeRows =
            [("all", stats.timeToClose)] + stats.timeToCloseBySeverity
            + stats.timeToCloseByKind.map { ($0.0 == "none" ? "(no kind)" : "#" + $0.0, $0.1) }
        func days(_ value: Double?) -> String { value.map { "\(NumberText.number($0))d" } ?? "" }
        TextTable(
            headers: ["TIME TO CLOSE", "N", "UNKNOWN", "MEDIAN", "P90", "MEAN"],
            groups: [
                .init(
                    title: nil,
                    rows: closeRows.map { name, summary in
                        [
                            TextTable.Cell(name), TextTable.Cell(String(summary.count)),
                            TextTable.Cell(String(summary.missing)), TextTable.Cell(days(summary.median)),
                            TextTable.Cell(days(summary.p90)), TextTable.Cell(days(summary.mean)),
                        ]
                    })
            ], shrinkOrder: []
        ).write(to: &output, style: style)
        let (onTime, counted) = stats.closedByDue
        output.write(
            "  closed by their due date: \(onTime) of \(counted)"
                + (counted == 0 ? "" : " (\(NumberText.percent(Double(onTime) / Double(counted))))") + "\n")
        output.write(
            "  open actions by age: "
                + stats.openByAge.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "\n")

        output.write("\n" + bold("Hygiene") + "\n")
        let stale = stats.staleDrafts.map { "\($0.id) (\(Plural.count($0.days, "day")))" }
        output.write(
            "  drafts older than \(Statistics.staleDraftDays) days: "
                + "\(stale.isEmpty ? "none" : stale.joined(separator: ", "))\n"
        )
        let withoutActions = stats.publishedWithoutActions
        output.write(
            "  published without actions: \(withoutActions.isEmpty ? "none" : withoutActions.joined(separator: ", "))\n"
        )
    }

    // MARK: JSON

    /// The unit a distribution's figures are in, and what its JSON calls the entries without a figure.
    protocol DistributionUnit {
        static var suffix: String { get }
        static var missingKey: String { get }
    }

    enum Seconds: DistributionUnit {
        static let suffix = "seconds"
        static let missingKey = "missing"
    }

    /// Days to close: entries without a figure are `unknown` (never closed, or closed on no known day).
    enum Days: DistributionUnit {
        static let suffix = "days"
        static let missingKey = "unknown"
    }

    /// A duration summary as JSON: `count`, the missing count, and `median_`/`p90_`/`mean_` + the unit.
    struct Distribution<Unit: DistributionUnit>: Encodable {
        var summary: Statistics.DurationSummary

        init(_ summary: Statistics.DurationSummary) { self.summary = summary }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: FieldKey.self)
            try container.encode(summary.count, forKey: FieldKey(stringValue: "count"))
            try container.encode(summary.missing, forKey: FieldKey(stringValue: Unit.missingKey))
            for (name, figure) in [("median", summary.median), ("p90", summary.p90), ("mean", summary.mean)] {
                try container.encodeOrNull(figure, forKey: FieldKey(stringValue: "\(name)_\(Unit.suffix)"))
            }
        }
    }

    typealias Durations = Distribution<Seconds>

    struct DurationGroup: Encodable {
        var overall: Durations
        var bySeverity: [String: Durations]

        enum CodingKeys: String, CodingKey {
            case overall
            case bySeverity = "by_severity"
        }
    }

    struct Actions: Encodable {
        var total, open, done, overdue: Int
        @NullWhenMissing var closureRate: Double?
        @NullWhenMissing var medianOpenAgeDays: Double?

        init(_ summary: Statistics.ActionSummary) {
            total = summary.total
            open = summary.open
            done = summary.done
            overdue = summary.overdue
            closureRate = summary.closureRate
            medianOpenAgeDays = summary.medianOpenAgeDays
        }

        enum CodingKeys: String, CodingKey {
            case total, open, done, overdue
            case closureRate = "closure_rate"
            case medianOpenAgeDays = "median_open_age_days"
        }

    }

    struct ActionGroup: Encodable {
        var overall: Actions
        var byKind: [String: Actions]
        var byOwner: [String: Actions]

        enum CodingKeys: String, CodingKey {
            case overall
            case byKind = "by_kind"
            case byOwner = "by_owner"
        }
    }

    struct Incidents: Encodable {
        var total: Int
        @NullWhenMissing var first: String?
        @NullWhenMissing var last: String?
        var bySeverity: [String: Int]
        var byMonth: [String: [String: Int]]
        var byService: [String: Int]
        var byDetection: [String: Int]

        enum CodingKeys: String, CodingKey {
            case total, first, last
            case bySeverity = "by_severity"
            case byMonth = "by_month"
            case byService = "by_service"
            case byDetection = "by_detection"
        }

    }

    typealias CloseDays = Distribution<Days>

    struct TimeToClose: Encodable {
        var overall: CloseDays
        var bySeverity: [String: CloseDays]
        var byKind: [String: CloseDays]
        var closedByDue: Int
        var closedWithDue: Int
        var openByAge: [String: Int]

        enum CodingKeys: String, CodingKey {
            case overall
            case bySeverity = "by_severity"
            case byKind = "by_kind"
            case closedByDue = "closed_by_due"
            case closedWithDue = "closed_with_due"
            case openByAge = "open_by_age"
        }
    }

    struct StaleDraft: Encodable {
        var id: String
        var days: Int
    }

    struct Hygiene: Encodable {
        var staleDrafts: [StaleDraft]
        var publishedWithoutActions: [String]

        enum CodingKeys: String, CodingKey {
            case staleDrafts = "stale_drafts"
            case publishedWithoutActions = "published_without_actions"
        }
    }

    struct JSONShape: Encodable {
        var asOf: String
        var incidents: Incidents
        var timeToDetect: DurationGroup
        var timeToResolve: DurationGroup
        var actions: ActionGroup
        var timeToClose: TimeToClose
        var hygiene: Hygiene

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of"
            case incidents
            case timeToDetect = "time_to_detect"
            case timeToResolve = "time_to_resolve"
            case actions, hygiene
            case timeToClose = "time_to_close"
        }

        init(_ stats: Statistics) {
            asOf = stats.today.description
            incidents = Incidents(
                total: stats.incidentCount, first: stats.firstDate?.description, last: stats.lastDate?.description,
                bySeverity: Dictionary(uniqueKeysWithValues: stats.bySeverity),
                byMonth: Dictionary(uniqueKeysWithValues: stats.byMonth),
                byService: Dictionary(uniqueKeysWithValues: stats.byService),
                byDetection: Dictionary(uniqueKeysWithValues: stats.byDetection))
            timeToDetect = DurationGroup(
                overall: Durations(stats.timeToDetect),
                bySeverity: Dictionary(
                    uniqueKeysWithValues: stats.timeToDetectBySeverity.map { ($0.0, Durations($0.1)) }))
            timeToResolve = DurationGroup(
                overall: Durations(stats.timeToResolve),
                bySeverity: Dictionary(
                    uniqueKeysWithValues: stats.timeToResolveBySeverity.map { ($0.0, Durations($0.1)) }))
            actions = ActionGroup(
                overall: Actions(stats.actions),
                byKind: Dictionary(uniqueKeysWithValues: stats.actionsByKind.map { ($0.0, Actions($0.1)) }),
                byOwner: Dictionary(uniqueKeysWithValues: stats.actionsByOwner.map { ($0.0, Actions($0.1)) }))
            timeToClose = TimeToClose(
                overall: CloseDays(stats.timeToClose),
                bySeverity: Dictionary(
                    uniqueKeysWithValues: stats.timeToCloseBySeverity.map { ($0.0, CloseDays($0.1)) }),
                byKind: Dictionary(uniqueKeysWithValues: stats.timeToCloseByKind.map { ($0.0, CloseDays($0.1)) }),
                closedByDue: stats.closedByDue.onTime, closedWithDue: stats.closedByDue.counted,
                openByAge: Dictionary(uniqueKeysWithValues: stats.openByAge))
            hygiene = Hygiene(
                staleDrafts: stats.staleDrafts.map { StaleDraft(id: $0.id, days: $0.days) },
                publishedWithoutActions: stats.publishedWithoutActions)
        }
    }
}
