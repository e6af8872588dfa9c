import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// The exit statuses pm documents.
public enum ExitStatus: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// A postmortem had errors (reports still cover every good file), or the command could not do its job.
    case failure = 1
    /// The command line was wrong: an unknown flag, a bad value, an unknown or ambiguous id.
    case usage = 2
}

/// A `pm` subcommand that runs against an explicit context instead of the process's globals.
protocol ContextualCommand: ParsableCommand {
    func run(context: CommandContext) throws -> ExitStatus
}

/// Parses a command line and runs it; the executable and the tests both come through here.
public enum PMRunner {
    /// Runs `pm ARGUMENTS` in `context` and returns the exit status.
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        defer {
            context.stdout.flush()
            context.stderr.flush()
        }
        if let unknown = UnknownCommand.find(in: arguments, root: PM.self) {
            context.stderr.write("pm: error: \(unknown.message)\n")
            return ExitStatus.usage.rawValue
        }
        do {
            var command = try PM.parseAsRoot(arguments)
            if let contextual = command as? any ContextualCommand {
                return try contextual.run(context: context).rawValue
            }
            try command.run()
            return ExitStatus.success.rawValue
        } catch let error as any UserFacingError {
            context.stderr.write("pm: error: \(error.localizedDescription)\n")
            return (error.isUsageMistake ? ExitStatus.usage : ExitStatus.failure).rawValue
        } catch {
            let code = PM.exitCode(for: error)
            let message = PM.fullMessage(for: error)
            if code == .success {
                context.stdout.write(message.isEmpty ? "" : message + "\n")
                return ExitStatus.success.rawValue
            }
            if !message.isEmpty { context.stderr.write(message + "\n") }
            if code == .validationFailure { return ExitStatus.usage.rawValue }
            return code.rawValue
        }
    }

    /// The process entry point: runs with the real environment and exits.
    public static func main() -> Never {
        exit(run(Array(CommandLine.arguments.dropFirst()), context: .live()))
    }
}
