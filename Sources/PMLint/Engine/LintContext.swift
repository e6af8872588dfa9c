import PMDocument
import PMWorkspace

/// What a ``LintCheck`` sees of one file: the parsed document, the team's configuration and templates,
/// the clock, and what the parser already reported.
public struct LintContext: Sendable {
    /// The file, read with `ParseRequest.lint` (with its prose and comments).
    public var document: ParsedDocument
    /// The team's configuration (pm.yml), or the defaults.
    public var config: Config
    /// The templates a file may name: the built-in ones and the team's.
    public var catalog: TemplateCatalog
    /// Today, for dates in the future.
    public var today: CalendarDate
    /// Now, for times in the future.
    public var now: Timestamp
    /// The blaming phrases to flag: the built-in ones as the configuration edits them.
    public var language: BlamelessLanguage
    /// The severity of the rules that follow the status: a warning in a draft (or without a status),
    /// an error once in review or published.
    public var statusSeverity: Diagnostic.Severity
    /// The lines the parser already reported a finding on (a value it could not read, say).
    public var reportedLines: Set<Int>
    /// Whether the file has nothing below its front matter (the parser reported `empty`).
    public var isBodyless: Bool
    /// Whether the front matter could not be read at all (not YAML, not `key: value` lines, never closed):
    /// the parser reported that, and checks that judge its values stay quiet.
    public var frontMatterUnreadable: Bool

    /// The context for `document`, with the status severity and reported lines taken from it.
    public init(
        document: ParsedDocument, config: Config, catalog: TemplateCatalog, today: CalendarDate, now: Timestamp,
        language: BlamelessLanguage
    ) {
        self.document = document
        self.config = config
        self.catalog = catalog
        self.today = today
        self.now = now
        self.language = language
        let postmortem = document.postmortem
        let status = postmortem.frontMatter.status
        statusSeverity = status == nil || status == .draft ? .warning : .error
        reportedLines = Set(postmortem.diagnostics.compactMap { $0.line })
        isBodyless = postmortem.diagnostics.contains { $0.rule == .empty }
        frontMatterUnreadable =
            postmortem.frontMatter.keyLines.isEmpty
            && postmortem.diagnostics.contains { $0.severity == .error && [.yaml, .frontMatter].contains($0.rule) }
    }

    /// The parsed postmortem.
    public var postmortem: Postmortem { document.postmortem }

    /// Whether the file is in pm's own format (its front matter names a template). Rules about pm's format
    /// (required fields, sections, owners and due dates on actions …) check only such files; a postmortem
    /// written elsewhere gets one `foreign-format` note instead, and findings about what could not be read.
    public var isPMFormat: Bool { document.postmortem.isPMFormat }

    /// The postmortem's front matter.
    public var frontMatter: FrontMatter { document.postmortem.frontMatter }

    /// The template the file follows: the one its front matter names, else the configured default, else
    /// the built-in default.
    public var templateReference: TemplateReference {
        frontMatter.template ?? config.defaultTemplate ?? catalog.defaultTemplate.reference
    }

    /// A finding of `rule` in this file.
    public func finding(
        _ rule: RuleID, line: Int?, column: Int? = nil, _ message: String, severity: Diagnostic.Severity = .error
    ) -> Diagnostic {
        Diagnostic(severity, path: postmortem.path, line: line, column: column, rule: rule, message)
    }
}
