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

/// What a stretch of report text means to its reader; how that shows (bold, red …) is up to the
/// command layer, which knows whether it writes to a terminal.
public enum Emphasis: Sendable, Hashable {
    /// A title or a default: stands out.
    case strong
    /// Needs attention now (overdue): red.
    case alert
    /// Needs attention most of all (the highest severity): bold red.
    case strongAlert
    /// Needs attention soon (due within a week, the second severity): yellow.
    case caution
    /// Finished business (done actions): dimmed.
    case muted
}

/// Shows emphasis in text, for instance with ANSI escape codes on a terminal.
public protocol Emphasizer: Sendable {
    /// `text` as it should appear with `emphasis`.
    func apply(_ emphasis: Emphasis, to text: String) -> String
}

/// Text as it is: for pipes, files and `NO_COLOR`.
public struct PlainText: Emphasizer {
    public init() {}

    public func apply(_ emphasis: Emphasis, to text: String) -> String { text }
}

/// How text output may look where it goes.
public struct TerminalStyle: Sendable {
    /// The terminal's width in columns, or nil when output goes to a pipe or file (no fitting).
    public var width: Int?
    /// How emphasis is shown.
    public var emphasizer: any Emphasizer

    public init(width: Int?, emphasizer: any Emphasizer = PlainText()) {
        self.width = width
        self.emphasizer = emphasizer
    }

    /// `text` with `emphasis`, when there is one.
    public func apply(_ emphasis: Emphasis?, to text: String) -> String {
        emphasis.map { emphasizer.apply($0, to: text) } ?? text
    }

    public static let plain = TerminalStyle(width: nil)
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
