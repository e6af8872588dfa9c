import PMDocument
import PMWorkspace

/// A rule `pm lint` reports: its id, default severity and what it checks.
public struct LintRule: Sendable {
    /// The id findings carry, and pm.yml and opt-out markers name.
    public var id: RuleID
    /// The severity when the config does not set one; nil for rules whose severity follows the status
    /// (a warning in a draft, an error once in review or published).
    public var defaultSeverity: Diagnostic.Severity?
    /// What the rule checks, as `pm lint --list-rules` prints it.
    public var summary: String

    /// A rule with `id`, reported at `defaultSeverity` (nil: by status) unless the config says otherwise.
    public init(id: RuleID, defaultSeverity: Diagnostic.Severity?, summary: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }

    /// Every rule, in the order the README documents them: those of the registered checks, in order.
    public static let all: [LintRule] = Linter.checks.flatMap(\.rules)

    /// The rule with `id`, if there is one.
    public static func named(_ id: RuleID) -> LintRule? {
        all.first { $0.id == id }
    }
}
