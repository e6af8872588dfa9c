import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// Everything a command takes from the outside world, so tests can fix it.
public struct CommandContext: Sendable {
    public var stdout: TextSink
    public var stderr: TextSink
    public var environment: [String: String]
    public var workingDirectory: String
    public var now: Date
    public var timeZone: TimeZone
    /// Whether standard output is a terminal.
    public var stdoutIsTerminal: Bool
    /// The terminal's width when standard output is one.
    public var terminalWidth: Int?
    /// Whether standard error is a terminal (progress is shown only there).
    public var stderrIsTerminal: Bool = false

    public init(
        stdout: TextSink = TextSink(), stderr: TextSink = TextSink(), environment: [String: String] = [:],
        workingDirectory: String, now: Date = Date(), timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        stdoutIsTerminal: Bool = false, terminalWidth: Int? = nil
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.now = now
        self.timeZone = timeZone
        self.stdoutIsTerminal = stdoutIsTerminal
        self.terminalWidth = terminalWidth
    }

    /// The real process: its streams, environment, working directory, clock and terminal.
    public static func live() -> CommandContext {
        let isTerminal = Platform.isTerminal(1)
        let width = isTerminal ? Platform.terminalColumns(1) : nil
        var context = CommandContext(
            stdout: TextSink(descriptor: 1), stderr: TextSink(descriptor: 2),
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            now: Date(), timeZone: .current, stdoutIsTerminal: isTerminal, terminalWidth: width)
        context.stderrIsTerminal = Platform.isTerminal(2)
        return context
    }

    /// Today in the local time zone, or `PM_TODAY` (YYYY-MM-DD) when set, for reproducible reports.
    public var today: CalendarDate {
        get throws {
            guard let fixed = environment["PM_TODAY"], !fixed.isEmpty else { return CalendarDate(now, in: timeZone) }
            guard let date = CalendarDate(fixed) else {
                throw PMUsageError("PM_TODAY=\(fixed) is not a date; write it as YYYY-MM-DD")
            }
            return date
        }
    }

    /// How tables look: fitted to the terminal, coloured only on a terminal and never with NO_COLOR.
    public var terminalStyle: TerminalStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        let width = terminalWidth ?? environment["COLUMNS"].flatMap(Int.init)
        let colour = stdoutIsTerminal && !noColor && !dumb
        return TerminalStyle(
            width: stdoutIsTerminal ? width : environment["COLUMNS"].flatMap(Int.init),
            emphasizer: colour ? ANSIColours() : PlainText())
    }

    /// Writes diagnostics to stderr, one `path:line: severity: message` line each.
    public func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { stderr.write("\(diagnostic)\n") }
    }

    /// `path` as the user would type it: relative to the working directory when inside it.
    public func display(_ path: String) -> String {
        DisplayPath.of(path, relativeTo: workingDirectory)
    }
}

/// A usage mistake found after parsing (an unknown id, a bad environment variable): exit status 2.
public struct PMUsageError: Error, UserFacingError {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var errorDescription: String? { message }

    public var isUsageMistake: Bool { true }
}
