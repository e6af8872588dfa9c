import ArgumentParser
import Foundation
import PMDocument
import PMReports
import PMWorkspace

/// `pm action log ID`: one action item's history from git, newest first.
struct ActionLog: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show an action item's history from git: who created, reworded, re-owned, re-dated or ticked it.",
        discussion: """
            Reads one git log of the postmortems directory and follows the item by its id through edits, reorders \
            and renames (an item without a written id is followed through a rewording when the old and new lines \
            are in the same place). Newest first: date, author, commit and what changed. --format json gives the \
            same as a list of objects (date, author, email, commit, subject, path, changes, before, after).

            Example: pm action log 2019-02-14/a7k2q
            """
    )

    @Argument(help: "The action's id: INCIDENT/TOKEN.")
    var id: String

    @Option(help: "Output format: table or json.")
    var format: ReportFormat = .table

    @OptionGroup var location: ReadingOptions

    func validate() throws {
        if format != .table && format != .json { throw ValidationError("--format is table or json") }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context)
        let (postmortem, action) = try set.resolveAction(id)
        guard GitClosings.head(of: directory, environment: context.environment) != nil,
            let history = GitClosings.history(of: directory, environment: context.environment)
        else {
            context.stderr.write("pm: error: \(context.display(directory.path)) has no git history to read\n")
            return .failure
        }
        let path = GitClosings.relativePath(postmortem, in: directory)
        let changes = history.track(path: path, token: action.token)?.changes.reversed() ?? []
        if format == .json {
            var text = ""
            JSONOutput.write(changes.map(LogEntry.init), to: &text)
            context.stdout.write(text)
        } else if changes.isEmpty {
            context.stdout.write("\(action.id): not in any commit yet\n")
        } else {
            context.stdout.write("\(action.id) \(action.text)\n")
            for change in changes {
                let what = change.kinds.joined(separator: ", ")
                context.stdout.write(
                    "\(change.commit.date)  \(change.commit.author)  \(change.commit.hash.prefix(10))  \(what)\n")
                if let before = change.before, let after = change.after, before != after {
                    context.stdout.write("    - \(Self.line(before))\n    + \(Self.line(after))\n")
                } else if let after = change.after, change.before == nil {
                    context.stdout.write("    + \(Self.line(after))\n")
                }
            }
        }
        return .success
    }

    static func line(_ state: ActionHistory.State) -> String {
        ([state.isDone ? "[x]" : "[ ]", state.text] + state.owners.map { "@\($0)" }
            + [state.due.map { "due:\($0)" }, state.kind.map { "#\($0)" }, state.ticket].compactMap { $0 })
            .joined(separator: " ")
    }

    struct LogEntry: Encodable {
        var date: String
        var author: String
        var email: String
        var commit: String
        var subject: String
        var path: String
        var changes: [String]
        var before: String?
        var after: String?

        init(_ change: ActionHistory.Change) {
            date = change.commit.date.description
            author = change.commit.author
            email = change.commit.email
            commit = change.commit.hash
            subject = change.commit.subject
            path = change.path
            changes = change.kinds
            before = change.before.map(ActionLog.line)
            after = change.after.map(ActionLog.line)
        }
    }
}
