import ArgumentParser

/// `pm action`: edits to action items.
struct Action: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tick or add action items in their files, changing nothing else; show an item's history.",
        discussion: """
            Edits are byte-exact and atomic: only the checkbox character and the done: token (or the new line) \
            change, the file \
            is replaced in one rename, and pm refuses, changing nothing, when the id is unknown or ambiguous, \
            the action is already in the requested state, or the file changed on disk meanwhile.
            """,
        subcommands: [ActionDone.self, ActionAdd.self, ActionLog.self]
    )
}
