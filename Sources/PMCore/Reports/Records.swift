/// The JSON and CSV shape of one action item (documented in the README; keys are stable).
public struct ActionRecord: Sendable, Encodable {
    public var action: ActionItem
    public var incidentTitle: String
    public var severity: String?
    public var incidentDate: CalendarDate?
    public var path: String
    public var daysOverdue: Int?

    public init(action: ActionItem, in postmortem: Postmortem, today: CalendarDate) {
        self.action = action
        self.incidentTitle = postmortem.title
        self.severity = postmortem.frontMatter.severity
        self.incidentDate = postmortem.date
        self.path = postmortem.path
        self.daysOverdue = action.daysOverdue(today: today)
    }

    /// Column names of the CSV export, in order; the JSON keys are the same.
    public static let fields = [
        "id", "incident", "position", "status", "text", "owners", "due", "overdue_days", "kind", "ticket",
        "severity", "incident_title", "incident_date", "path", "line",
    ]

    /// The values of `fields`, as CSV text (owners separated by spaces).
    public var csvRow: [String] {
        [action.id, action.incidentID, String(action.position), action.isDone ? "done" : "open", action.text,
         action.owners.joined(separator: " "), action.due?.description ?? action.dueText ?? "", daysOverdue.map(String.init) ?? "",
         action.kind ?? "", action.ticket ?? "", severity ?? "", incidentTitle, incidentDate?.description ?? "", path, String(action.line)]
    }

    enum Key: String, CodingKey {
        case id, incident, position, status, text, owners, due, overdueDays = "overdue_days", kind, ticket, severity
        case incidentTitle = "incident_title", incidentDate = "incident_date", path, line
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(action.id, forKey: .id)
        try container.encode(action.incidentID, forKey: .incident)
        try container.encode(action.position, forKey: .position)
        try container.encode(action.isDone ? "done" : "open", forKey: .status)
        try container.encode(action.text, forKey: .text)
        try container.encode(action.owners, forKey: .owners)
        try container.encodeOrNull(action.due?.description ?? action.dueText, forKey: .due)
        try container.encodeOrNull(daysOverdue, forKey: .overdueDays)
        try container.encodeOrNull(action.kind, forKey: .kind)
        try container.encodeOrNull(action.ticket, forKey: .ticket)
        try container.encodeOrNull(severity, forKey: .severity)
        try container.encode(incidentTitle, forKey: .incidentTitle)
        try container.encodeOrNull(incidentDate, forKey: .incidentDate)
        try container.encode(path, forKey: .path)
        try container.encode(action.line, forKey: .line)
    }
}

/// The JSON and CSV shape of one incident (documented in the README; keys are stable).
public struct IncidentRecord: Sendable, Encodable {
    public var postmortem: Postmortem
    public var today: CalendarDate

    public init(_ postmortem: Postmortem, today: CalendarDate) {
        self.postmortem = postmortem
        self.today = today
    }

    public var openActions: Int { postmortem.actions.filter { !$0.isDone }.count }
    public var overdueActions: Int { postmortem.actions.filter { $0.isOverdue(today: today) }.count }

    /// Column names of the CSV output, in order; the JSON keys are the same, plus `extra`.
    public static let fields = [
        "id", "title", "date", "severity", "status", "template", "started", "detected", "acknowledged", "resolved",
        "time_to_detect_seconds", "time_to_resolve_seconds", "duration_seconds", "detection", "responders", "facilitator",
        "services", "tags", "actions_total", "actions_open", "actions_overdue", "path",
    ]

    public var csvRow: [String] {
        let front = postmortem.frontMatter
        return [postmortem.id, postmortem.title, postmortem.date?.description ?? "", front.severity ?? "", front.status?.rawValue ?? "",
                front.template?.description ?? "", front.started?.description ?? "", front.detected?.description ?? "",
                front.acknowledged?.description ?? "", front.resolved?.description ?? "",
                front.timeToDetect.map { String($0.seconds) } ?? "", front.timeToResolve.map { String($0.seconds) } ?? "",
                front.duration.map { String($0.seconds) } ?? "", front.detection ?? "", front.responders.joined(separator: " "),
                front.facilitator ?? "", front.services.joined(separator: " "), front.tags.joined(separator: " "),
                String(postmortem.actions.count), String(openActions), String(overdueActions), postmortem.path]
    }

