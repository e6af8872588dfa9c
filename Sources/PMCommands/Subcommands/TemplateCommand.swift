import ArgumentParser

/// `pm template`: the evolving templates.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, show and upgrade to the postmortem templates.",
        discussion: """
            Two templates are built in (six-questions@1 and @2). A team adds its own as Markdown files in \
            the postmortems directory's templates/ folder (same format; see the README), and makes one \
            the default with `template: NAME@VERSION` in pm.yml.
            """,
        subcommands: [TemplateList.self, TemplateShow.self, TemplateUpgrade.self]
    )
}
