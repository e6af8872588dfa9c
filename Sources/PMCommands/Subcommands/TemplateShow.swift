import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm template show NAME[@VERSION]`: one template's questions.
struct TemplateShow: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a template's questions: key, heading and aliases; --scaffold prints what pm new writes.",
        discussion: """
            Without @VERSION, the newest version of that name. Works anywhere: the built-in templates need no \
            postmortems directory (inside one, the team's templates are shown too).

            Examples:
              pm template show six-questions
              pm template show google-sre@1 --scaffold
            """
    )

    @Argument(help: ArgumentHelp("The template: NAME or NAME@VERSION.", valueName: "name[@version]"))
    var template: TemplateReference

    @OptionGroup var location: DirectoryOptions

    @Option(help: "Output format: table or json.")
    var format: TemplateListFormat = .table

    @Flag(help: "Print the Markdown sections a new postmortem starts with instead.")
    var scaffold = false

    func run(context: CommandContext) throws -> ExitStatus {
        // The built-in templates need no postmortems directory; inside one, the team's come too.
        let directory = try location.locateIfAny(in: context)
        let problems = directory?.templateProblems ?? []
        context.report(problems)
        let catalog = directory?.catalog ?? .builtIn
        let defaultTemplate = directory.map { $0.defaultTemplate } ?? catalog.defaultTemplate
        guard let found = catalog.template(template) else {
            throw PMError.unknownTemplate(
                template.description, available: catalog.templates.map(\.reference.description))
        }
        var output = context.stdout
        if scaffold {
            output.write(found.scaffold)
        } else {
            TemplateListing(catalog: catalog, defaultTemplate: defaultTemplate?.reference)
                .writeDetail(found, json: format == .json, style: context.terminalStyle, to: &output)
        }
        return .success
    }
}
