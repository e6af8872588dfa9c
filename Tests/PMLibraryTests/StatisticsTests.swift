import Foundation
import Testing

@testable import PMDocument
@testable import PMLint
@testable import PMReports
@testable import PMWorkspace

/// Statistics on four incidents whose answers were worked out by hand (see the comments).
@Suite struct StatisticsTests {
    static let today = CalendarDate("2026-03-01")!

    static let postmortems: [Postmortem] = [
        // A: critical, TTD 10m (600 s), TTR 1h (3600 s); one done and one overdue action, both @sam.
        parse(
            """
            ---
            title: A
            date: 2026-01-10
            severity: critical
            status: published
            started: 2026-01-10T10:00:00Z
            detected: 2026-01-10T10:10:00Z
            resolved: 2026-01-10T11:10:00Z
            detection: alert
            services: [api]
            ---
            ## Action items
            - [x] Prevent @sam due:2026-01-20 #prevent
            - [ ] Detect @sam due:2026-02-01 #detect
            """, path: "p/2026-01-10-a.md"),
        // B: critical draft (40 days old: stale), TTD 30m (1800 s), TTR 2h (7200 s); two open actions.
        parse(
            """
            ---
            title: B
            date: 2026-01-20
            severity: critical
            status: draft
            started: 2026-01-20T00:00:00Z
            detected: 2026-01-20T00:30:00Z
            resolved: 2026-01-20T02:30:00Z
            detection: customer-support
            services: [api, db]
            ---
            ## Action items
            - [ ] Detect later @jo due:2026-04-01 #detect
            - [ ] Someone should
            """, path: "p/2026-01-20-b.md"),
        // C: high, published without actions; no detected time, so neither TTD nor TTR.
        parse(
            """
            ---
            title: C
            date: 2026-02-05
            severity: high
            status: published
            started: 2026-02-05T08:00:00Z
            resolved: 2026-02-05T09:00:00Z
            detection: alert
            services: [db]
            ---
            """, path: "p/2026-02-05-c.md"),
        // D: low, TTD 20m (1200 s), TTR 30m (1800 s); no detection source; one done action.
        parse(
            """
            ---
            title: D
            date: 2026-02-20
            severity: low
            status: in-review
            started: 2026-02-20T12:00:00Z
            detected: 2026-02-20T12:20:00Z
            resolved: 2026-02-20T12:50:00Z
            ---
            ## Action items
            - [x] Process @jo due:2026-02-25 #process
            """, path: "p/2026-02-20-d.md"),
    ]

    static let stats = Statistics(postmortems, config: Config(), today: today)

    @Test func incidentCounts() {
        let stats = Self.stats
        #expect(stats.incidentCount == 4)
        #expect(stats.firstDate == CalendarDate("2026-01-10"))
        #expect(stats.lastDate == CalendarDate("2026-02-20"))
        #expect(stats.bySeverity.map { "\($0.0) \($0.1)" } == ["critical 2", "high 1", "low 1"])
        #expect(stats.byMonth.map(\.0) == ["2026-01", "2026-02"])
        #expect(stats.byMonth[0].1 == ["critical": 2])
        #expect(stats.byMonth[1].1 == ["high": 1, "low": 1])
        #expect(stats.byService.map { "\($0.0) \($0.1)" } == ["api 2", "db 2"])
        #expect(stats.byDetection.map { "\($0.0) \($0.1)" } == ["alert 2", "customer-support 1", "unknown 1"])
    }

    @Test func timeToDetect() {
        // Overall: 600, 1200, 1800 (C lacks `detected`): median 1200, nearest-rank p90 = 3rd of 3 = 1800, mean 1200.
        #expect(Self.stats.timeToDetect == summary(count: 3, missing: 1, median: 1200, p90: 1800, mean: 1200))
        // Critical: 600 and 1800, an even count: median (600 + 1800) / 2 = 1200; p90 = 2nd of 2 = 1800.
        let bySeverity = Dictionary(uniqueKeysWithValues: Self.stats.timeToDetectBySeverity)
        #expect(bySeverity["critical"] == summary(count: 2, missing: 0, median: 1200, p90: 1800, mean: 1200))
        #expect(bySeverity["high"] == summary(count: 0, missing: 1, median: nil, p90: nil, mean: nil))
        #expect(bySeverity["low"] == summary(count: 1, missing: 0, median: 1200, p90: 1200, mean: 1200))
    }

