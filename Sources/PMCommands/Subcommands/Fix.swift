import ArgumentParser
import PMDocument
import PMReports
import PMWorkspace

/// `pm fix`: repairs pm can make on its own, byte-exact and atomic.
struct Fix: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make repairs pm can make on its own, changing only the bytes they need.",
        subcommands: [FixIDs.self]
    )
}

/// `pm fix ids [ID…]`: writes permanent ids into action items that have none.
struct FixIDs: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "ids",
        abstract: "Write a permanent id into every action item that has none.",
        discussion: """
            Appends <!-- id:TOKEN --> (a random token, unused in the file) to each action item without an id \
            comment, in every postmortem or those named; every other byte stays as it was, and each file is \
            replaced atomically after reading it back. Until then such an item goes by an id derived from its \
            words (INCIDENT/~k3x9f), which changes when they do. Items whose id comment is not valid, or is \
            written on another item too, are left for you to fix (pm lint names them). --dry-run prints a \
            unified diff and writes nothing.
            """
    )

    @Argument(
        help: ArgumentHelp("Incident ids (or unique prefixes, or paths); default: every postmortem.", valueName: "id"))
    var ids: [String] = []

    @Flag(help: "Print a unified diff of each change and write nothing.")
    var dryRun = false

    @OptionGroup var location: ReadingOptions

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context, quiet: true)
        let postmortems = ids.isEmpty ? set.postmortems : try ids.map { try set.resolve($0) }
        let writer = ActionIDWriter(parser: directory.parser)
        var status = ExitStatus.success
        var written = 0
        var files = 0
        var left = 0
        for postmortem in postmortems where !postmortem.actions.allSatisfy(\.hasPermanentID) {
            let outcome: ActionIDWriter.Outcome
            do {
                outcome = try writer.apply(to: postmortem, write: !dryRun)
            } catch let error as any UserFacingError {
                context.stderr.write("pm: error: \(error.localizedDescription)\n")
                status = .failure
                continue
            }
            left += outcome.skipped.count
            for action in outcome.skipped {
                context.stderr.write(
                    "\(postmortem.path):\(action.line): warning: left without an id: its id comment is not valid; "
                        + "fix it, or delete it and run pm fix ids again\n")
            }
            guard !outcome.written.isEmpty else { continue }
            written += outcome.written.count
            files += 1
            if dryRun {
                context.stdout.write(
                    UnifiedDiff.make(
                        old: String(decoding: outcome.original, as: UTF8.self),
                        new: String(decoding: outcome.bytes, as: UTF8.self),
                        oldLabel: TemplateUpgrade.label("a", postmortem.path),
                        newLabel: TemplateUpgrade.label("b", postmortem.path)))
            } else {
                let count = outcome.written.count
                context.stdout.write("\(postmortem.path): \(count) id\(count == 1 ? "" : "s") written\n")
            }
        }
        if !dryRun { context.stdout.write(Self.summary(written: written, files: files, left: left) + "\n") }
        return status
    }

    /// `3 ids written in 2 files; 1 item left: …`, or that every item has a permanent id.
    static func summary(written: Int, files: Int, left: Int) -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        if written == 0 && left == 0 { return "Every action item has a permanent id." }
        let leftOver =
            left == 0 ? "" : "; \(count(left, "item")) left: \(left == 1 ? "its" : "their") id comment is not valid"
        return "\(count(written, "id")) written in \(count(files, "file"))\(leftOver)"
    }
}
