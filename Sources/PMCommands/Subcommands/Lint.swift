import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

extension LintReport.Format: ExpressibleByArgument {}

/// `pm lint [PATH…]`: checks postmortems, for pull requests and pre-commit hooks.
struct Lint: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check postmortems: front matter, file names, answers, action owners and dates, blameless language.",
        discussion: """
            Checks every postmortem, or the files and folders given. Each finding is printed as \
            path:line:col: error|warning: message [rule-id]; --format github prints GitHub Actions \
            annotations, --format json an array. Exit status 1 when there are errors (or warnings, with \
            --strict), 0 otherwise; a summary goes to stderr.

            Rules are configured in pm.yml under lint: (rules: RULE: error|warning|off, kinds:, \
            blameless: add/remove). A line opts out with <!-- pm-lint-disable-line RULE --> at its end, \
            or <!-- pm-lint-disable-next-line RULE --> on the line before (no RULE: every rule).

            Examples:
              pm lint --strict --format github
              pm lint --list-rules
            """
    )

    @Argument(
        help: ArgumentHelp("Files or folders to check (default: the whole postmortems directory).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var location: DirectoryOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Output format: text, json or github.")
    var format: LintReport.Format = .text

    @Flag(help: "List the rules and their default severities, then exit.")
    var listRules = false

    @Flag(help: "List the blaming phrases (built-in labels for lint.blameless.remove, and pm.yml's), then exit.")
    var listPhrases = false

    func run(context: CommandContext) throws -> ExitStatus {
        if listRules {
            for rule in LintRule.all {
                let severity = rule.defaultSeverity?.rawValue ?? "warning in drafts, error once in review or published"
                context.stdout.write(
                    "\(rule.id.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)) \(rule.summary) "
                        + "(\(severity))\n"
                )
            }
            return .success
        }
        if listPhrases {
            // The phrases as the team's pm.yml leaves them, when there is one: less `remove`, plus `add`.
            let directory = try? location.locate(in: context)
            let phrases =
                try directory.map {
                    try Linter(
                        config: $0.config, today: try context.today, now: context.now,
                        configPath: context.display($0.configPath)
                    ).language.phrases
                } ?? BlamelessLanguage.builtInPhrases
            let builtIn = Set(BlamelessLanguage.builtInPhrases.map(\.label))
            for phrase in phrases {
                let origin = builtIn.contains(phrase.label) ? "" : " (pm.yml)"
                context.stdout.write("\(phrase.label)\(origin): \(phrase.suggestion)\n")
            }
            return .success
        }

        // Files named outside any postmortems directory are checked with the defaults.
        let directory = try paths.isEmpty ? location.locate(in: context) : location.locateIfAny(in: context)
        let config = directory?.config ?? Config()
        let files =
            try paths.isEmpty
            ? directory?.postmortemFiles() ?? [] : expand(paths, directory: directory, context: context)
        let linter = try Linter(
            config: config, catalog: directory?.catalog ?? .builtIn, today: try context.today, now: context.now,
            configPath: directory.map { context.display($0.configPath) } ?? Config.fileName)
        let findings =
            linter.applyingLevels(to: directory?.templateProblems ?? [])
            + linter.lint(files: files, displayBase: context.workingDirectory)
        let report = LintReport(findings: findings, fileCount: files.count)
        var output = context.stdout
        report.write(format, to: &output)
        context.stderr.write("pm lint: \(report.summary)\(strict ? " (strict)" : "")\n")
        return report.fails(strict: strict) ? .failure : .success
    }

    /// The postmortem files named by `paths`: files as given, folders walked like the postmortems directory.
    /// Files that are not postmortems (README.md, the team's templates) are left out, as in a full run,
    /// so a pre-commit hook can pass every changed file under postmortems/.
    private func expand(_ paths: [String], directory: PostmortemsDirectory?, context: CommandContext) throws -> [String]
    {
        var files: [String] = []
        for path in paths {
            let absolute = PostmortemsDirectory.absolutePath(path, relativeTo: context.workingDirectory)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw PMUsageError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                files += try PostmortemsDirectory(path: absolute, config: Config()).postmortemFiles()
            } else if (absolute as NSString).lastPathComponent.lowercased() != "readme.md",
                !(directory.map { absolute.hasPrefix($0.templatesPath + "/") } ?? false)
            {
                files.append(absolute)
            }
        }
        return files
    }
}
