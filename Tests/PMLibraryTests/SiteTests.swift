import Foundation
import PMDocument
import Testing

@testable import PMReports
@testable import PMWorkspace

/// The site's parts that need no browser: the search index, ticket links, charts, pagers and plurals.
@Suite struct SiteTests {
    @Test func wordsSplitAsTheSearchScriptSplitsThem() {
        // The examples of Templates/site/SEARCH-INDEX.md.
        #expect(SearchWords.words(in: "provider's") == ["provider", "s"])
        #expect(SearchWords.words(in: "2,300") == ["2", "300"])
        #expect(SearchWords.words(in: "«Café»") == ["café"])
        #expect(SearchWords.words(in: "東京") == ["東京"])
        #expect(SearchWords.words(in: "The TLS cert, the cert!") == ["the", "tls", "cert"])
        #expect(SearchWords.words(in: "Cafe\u{301} ZOË 🔥fire") == ["café", "zoë", "🔥fire"], "NFC, lower case, emoji")
        #expect(SearchWords.words(in: "a—b\u{2028}c\u{00A0}d") == ["a", "b", "c", "d"])
        #expect(SearchWords.precedes("z", "é") && SearchWords.precedes("😀", "\u{FF5E}"), "UTF-16 order, not scalars")
    }

    static func incident(_ id: String, words: [String], page: String? = nil, severity: String? = "high")
        -> SearchIndex.Incident
    {
        SearchIndex.Incident(
            id: id, title: "Title of \(id) </script><script>alert(1)</script>\u{2028}", date: String(id.prefix(10)),
            severity: severity, status: "published", services: ["b", "a"], tags: [], owners: ["sam", "sam"],
            open: 1, overdue: 0, timeToResolve: nil, page: page ?? "incidents/\(id).html", words: words)
    }

    static func decode(_ script: String, variable: String) throws -> [String: Any] {
        let prefix = "window.\(variable) = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func theIndexIsDataThatCannotCloseAScript() throws {
        let index = SearchIndex(
            incidents: [
                Self.incident("2026-02-01-b", words: ["cert", "tls"], severity: "sev9"),
                Self.incident("2026-01-01-a", words: ["tls", "alpha"], page: "incidents/2026-01-01-a-2.html"),
                Self.incident("2025-01-01-c", words: ["tls"]),
            ], severityScale: ["critical", "high"], today: CalendarDate("2026-11-21")!)
        let script = index.incidentsScript()
        #expect(!script.contains("<"), "every < is \\u003c")
        #expect(!script.contains("\u{2028}"))
        #expect(script.contains("\\u003c/script>"))
        let data = try Self.decode(script, variable: "pmSearchIndex")
        #expect(data["severities"] as? [String] == ["high", "sev9"], "the scale's order, then others")
        #expect(data["words"] as? [String] == ["alpha", "cert", "tls"])
        #expect(data["postings"] as? [[Int]] == [[1], [0], [0, 1, 1]], "first row, then gaps")
        let incidents = try #require(data["incidents"] as? [String: Any])
        #expect(incidents["services"] as? [[Int]] == [[0, 1], [0, 1], [0, 1]])
        #expect(incidents["owners"] as? [[Int]] == [[0], [0], [0]], "each owner once")
        #expect(incidents["severity"] as? [Int] == [1, 0, 0])
        #expect((incidents["page"] as? [Any])?.count == 3, "the page column, as one page is not the default")
        #expect(script == index.incidentsScript(), "the same bytes every time")
    }

    @Test func actionRowsNameTheirIncidentsRowsAndLeaveDefaultsOut() throws {
        let index = SearchIndex(
            incidents: [Self.incident("2026-02-01-b", words: [])], severityScale: [],
            today: CalendarDate("2026-11-21")!)
        let script = index.actionsScript(
            [
                SearchIndex.ActionRow(
                    local: "a7k2q", incident: 0, owner: "jo", text: "Rotate <b>", due: "2026-01-02",
                    overdueDays: 3, kind: "prevent", ticket: "PAY-1", ticketURL: nil, anchor: "action-a7k2q")
            ], shortIDs: ["2026-02-01-b": "2026"])
        let data = try Self.decode(script, variable: "pmSearchActions")
        #expect(data["short"] as? [String] == ["2026"])
        let actions = try #require(data["actions"] as? [String: Any])
        #expect(actions["local"] as? [String] == ["a7k2q"])
        #expect(actions["text"] as? [String] == ["Rotate <b>"])
        #expect(actions["anchor"] == nil && actions["ticketURL"] == nil, "optional columns left out")
        #expect(!script.contains("<b>"))
    }

