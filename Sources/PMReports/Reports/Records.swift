import Foundation
import PMDocument
import PMWorkspace

/// One value of a record field, written the same way by every format.
public enum FieldValue: Sendable, Equatable {
    case text(String?)
    case integer(Int?)
    /// A list of names: a JSON array; in CSV and SQL, the names separated by spaces.
    case list([String])
    /// Front-matter keys pm does not model: a JSON object; in CSV and SQL, that object as JSON text.
    case object([YAMLValue.KeyValue])

    /// The value as CSV and SQL text; nil for a missing value (an empty CSV field, SQL NULL).
    public var flatText: String? {
        switch self {
        case .text(let text): return text
        case .integer(let number): return number.map(String.init)
        case .list(let names): return names.isEmpty ? nil : names.joined(separator: " ")
        case .object(let entries):
            guard !entries.isEmpty else { return nil }
            var text = ""
            JSONOutput.write(OrderedMapping(entries: entries), compact: true, to: &text)
            return text.trimmingCharacters(in: .newlines)
        }
    }
}

/// A column of a record type: its name, its SQL type, and how to read it from a record.
public struct Column<Record>: Sendable {
    public enum SQLType: String, Sendable {
        case text = "TEXT"
        case integer = "INTEGER"
    }

    public let name: String
    public let sqlType: SQLType
    /// Whether the column is only in reports that know "today" (`pm actions`, `pm list`), not in exports.
    public let dependsOnToday: Bool
    let value: @Sendable (Record) -> FieldValue

    init(
        _ name: String, _ sqlType: SQLType = .text, dependsOnToday: Bool = false,
        _ value: @escaping @Sendable (Record) -> FieldValue
    ) {
        self.name = name
        self.sqlType = sqlType
        self.dependsOnToday = dependsOnToday
        self.value = value
    }
}

/// A record type written as JSON, CSV and SQL from one table of columns.
public protocol TabularRecord: Encodable, Sendable {
    /// Every column, in the documented order.
    static var columns: [Column<Self>] { get }
    /// Whether the record was made with a "today" (else today-dependent columns are left out).
    var knowsToday: Bool { get }
}

extension TabularRecord {
    /// The columns this kind of record has in a report (`withToday`) or an export.
    public static func columns(withToday: Bool) -> [Column<Self>] {
        columns.filter { withToday || !$0.dependsOnToday }
    }

    /// The record's values, column by column.
    public var values: [FieldValue] {
        Self.columns(withToday: knowsToday).map { $0.value(self) }
    }

    /// The record as CSV fields.
    public var csvRow: [String] { values.map { $0.flatText ?? "" } }

    public func encode(to encoder: Encoder) throws {
        try encodeColumns(to: encoder)
    }

    /// The record's columns, by name.
    func encodeColumns(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: FieldKey.self)
        for (column, value) in zip(Self.columns(withToday: knowsToday), values) {
            let key = FieldKey(stringValue: column.name)
            switch value {
            case .text(let text): try container.encodeOrNull(text, forKey: key)
            case .integer(let number): try container.encodeOrNull(number, forKey: key)
            case .list(let names): try container.encode(names, forKey: key)
            case .object(let entries): try container.encode(OrderedMapping(entries: entries), forKey: key)
            }
        }
    }
}

struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// One action item as reports and exports write it (documented in the README; names are stable).
public struct ActionRecord: TabularRecord {
    public var action: ActionItem
    public var incidentTitle: String
    public var severity: String?
    public var incidentDate: CalendarDate?
    public var path: String
    public var daysOverdue: Int?
    public var knowsToday: Bool
    /// Where the ticket is (its URL, or pm.yml's pattern for its project), when made with the ticket links.
    public var ticketURL: String?
    /// Whether JSON carries `ticket_url` (reports do; exports, whose fields are the same in every format, do not).
    public var linksTickets: Bool
    /// How the action breaks the team's policy on priority actions, when the report checks it.
    public var policyBreaches: [PolicyConfig.PriorityActions.Breach] = []

    /// `breaks policy: no owner, due by 2019-03-14`, when the action breaks the policy on priority actions.
    public var policyWording: String? { PolicyConfig.PriorityActions.wording(policyBreaches) }

    /// - Parameter today: the day overdue counts are worked out for; nil for an export, which must not change
    ///   from day to day.
    /// - Parameter tickets: pm.yml's ticket links, for `ticket_url`; nil leaves the field out.
    public init(action: ActionItem, in postmortem: Postmortem, today: CalendarDate?, tickets: TicketLinks? = nil) {
        self.ticketURL = action.ticket.flatMap { tickets?.url(for: $0) }
        self.linksTickets = tickets != nil
        self.action = action
        self.incidentTitle = postmortem.title
        self.severity = postmortem.frontMatter.severity
        self.incidentDate = postmortem.date
        self.path = postmortem.path
        self.daysOverdue = today.flatMap(action.daysOverdue)
        self.knowsToday = today != nil
    }

    public static let columns: [Column<ActionRecord>] = [
        Column("id") { .text($0.action.id) },
        Column("incident") { .text($0.action.incidentID) },
        Column("position", .integer) { .integer($0.action.position) },
        Column("status") { .text($0.action.isDone ? "done" : "open") },
        Column("text") { .text($0.action.text) },
        Column("owners") { .list($0.action.owners) },
        Column("due") { .text($0.action.due?.description ?? $0.action.dueText) },
        Column("overdue_days", .integer, dependsOnToday: true) { .integer($0.daysOverdue) },
        Column("kind") { .text($0.action.kind) },
        Column("ticket") { .text($0.action.ticket) },
        Column("severity") { .text($0.severity) },
        Column("incident_title") { .text($0.incidentTitle) },
        Column("incident_date") { .text($0.incidentDate?.description) },
        Column("path") { .text($0.path) },
        Column("line", .integer) { .integer($0.action.line) },
        Column("closed") { .text($0.action.isDone ? $0.action.closed?.description : nil) },
        Column("closed_source") { .text($0.action.isDone ? ($0.action.closedSource ?? .unknown).rawValue : nil) },
    ]

