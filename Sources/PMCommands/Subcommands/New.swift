import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm new TITLE`: scaffolds a postmortem from the current template.
struct New: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scaffold a postmortem for an incident, from the team's current template.",
        discussion: """
            Writes postmortems/YYYY-MM-DD-slug.md with the front matter filled in from the flags and the \
            template's questions waiting, and prints its path. Never overwrites: if the name is taken, \
            -2, -3 … is added. Times are ISO 8601 (2019-02-14T10:02:00Z; a time without a zone is UTC).

            The date is --date, else the day --started is written in, else today. Times lint would reject (in \
            the future, out of order) are refused with lint's message. --edit opens the file in $VISUAL, else \
            $EDITOR, else editor, else vi.

            Example:
              pm new "Messenger replies stopped" --severity critical \\
                --started 2019-02-14T10:02Z --detected 2019-02-14T10:20Z \\
                --responder sam --service messenger --tag third-party --edit
            """
    )

    @Argument(help: "The incident's title, in a few words.")
    var title: String

    @OptionGroup var location: ReadingOptions

    @Option(
        help: ArgumentHelp(
            "Severity, from the configured scale (default scale: critical, high, medium, low).", valueName: "level"))
    var severity: String?

    @Option(
        help: ArgumentHelp("The incident's date (default: the day of --started, else today).", valueName: "YYYY-MM-DD"))
    var date: CalendarDate?

    @Option(
        help: ArgumentHelp(
            "The template to use (default: pm.yml's template, else the newest six-questions; see pm template list).",
            valueName: "name@version"))
    var template: TemplateReference?

    @Option(
        help: ArgumentHelp(
            "When the incident started. The incident's date, unless --date is given.", valueName: "time"),
        transform: TimestampArgument.parse)
    var started: TimestampArgument?

    @Option(help: ArgumentHelp("When the team found out.", valueName: "time"), transform: TimestampArgument.parse)
    var detected: TimestampArgument?

    @Option(
        help: ArgumentHelp("When a responder acknowledged it.", valueName: "time"), transform: TimestampArgument.parse)
    var acknowledged: TimestampArgument?

    @Option(help: ArgumentHelp("When the impact ended.", valueName: "time"), transform: TimestampArgument.parse)
    var resolved: TimestampArgument?

    @Option(
        help: ArgumentHelp(
            "How the team found out: alert, error-tracker, customer-support, user, engineer …", valueName: "source"))
    var detection: String?

    @Option(
        name: .customLong("responder"), help: ArgumentHelp("Someone who responded (repeatable).", valueName: "name"))
    var responders: [String] = []

    @Option(help: ArgumentHelp("Who facilitates the postmortem meeting.", valueName: "name"))
    var facilitator: String?

    @Option(name: .customLong("service"), help: ArgumentHelp("An affected service (repeatable).", valueName: "name"))
    var services: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Flag(help: "Open the new file in $VISUAL, else $EDITOR, else editor, else vi.")
    var edit = false

    func validate() throws {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("the title is empty; say in a few words what happened") }
        guard !title.contains(where: \.isNewline) else { throw ValidationError("the title must be one line") }
        for name in responders + services + tags + [facilitator, detection, severity].compactMap({ $0 })
        where name.contains(where: \.isNewline) {
            throw ValidationError("\"\(name)\" must be one line")
        }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let directory = try location.locate(in: context)
        if let severity, !directory.config.severities.contains(severity.lowercased()) {
            throw PMUsageError(
                "--severity \(severity) is not on the scale; use one of "
                    + "\(directory.config.severities.joined(separator: ", ")) (set in pm.yml)"
            )
        }
        context.report(directory.templateProblems)
        let chosen = try Self.template(template, in: directory, context: context)

        var front = flagged
        front.title = title.trimmingCharacters(in: .whitespaces)
        front.date = try date ?? started?.writtenDate ?? context.today
        front.status = .draft
        front.template = chosen.reference
        // Times lint would reject (in the future, out of order) are refused with lint's own words.
        let gate = try LintGate(directory: directory, context: context)
        let stem = "\(front.date?.description ?? "")-\(Slug.make(front.title ?? ""))"
        let draft = Array(Scaffolder.render(front, template: chosen, severities: directory.config.severities).utf8)
        let warnings = try gate.check(
            gate.findings(in: draft, path: stem + ".md", id: stem, rules: [.futureTime, .timeOrder]),
            subject: "the new postmortem")
        let path = try Scaffolder.create(front, template: chosen, in: directory)
        context.stdout.write(context.display(path) + "\n")
        LintGate.report(warnings, as: context.display(path), to: context)
        reportSimilar(to: path, in: directory, context: context)
        if edit { return try openEditor(path, context: context) }
        return .success
    }

    /// Has this happened before? The incidents most like the new one (its title, services and tags), on
    /// stderr so that the path stays the only output (`$EDITOR "$(pm new …)"`).
    private func reportSimilar(to path: String, in directory: PostmortemsDirectory, context: CommandContext) {
        // The text related incidents compare, from the summary cache for unchanged files, as `pm related`.
        guard
            let set = try? PostmortemSet.load(
                directory, displayBase: context.workingDirectory, request: .comparedText,
                cache: location.cacheSettings(in: context))
        else { return }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let matches = RelatedIncidents(set.postmortems).matches(for: id, limit: 3, threshold: 0.25)
        guard !matches.isEmpty else { return }
        var output = ""
        output.write("Incidents like this one (pm related \(id)):\n")
        RelatedReport.writeLines(matches, to: &output)
        context.stderr.write(output)
    }

    /// The front-matter fields the flags give, stored as the parser stores them (the title, date, status
    /// and template are added by `run`).
    private var flagged: FrontMatter {
        var front = FrontMatter()
        front.severity = severity
        front.started = started?.timestamp
        front.detected = detected?.timestamp
        front.acknowledged = acknowledged?.timestamp
        front.resolved = resolved?.timestamp
        front.detection = detection
        front.responders = responders
        front.facilitator = facilitator
        front.services = services
        front.tags = tags
        return front.normalized()
    }

    /// The template `--template` names, else pm.yml's, else the built-in default.
    static func template(_ reference: TemplateReference?, in directory: PostmortemsDirectory, context: CommandContext)
        throws -> Template
    {
        let available = directory.catalog.templates.map(\.reference.description)
        if let reference {
            guard let found = directory.catalog.template(reference) else {
                throw PMError.unknownTemplate(reference.description, available: available)
            }
            return found
        }
        guard let configured = directory.defaultTemplate else {
            throw PMError.invalidConfig(
                path: context.display(directory.configPath), line: nil,
                problem:
                    "`template: \(directory.config.defaultTemplate?.description ?? "")` is not a known template; use "
                    + "one of \(available.joined(separator: ", "))"
            )
        }
        return configured
    }

    /// The editor to run, the way git picks one: `$VISUAL`, else `$EDITOR`, else `editor` (Debian's
    /// alternative), else `vi`, the last two when found on `$PATH`; nil when there is none.
    static func editor(in environment: [String: String]) -> String? {
        if let chosen = ["VISUAL", "EDITOR"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) {
            return chosen
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return ["editor", "vi"].first { program in
            folders.contains {
                FileManager.default.isExecutableFile(atPath: ($0 as NSString).appendingPathComponent(program))
            }
        }
    }

    /// Runs the editor (``editor(in:)``) on the file through the shell, so editors with flags work.
    private func openEditor(_ path: String, context: CommandContext) throws -> ExitStatus {
        guard let editor = Self.editor(in: context.environment) else {
            context.stderr.write(
                "pm: error: --edit found no editor: $VISUAL and $EDITOR are not set, and neither editor nor vi is on "
                    + "PATH; the file was created: \(context.display(path))\n"
            )
            return .failure
        }
        context.stdout.flush()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        process.environment = context.environment
        process.currentDirectoryURL = URL(fileURLWithPath: context.workingDirectory)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            context.stderr.write(
                "pm: error: the editor (\(editor)) exited with status \(process.terminationStatus); the file is kept "
                    + "at \(context.display(path))\n"
            )
            return .failure
        }
        return .success
    }
}
