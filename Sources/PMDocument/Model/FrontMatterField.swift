/// One field of a postmortem's header, described once: its YAML key, its label for people, how its value is
/// read into `FrontMatter`, what `pm new` writes for it, and where reports show it.
///
/// `FrontMatter.fields` lists them in order. The front-matter parser, `pm new`'s scaffold, the incident
/// records, `pm show` and the site's incident pages all read that table, so a new field is one entry there
/// plus its stored property.
public struct FrontMatterField: Sendable {
    /// How the YAML value is read into `FrontMatter`, and the stored property that holds it.
    public enum Kind: Sendable {
        /// Free text (`title: Replies stopped`).
        case text(WritableKeyPath<FrontMatter, String?> & Sendable)
        /// A word or a name, not a number or a boolean; `expected` says what to write, for diagnostics.
        case word(WritableKeyPath<FrontMatter, String?> & Sendable, expected: String, Normalization)
        /// A list of names: `[sam, jo]`, or `sam, jo`.
        case list(WritableKeyPath<FrontMatter, [String]> & Sendable, Normalization)
        /// An ISO 8601 time (`2019-02-14T10:02:00Z`); the times run in table order.
        case timestamp(WritableKeyPath<FrontMatter, Timestamp?> & Sendable)
        /// A date (`2019-02-14`).
        case date(WritableKeyPath<FrontMatter, CalendarDate?> & Sendable)
        /// `draft`, `in-review` or `published`.
        case status(WritableKeyPath<FrontMatter, Status?> & Sendable)
        /// A template reference (`six-questions@2`).
        case template(WritableKeyPath<FrontMatter, TemplateReference?> & Sendable)
        /// Not a key: a span worked out from the times, reported beside them. The parser and `pm new` skip it.
        case duration(KeyPath<FrontMatter, Duration?> & Sendable)
    }

    /// How a word, or each name of a list, is stored.
    public enum Normalization: Sendable {
        /// As written (trimmed).
        case asWritten
        /// Lower-cased (`Critical` is `critical`).
        case lowercased
        /// A person, without a leading `@`.
        case owner

        /// `text` stored this way.
        public func apply(_ text: String) -> String {
            switch self {
            case .asWritten: return text
            case .lowercased: return text.lowercased()
            case .owner: return Token.owner(text)
            }
        }
    }

    /// What `pm new` writes for the field.
    public enum ScaffoldLine: Sendable {
        /// `key: value` when the field has a value; nothing when it has none.
        case whenSet
        /// `key: value`, else an empty `key:` with the configured severity scale in a comment
        /// (`severity:  # critical | high | medium | low`).
        case orBlankWithScale
    }

    /// Where reports show the field.
    public struct Placement: OptionSet, Sendable {
        public let rawValue: Int

        public init(rawValue: Int) { self.rawValue = rawValue }

        /// A column of the incident records (json, csv and sql of `pm list`, `pm show` and `pm export`).
        public static let record = Placement(rawValue: 1)
        /// A row of `pm show`'s summary.
        public static let summary = Placement(rawValue: 2)
        /// A row of the incident's site page.
        public static let page = Placement(rawValue: 4)
        /// A badge above the rows of the incident's site page (in place of a row).
        public static let badge = Placement(rawValue: 8)
        /// A record column, a summary row and a page row.
        public static let everywhere: Placement = [.record, .summary, .page]
    }

    /// A field's value as reports show it.
    public enum Value: Sendable, Hashable {
        /// A word, a name, free text, a date, a status or a template, as text.
        case text(String?)
        /// A time (the site writes it for people: `2019-02-14 10:02 UTC`).
        case time(Timestamp?)
        /// Names.
        case list([String])
        /// A span (a record column in whole seconds).
        case duration(Duration?)

        /// The value for people: times and spans in their ISO form, names joined by `, `; nil when unset
        /// or an empty list.
        public var displayText: String? {
            switch self {
            case .text(let text): return text
            case .time(let time): return time?.description
            case .list(let names): return names.isEmpty ? nil : names.joined(separator: ", ")
            case .duration(let duration): return duration?.description
            }
        }
    }

