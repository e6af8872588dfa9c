import Foundation

/// What a heading (or a label) of a postmortem written elsewhere means: the stable key a template would
/// give it, and how sure the reading is.
public struct HeadingMeaning: Sendable, Hashable {
    /// How a meaning was found, weakest first.
    public enum Strength: Int, Sendable, Hashable, Comparable {
        /// A word that often, not always, means the key (`Analysis`).
        case weak
        /// Words that mean the key in most postmortems (`Why did it happen?`, `What we're changing`).
        case medium
        /// Words that name the key (`Root Cause Analysis`, `Follow-up tasks`).
        case strong
        /// A template's heading or alias, as written (the strongest signal).
        case template

        public static func < (lhs: Strength, rhs: Strength) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The key (`impact`, `root-cause`, `actions` …), or nil when the words mean nothing pm knows.
    public var key: String?
    public var strength: Strength
    /// Further keys the heading names, in order (`Root cause and resolution`: `resolution`).
    public var otherKeys: [String] = []

    public static let none = HeadingMeaning(key: nil, strength: .weak)

    /// Whether the heading means `key`, first or besides.
    public func means(_ key: String) -> Bool {
        self.key == key || otherKeys.contains(key)
    }
}

/// Classifies headings by meaning, for postmortems written from other templates: a template's heading or
/// alias first, then keywords (stemmed, stop words, parentheticals and emoji left out), so `☑️ Follow-up
/// tasks`, `Corrective and Preventative Measures` and `How are we preventing it from happening again?`
/// all read as the actions, and `🌱 Blameless root cause (5 whys)` as the root cause.
public struct HeadingClassifier: Sendable {
    public var catalog: TemplateCatalog

    public init(catalog: TemplateCatalog) {
        self.catalog = catalog
    }

    /// A keyword rule: the key it gives when the heading holds `phrase` (stems), and how strongly.
    struct Rule: Sendable {
        var key: String
        var strength: HeadingMeaning.Strength
        var phrase: [String]
        /// When set, the rule holds only if the heading speaks of the future or of work to do (`What we're
        /// changing`), or only of the past (`How we fixed it`).
        var tense: Tense?

        enum Tense { case future, past }

        init(_ key: String, _ strength: HeadingMeaning.Strength, _ phrase: String, tense: Tense? = nil) {
            self.key = key
            self.strength = strength
            self.phrase = Words.stems(of: phrase)
            self.tense = tense
        }
    }

    static let rules: [Rule] = {
        var rules: [Rule] = []
        func add(_ key: String, _ strength: HeadingMeaning.Strength, _ phrases: [String], tense: Rule.Tense? = nil) {
            rules += phrases.map { Rule(key, strength, $0, tense: tense) }
        }
        add(
            "root-cause", .strong,
            [
                "root cause", "root causes", "contributing factors", "contributing factor", "causal factors",
                "underlying cause", "underlying causes", "causes and contributing factors", "five whys", "5 whys",
                "underlying problem", "underlying problems", "underlying issue", "underlying issues",
            ])
        add(
            "root-cause", .medium,
            ["cause", "causes", "causal", "why", "reason", "reasons", "fault", "what caused", "technical cause"])
        add("root-cause", .weak, ["analysis", "technical details", "investigation", "diagnosis"])
        add(
            "impact", .strong,
            ["impact", "affected", "blast radius", "who was affected", "customer experience", "user experience"])
        add(
            "impact", .medium,
            [
                "scope", "consequences", "damage", "severity and scope", "effect", "effects", "users saw",
                "customers saw",
            ])
        add(
            "actions", .strong,
            [
                "action", "action items", "followup", "followups", "next steps", "next step", "todo", "todos",
                "corrective", "corrective actions", "preventive actions", "preventative actions",
                "recommendations", "recommendation", "improvements", "improvement", "countermeasures",
                "workitems", "workitem", "tasks", "task", "action plan", "remediation items",
                "remediation plan", "remediation actions", "remediations", "future work", "going forward",
                "moving forward", "what's next", "tickets", "measures", "preventive measures",
                "preventative measures", "prevention measures", "preventive steps", "preventative steps",
                "prevention steps", "opportunities", "repair items", "commitments",
            ])
        add("actions", .medium, ["fix", "fixes", "change", "changes", "do", "next", "work"], tense: .future)
        add("prevention", .medium, ["prevent", "prevention", "preventing recurrence", "recurrence", "avoid"])
        add(
            "prevention", .strong,
            [
                "less likely", "less impactful", "less impact", "reduce the impact", "reduce impact",
                "reduce likelihood", "reduce the likelihood", "never happen again", "happen again",
            ])
        add(
            "lessons", .strong,
            [
                "lessons", "lesson", "learn", "takeaways", "takeaway", "went well", "went wrong", "lucky", "luck",
                "go well", "good", "bad", "ugly", "reflection", "reflections", "retrospective",
            ])
        add(
            "timeline", .strong,
            [
                "timeline", "chronology", "sequence of events", "events", "event log", "milestones", "time line",
                "timeline of events",
            ])
        add(
            "summary", .strong,
            ["summary", "overview", "tldr", "executive summary", "synopsis", "abstract", "description"])
        add(
            "summary", .medium,
            ["background", "context", "problem statement", "introduction", "what happened", "happened", "details"])
        add(
            "detection", .strong, ["detection", "detect", "discovery", "found out", "alerted", "noticed", "monitoring"])
        add(
            "resolution", .strong,
            [
                "resolution", "resolve", "recovery", "recover", "mitigation", "mitigate", "remediation", "workaround",
                "restoration", "restore",
            ])
        add("resolution", .medium, ["response", "fix", "fixed", "actions taken", "steps taken", "do"], tense: .past)
        add("resolution", .medium, ["response", "fix", "how we fixed it", "what we did"])
        add("trigger", .strong, ["trigger", "triggers", "proximate cause"])
        add(
            "people", .strong,
            ["responders", "people", "participants", "authors", "people involved", "team", "contributors", "owners"])
        return rules
    }()

