import Foundation
import PMDocument

/// The incidents most like a given one: ranked by shared services and tags and by how similar their
/// titles, impact and root cause read (TF-IDF cosine over the whole corpus), each with the reason.
public struct RelatedIncidents: Sendable {
    /// One incident like the one asked about.
    public struct Match: Sendable, Equatable {
        public var id: String
        public var title: String
        public var date: CalendarDate?
        /// 0…1; higher is more alike.
        public var score: Double
        /// Why: "same service: payments; similar root cause".
        public var reason: String
    }

    /// The parts of a postmortem compared as text, with the words a reader would use for them.
    enum Field: CaseIterable {
        case title, impact, rootCause

        var label: String {
            switch self {
            case .title: "title"
            case .impact: "impact"
            case .rootCause: "root cause"
            }
        }

        /// How much a similar field counts towards the score.
        var weight: Double {
            switch self {
            case .title: 0.2
            case .impact: 0.15
            case .rootCause: 0.35
            }
        }

        func text(of postmortem: Postmortem) -> String {
            switch self {
            case .title: postmortem.title
            case .impact: postmortem.section("impact")?.text ?? ""
            case .rootCause: postmortem.section("root-cause")?.text ?? ""
            }
        }
    }

    /// A document's words as TF-IDF weights, normalised to unit length.
    typealias Vector = [String: Double]

    private let postmortems: [Postmortem]
    /// Per postmortem, per field, its unit TF-IDF vector.
    private let vectors: [[Vector]]

    /// Indexes `postmortems` (which need section text: `ParseRequest.detail`).
    public init(_ postmortems: [Postmortem]) {
        self.postmortems = postmortems
        let tokenized = postmortems.map { postmortem in Field.allCases.map { Self.terms(in: $0.text(of: postmortem)) } }
        var documentFrequency: [String: Int] = [:]
        for fields in tokenized {
            for term in Set(fields.joined()) { documentFrequency[term, default: 0] += 1 }
        }
        let count = Double(max(postmortems.count, 1))
        vectors = tokenized.map { fields in
            fields.map { terms in
                var vector: Vector = [:]
                for term in terms { vector[term, default: 0] += 1 }
                for (term, frequency) in vector {
                    // Smoothed inverse document frequency: a word in every incident still counts a little.
                    vector[term] = frequency * (log((1 + count) / (1 + Double(documentFrequency[term] ?? 0))) + 1)
                }
                let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return norm > 0 ? vector.mapValues { $0 / norm } : vector
            }
        }
    }

    /// Up to `limit` incidents like `postmortem`, best first; none below `threshold`.
    public func matches(for id: String, limit: Int = 5, threshold: Double = 0.1) -> [Match] {
        guard let index = postmortems.firstIndex(where: { $0.id == id }) else { return [] }
        let subject = postmortems[index]
        var results: [Match] = []
        for (other, candidate) in postmortems.enumerated() where other != index && candidate.id != id {
            var reasons: [String] = []
            var score = 0.0
            let services = Self.shared(subject.frontMatter.services, candidate.frontMatter.services)
            if !services.isEmpty {
                score += 0.2
                reasons.append("same service\(services.count == 1 ? "" : "s"): \(services.joined(separator: ", "))")
            }
            let tags = Self.shared(subject.frontMatter.tags, candidate.frontMatter.tags)
            if !tags.isEmpty {
                score += 0.1 * min(1, Double(tags.count) / 2)
                reasons.append("shared tag\(tags.count == 1 ? "" : "s"): \(tags.joined(separator: ", "))")
            }
            for (position, field) in Field.allCases.enumerated() {
                let similarity = Self.cosine(vectors[index][position], vectors[other][position])
                score += field.weight * similarity
                if similarity >= 0.25 { reasons.append("similar \(field.label)") }
            }
            guard score >= threshold, !reasons.isEmpty else { continue }
            results.append(
                Match(
                    id: candidate.id, title: candidate.title, date: candidate.date,
                    // Rounded: sums over dictionaries differ in their last bits from run to run, and ties
                    // must fall to the date and id, not to that noise.
                    score: (min(1, score) * 1e9).rounded() / 1e9,
                    reason: reasons.joined(separator: "; ")))
        }
        // Ties go to the more recent incident, then to the id, so the order never depends on the input's.
        return Array(
            results.sorted {
                ($0.score, $0.date?.daysSinceEpoch ?? 0, $1.id) > ($1.score, $1.date?.daysSinceEpoch ?? 0, $0.id)
            }
            .prefix(limit))
    }

    /// Words that carry meaning: lower-cased, without stop words and short words, lightly stemmed.
    static func terms(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap { word in
            guard word.count > 2, !stopWords.contains(String(word)) else { return nil }
            return stem(String(word))
        }
    }

    /// Folds the commonest English endings so "timeouts", "timed out" and "timeout" meet.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "ed", "es", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    static func cosine(_ a: Vector, _ b: Vector) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        return small.reduce(0) { $0 + $1.value * (large[$1.key] ?? 0) }
    }

    static func shared(_ a: [String], _ b: [String]) -> [String] {
        let other = Set(b.map { $0.lowercased() })
        return Array(Set(a.map { $0.lowercased() }).intersection(other)).sorted()
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "was", "were", "are", "but", "not", "with", "this", "that", "from", "into", "had",
        "has", "have", "our", "its", "all", "any", "can", "could", "did", "does", "been", "being", "which", "when",
        "who", "what", "why", "how", "than", "then", "them", "they", "their", "there", "these", "those", "out",
        "about", "after", "before", "over", "under", "during", "while", "also", "more", "most", "some", "such",
        "only", "very", "because", "would", "should", "will", "may", "might", "per", "via", "one", "two", "minutes",
        "hours", "min", "users", "user", "customers", "incident",
    ]
}