    /// The YAML key (for a `.duration`, the name it goes by).
    public let key: String
    /// The name people read in `pm show` and on the site (`Time to detect`).
    public let label: String
    /// How the value is read, and where it is stored.
    public let kind: Kind
    /// What `pm new` writes for it.
    public let scaffold: ScaffoldLine
    /// Where reports show it.
    public let placement: Placement
    /// The record column's name (the key, unless the table says otherwise).
    public let column: String
    /// Other tools' names for the field (`start_time` for `started`): read in postmortems written
    /// elsewhere (no `template:`) when the field itself is not set, and suggested by `unknown-key`.
    public let otherNames: [String]
    private let reported: (@Sendable (Postmortem) -> Value)?

    /// - Parameter reported: what reports show instead of the stored value (the title, say, falls back
    ///   to the first heading); by default the stored value.
    init(
        _ key: String, _ label: String, _ kind: Kind, scaffold: ScaffoldLine = .whenSet,
        placement: Placement = .everywhere, column: String? = nil, otherNames: [String] = [],
        reported: (@Sendable (Postmortem) -> Value)? = nil
    ) {
        self.key = key
        self.label = label
        self.kind = kind
        self.scaffold = scaffold
        self.placement = placement
        self.column = column ?? key
        self.otherNames = otherNames
        self.reported = reported
    }

    /// Whether the field is a key of the YAML block (every kind but `.duration`).
    public var isKey: Bool {
        if case .duration = kind { return false }
        return true
    }

    /// The stored value in `frontMatter`.
    public func value(in frontMatter: FrontMatter) -> Value {
        switch kind {
        case .text(let property), .word(let property, _, _): return .text(frontMatter[keyPath: property])
        case .list(let property, _): return .list(frontMatter[keyPath: property])
        case .timestamp(let property): return .time(frontMatter[keyPath: property])
        case .date(let property): return .text(frontMatter[keyPath: property]?.description)
        case .status(let property): return .text(frontMatter[keyPath: property]?.rawValue)
        case .template(let property): return .text(frontMatter[keyPath: property]?.description)
        case .duration(let property): return .duration(frontMatter[keyPath: property])
        }
    }

    /// The value reports show for `postmortem`.
    public func value(in postmortem: Postmortem) -> Value {
        reported?(postmortem) ?? value(in: postmortem.frontMatter)
    }
}

extension FrontMatter {
    /// The set times, in the order they must run (the table's `.timestamp` fields).
    public var times: [(key: String, time: Timestamp)] {
        Self.fields.compactMap { field in
            guard case .timestamp(let property) = field.kind, let time = self[keyPath: property] else { return nil }
            return (field.key, time)
        }
    }

    /// Neighbouring set times that run backwards (`detected` before `started`).
    public var misorderedTimes: [(earlier: (key: String, time: Timestamp), later: (key: String, time: Timestamp))] {
        zip(times, times.dropFirst()).filter { $0.time > $1.time }.map { (earlier: $0, later: $1) }
    }

    /// The words and names stored as the parser stores them (`Critical` as `critical`, `@sam` as `sam`), for
    /// front matter made from elsewhere (`pm new`'s flags).
    public func normalized() -> FrontMatter {
        var front = self
        for field in Self.fields {
            switch field.kind {
            case .word(let property, _, let normalization):
                front[keyPath: property] = front[keyPath: property].map(normalization.apply)
            case .list(let property, let normalization):
                front[keyPath: property] = front[keyPath: property].map(normalization.apply)
            case .text, .timestamp, .date, .status, .template, .duration:
                break
            }
        }
        return front
    }

    /// `started ≤ detected ≤ acknowledged ≤ resolved`: the order the times must run in.
    public static let timeOrder = fields.compactMap { field in
        if case .timestamp = field.kind { return field.key }
        return nil
    }.joined(separator: " ≤ ")
}
