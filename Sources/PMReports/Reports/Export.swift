import PMDocument
import PMWorkspace

/// `pm export`: incidents and action items for analytics databases, the same bytes for the same files.
///
/// Exports leave out everything that depends on the day they run (overdue counts), so re-running an
/// export on an unchanged directory gives byte-identical output.
public struct Export: Sendable {
    public enum Format: String, Sendable, CaseIterable { case json, ndjson, csv, sql }

    /// The two record types.
    public enum Table: String, Sendable, CaseIterable {
        case incidents, actions

        /// The SQL table name.
        public var sqlName: String { "pm_\(rawValue)" }
    }

    public var incidents: [IncidentRecord]
    public var actions: [ActionRecord]

    /// Records of `postmortems`, incidents sorted by id, each incident's actions in file order. An action
    /// whose id is written on another item too (a lint error) is left out: its key would name two rows.
    public init(_ postmortems: [Postmortem]) {
        let sorted = postmortems.sorted { $0.id < $1.id }
        incidents = sorted.map { IncidentRecord($0, today: nil) }
        actions = sorted.flatMap { postmortem in
            let counts = Dictionary(postmortem.actions.map { ($0.token, 1) }, uniquingKeysWith: +)
            return postmortem.actions.filter { counts[$0.token] == 1 }.map {
                ActionRecord(action: $0, in: postmortem, today: nil)
            }
        }
    }

    /// Writes `tables` in `format`.
    public func write(_ format: Format, tables: [Table] = Table.allCases, to output: inout some TextOutputStream) {
        switch format {
        case .json:
            JSONOutput.write(
                JSONShape(
                    incidents: tables.contains(.incidents) ? incidents : nil,
                    actions: tables.contains(.actions) ? actions : nil), to: &output)
        case .ndjson:
            if tables.contains(.incidents) {
                for record in incidents {
                    JSONOutput.write(Tagged(record: "incident", fields: record), compact: true, to: &output)
                }
            }
            if tables.contains(.actions) {
                for record in actions {
                    JSONOutput.write(Tagged(record: "action", fields: record), compact: true, to: &output)
                }
            }
        case .csv:
            precondition(tables.count == 1, "a CSV stream holds one table")
            switch tables[0] {
            case .incidents:
                CSV.write(
                    header: IncidentRecord.columns(withToday: false).map(\.name), rows: incidents.map(\.csvRow),
                    to: &output)
            case .actions:
                CSV.write(
                    header: ActionRecord.columns(withToday: false).map(\.name), rows: actions.map(\.csvRow), to: &output
                )
            }
        case .sql:
            writeSQL(tables: tables, to: &output)
        }
    }

    struct JSONShape: Encodable {
        var incidents: [IncidentRecord]?
        var actions: [ActionRecord]?
    }

    /// A record with a `"record"` field naming its type, for ndjson.
    struct Tagged<Record: TabularRecord>: Encodable {
        var record: String
        var fields: Record

        func encode(to encoder: Encoder) throws {
            try fields.encode(to: encoder)
            var container = encoder.container(keyedBy: FieldKey.self)
            try container.encode(record, forKey: FieldKey(stringValue: "record"))
        }
    }

    // MARK: SQL

    /// `CREATE TABLE IF NOT EXISTS` and one upsert per record, in a transaction; runs unchanged in
    /// SQLite (3.24 or later) and PostgreSQL (9.5 or later). Actions an incident no longer has are deleted.
    private func writeSQL(tables: [Table], to output: inout some TextOutputStream) {
        output.write(
            "-- pm export: incidents and action items. Loads into SQLite and PostgreSQL; running it again updates "
                + "rows in place.\n"
        )
        output.write("BEGIN;\n")
        if tables.contains(.incidents) {
            Self.writeTable(
                .incidents, columns: IncidentRecord.columns(withToday: false), rows: incidents.map(\.values),
                to: &output)
            // An incident renamed by `pm mv` is the same incident: its row under the old id goes.
            for incident in incidents {
                for alias in incident.postmortem.frontMatter.aliases.sorted() where alias != incident.postmortem.id {
                    output.write("DELETE FROM \(Table.incidents.sqlName) WHERE \"id\" = \(Self.literal(alias));\n")
                }
            }
        }
        if tables.contains(.actions) {
            Self.writeTable(
                .actions, columns: ActionRecord.columns(withToday: false), rows: actions.map(\.values), to: &output)
            // Rows of actions an incident no longer has (its file is the whole truth about its actions), and
            // those filed under an id the incident had before `pm mv` renamed it.
            for incident in incidents {
                for alias in incident.postmortem.frontMatter.aliases.sorted() where alias != incident.postmortem.id {
                    output.write(
                        "DELETE FROM \(Table.actions.sqlName) WHERE \"incident\" = \(Self.literal(alias));\n")
                }
                let ids = Set(incident.postmortem.actions.map(\.id)).sorted().map(Self.literal)
                output.write(
                    "DELETE FROM \(Table.actions.sqlName) WHERE \"incident\" = \(Self.literal(incident.postmortem.id))"
                        + (ids.isEmpty ? "" : " AND \"id\" NOT IN (\(ids.joined(separator: ", ")))") + ";\n")
            }
        }
        output.write("COMMIT;\n")
    }

    private static func writeTable<Record>(
        _ table: Table, columns: [Column<Record>], rows: [[FieldValue]], to output: inout some TextOutputStream
    ) {
        let names = columns.map { "\"\($0.name)\"" }
        output.write("CREATE TABLE IF NOT EXISTS \(table.sqlName) (\n")
        output.write(
            columns.enumerated().map { index, column in
                "  \(names[index]) \(column.sqlType.rawValue)\(index == 0 ? " PRIMARY KEY" : "")"
            }.joined(separator: ",\n"))
        output.write("\n);\n")
        let updates = names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        for row in rows {
            let values = zip(columns, row).map { column, value in
                guard let text = value.flatText else { return "NULL" }
                return column.sqlType == .integer ? text : literal(text)
            }
            output.write(
                "INSERT INTO \(table.sqlName) (\(names.joined(separator: ", "))) VALUES "
                    + "(\(values.joined(separator: ", ")))"
            )
            output.write(" ON CONFLICT (\(names[0])) DO UPDATE SET \(updates);\n")
        }
    }

    /// A standard SQL string literal: quotes doubled; NUL (which PostgreSQL text cannot hold) becomes U+FFFD.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") + "'"
    }
}
