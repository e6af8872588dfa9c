import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm show ID`: one incident's parsed summary.
struct Show: ContextualCommand {
    /// `pm show` prints a summary for people or the whole parsed postmortem as JSON.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    static let configuration = CommandConfiguration(
        abstract: "Show one incident: metadata, durations, impact, root cause and actions.",
        discussion: """
            ID is the file name without .md, or any prefix of it that names one incident; a path to the file \
            works too. --format json prints the incident's fields, then sections (heading, key, answered, \
            start_line, end_line, text) and actions (the fields of pm actions).

            json fields:
            \(FieldHelp.incidents)
            \(FieldHelp.conventions)

            Example:
              pm show 2019-02-14
            """
    )

    @Argument(help: "The incident's id, or a unique prefix of it.")
    var id: String

    @OptionGroup var location: ReadingOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run(context: CommandContext) throws -> ExitStatus {
        // Every postmortem with the text related incidents compare (from the summary cache when unchanged), then
        // the one shown with all its text, and with what the whole set found about it (an id or alias it shares).
        let (directory, set) = try location.load(in: context, quiet: true, request: .comparedText)
        let resolved = try set.resolve(id)
        let (_, detail) = try location.load(
            in: context, quiet: true, request: .detail, only: { $0 == resolved.filePath })
        var postmortem = detail.postmortems.first ?? resolved
        postmortem.diagnostics = resolved.diagnostics
        context.report(postmortem.diagnostics)
        var output = context.stdout
        PostmortemSummary(
            postmortem, today: try context.today, tickets: directory.config.tickets,
            related: RelatedIncidents(set.postmortems).matches(for: postmortem.id)
        ).write(json: format == .json, style: context.terminalStyle, to: &output)
        return postmortem.hasErrors ? .failure : .success
    }
}
