import PMDocument

/// Rules whose findings are made while the files are read, not by a check: the parser reports them on
/// each file (and every command sees them), the loader reports those only the whole set shows. Lint
/// applies their levels and masks like any other; these entries give them their place in the catalog.
public struct ReportedRules: LintCheck {
    public var rules: [LintRule]

    /// Found by the parser: unreadable, mis-encoded or empty files and broken front matter.
    public static let reading = ReportedRules(rules: [
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
    ])

    /// Found by the front-matter parser.
    public static let timeOrder = ReportedRules(rules: [
        LintRule(id: .timeOrder, defaultSeverity: .error, summary: "started ≤ detected ≤ acknowledged ≤ resolved")
    ])

    /// Found by the loader and the team's template folder, over the whole set of files.
    public static let loading = ReportedRules(rules: [
        LintRule(id: .duplicateId, defaultSeverity: .error, summary: "no two files share an id or an alias"),
        LintRule(
            id: .pageName, defaultSeverity: .error,
            summary: "no two incident ids or aliases share a site page name (incidents/ID.html)"),
        LintRule(id: .template, defaultSeverity: .error, summary: "the team's templates (templates/*.md) can be read"),
    ])

    /// Found by the action-item reader.
    public static let dueDates = ReportedRules(rules: [
        LintRule(id: .actionDueInvalid, defaultSeverity: .error, summary: "every due: is a real date")
    ])

    /// Nothing: the findings are already among the parser's (or the loader's).
    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {}
}
