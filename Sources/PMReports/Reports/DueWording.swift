import PMDocument

/// How reports word an action's due date on a given day, in one place: `2019-03-01 (overdue by 12 days)` in
/// tables and `pm show`, `due 2019-03-01, **overdue by 12 days**` in Markdown, `12 days` on the site.
public struct DueWording: Sendable {
    /// The due date, or what a `due:` token says when it is not a date; nil without one.
    public let due: String?
    /// Days past the due date, when the action is overdue.
    public let daysOverdue: Int?
    private let isDate: Bool

    /// - Parameter daysOverdue: from `ActionItem.daysOverdue(today:)`.
    public init(_ action: ActionItem, daysOverdue: Int?) {
        due = action.due?.description ?? action.dueText
        isDate = action.due != nil
        self.daysOverdue = daysOverdue
    }

    /// The wording of a record's action, overdue as of the record's day.
    public init(_ record: ActionRecord) {
        self.init(record.action, daysOverdue: record.daysOverdue)
    }

    /// `1 day`, `12 days`.
    public static func days(_ count: Int) -> String {
        "\(count) day\(count == 1 ? "" : "s")"
    }

    /// `12 days` when overdue (the site's layouts say "overdue by" themselves).
    public var overdueDays: String? { daysOverdue.map(Self.days) }

    /// `overdue by 12 days`, when overdue.
    public var overdue: String? { overdueDays.map { "overdue by \($0)" } }

    /// `2019-03-01 (overdue by 12 days)`, `2027-01-15`, `soon (not a date)`, or empty.
    public var text: String {
        guard let due else { return "" }
        guard isDate else { return "\(due) (not a date)" }
        return overdue.map { "\(due) (\($0))" } ?? due
    }

    /// `due 2019-03-01 (overdue by 12 days)`; nil without a due date.
    public var clause: String? {
        due == nil ? nil : "due \(text)"
    }

    /// `due 2019-03-01, **overdue by 12 days**`, else as `clause`.
    public var markdownClause: String? {
        guard let due, isDate, let overdue else { return clause }
        return "due \(due), **\(overdue)**"
    }
}
