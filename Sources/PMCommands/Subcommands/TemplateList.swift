import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm template list`: every template pm knows.
struct TemplateList: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the templates: name@version, built-in or team, number of questions, which is the default.",
        discussion: """
            Works anywhere: the built-in templates need no postmortems directory (inside one, the team's \
            templates and pm.yml's default are listed too).
            """
    )

    @OptionGroup var location: DirectoryOptions

    @Option(help: "Output format: table or json.")
    var format: TemplateListFormat = .table

    func run(context: CommandContext) throws -> ExitStatus {
        // The built-in templates need no postmortems directory; inside one, the team's come too.
        let directory = try location.locateIfAny(in: context)
        let problems = directory?.templateProblems ?? []
        context.report(problems)
        let catalog = directory?.catalog ?? .builtIn
        let defaultTemplate = directory.map { $0.defaultTemplate } ?? catalog.defaultTemplate
        let listing = TemplateListing(catalog: catalog, defaultTemplate: defaultTemplate?.reference)
        var output = context.stdout
        listing.write(json: format == .json, style: context.terminalStyle, to: &output)
        return problems.contains { $0.severity == .error } ? .failure : .success
    }
}

/// `pm template list` prints a table or json.
enum TemplateListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