    @Test func timeToResolve() {
        // Overall: 1800, 3600, 7200: median 3600, p90 7200, mean 4200. Critical: 3600 and 7200: median 5400.
        #expect(Self.stats.timeToResolve == summary(count: 3, missing: 1, median: 3600, p90: 7200, mean: 4200))
        let bySeverity = Dictionary(uniqueKeysWithValues: Self.stats.timeToResolveBySeverity)
        #expect(bySeverity["critical"] == summary(count: 2, missing: 0, median: 5400, p90: 7200, mean: 5400))
    }

    @Test func actions() {
        // 5 actions: 3 open (A/2, B/1, B/2), 2 done; only A/2 is past due on 2026-03-01. Closure 2/5.
        // Open ages in days since the incident: A 50, B 40, B 40 → median 40.
        let actions = Self.stats.actions
        #expect((actions.total, actions.open, actions.done, actions.overdue) == (5, 3, 2, 1))
        #expect(actions.closureRate == 0.4)
        #expect(actions.medianOpenAgeDays == 40)
        let byKind = Dictionary(uniqueKeysWithValues: Self.stats.actionsByKind)
        #expect(Self.stats.actionsByKind.map(\.0) == ["detect", "none", "prevent", "process"])
        #expect(
            byKind["detect"].map { ($0.total, $0.open, $0.overdue, $0.closureRate, $0.medianOpenAgeDays) } ?? (
                0, 0, 0, nil, nil
            ) == (2, 2, 1, 0, 45))
        #expect(byKind["prevent"]?.closureRate == 1)
        #expect(byKind["prevent"]?.medianOpenAgeDays == nil)
        let byOwner = Dictionary(uniqueKeysWithValues: Self.stats.actionsByOwner)
        #expect(Self.stats.actionsByOwner.map(\.0) == ["jo", "none", "sam"])
        #expect(
            byOwner["sam"].map { ($0.total, $0.open, $0.done, $0.overdue, $0.closureRate, $0.medianOpenAgeDays) } ?? (
                0, 0, 0, 0, nil, nil
            )
                == (2, 1, 1, 1, 0.5, 50))
        #expect(byOwner["none"]?.medianOpenAgeDays == 40)
    }

    @Test func hygiene() {
        #expect(Self.stats.staleDrafts.map { "\($0.id) \($0.days)" } == ["2026-01-20-b 40"])
        #expect(Self.stats.publishedWithoutActions == ["2026-02-05-c"])
    }

    @Test func percentilesAndMedians() {
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.median([1, 2, 3, 4]) == 2.5)
        #expect(Statistics.percentile(90, of: Array(1...10).map(Double.init)) == 9)
        #expect(Statistics.percentile(90, of: Array(1...11).map(Double.init)) == 10)
        #expect(Statistics.percentile(90, of: [5]) == 5)
    }

    @Test func jsonCarriesTheSameNumbers() throws {
        var text = ""
        StatsReport(Self.stats).write(json: true, style: .plain, to: &text)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let detect = try #require((json["time_to_detect"] as? [String: Any])?["overall"] as? [String: Any])
        #expect(detect["median_seconds"] as? Double == 1200)
        #expect(detect["missing"] as? Int == 1)
        let actions = try #require((json["actions"] as? [String: Any])?["overall"] as? [String: Any])
        #expect(actions["closure_rate"] as? Double == 0.4)
        #expect(((json["hygiene"] as? [String: Any])?["published_without_actions"] as? [String]) == ["2026-02-05-c"])
        #expect(json["as_of"] as? String == "2026-03-01")
    }

    func summary(count: Int, missing: Int, median: Double?, p90: Double?, mean: Double?) -> Statistics.DurationSummary {
        var summary = Statistics.DurationSummary([], missing: missing)
        summary.count = count
        summary.median = median
        summary.p90 = p90
        summary.mean = mean
        return summary
    }
}
