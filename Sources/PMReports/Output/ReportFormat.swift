import PMDocument
import PMWorkspace

/// The output formats of reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal.
    case table
    /// A Markdown list that pastes into chat, an issue or a pull request.
    case markdown
    /// Pretty, key-sorted JSON with documented keys.
    case json
    /// RFC 4180 CSV with a header row.
    case csv
}

/// How text output may look on the terminal it goes to.
public struct TerminalStyle: Sendable {
    /// The terminal's width in columns, or nil when output goes to a pipe or file (no fitting).
    public var width: Int?
    /// Whether ANSI colour is allowed (a TTY without NO_COLOR).
    public var color: Bool

    public init(width: Int?, color: Bool) {
        self.width = width
        self.color = color
    }

    public static let plain = TerminalStyle(width: nil, color: false)
}

/// Filters on incidents shared by `pm list` and `pm actions`.
public struct IncidentFilter: Sendable {
    public var severities: Set<String> = []
    public var statuses: Set<Status> = []
    public var since: CalendarDate?
    public var until: CalendarDate?
    public var tags: Set<String> = []
    public var services: Set<String> = []

    public init() {}

    public func matches(_ postmortem: Postmortem) -> Bool {
        let front = postmortem.frontMatter
        if !severities.isEmpty, !severities.contains(front.severity ?? "") { return false }
        if !statuses.isEmpty, !(front.status.map(statuses.contains) ?? false) { return false }
        if let since, !(postmortem.date.map { $0 >= since } ?? false) { return false }
        if let until, !(postmortem.date.map { $0 <= until } ?? false) { return false }
        if !tags.isEmpty, tags.isDisjoint(with: front.tags.map { $0.lowercased() }) { return false }
        if !services.isEmpty, services.isDisjoint(with: front.services.map { $0.lowercased() }) { return false }
        return true
    }
}
