import Foundation
import PMDocument
import PMWorkspace

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
            // The stated text (a label's, in a postmortem written elsewhere), else the section's.
            case .impact: postmortem.impact ?? postmortem.section("impact")?.text ?? ""
            case .rootCause: postmortem.rootCause ?? postmortem.section("root-cause")?.text ?? ""
            }
        }
    }

    /// What is compared of one incident: its names and the words of its title, impact and root cause.
    public struct Document: Sendable {
        public var id: String
        public var title: String
        public var date: CalendarDate?
        public var services: [String]
        public var tags: [String]
        /// `terms(in:)` of the title, the impact and the root cause.
        public var fieldTerms: [[String]]

        public init(_ postmortem: Postmortem) {
            id = postmortem.id
            title = postmortem.title
            date = postmortem.date
            services = postmortem.frontMatter.services
            tags = postmortem.frontMatter.tags
            fieldTerms = Field.allCases.map { RelatedIncidents.terms(in: $0.text(of: postmortem)) }
        }
    }

    /// A field's words as TF-IDF weights, normalised to unit length, sorted by term number.
    typealias Vector = [(term: Int32, weight: Double)]

    /// The documents, sorted by id, so that results never depend on the order they were given in.
    private let documents: [Document]
    private let position: [String: Int]
    /// Per document, per field, its unit TF-IDF vector (without the corpus's commonest words).
    private let vectors: [[Vector]]
    /// Per field, per term, the documents that have it, with the term's weight there.
    private let postings: [[[(document: Int32, weight: Double)]]]
    /// Lower-cased services and tags of each document, and the documents that have each.
    private let names: [(services: [String], tags: [String])]
    private let serviceDocuments: [String: [Int32]]
    private let tagDocuments: [String: [Int32]]
    /// Each document's date as a day number (0 without one), and the first document with its id.
    private let days: [Int]
    private let firstWithID: [Int]

    /// Indexes `postmortems` (which need section text: `ParseRequest.detail`).
    public init(_ postmortems: [Postmortem]) {
        self.init(documents: postmortems.map(Document.init))
    }

    /// Indexes documents already reduced to what is compared (for a corpus too large to keep the text of).
    ///
    /// Words in more than a twentieth of a large corpus (200 incidents or more; at least 50 of them) say
    /// little about which incidents are alike and would make comparing every pair slow: they are left out.
    public init(documents: [Document]) {
        let documents = documents.sorted { $0.id < $1.id }
        // Only the names are kept of each document: its words live on in the vectors.
        self.documents = documents.map { document in
            var names = document
            names.fieldTerms = []
            return names
        }
        position = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var numbers: [String: Int32] = [:]
        var documentFrequency: [Int] = []
        let numbered: [[[Int32]]] = documents.map { document in
            var seen = Set<Int32>()
            return document.fieldTerms.map { terms in
                terms.map { term in
                    let number: Int32
                    if let known = numbers[term] {
                        number = known
                    } else {
                        number = Int32(documentFrequency.count)
                        numbers[term] = number
                        documentFrequency.append(0)
                    }
                    if seen.insert(number).inserted { documentFrequency[Int(number)] += 1 }
                    return number
                }
            }
        }
        let count = Double(max(documents.count, 1))
        let tooCommon = documents.count >= 200 ? max(50, documents.count / 20) : Int.max
        let idf = documentFrequency.map { frequency in
            // Smoothed inverse document frequency: a word in every incident still counts a little.
            frequency > tooCommon ? 0 : log((1 + count) / (1 + Double(frequency))) + 1
        }
        let fieldCount = Field.allCases.count
        var postings = Array(repeating: [[(document: Int32, weight: Double)]](), count: fieldCount)
        for field in 0..<fieldCount { postings[field] = Array(repeating: [], count: documentFrequency.count) }
        vectors = numbered.enumerated().map { document, fields in
            fields.enumerated().map { field, terms in
                var frequency: [Int32: Double] = [:]
                for term in terms where idf[Int(term)] > 0 { frequency[term, default: 0] += 1 }
                var vector = frequency.map { (term: $0.key, weight: $0.value * idf[Int($0.key)]) }
                    .sorted { $0.term < $1.term }
                let norm = vector.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
                if norm > 0 { vector = vector.map { ($0.term, $0.weight / norm) } }
                for entry in vector {
                    postings[field][Int(entry.term)].append((Int32(document), entry.weight))
                }
                return vector
            }
        }
        self.postings = postings
        names = documents.map { document in
            (
                Array(Set(document.services.map { $0.lowercased() })).sorted(),
                Array(Set(document.tags.map { $0.lowercased() })).sorted()
            )
        }
        var serviceDocuments: [String: [Int32]] = [:]
        var tagDocuments: [String: [Int32]] = [:]
        for (document, entry) in names.enumerated() {
            for service in entry.services { serviceDocuments[service, default: []].append(Int32(document)) }
            for tag in entry.tags { tagDocuments[tag, default: []].append(Int32(document)) }
        }
        self.serviceDocuments = serviceDocuments
        self.tagDocuments = tagDocuments
        days = documents.map { $0.date?.daysSinceEpoch ?? 0 }
        firstWithID = documents.indices.map { index in
            index > 0 && documents[index - 1].id == documents[index].id ? index - 1 : index
        }
    }

    /// Up to `limit` incidents like the one with `id`, best first; none below `threshold`.
    public func matches(for id: String, limit: Int = 5, threshold: Double = 0.1) -> [Match] {
        guard let index = position[id] else { return [] }
        var scratch = Scratch(count: documents.count)
        return matches(of: index, limit: limit, threshold: threshold, scratch: &scratch)
    }

    /// The matches of every incident, by id (for the site, which shows them on every incident page).
    public func allMatches(limit: Int = 5, threshold: Double = 0.1) -> [String: [Match]] {
        let chunks = max(1, min(documents.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let ranges = (0..<chunks).map { chunk in
            (documents.count * chunk / chunks)..<(documents.count * (chunk + 1) / chunks)
        }
        let results = ranges.concurrentMap { range in
            var scratch = Scratch(count: documents.count)
            return range.map {
                (documents[$0].id, matches(of: $0, limit: limit, threshold: threshold, scratch: &scratch))
            }
        }
        return Dictionary(results.joined().map { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// Per-document sums, reused from one document to the next.
    private struct Scratch {
        var fields: [[Double]]
        var sharesService: [Bool]
        var sharedTags: [Int]
        var touched: [Int32] = []
        var isTouched: [Bool]

        init(count: Int) {
            fields = Array(repeating: Array(repeating: 0, count: count), count: Field.allCases.count)
            sharesService = Array(repeating: false, count: count)
            sharedTags = Array(repeating: 0, count: count)
            isTouched = Array(repeating: false, count: count)
        }

        mutating func touch(_ document: Int32) {
            if !isTouched[Int(document)] {
                isTouched[Int(document)] = true
                touched.append(document)
            }
        }

        mutating func reset() {
            for document in touched.map(Int.init) {
                for field in fields.indices { fields[field][document] = 0 }
                sharesService[document] = false
                sharedTags[document] = 0
                isTouched[document] = false
            }
            touched.removeAll(keepingCapacity: true)
        }
    }

    private func matches(of index: Int, limit: Int, threshold: Double, scratch: inout Scratch) -> [Match] {
        defer { scratch.reset() }
        for service in names[index].services {
            for other in serviceDocuments[service] ?? [] {
                scratch.sharesService[Int(other)] = true
                scratch.touch(other)
            }
        }
        for tag in names[index].tags {
            for other in tagDocuments[tag] ?? [] {
                scratch.sharedTags[Int(other)] += 1
                scratch.touch(other)
            }
        }
        for field in vectors[index].indices {
            for entry in vectors[index][field] {
                for posting in postings[field][Int(entry.term)] {
                    scratch.fields[field][Int(posting.document)] += entry.weight * posting.weight
                    scratch.touch(posting.document)
                }
            }
        }
        // The best `limit`, kept sorted: by score, then the more recent incident, then the id.
        var best: [(score: Double, document: Int)] = []
        // Documents are sorted by id, so their positions order them by id.
        let precedes = { (a: (score: Double, document: Int), b: (score: Double, document: Int)) -> Bool in
            (a.score, days[a.document], b.document) > (b.score, days[b.document], a.document)
        }
        for other in scratch.touched.map(Int.init) where firstWithID[other] != firstWithID[index] {
            var score = 0.0
            var hasReason = scratch.sharesService[other] || scratch.sharedTags[other] > 0
            if scratch.sharesService[other] { score += 0.2 }
            score += 0.1 * min(1, Double(scratch.sharedTags[other]) / 2)
            for (field, kind) in Field.allCases.enumerated() {
                let similarity = scratch.fields[field][other]
                score += kind.weight * similarity
                if similarity >= 0.25 { hasReason = true }
            }
            guard score >= threshold, hasReason else { continue }
            // Rounded, so that equal scores whose sums differ in their last bits tie, and fall to date and id.
            let candidate = (score: (score * 1e9).rounded() / 1e9, document: other)
            if best.count == limit, let last = best.last, !precedes(candidate, last) { continue }
            best.insert(candidate, at: best.firstIndex { precedes(candidate, $0) } ?? best.count)
            if best.count > limit { best.removeLast() }
        }
        return best.map { entry in
            let candidate = documents[entry.document]
            var reasons: [String] = []
            let services = Self.shared(documents[index].services, candidate.services)
            if !services.isEmpty {
                reasons.append("same service\(services.count == 1 ? "" : "s"): \(services.joined(separator: ", "))")
            }
            let tags = Self.shared(documents[index].tags, candidate.tags)
            if !tags.isEmpty {
                reasons.append("shared tag\(tags.count == 1 ? "" : "s"): \(tags.joined(separator: ", "))")
            }
            for (field, kind) in Field.allCases.enumerated() where scratch.fields[field][entry.document] >= 0.25 {
                reasons.append("similar \(kind.label)")
            }
            return Match(
                id: candidate.id, title: candidate.title, date: candidate.date, score: min(1, entry.score),
                reason: reasons.joined(separator: "; "))
        }
    }

    /// Words that carry meaning: lower-cased, without stop words and short words, lightly stemmed.
    static func terms(in text: String) -> [String] {
        let words: [String]
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (most postmortems): the same split, without Character's Unicode tables.
            words = text.utf8.split(whereSeparator: { byte in
                !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39))
            }).map { String(decoding: $0.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) }
        } else {
            words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        return words.compactMap { word in
            guard word.count > 2, !stopWords.contains(word) else { return nil }
            return stem(word)
        }
    }

    /// Folds the commonest English endings so "timeouts", "timed out" and "timeout" meet.
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "ed", "es", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
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
