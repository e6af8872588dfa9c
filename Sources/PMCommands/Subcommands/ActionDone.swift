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
        let action: ActionItem
        let postmortem: Postmortem
        do {
            let position: Int
            (postmortem, position) = try ActionEditor.resolve(id, in: set)
            action = try ActionEditor(parser: directory.parser).setDone(!undo, position: position, of: postmortem)
        } catch EditError.unknownAction, EditError.notAnActionID {
            throw candidates(in: set) ?? EditError.notAnActionID(id)
        }
        context.stdout.write(
            "\(postmortem.path):\(action.line): [\(action.isDone ? "x" : " ")] \(action.id) \(action.text)\n")
        return .success
    }

    /// For an id whose incident part names an incident but whose action part names none of its actions:
    /// the incident's actions, each with the id to type (the incident part as typed) and its text.
    private func candidates(in set: PostmortemSet) -> PMUsageError? {
        guard let slash = id.lastIndex(of: "/") else { return nil }
        let typed = String(id[..<slash])
        guard let postmortem = try? set.resolve(typed) else { return nil }
        guard !postmortem.actions.isEmpty else {
            return PMUsageError("no action \(id) in \(postmortem.id); it has no action items")
        }
        let lines = postmortem.actions.map { action in
            "  \(typed)\(action.id.dropFirst(postmortem.id.count))  [\(action.isDone ? "x" : " ")] \(action.text)"
        }
        return PMUsageError("no action \(id) in \(postmortem.id); its actions are:\n" + lines.joined(separator: "\n"))
    }
}
