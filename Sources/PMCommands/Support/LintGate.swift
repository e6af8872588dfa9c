import PMDocument
import PMLint
import PMWorkspace

/// What `pm lint` would say about bytes a command is about to write (`pm new`, `pm action add`), with the
/// team's levels: a finding at error level refuses the write, a warning is printed and the write goes ahead.
struct LintGate {
    let linter: Linter

    init(directory: PostmortemsDirectory, context: CommandContext) throws {
        linter = try Linter(
            config: directory.config, catalog: directory.catalog, today: try context.today, now: context.now,
            configPath: context.display(directory.configPath))
    }

    /// The findings of `rules` in `bytes` (only those on `line`, when given), as lint would report them.
    func findings(in bytes: [UInt8], path: String, id: String, rules: Set<RuleID>, line: Int? = nil) -> [Diagnostic] {
        linter.lint(bytes, path: path, id: id).filter { rules.contains($0.rule) && (line == nil || $0.line == line) }
    }

    /// Throws a usage error naming every error-level finding (`subject` is what would be written, `advice`
    /// what to do instead, given the rules that refused); returns the warnings, for the command to print
    /// once it has written.
    func check(
        _ findings: [Diagnostic], subject: String, advice: (Set<RuleID>) -> String = { _ in "" }
    ) throws -> [Diagnostic] {
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw PMUsageError(
                errors.map { "\($0.message) [\($0.rule)]" }.joined(separator: "; ")
                    + "; pm lint would reject \(subject), so nothing was written\(advice(Set(errors.map(\.rule))))")
        }
        return findings
    }

    /// Writes warnings as `pm lint` prints them, `path:line: warning: message [rule]`, naming the file
    /// `path` when given (the name a new file got).
    static func report(_ warnings: [Diagnostic], as path: String? = nil, to context: CommandContext) {
        for var warning in warnings {
            warning.path = path ?? warning.path
            context.stderr.write("\(warning) [\(warning.rule)]\n")
        }
    }
}
