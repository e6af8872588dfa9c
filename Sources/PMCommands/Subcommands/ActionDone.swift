import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm action done ID [--undo]`: ticks one action item's checkbox and writes its closing day.
struct ActionDone: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark an action item done ([ ] → [x] and done:TODAY), or open again with --undo.",
        discussion: """
            ID is the action's id as `pm actions` shows it: INCIDENT/TOKEN, the token written in the item \
            (<!-- id:a7k2q -->) or, for an item without one, derived from its words (~k3x9f). The incident part \
            may be any unique prefix or an old id kept in aliases: (pm action done 2019-02-14/a7k2q). An id no \
            item has any more, or a position (INCIDENT/2), is refused with the incident's actions, by their text. \
            Ticking writes done:YYYY-MM-DD (today, or PM_TODAY) after the item's other tokens, so the closing day \
            travels with the file; --undo removes it.

            Examples:
              pm action done 2019-02-14/a7k2q
              pm action done 2019-02-14/a7k2q --undo
            """
    )

    @Argument(help: "The action's id: INCIDENT/TOKEN.")
    var id: String

    @Flag(help: "Open the action again ([x] → [ ]).")
    var undo = false

    @OptionGroup var location: ReadingOptions

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context)
        let (postmortem, found) = try set.resolveAction(id)
        let action = try ActionEditor(parser: directory.parser).setDone(
            !undo, token: found.token, of: postmortem, closedOn: try context.today)
        context.stdout.write(
            "\(postmortem.path):\(action.line): [\(action.isDone ? "x" : " ")] \(action.id) \(action.text)\n")
        return .success
    }
}
