import PMDocument
import PMWorkspace

/// One check `pm lint` runs.
public struct LintRule: Sendable {
    public var id: RuleID
    /// The severity when the config does not set one; nil for rules whose severity follows the status
    /// (a warning in a draft, an error once in review or published).
    public var defaultSeverity: Diagnostic.Severity?
    public var summary: String

    /// Every rule, in the order the README documents them.
    public static let all: [LintRule] = [
        LintRule(id: .read, defaultSeverity: .error, summary: "the file can be read"),
        LintRule(
            id: .encoding, defaultSeverity: .warning, summary: "the file is UTF-8 (no invalid bytes, no NUL bytes)"),
        LintRule(
            id: .empty, defaultSeverity: .warning,
            summary: "the file holds a postmortem (it is not empty, nor front matter only)"),
        LintRule(id: .yaml, defaultSeverity: .error, summary: "the front matter is valid YAML"),
        LintRule(
            id: .frontMatter, defaultSeverity: .error,
            summary: "front-matter values have the right type (dates, times, status, template)"),
        LintRule(id: .requiredField, defaultSeverity: .error, summary: "title, date, severity and status are present"),
        LintRule(id: .severityScale, defaultSeverity: .error, summary: "the severity is on the configured scale"),
        LintRule(id: .unknownKey, defaultSeverity: .warning, summary: "every front-matter key is one pm knows"),
        LintRule(id: .timeOrder, defaultSeverity: .error, summary: "started ≤ detected ≤ acknowledged ≤ resolved"),
        LintRule(id: .futureTime, defaultSeverity: .error, summary: "no date or time is in the future"),
        LintRule(id: .fileName, defaultSeverity: .warning, summary: "the file is named YYYY-MM-DD-slug.md"),
        LintRule(id: .fileDate, defaultSeverity: .error, summary: "the file name's date is the front-matter date"),
        LintRule(id: .duplicateId, defaultSeverity: .error, summary: "no two files share an id"),
        LintRule(id: .template, defaultSeverity: .error, summary: "the team's templates (templates/*.md) can be read"),
        LintRule(
            id: .unknownTemplate, defaultSeverity: .error, summary: "the template named in the front matter exists"),
        LintRule(id: .missingSection, defaultSeverity: nil, summary: "every question of the template has its section"),
        LintRule(
            id: .unanswered, defaultSeverity: nil,
            summary: "every question is answered (more than comments and the placeholder)"),
        LintRule(id: .noActions, defaultSeverity: .error, summary: "a published postmortem has action items"),
        LintRule(id: .actionOwner, defaultSeverity: .error, summary: "every open action has an @owner"),
        LintRule(id: .actionDue, defaultSeverity: .error, summary: "every open action has a due:YYYY-MM-DD"),
        LintRule(id: .actionDueInvalid, defaultSeverity: .error, summary: "every due: is a real date"),
        LintRule(id: .actionKind, defaultSeverity: .warning, summary: "every #kind is one of the configured kinds"),
        LintRule(id: .pipeTable, defaultSeverity: .warning, summary: "no pipe tables (CommonMark shows them as text)"),
        LintRule(id: .blameless, defaultSeverity: .warning, summary: "no language that blames people"),
    ]

    /// The rule with `id`, if there is one.
    public static func named(_ id: RuleID) -> LintRule? {
        all.first { $0.id == id }
    }
}
