import ArgumentParser
import Foundation
import PMDocument
import PMLint
import PMReports
import PMWorkspace

extension Export.Format: ExpressibleByArgument {}
extension Export.Table: ExpressibleByArgument {}

/// `pm export`: the data, for analytics databases.
struct ExportCommand: ContextualCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export incidents and action items as json, ndjson, csv or sql, for analytics databases.",
        discussion: """
            Two record types, incidents and actions, with the fields below (less those that depend on the \
            day: actions_overdue, overdue_days). Times are \
            ISO 8601 UTC; text is UTF-8; nothing depends on the day of the export, so an unchanged directory \
            exports byte-identical output. csv: --output DIR writes incidents.csv and actions.csv, or \
            --table picks one for stdout. sql: CREATE TABLE IF NOT EXISTS and upserts that load unchanged \
            into SQLite and PostgreSQL (tables pm_incidents and pm_actions), for a nightly job.

            Incident fields:
            \(FieldHelp.incidents)

            Action fields:
            \(FieldHelp.actions)

            \(FieldHelp.conventions)

            Examples:
              pm export --format sql | psql "$WAREHOUSE_URL"
              pm export --format csv --output warehouse/
            """
    )

    @Option(help: "json, ndjson, csv or sql.")
    var format: Export.Format = .json

    @Option(help: ArgumentHelp("Write to this file (a folder for csv) instead of stdout.", valueName: "path"))
    var output: String?

    @Option(help: "Only this record type: incidents or actions.")
    var table: Export.Table?

    @OptionGroup var location: ReadingOptions

    func validate() throws {
        if format == .csv, output == nil, table == nil {
            throw ValidationError(
                "csv to stdout holds one table; pass --table incidents or --table actions, or --output DIR for both")
        }
    }

    func run(context: CommandContext) throws -> ExitStatus {
        let (_, set) = try location.loadWithClosings(in: context, sections: false)
        let export = Export(set.postmortems)
        let tables = table.map { [$0] } ?? Export.Table.allCases
        guard let output else {
            var stdout = context.stdout
            export.write(format, tables: tables, to: &stdout)
            return ExitStatus(set)
        }
        let path = PostmortemsDirectory.absolutePath(output, relativeTo: context.workingDirectory)
        if format == .csv {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw PMError.cannotCreate(path: output, reason: error.localizedDescription)
            }
            for table in tables {
                var text = ""
                export.write(.csv, tables: [table], to: &text)
                let file = (path as NSString).appendingPathComponent("\(table.rawValue).csv")
                try FileWriter.save(file, contents: Array(text.utf8))
                context.stderr.write("wrote \(context.display(file))\n")
            }
        } else {
            var text = ""
            export.write(format, tables: tables, to: &text)
            try FileWriter.save(path, contents: Array(text.utf8))
            context.stderr.write("wrote \(context.display(path))\n")
        }
        return ExitStatus(set)
    }
}
