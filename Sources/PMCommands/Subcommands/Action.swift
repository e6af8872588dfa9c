import ArgumentParser

/// `pm action`: edits to action items.
struct Action: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tick or add action items in their files, changing nothing else.",
        discussion: """
            Edits are byte-exact and atomic: only the checkbox character (or the new line) changes, the file \
            is replaced in one rename, and pm refuses, changing nothing, when the id is unknown or ambiguous, \
            the action is already in the requested state, or the file changed on disk meanwhile.
            """,
        subcommands: [ActionDone.self, ActionAdd.self]
    )
}
