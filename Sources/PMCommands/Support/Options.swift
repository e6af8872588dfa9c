import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

extension Status: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ActionReport.Grouping: ExpressibleByArgument {}

/// A front-matter timestamp given on the command line (`@Option(transform: TimestampArgument.parse)`).
struct TimestampArgument {
    var timestamp: Timestamp
    /// The day as written, before any offset moves the time to UTC: the incident's day where the team is.
    var writtenDate: CalendarDate

    /// The accepted forms, named in the error for any other.
    static let formats =
        "2019-02-14T10:02:00Z, 2019-02-14T10:02Z, 2019-02-14 10:02 (UTC) or 2019-02-14T11:02+01:00"

    static func parse(_ argument: String) throws -> TimestampArgument {
        guard let timestamp = Timestamp(argument), let date = CalendarDate(argument.prefix(10)) else {
            throw ValidationError("write a date and time in ISO 8601, like \(formats)")
        }
        return TimestampArgument(timestamp: timestamp, writtenDate: date)
    }
}

/// A template reference given on the command line.
extension TemplateReference: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

/// `--dir`, shared by every command that works in a postmortems directory.
struct DirectoryOptions: ParsableArguments {
    @Option(
        name: .customLong("dir"),
        help: ArgumentHelp(
            "The postmortems directory.",
            discussion:
                "Default: $PM_DIR, else the nearest folder holding pm.yml or a postmortems/ folder, walking up from "
                + "here.",
            valueName: "path"))
    var directory: String?

    /// The directory named by --dir or PM_DIR, else found by walking up.
    func locate(in context: CommandContext) throws -> PostmortemsDirectory {
        try PostmortemsDirectory.locate(explicit: explicitPath(in: context), workingDirectory: context.workingDirectory)
    }

    /// The directory as `locate` finds it, or nil when none was named and walking up finds none: for
    /// commands that work without one (the built-in templates, lint of named files).
    func locateIfAny(in context: CommandContext) throws -> PostmortemsDirectory? {
        do {
            return try locate(in: context)
        } catch PMError.noPostmortemsDirectory(_) {
            return nil
        }
    }

