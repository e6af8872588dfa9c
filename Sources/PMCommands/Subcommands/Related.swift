import ArgumentParser
import PMDocument
import PMReports
import PMWorkspace

/// `pm related ID`: the incidents most like one, to answer "has this happened before?".
struct Related: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the incidents most like one (shared services and tags, similar title, impact, root cause).",
        discussion: """
            Incidents are ranked by the services and tags they share and by how alike their titles, impact and \
            root cause read (TF-IDF cosine over every postmortem); each line says why.

            Example:
              pm related 2019-02-14
            """
    )

    @Argument(help: "The incident's id, or a unique prefix of it.")
    var id: String

    @OptionGroup var location: ReadingOptions

    @Option(help: "How many incidents to list at most.")
    var limit: Int = 5

    @Option(help: "Output format: text or json.")
    var format: Show.Format = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        // The text related incidents compare, from the summary cache for unchanged files.
        let (_, set) = try location.load(in: context, quiet: true, request: .comparedText)
        let postmortem = try set.resolve(id)
        let matches = RelatedIncidents(set.postmortems).matches(for: postmortem.id, limit: limit)
        var output = context.stdout
        RelatedReport(subject: postmortem, matches: matches)
            .write(json: format == .json, style: context.terminalStyle, to: &output)
        return .success
    }
}