    /// Raw words that put a heading in the future, or on work still to do.
    private static let futureWords: Set<String> = [
        "will", "ll", "going", "next", "future", "plan", "planned", "want", "forward", "changing", "doing",
        "improving", "fixing", "preventing", "todo", "should", "need", "needs", "upcoming", "pending", "remaining",
        "outstanding", "fixes",
    ]
    /// Raw words that put a heading in the past (what responders did).
    private static let pastWords: Set<String> = [
        "did", "taken", "took", "performed", "fixed", "was", "were", "changed", "happened", "during", "done",
    ]

    /// The heading's meaning: a template's heading or alias, else the strongest keyword rule (the earliest
    /// one in the heading among equals).
    public func meaning(of heading: String) -> HeadingMeaning {
        // Headings and labels repeat across files (`Impact`, `Severity`, `Action items`): each is classified once
        // per catalog.
        let cacheKey = "\(catalog.identity)\u{0}\(heading)"
        if let known = Self.cache.value(for: cacheKey) { return known }
        let meaning = classify(heading)
        Self.cache.store(meaning, for: cacheKey)
        return meaning
    }

    /// Meanings already worked out, shared by the reads of every file (which run concurrently).
    private static let cache = MeaningCache()

    final class MeaningCache: @unchecked Sendable {
        private var meanings: [String: HeadingMeaning] = [:]
        private let lock = NSLock()

        func value(for key: String) -> HeadingMeaning? {
            lock.lock()
            defer { lock.unlock() }
            return meanings[key]
        }

        func store(_ meaning: HeadingMeaning, for key: String) {
            lock.lock()
            defer { lock.unlock() }
            if meanings.count > 50_000 { meanings.removeAll() }  // a bound, for corpora of endless headings
            meanings[key] = meaning
        }
    }

    private func classify(_ heading: String) -> HeadingMeaning {
        var trimmed = heading.trimmed
        while let last = trimmed.last, ":.?!".contains(last) { trimmed.removeLast() }
        if let key = catalog.key(forHeading: trimmed) ?? catalog.key(forHeading: Words.withoutParentheticals(trimmed)) {
            return HeadingMeaning(key: key, strength: .template)
        }
        let words = Words(trimmed)
        guard !words.stems.isEmpty else { return .none }
        // What readers can do themselves (`How can customers make incidents like this less impactful?`): advice,
        // not the team's actions.
        if words.hasRaw(["customers", "customer", "you", "users", "clients"]), words.hasRaw(["can", "should"]) {
            return HeadingMeaning(key: "advice", strength: .strong)
        }
        // `How did this happen?`, `How it happened`: the cause, where `What happened` is the story.
        if words.stems == ["happen"], words.hasRaw(["how"]) {
            return HeadingMeaning(key: "root-cause", strength: .medium)
        }
        // `AIs`: action items, when that is the whole heading (not `Usage of AI tools`).
        if words.stems == ["ai"] { return HeadingMeaning(key: "actions", strength: .strong) }
        // A retrospective's observations: `What can be improved`, `What could have gone better`.
        if words.hasRaw(["improved", "better"]), words.hasRaw(["can", "could", "went", "gone"]) {
            return HeadingMeaning(key: "lessons", strength: .strong)
        }
        let isFuture = words.hasRaw(Self.futureWords)
        let isPast = words.hasRaw(Self.pastWords)
        var matches: [(key: String, strength: HeadingMeaning.Strength, position: Int)] = []
        for rule in Self.rules {
            guard let position = words.position(of: rule.phrase) else { continue }
            switch rule.tense {
            case .future?: if !isFuture || isPast { continue }
            case .past?: if !isPast { continue }
            case nil: break
            }
            // Actions already taken are the response, not work to do.
            if rule.key == "actions", rule.tense == nil, isPast, !isFuture { continue }
            matches.append((rule.key, rule.strength, position))
        }
        guard !matches.isEmpty else { return .none }
        // The strongest meaning; among equals, the one named first.
        // Actions win a tie: `Monitoring improvements` and `Lessons and action items` hold work to do.
        let ordered = matches.sorted {
            ($1.strength, $1.key == "actions" ? 1 : 0, $0.position) < (
                $0.strength, $0.key == "actions" ? 1 : 0, $1.position
            )
        }
        let best = ordered[0]
        var others: [String] = []
        for match in matches.sorted(by: { $0.position < $1.position })
        where match.key != best.key && !others.contains(match.key) && match.strength >= .medium {
            others.append(match.key)
        }
        return HeadingMeaning(key: best.key, strength: best.strength, otherKeys: others)
    }
}