    /// --dir, else PM_DIR.
    func explicitPath(in context: CommandContext) -> String? {
        directory ?? context.environment["PM_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `--dir` and `--no-cache`, shared by every command that reads the postmortems (through the summary cache).
struct ReadingOptions: ParsableArguments {
    @OptionGroup var place: DirectoryOptions

    @Flag(
        name: .customLong("no-cache"),
        help: ArgumentHelp(
            "Parse every file; do not read or write the summary cache.",
            discussion: "Also PM_NO_CACHE=1. The cache lives in .pm-cache/ beside pm.yml."))
    var noCache = false

    /// Whether and where reports keep the summary cache: on unless --no-cache or PM_NO_CACHE; in
    /// `$XDG_CACHE_HOME/pm` (or `~/.cache/pm`) when the postmortems directory is read-only.
    func cacheSettings(in context: CommandContext) -> SummaryCache.Settings {
        let off = context.environment["PM_NO_CACHE"].map { !$0.isEmpty && $0 != "0" } ?? false
        // A build that cannot name itself could trust another build's summaries: no cache then.
        guard !noCache, !off, let build = Platform.executableIdentity() else { return .disabled }
        let xdg = context.environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let home = context.environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let root = xdg ?? home.map { ($0 as NSString).appendingPathComponent(".cache") }
        return SummaryCache.Settings(
            isEnabled: true, fallbackFolder: root.map { ($0 as NSString).appendingPathComponent("pm") },
            build: "\(PMVersion.current) \(build)",
            wholeSecondTimes: context.environment["PM_CACHE_WHOLE_SECONDS"] == "1")
    }

    /// The directory named by --dir or PM_DIR, else found by walking up.
    func locate(in context: CommandContext) throws -> PostmortemsDirectory {
        try place.locate(in: context)
    }

    /// --dir, else PM_DIR.
    func explicitPath(in context: CommandContext) -> String? {
        place.explicitPath(in: context)
    }

    /// Reads and parses every postmortem; unless `quiet`, writes their diagnostics to stderr.
    /// - Parameter request: what each parse must give (`.detail` keeps section text: only `pm show` prints it).
    /// - Parameter include: which files to read (by path), when the command needs only some.
    /// - Parameter sections: false for a report that reads no section (the postmortems are kept without them).
    func load(
        in context: CommandContext, quiet: Bool = false, request: ParseRequest = .outline,
        only include: @escaping (String) -> Bool = { _ in true }, sections: Bool = true
    ) throws -> (PostmortemsDirectory, PostmortemSet) {
        let directory = try locate(in: context)
        let set = try read(
            directory, in: context, cache: cacheSettings(in: context), quiet: quiet, request: request, only: include,
            sections: sections)
        return (directory, set)
    }

    /// The postmortems of `directory`, read through `cache`; unless `quiet`, their diagnostics on stderr.
    private func read(
        _ directory: PostmortemsDirectory, in context: CommandContext, cache: SummaryCache.Settings, quiet: Bool,
        request: ParseRequest, only include: @escaping (String) -> Bool = { _ in true }, sections: Bool
    ) throws -> PostmortemSet {
        let set = try PostmortemSet.load(
            directory, displayBase: context.workingDirectory, request: request, cache: cache, only: include,
            keepsSections: sections)
        if !quiet { context.report(set.diagnostics) }
        return set
    }

    /// Like ``load(in:quiet:request:only:sections:)``, with the closing days of actions ticked by hand read
    /// from git.
    func loadWithClosings(
        in context: CommandContext, quiet: Bool = false, request: ParseRequest = .outline, sections: Bool = true
    ) throws -> (PostmortemsDirectory, PostmortemSet) {
        let directory = try locate(in: context)
        // git walks the history while the files are read.
        let cache = cacheSettings(in: context)
        let log = GitClosings.startLog(for: directory, environment: context.environment, cache: cache)
        var set = try read(directory, in: context, cache: cache, quiet: quiet, request: request, sections: sections)
        GitClosings.apply(to: &set, directory: directory, environment: context.environment, cache: cache, log: log)
        return (directory, set)
    }
}

/// Filters on incidents, shared by `pm list` and `pm actions`.
struct IncidentFilterOptions: ParsableArguments {
    @Option(
        name: .customLong("severity"),
        help: ArgumentHelp("Only incidents of this severity (repeatable).", valueName: "level"))
    var severities: [String] = []

    @Option(
        name: .customLong("status"),
        help: ArgumentHelp("Only postmortems in this status (repeatable).", valueName: "status"))
    var statuses: [Status] = []

    @Option(help: ArgumentHelp("Only incidents on or after this date.", valueName: "YYYY-MM-DD"))
    var since: CalendarDate?

    @Option(help: ArgumentHelp("Only incidents on or before this date.", valueName: "YYYY-MM-DD"))
    var until: CalendarDate?

    @Option(
        name: .customLong("tag"), help: ArgumentHelp("Only incidents with this tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(
        name: .customLong("service"),
        help: ArgumentHelp("Only incidents affecting this service (repeatable).", valueName: "service"))
    var services: [String] = []

    func validate() throws {
        if let since, let until, since > until {
            throw ValidationError("--since \(since) is after --until \(until); nothing could match")
        }
    }

    var filter: IncidentFilter {
        var filter = IncidentFilter()
        filter.severities = Set(severities.map { $0.lowercased() })
        filter.statuses = Set(statuses)
        filter.since = since
        filter.until = until
        filter.tags = Set(tags.map { $0.lowercased() })
        filter.services = Set(services.map { $0.lowercased() })
        return filter
    }
}

extension ExitStatus {
    /// 1 when some file had errors, else 0.
    init(_ set: PostmortemSet) {
        self = set.hasErrors ? .failure : .success
    }
}
