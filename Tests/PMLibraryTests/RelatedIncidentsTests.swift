import Foundation
import PMDocument
import Testing

@testable import PMReports

/// `pm related`: incidents like one, ranked by shared services, tags and similar text, with the reason.
@Suite struct RelatedIncidentsTests {
    static func postmortem(
        _ id: String, title: String, services: [String] = [], tags: [String] = [], impact: String = "",
        rootCause: String = ""
    ) -> Postmortem {
        let text = """
            ---
            title: \(title)
            date: \(id.prefix(10))
            services: [\(services.joined(separator: ", "))]
            tags: [\(tags.joined(separator: ", "))]
            ---

            ## What was the impact of the problem?

            \(impact.isEmpty ? "Unknown." : impact)

            ## What was the root cause of the problem?

            \(rootCause.isEmpty ? "Unknown." : rootCause)
            """
        return parse(text, path: "postmortems/\(id).md")
    }

    static let corpus = [
        postmortem(
            "2024-01-10-checkout-timeouts", title: "Checkout timed out", services: ["payments"], tags: ["database"],
            impact: "Card payments failed for 40 minutes.",
            rootCause: "The payments database connection pool was exhausted by a slow reconciliation query."),
        postmortem(
            "2025-03-02-refund-delays", title: "Refunds delayed", services: ["payments"],
            impact: "Refunds were queued for two hours.",
            rootCause: "A slow reconciliation query exhausted the connection pool of the payments database."),
        postmortem(
            "2025-06-20-search-stale", title: "Search showed stale prices", services: ["search"], tags: ["cache"],
            impact: "Shoppers saw yesterday's prices.", rootCause: "The CDN purge job ran against the wrong bucket."),
        postmortem(
            "2025-09-01-pool-exhaustion", title: "Login pool exhaustion", services: ["auth"],
            rootCause: "The reconciliation query held database connections until the pool was exhausted."),
    ]

    @Test func aSharedServiceAndASimilarRootCauseRankFirstWithTheirReason() throws {
        let matches = RelatedIncidents(Self.corpus).matches(for: "2024-01-10-checkout-timeouts")
        #expect(matches.map(\.id) == ["2025-03-02-refund-delays", "2025-09-01-pool-exhaustion"])
        #expect(matches[0].reason == "same service: payments; similar root cause")
        #expect(matches[1].reason == "similar root cause")
        #expect(matches[0].score > matches[1].score)
    }

    @Test func unrelatedIncidentsAreLeftOut() {
        let matches = RelatedIncidents(Self.corpus).matches(for: "2025-06-20-search-stale")
        #expect(matches.isEmpty)
    }

    @Test func theOrderDoesNotDependOnTheInputOrder() {
        let forward = RelatedIncidents(Self.corpus).matches(for: "2025-09-01-pool-exhaustion")
        let backward = RelatedIncidents(Self.corpus.reversed()).matches(for: "2025-09-01-pool-exhaustion")
        #expect(forward == backward)
        #expect(!forward.isEmpty)
    }

    @Test func anUnknownIDHasNoMatchesAndLimitsHold() {
        #expect(RelatedIncidents(Self.corpus).matches(for: "nope").isEmpty)
        #expect(RelatedIncidents(Self.corpus).matches(for: "2024-01-10-checkout-timeouts", limit: 1).count == 1)
    }

    @Test func termsDropStopWordsAndFoldEndings() {
        #expect(RelatedIncidents.terms(in: "The queries timed out; timeouts!") == ["queri", "timed", "timeout"])
    }
}