    public func encode(to encoder: Encoder) throws {
        try encodeColumns(to: encoder)
        guard linksTickets else { return }
        var container = encoder.container(keyedBy: FieldKey.self)
        try container.encodeOrNull(ticketURL, forKey: FieldKey(stringValue: "ticket_url"))
    }
}

extension Column where Record == IncidentRecord {
    /// The column of a front-matter field: a duration in whole seconds, a list of names, else text.
    init(_ field: FrontMatterField) {
        let isDuration = if case .duration = field.kind { true } else { false }
        self.init(field.column, isDuration ? .integer : .text) { record in
            switch field.value(in: record.postmortem) {
            case .list(let names): return .list(names)
            case .duration(let duration): return .integer(duration?.seconds)
            case let value: return .text(value.displayText)
            }
        }
    }
}

/// One incident as reports and exports write it (documented in the README; names are stable).
public struct IncidentRecord: TabularRecord {
    public var postmortem: Postmortem
    public var today: CalendarDate?
    public var knowsToday: Bool { today != nil }

    /// - Parameter today: the day overdue counts are worked out for; nil for an export.
    public init(_ postmortem: Postmortem, today: CalendarDate?) {
        self.postmortem = postmortem
        self.today = today
    }

    public var openActions: Int { postmortem.actions.filter { !$0.isDone }.count }
    public var overdueActions: Int {
        today.map { today in postmortem.actions.filter { $0.isOverdue(today: today) }.count } ?? 0
    }

    public static let columns: [Column<IncidentRecord>] =
        [Column("id") { .text($0.postmortem.id) }]
        + FrontMatter.fields.filter { $0.placement.contains(.record) }.map(Column.init)
        + [
            Column("actions_total", .integer) { .integer($0.postmortem.actions.count) },
            Column("actions_open", .integer) { .integer($0.openActions) },
            Column("actions_overdue", .integer, dependsOnToday: true) { .integer($0.overdueActions) },
            Column("path") { .text($0.postmortem.path) },
            Column("extra") { .object($0.postmortem.frontMatter.extra) },
        ]
}

/// `pm show --format json`: the incident record plus its sections and actions.
public struct PostmortemDetailRecord: Sendable, Encodable {
    public var incident: IncidentRecord

    struct SectionRecord: Encodable {
        var heading: String
        @NullWhenMissing var key: String?
        var answered: Bool
        var startLine: Int
        var endLine: Int
        var text: String

        enum CodingKeys: String, CodingKey {
            case heading, key, answered
            case startLine = "start_line"
            case endLine = "end_line"
            case text
        }

    }

    public var tickets: TicketLinks
    /// The incidents like this one; nil leaves `related` out.
    public var related: [RelatedIncidents.Match]?

    public init(
        _ postmortem: Postmortem, today: CalendarDate, tickets: TicketLinks = TicketLinks(),
        related: [RelatedIncidents.Match]? = nil
    ) {
        incident = IncidentRecord(postmortem, today: today)
        self.tickets = tickets
        self.related = related
    }

    enum Key: String, CodingKey {
        case sections, actions, related, impact
        case rootCause = "root_cause"
        case sources
        case format
    }

    /// Where each field with a value was read (`front matter`, `heading`, `label`, `file name`, `text`,
    /// `inferred`), by its record name.
    public static func sources(of postmortem: Postmortem) -> [String: String] {
        var sources: [String: String] = [:]
        for field in FrontMatter.fields where field.isKey {
            guard field.value(in: postmortem.frontMatter).displayText != nil else { continue }
            sources[field.column] = FieldSource.frontMatter.rawValue
        }
        sources["title"] = postmortem.titleSource.rawValue
        sources["date"] = postmortem.dateSource?.rawValue
        if let severity = postmortem.sources["severity"] { sources["severity"] = severity.rawValue }
        sources["impact"] = postmortem.impact == nil ? nil : postmortem.sources["impact"]?.rawValue
        sources["root_cause"] = postmortem.rootCause == nil ? nil : postmortem.sources["root-cause"]?.rawValue
        return sources
    }

    public func encode(to encoder: Encoder) throws {
        try incident.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        let postmortem = incident.postmortem
        try container.encode(postmortem.isPMFormat ? "pm" : "other", forKey: .format)
        try container.encodeOrNull(postmortem.impact, forKey: .impact)
        try container.encodeOrNull(postmortem.rootCause, forKey: .rootCause)
        try container.encode(Self.sources(of: postmortem), forKey: .sources)
        try container.encode(
            postmortem.sections.map {
                SectionRecord(
                    heading: $0.heading, key: $0.key, answered: $0.isAnswered, startLine: $0.startLine,
                    endLine: $0.endLine, text: $0.text)
            }, forKey: .sections)
        try container.encode(
            postmortem.actions.map {
                ActionRecord(action: $0, in: postmortem, today: incident.today, tickets: tickets)
            },
            forKey: .actions)
        if let related { try container.encode(related.map(RelatedReport.Record.Entry.init), forKey: .related) }
    }
}
