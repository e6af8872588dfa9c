import ArgumentParser
import PMDocument
import PMLint
import PMReports
import PMWorkspace

/// `pm list`: the incidents, newest first.
struct List: ContextualCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the incidents, newest first.",
        discussion: """
            Columns: date, severity, status, open/total actions (red when some are overdue), time to detect \
            (started → detected), time to resolve (detected → resolved), id and title.

            json and csv fields:
            \(FieldHelp.incidents)
            \(FieldHelp.conventions)

            Examples:
              pm list --since 2019-01-01 --severity critical
              pm list --format csv > incidents.csv
            """
    )

    @OptionGroup var location: ReadingOptions
    @OptionGroup var filters: IncidentFilterOptions

    @Option(help: "Output format: table, markdown, json or csv.")
    var format: ReportFormat = .table

    func run(context: CommandContext) throws -> ExitStatus {
        let (directory, set) = try location.load(in: context, sections: false)
        let list = IncidentList(set, filter: filters.filter, config: directory.config, today: try context.today)
        var output = context.stdout
        list.write(format, style: context.terminalStyle, to: &output)
        return ExitStatus(set)
    }
}
