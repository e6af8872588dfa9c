import ArgumentParser
import PMDocument
import PMReports
import PMWorkspace

/// `pm mv OLD NEW`: renames a postmortem, keeping its old id as an alias.
struct Move: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Rename a postmortem's file (its id), keeping the old id working.",
        discussion: """
            Renaming the file is the one way to change an incident's id. pm mv renames OLD's file to NEW.md in \
            the same folder and adds OLD to the front matter's aliases:, so commands still take the old id (and \
            its action ids), pm render writes a page at the old URL that sends readers to the new one, and pm \
            export removes the rows filed under the old id. It refuses, changing nothing, when NEW is another \
            incident's id or alias, or would share its site page.

            Example: pm mv 2019-02-14-messenger 2019-02-14-messenger-token-invalidated
            """
    )

    @Argument(help: ArgumentHelp("The incident's id (or a unique prefix, an alias, or a path).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("Its new id: the new file name without .md.", valueName: "new"))
    var new: String

    @OptionGroup var location: ReadingOptions

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context, quiet: true)
        let postmortem = try set.resolve(old)
        let path = try IncidentMover(parser: directory.parser).move(postmortem, to: new, in: set)
        context.stdout.write(
            "\(postmortem.path) → \(context.display(path)) (\(postmortem.id) kept in aliases:)\n")
        return .success
    }
}
