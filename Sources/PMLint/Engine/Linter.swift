import Foundation
import PMDocument
import PMWorkspace

/// `pm lint`: checks postmortems for structure, answers, owners and dates, and blameless language.
///
/// The engine: every file's parser findings, then those of the registered checks (``checks``), with the
/// configured levels and the file's rule mask applied, in line order.
public struct Linter: Sendable {
    /// The checks lint runs on each file, in order; their rules, in this order, are the catalog
    /// (``LintRule/all``) that `pm lint --list-rules` prints and the README documents.
    public static let checks: [any LintCheck] = [
        ReportedRules.reading,
        RequiredField(),
        SeverityScale(),
        UnknownKey(),
        ReportedRules.timeOrder,
        FutureTime(),
        FileName(),
        ReportedRules.loading,
        UnknownTemplate(),
        Sections(),
        NoActions(),
        ActionOwner(),
        ActionDue(),
        ReportedRules.dueDates,
        ActionDoneInvalid(),
        ActionKind(),
        ActionIDs(),
        ForeignFormat(),
        BlamingLanguage(),
        ReviewOverdue(),
        PriorityAction(),
        FacilitatorRequired(),
    ]

    /// The team's configuration (pm.yml), or the defaults.
    public var config: Config
    /// The templates a file may name: the built-in ones and the team's.
    public var catalog: TemplateCatalog
    /// Today, for dates in the future.
    public var today: CalendarDate
    /// Now, for times in the future.
    public var now: Timestamp
    /// The blaming phrases to flag: the built-in ones, less those pm.yml removes, plus those it adds.
    public var language: BlamelessLanguage

    /// - Throws: `PMError.invalidConfig` when a team phrase is not a valid regular expression.
    public init(config: Config, catalog: TemplateCatalog = .builtIn, today: CalendarDate, now: Date, configPath: String)
        throws(PMError)
    {
        self.config = config
        self.catalog = catalog
        self.today = today
        self.now = Timestamp(now)
        let known = Set(BlamelessLanguage.builtInPhrases.map { $0.label.lowercased() })
        if let unknown = config.lint.removedPhrases.sorted().first(where: { !known.contains($0.lowercased()) }) {
            throw .invalidConfig(
                path: configPath, line: config.lint.removedPhrasesLine,
                problem: "`\(unknown)` is not a built-in phrase label (see `pm lint --list-phrases`)")
        }
        let added = config.lint.addedPhrases.map { spec in
            switch spec.form {
            case .words(let words): BlamelessLanguage.Phrase(words: words, suggestion: spec.suggestion)
            case .pattern(let pattern, let label):
                BlamelessLanguage.Phrase(label: label, pattern: pattern, suggestion: spec.suggestion)
            }
        }
        do {
            language = try BlamelessLanguage(
                removing: config.lint.removedPhrases, adding: added, people: People(config.lint.people))
        } catch {
            throw .invalidConfig(
                path: configPath, line: nil,
                problem:
                    "a phrase in lint.blameless.add is not a valid regular expression: \(error.localizedDescription)")
        }
    }

    /// The findings for every file, in file order: each file is read, parsed and checked on its own
    /// (several at a time), and only its findings are kept, so memory does not grow with the corpus.
    public func lint(files: [String], displayBase: String) -> [Diagnostic] {
        let loader = PostmortemLoader(parser: PostmortemParser(catalog: catalog), displayBase: displayBase)
        let (set, findings) = loader.load(
            files, request: { _, _ in .lint },
            each: { document, _ in
                // Only what finding duplicate ids needs is kept past this file.
                var kept = document.postmortem
                kept.diagnostics = []
                kept.sections = []
                return (kept, lint(document))
            })
        // Read failures and ids used twice, which only the whole set shows.
        var byPath = Dictionary(grouping: applyingLevels(to: set.diagnostics), by: \.path)
        var result: [Diagnostic] = []
        var kept = set.postmortems.makeIterator()
        for fileFindings in findings {
            if let fileFindings, let postmortem = kept.next() {
                result += fileFindings + (byPath.removeValue(forKey: postmortem.path) ?? [])
            }
        }
        // Files that could not be read, in file order.
        for path in files.map({ DisplayPath.of($0, relativeTo: displayBase) }) {
            result += byPath.removeValue(forKey: path) ?? []
        }
        return result
    }

    /// The findings for one parsed file (read with `ParseRequest.lint`), in line order, with the
    /// configured levels applied and lines that opt out left out.
    public func lint(_ document: ParsedDocument) -> [Diagnostic] {
        let postmortem = document.postmortem
        let mask = RuleMask(comments: document.comments)
        var findings = postmortem.diagnostics
        let context = LintContext(
            document: document, config: config, catalog: catalog, today: today, now: now, language: language)
        // A file pm could not read as text, or with nothing in it, gets that one finding (and front-matter ones).
        let unreadable = postmortem.diagnostics.contains { $0.rule == .read }
        if unreadable || (context.isBodyless && !postmortem.frontMatter.isPresent) {
            return applyingLevels(to: findings, mask: mask)
        }
        for check in enabledChecks where !(context.frontMatterUnreadable && check.readsFrontMatter) {
            check.check(context, into: &findings)
        }
        return applyingLevels(to: findings, mask: mask)
            .sorted { ($0.line ?? 0, $0.column ?? 0, $0.rule) < ($1.line ?? 0, $1.column ?? 0, $1.rule) }
    }

    /// The registered checks less those whose every rule pm.yml switches off: their findings would all be
    /// dropped, and the blameless scan, the costliest check, is worth skipping.
    public var enabledChecks: [any LintCheck] {
        Self.checks.filter { check in !check.rules.allSatisfy { config.lint.levels[$0.id] == .off } }
    }

    /// The findings for bytes pm is about to write as the file `path` (a new postmortem, an edit), exactly
    /// as `pm lint` would report them once written.
    public func lint(_ bytes: [UInt8], path: String, id: String) -> [Diagnostic] {
        lint(PostmortemParser(catalog: catalog).read(bytes, path: path, id: id, for: .lint))
    }

    /// `findings` with the configured (or default) severity of each rule, without those switched off
    /// or on a line that opts out of their rule.
    public func applyingLevels(to findings: [Diagnostic], mask: RuleMask = RuleMask()) -> [Diagnostic] {
        findings.compactMap { finding in
            var finding = finding
            if mask.silences(finding) { return nil }
            switch config.lint.levels[finding.rule] {
            case .off?: return nil
            case .error?: finding.severity = .error
            case .warning?: finding.severity = .warning
            case nil: if let fixed = LintRule.named(finding.rule)?.defaultSeverity { finding.severity = fixed }
            }
            return finding
        }
    }
}
