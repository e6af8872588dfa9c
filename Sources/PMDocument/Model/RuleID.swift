/// The stable identifier of a check, as printed in findings (`[front-matter]`), named in `pm.yml`'s
/// `lint.rules` and in `pm-lint-disable-line` markers.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let read: RuleID = "read"
    public static let encoding: RuleID = "encoding"
    public static let empty: RuleID = "empty"
    public static let yaml: RuleID = "yaml"
    public static let frontMatter: RuleID = "front-matter"
    public static let requiredField: RuleID = "required-field"
    public static let severityScale: RuleID = "severity-scale"
    public static let unknownKey: RuleID = "unknown-key"
    public static let timeOrder: RuleID = "time-order"
    public static let futureTime: RuleID = "future-time"
    public static let fileName: RuleID = "file-name"
    public static let fileDate: RuleID = "file-date"
    public static let duplicateId: RuleID = "duplicate-id"
    public static let template: RuleID = "template"
    public static let unknownTemplate: RuleID = "unknown-template"
    public static let missingSection: RuleID = "missing-section"
    public static let unanswered: RuleID = "unanswered"
    public static let noActions: RuleID = "no-actions"
    public static let actionOwner: RuleID = "action-owner"
    public static let actionDue: RuleID = "action-due"
    public static let actionDueInvalid: RuleID = "action-due-invalid"
    public static let actionDoneInvalid: RuleID = "action-done-invalid"
    public static let actionKind: RuleID = "action-kind"
    public static let actionID: RuleID = "action-id"
    public static let actionIDInvalid: RuleID = "action-id-invalid"
    public static let actionIDDuplicate: RuleID = "action-id-duplicate"
    public static let pageName: RuleID = "page-name"
    /// Retired: pm reads and renders pipe tables now. pm.yml may still name it; it changes nothing.
    public static let pipeTable: RuleID = "pipe-table"
    public static let foreignFormat: RuleID = "foreign-format"
    public static let noDate: RuleID = "no-date"
    public static let unreadActions: RuleID = "unread-actions"
    public static let unrecognisedCause: RuleID = "unrecognised-cause"
    public static let blameless: RuleID = "blameless"
    public static let reviewOverdue: RuleID = "review-overdue"
    public static let priorityAction: RuleID = "priority-action"
    public static let facilitatorRequired: RuleID = "facilitator-required"
    public static let notMarkdown: RuleID = "not-markdown"

    /// Every rule id pm emits, in the order the README documents them (`not-markdown` is a note, not a rule
    /// lint checks, and cannot be configured). pm.yml is checked against it here, below the linter; a test
    /// keeps it equal to the rules of PMLint's `Linter.checks`, in order.
    public static let all: [RuleID] = [
        .read,
        .encoding,
        .empty,
        .yaml,
        .frontMatter,
        .requiredField,
        .severityScale,
        .unknownKey,
        .timeOrder,
        .futureTime,
        .fileName,
        .fileDate,
        .duplicateId,
        .pageName,
        .template,
        .unknownTemplate,
        .missingSection,
        .unanswered,
        .noActions,
        .actionOwner,
        .actionDue,
        .actionDueInvalid,
        .actionDoneInvalid,
        .actionKind,
        .actionID,
        .actionIDInvalid,
        .actionIDDuplicate,
        .foreignFormat,
        .noDate,
        .unreadActions,
        .unrecognisedCause,
        .blameless,
        .reviewOverdue,
        .priorityAction,
        .facilitatorRequired,
    ]

    /// Rules pm no longer has, which pm.yml may still name (and which then change nothing).
    public static let retired: [RuleID] = [.pipeTable]
}
