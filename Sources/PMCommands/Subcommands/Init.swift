import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm init`: creates the postmortems directory and its config.
struct Init: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the postmortems directory and its config (pm.yml).",
        discussion: """
            Creates ./postmortems (or --dir, or $PM_DIR) with a pm.yml that names the default template and \
            the severity scale. Refuses, changing nothing, when a pm.yml is already there.

            pm.yml keys:
              template: NAME@VERSION      the template pm new uses
              severities: [critical, …]   the severity scale, most severe first
              site_url: https://…         where pm render's site is published (links)
              lint:                       rules: {RULE: error|warning|off}, kinds: […],
                                          blameless: {add: […], remove: […]}

            Example:
              pm init --template six-questions@1
            """
    )

    @Option(
        name: .customLong("dir"), help: ArgumentHelp("Where to create it (default: ./postmortems).", valueName: "path"))
    var directory: String?

    @Option(
        help: ArgumentHelp(
            "The default template for new postmortems; built in: "
                + TemplateCatalog.builtIn.templates.map(\.reference.description).joined(separator: ", ") + ".",
            valueName: "name@version"))
    var template: TemplateReference?

    func run(context: CommandContext) throws -> ExitStatus {
        let catalog = TemplateCatalog.builtIn
        let chosen = template ?? catalog.defaultTemplate.reference
        guard let resolved = catalog.template(chosen) else {
            throw PMError.unknownTemplate(chosen.description, available: catalog.templates.map(\.reference.description))
        }
        let path =
            directory ?? context.environment["PM_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PostmortemsDirectory.defaultName
        let absolute = PostmortemsDirectory.absolutePath(path, relativeTo: context.workingDirectory)
        let created = try PostmortemsDirectory.initialize(at: absolute, template: resolved.reference)
        context.stdout.write(
            "Created \(context.display(created.configPath)) (template \(resolved.reference), severities "
                + "\(created.config.severities.joined(separator: ", ")))\n"
        )
        context.stdout.write("Next: pm new \"What happened\" --severity high\n")
        return .success
    }
}