    enum Key: String, CodingKey {
        case id, title, date, severity, status, template, started, detected, acknowledged, resolved
        case timeToDetect = "time_to_detect_seconds", timeToResolve = "time_to_resolve_seconds", duration = "duration_seconds"
        case detection, responders, facilitator, services, tags
        case actionsTotal = "actions_total", actionsOpen = "actions_open", actionsOverdue = "actions_overdue", path, extra
    }

    public func encode(to encoder: Encoder) throws {
        let front = postmortem.frontMatter
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(postmortem.id, forKey: .id)
        try container.encode(postmortem.title, forKey: .title)
        try container.encodeOrNull(postmortem.date, forKey: .date)
        try container.encodeOrNull(front.severity, forKey: .severity)
        try container.encodeOrNull(front.status?.rawValue, forKey: .status)
        try container.encodeOrNull(front.template?.description, forKey: .template)
        try container.encodeOrNull(front.started?.description, forKey: .started)
        try container.encodeOrNull(front.detected?.description, forKey: .detected)
        try container.encodeOrNull(front.acknowledged?.description, forKey: .acknowledged)
        try container.encodeOrNull(front.resolved?.description, forKey: .resolved)
        try container.encodeOrNull(front.timeToDetect?.seconds, forKey: .timeToDetect)
        try container.encodeOrNull(front.timeToResolve?.seconds, forKey: .timeToResolve)
        try container.encodeOrNull(front.duration?.seconds, forKey: .duration)
        try container.encodeOrNull(front.detection, forKey: .detection)
        try container.encode(front.responders, forKey: .responders)
        try container.encodeOrNull(front.facilitator, forKey: .facilitator)
        try container.encode(front.services, forKey: .services)
        try container.encode(front.tags, forKey: .tags)
        try container.encode(postmortem.actions.count, forKey: .actionsTotal)
        try container.encode(openActions, forKey: .actionsOpen)
        try container.encode(overdueActions, forKey: .actionsOverdue)
        try container.encode(postmortem.path, forKey: .path)
        try container.encode(OrderedMapping(entries: front.extra), forKey: .extra)
    }
}

/// `pm show --format json`: the incident record plus its sections and actions.
public struct PostmortemDetailRecord: Sendable, Encodable {
    public var incident: IncidentRecord

    struct SectionRecord: Encodable {
        var heading: String
        var key: String?
        var answered: Bool
        var startLine: Int
        var endLine: Int
        var text: String

        enum CodingKeys: String, CodingKey {
            case heading, key, answered, startLine = "start_line", endLine = "end_line", text
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(heading, forKey: .heading)
            try container.encodeOrNull(key, forKey: .key)
            try container.encode(answered, forKey: .answered)
            try container.encode(startLine, forKey: .startLine)
            try container.encode(endLine, forKey: .endLine)
            try container.encode(text, forKey: .text)
        }
    }

    public init(_ postmortem: Postmortem, today: CalendarDate) {
        incident = IncidentRecord(postmortem, today: today)
    }

    enum Key: String, CodingKey { case sections, actions }

    public func encode(to encoder: Encoder) throws {
        try incident.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        let postmortem = incident.postmortem
        try container.encode(postmortem.sections.map {
            SectionRecord(heading: $0.heading, key: $0.key, answered: $0.isAnswered, startLine: $0.startLine, endLine: $0.endLine, text: $0.text)
        }, forKey: .sections)
        try container.encode(postmortem.actions.map { ActionRecord(action: $0, in: postmortem, today: incident.today) }, forKey: .actions)
    }
}