    @Test func ticketKeysLinkThroughTheirProjectsPattern() throws {
        let config = try Config.parse(
            "tickets:\n  PAY: \"https://jira.example.com/browse/{}\"\n  OPS2: https://ops.example.com/t/{}?x=1\n",
            path: "pm.yml")
        #expect(config.tickets.url(for: "PAY-812") == "https://jira.example.com/browse/PAY-812")
        #expect(config.tickets.url(for: "OPS2-7") == "https://ops.example.com/t/OPS2-7?x=1")
        #expect(config.tickets.url(for: "ENG-1") == nil)
        #expect(config.tickets.url(for: "https://x.example.com/1") == "https://x.example.com/1")
        for bad in [
            "tickets: [PAY]", "tickets: {PAY: \"https://x/\"}", "tickets: {pay: \"https://x/{}\"}",
            "tickets: {PAY: \"javascript:alert('{}')\"}",
        ] {
            #expect(throws: PMError.self, "\(bad)") { try Config.parse(bad, path: "pm.yml") }
        }
    }

    @Test func everyIncidentsMatchesAreWhatMatchesForItGives() {
        let corpus = RelatedIncidentsTests.corpus
        let related = RelatedIncidents(corpus)
        let all = related.allMatches()
        for postmortem in corpus {
            #expect(all[postmortem.id] ?? [] == related.matches(for: postmortem.id))
        }
    }

    @Test func pagersLinkTheEndsAndTheNeighbours() throws {
        #expect(SiteListings.pager("incidents", number: 1, of: 1) == nil)
        let pager = try #require(SiteListings.pager("incidents", number: 5, of: 9))
        #expect(pager.links.map(\.label) == ["1", "…", "3", "4", "5", "6", "7", "…", "9"])
        #expect(pager.links.first?.href == "../index.html")
        #expect(pager.links[2].href == "../pages/incidents-3.html")
        #expect(pager.links.first { $0.current }?.href == nil)
        #expect(pager.previous == "../pages/incidents-4.html" && pager.next == "../pages/incidents-6.html")
        let first = try #require(SiteListings.pager("actions", number: 1, of: 2))
        #expect(first.previous == nil && first.next == "pages/actions-2.html")
        #expect(SiteListings.chunks(250) == [0..<100, 100..<200, 200..<250])
        #expect(SiteListings.chunks(0) == [0..<0])
    }

    @Test func pluralsCountRight() {
        #expect(Plural.count(1, "incident") == "1 incident")
        #expect(Plural.count(0, "month") == "0 months")
        #expect(Plural.count(10_000, "incident", grouped: true) == "10,000 incidents")
        #expect(Plural.count(2, "open action") == "2 open actions")
    }

    static func postmortem(_ id: String, severity: String = "high", detect: Int = 600) -> Postmortem {
        parse(
            """
            ---
            title: \(id)
            date: \(id.prefix(10))
            severity: \(severity)
            started: \(id.prefix(10))T10:00:00Z
            detected: \(id.prefix(10))T10:\(String(format: "%02d", detect / 60)):00Z
            ---

            ## Action items

            - [x] Done @sam due:2020-01-01
            """, path: "postmortems/\(id).md")
    }

    @Test func chartsBucketByPeriodAndEveryBarShows() {
        let one = [Self.postmortem("2026-01-05-one")]
        var charts = SiteCharts(
            postmortems: one, statistics: Statistics(one, config: Config(), today: .init("2026-11-21")!))
        #expect(charts.period == .month && charts.buckets == ["2026-01"])
        let svg = charts.incidentsPerPeriod.svg()
        #expect(svg.contains("width=\"48.0\""), "one bar is no wider than 48 units, not the whole chart")
        let many = (0..<60).map { Self.postmortem(String(format: "20%02d-0%d-01-x", 10 + $0 / 4, 1 + $0 % 4 * 3)) }
        charts = SiteCharts(
            postmortems: many, statistics: Statistics(many, config: Config(), today: .init("2026-11-21")!))
        #expect(charts.period == .year && charts.buckets.count == 15, "15 years: one bar a year")
        let tall = Chart(
            id: "t", title: "t", description: "d", categories: ["a", "b"],
            series: [Chart.Series(name: "s", cssClass: "series-0", values: [100_000, 1])], xLabel: "x", yLabel: "y")
        let heights = tall.svg().components(separatedBy: "height=\"").dropFirst().compactMap {
            Double($0.prefix { $0 != "\"" })
        }
        #expect(heights.contains(3.0), "a bar of 1 beside one of 100,000 is still 3 units high")
        let trend = charts.durationTrend(detect: true)
        #expect(trend.series.map(\.name) == ["median", "90th percentile"])
        #expect(trend.table.rows.first?[1] == "10m")
    }
}
