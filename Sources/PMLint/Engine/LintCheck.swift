import PMDocument

/// One lint rule, or a tight family of them, checked on one parsed file.
///
/// A check says which rules it stands for (their ids, default severities and summaries: what
/// `pm lint --list-rules` and the README list) and appends the findings of those rules. The engine
/// (``Linter``) runs the registered checks in order, then applies the configured levels and the file's
/// rule mask and sorts the findings, so a check neither filters nor sorts. Adding a rule is adding one
/// type in `Rules/`, registering it in ``Linter/checks`` and listing its id in `RuleID.all`.
public protocol LintCheck: Sendable {
    /// The rules this check emits, in the order `pm lint --list-rules` lists them.
    var rules: [LintRule] { get }

    /// Appends the findings of ``rules`` in `context`'s file to `findings`.
    func check(_ context: LintContext, into findings: inout [Diagnostic])

    /// Whether the check judges the front-matter values (or what they decide: the template, the status), so
    /// that it says nothing about a file whose front matter could not be read at all: the YAML error is the
    /// finding, not a missing `title:` after it.
    var readsFrontMatter: Bool { get }
}

extension LintCheck {
    public var readsFrontMatter: Bool { false }
}
