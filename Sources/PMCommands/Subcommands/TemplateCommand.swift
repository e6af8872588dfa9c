import ArgumentParser
import PMDocument

/// `pm template`: the evolving templates.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, show and upgrade to the postmortem templates.",
        discussion: """
            \(TemplateCommand.builtInSentence) A team adds its own as Markdown files in the postmortems \
            directory's templates/ folder: YAML front matter with name, version, description and questions \
            (each with a key, a heading and aliases), then one ## section per question holding its \
            placeholder. `template: NAME@VERSION` in pm.yml makes one the default.
            """,
        subcommands: [TemplateList.self, TemplateShow.self, TemplateUpgrade.self]
    )

    /// "Five templates are built in: …", from the catalog, so help never miscounts them.
    static var builtInSentence: String {
        let references = TemplateCatalog.builtIn.templates.map(\.reference.description)
        let words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
        let count = references.count < words.count ? words[references.count] : "\(references.count)"
        return "\(count) templates are built in: \(references.joined(separator: ", "))."
    }
}
