/// Where a postmortem stands in its review.
public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case inReview = "in-review"
    case published
}

/// A template named by `NAME@VERSION` (`six-questions@2`), or by name alone for its newest version.
public struct TemplateReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var version: Int?

    public init(name: String, version: Int?) {
        self.name = name
        self.version = version
    }

    /// Parses `NAME` or `NAME@VERSION`; nil when the text is not of that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        else { return nil }
        if parts.count == 2 {
            guard let version = Int(parts[1]), version > 0 else { return nil }
            self.init(name: String(parts[0]), version: version)
        } else {
            self.init(name: String(parts[0]), version: nil)
        }
    }

    public var description: String {
        version.map { "\(name)@\($0)" } ?? name
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let reference = TemplateReference(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not NAME@VERSION: \(text)"))
        }
        self = reference
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The typed YAML header of a postmortem; every key pm does not know is kept in `extra`.
public struct FrontMatter: Sendable, Hashable {
    public var title: String?
    public var date: CalendarDate?
    public var severity: String?
    public var status: Status?
    public var template: TemplateReference?
    public var started: Timestamp?
    public var detected: Timestamp?
    public var acknowledged: Timestamp?
    public var resolved: Timestamp?
    /// How the incident came to the team's attention (alert, error-tracker, customer-support, user, engineer …).
    public var detection: String?
    public var responders: [String] = []
    public var facilitator: String?
    public var services: [String] = []
    public var tags: [String] = []
    /// The ids the incident had before its file was renamed (`pm mv`): old references still name it.
    public var aliases: [String] = []
    /// Keys pm does not model, in the order written.
    public var extra: [YAMLValue.KeyValue] = []
    /// The 1-based line of each key as written, for diagnostics.
    public var keyLines: [String: Int] = [:]
    /// Whether the file had a front-matter block at all.
    public var isPresent = false
    /// For a postmortem written elsewhere, the fields read from another tool's key: pm key → the key as
    /// written (`started` → `start_time`).
    public var keysReadFromOtherNames: [String: String] = [:]

    /// Whether the front matter names a pm template: the file is in pm's own format. A postmortem without
    /// one was written elsewhere, and is read the way a careful person would read it.
    public var isPMFormat: Bool { template != nil || keyLines["template"] != nil || namesTemplate }

    /// Whether a front matter that is not valid YAML has a `template:` line (so the file is in pm's format).
    public var namesTemplate = false

    public init() {}

    /// The header fields, in the order `pm new` writes them and reports show them: each one's key, label,
    /// reading, scaffold line and place in reports (see `FrontMatterField`). A new field is one entry here
    /// plus its stored property above.
    public static let fields: [FrontMatterField] = [
        FrontMatterField(
            "title", "Title", .text(\.title), placement: .record,
            otherNames: ["incident_title", "incident_name", "name", "summary"], reported: { .text($0.title) }),
        FrontMatterField(
            "date", "Date", .date(\.date),
            otherNames: ["incident_date", "date_of_incident", "occurred", "occurred_at"],
            reported: { .text($0.date?.description) }),
        FrontMatterField(
            "severity", "Severity", .word(\.severity, expected: "a severity word like critical or high", .lowercased),
            scaffold: .orBlankWithScale, placement: [.record, .summary, .badge],
            otherNames: ["sev", "priority", "incident_severity", "severity_level", "impact_level"]),
        FrontMatterField("status", "Status", .status(\.status)),
        FrontMatterField("template", "Template", .template(\.template)),
        FrontMatterField(
            "started", "Started", .timestamp(\.started),
            otherNames: ["start_time", "started_at", "start", "start_date", "began", "began_at", "impact_start"]),
        FrontMatterField(
            "detected", "Detected", .timestamp(\.detected),
            otherNames: ["detected_at", "detection_time", "identified_at", "discovered_at", "reported_at"]),
        FrontMatterField(
            "acknowledged", "Acknowledged", .timestamp(\.acknowledged),
            otherNames: ["acknowledged_at", "acked_at", "ack_time"]),
        FrontMatterField(
            "resolved", "Resolved", .timestamp(\.resolved),
            otherNames: ["end_time", "resolved_at", "ended_at", "end", "end_date", "mitigated_at", "impact_end"]),
        FrontMatterField(
            "time-to-detect", "Time to detect", .duration(\.timeToDetect), column: "time_to_detect_seconds"),
        FrontMatterField(
            "time-to-resolve", "Time to resolve", .duration(\.timeToResolve), column: "time_to_resolve_seconds"),
        FrontMatterField("duration", "Duration", .duration(\.duration), column: "duration_seconds"),
        FrontMatterField(
            "detection", "Detection",
            .word(\.detection, expected: "a word like alert or customer-support", .lowercased),
            otherNames: ["detection_method", "detected_by", "detection_source"]),
        FrontMatterField(
            "responders", "Responders", .list(\.responders, .owner),
            otherNames: ["participants", "responder", "incident_team"]),
        FrontMatterField(
            "facilitator", "Facilitator", .word(\.facilitator, expected: "a name", .owner),
            otherNames: ["owner", "postmortem_owner", "incident_commander", "commander", "incident_lead", "lead"]),
        FrontMatterField(
            "services", "Services", .list(\.services, .asWritten),
            otherNames: ["service", "affected_services", "impacted_services", "systems", "components"]),
        FrontMatterField(
            "tags", "Tags", .list(\.tags, .asWritten), otherNames: ["labels", "categories", "keywords", "tag"]),
        FrontMatterField("aliases", "Aliases", .list(\.aliases, .asWritten), placement: [.summary, .page]),
    ]

    /// The field another tool's key names (`start_time` → `started`), when pm knows that name.
    public static func field(forOtherName key: String) -> FrontMatterField? {
        fieldsByOtherName[key.lowercased()]
    }

    private static let fieldsByOtherName = Dictionary(
        fields.flatMap { field in field.otherNames.map { ($0, field) } }, uniquingKeysWith: { first, _ in first })

    /// The front-matter keys pm understands, in the order `pm new` writes them.
    public static let knownKeys = fields.filter(\.isKey).map(\.key)

    /// The field a front-matter key names, when pm models it.
    public static func field(forKey key: String) -> FrontMatterField? {
        fieldsByKey[key]
    }

    private static let fieldsByKey = Dictionary(
        fields.filter(\.isKey).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

    /// From the start of the incident to its detection (nil when a time is missing or they are out of order).
    public var timeToDetect: Duration? { Self.span(started, detected) }

    /// From detection to resolution: how long the team took to end the impact once it knew.
    public var timeToResolve: Duration? { Self.span(detected, resolved) }

    /// From the start of the incident to its resolution.
    public var duration: Duration? { Self.span(started, resolved) }

    private static func span(_ start: Timestamp?, _ end: Timestamp?) -> Duration? {
        guard let start, let end, start <= end else { return nil }
        return Duration(from: start, to: end)
    }
}
