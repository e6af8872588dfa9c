import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm stats`: is the team getting better?
struct Stats: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "Incident counts, time to detect and resolve, action closure, and postmortem hygiene.",
        discussion: """
            Time to detect is started → detected, time to resolve detected → resolved; medians, nearest-rank \
            90th percentiles and means count only incidents with both times, and MISSING says how many lacked \
            them. An action's age is the days since its incident.

            json carries the same numbers: as_of; incidents (total, first, last, by_severity, by_month, \
            by_service, by_detection); time_to_detect and time_to_resolve (overall and by_severity, each with \
            count, missing, median_seconds, p90_seconds, mean_seconds); actions (overall, by_kind, by_owner, \
            each with total, open, done, overdue, closure_rate, median_open_age_days); hygiene (stale_drafts, \
            published_without_actions). Missing values are null.

            Example:
              pm stats --since 2024-01-01 --severity critical
            """
    )

    @OptionGroup var location: ReadingOptions
    @OptionGroup var filters: IncidentFilterOptions

    @Option(help: "Output format: table or json.")
    var format: TemplateListFormat = .table

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.loadWithClosings(in: context, sections: false)
        let statistics = Statistics(
            set.postmortems.filter(filters.filter.matches), config: directory.config, today: try context.today)
        var output = context.stdout
        StatsReport(statistics).write(json: format == .json, style: context.terminalStyle, to: &output)
        return ExitStatus(set)
    }
}
