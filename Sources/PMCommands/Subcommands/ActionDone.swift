import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm action done ID [--undo]`: ticks one action item's checkbox.
struct ActionDone: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark an action item done ([ ] → [x]), or open again with --undo.",
        discussion: """
            ID is INCIDENT/N as `pm actions` shows it; the incident part may be any unique prefix. An unknown \
            id is refused, listing the incident's actions by their text.

            Examples:
              pm action done 2019-02-14/5
              pm action done 2019-02-14/5 --undo
            """
    )

    @Argument(help: "The action's id: INCIDENT/N.")
    var id: String

    @Flag(help: "Open the action again ([x] → [ ]).")
    var undo = false

    @OptionGroup var location: DirectoryOptions

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context)
        let (postmortem, position) = try ActionEditor.resolve(id, in: set)
        let action = try ActionEditor(parser: directory.parser).setDone(!undo, position: position, of: postmortem)
        context.stdout.write(
            "\(postmortem.path):\(action.line): [\(action.isDone ? "x" : " ")] \(action.id) \(action.text)\n")
        return .success
    }
}
