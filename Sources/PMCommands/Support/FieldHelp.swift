import PMReports

/// The fields of pm's json and csv records, for `--help`: every command that prints records lists them, so
/// someone with only the binary knows what each column means. A test keeps this list equal to the records'
/// columns.
enum FieldHelp {
    /// What each action field holds, in a few words (short enough that help at 80 columns never wraps).
    static let actionMeanings: [String: String] = [
        "id": "the id to name it by on the command line",
        "incident": "the incident's id",
        "position": "1-based position among the file's action items",
        "status": "open or done",
        "text": "the item's text, without checkbox and tokens",
        "owners": "owners, without @ (a list)",
        "due": "YYYY-MM-DD, or the due: value when not a date",
        "overdue_days": "days past due, for an open action",
        "kind": "from #kind",
        "ticket": "ABC-123 or a URL",
        "severity": "the incident's severity",
        "incident_title": "the incident's title",
        "incident_date": "the incident's date",
        "path": "the file, relative to the current directory",
        "line": "the item's line in the file",
        "closed": "the day it was closed: its done: token, or git",
        "closed_source": "token, git or unknown (for a done action)",
    ]

    /// What each incident field holds.
    static let incidentMeanings: [String: String] = [
        "id": "the file name without .md",
        "title": "from the front matter, else the first heading",
        "date": "YYYY-MM-DD, from the front matter or the file name",
        "severity": "from the front matter",
        "status": "draft, in-review or published",
        "template": "NAME@VERSION of the template it follows",
        "started": "ISO 8601 in UTC, like 2019-02-14T10:02:00Z",
        "detected": "ISO 8601 in UTC",
        "acknowledged": "ISO 8601 in UTC",
        "resolved": "ISO 8601 in UTC",
        "time_to_detect_seconds": "started → detected",
        "time_to_resolve_seconds": "detected → resolved",
        "duration_seconds": "started → resolved",
        "detection": "how the team found out: alert, user …",
        "responders": "a list of names",
        "facilitator": "a name",
        "services": "a list",
        "tags": "a list",
        "actions_total": "how many action items",
        "actions_open": "how many are open",
        "actions_overdue": "how many are overdue",
        "path": "the file, relative to the current directory",
        "extra": "other front-matter keys, as an object",
    ]

    /// `  name   meaning` lines for `columns`, aligned.
    static func list(_ columns: [String], _ meanings: [String: String]) -> String {
        let width = (columns.map(\.count).max() ?? 0) + 2
        return columns.map { name in
            "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + (meanings[name] ?? "")
        }.joined(separator: "\n")
    }

    /// The action fields, as `pm actions` writes them (`export` leaves out those that depend on the day).
    static var actions: String { list(ActionRecord.columns(withToday: true).map(\.name), actionMeanings) }

    /// The incident fields, as `pm list` writes them (`export` leaves out those that depend on the day).
    static var incidents: String { list(IncidentRecord.columns(withToday: true).map(\.name), incidentMeanings) }

    /// How json and csv write values: the same for every command.
    static let conventions =
        "Every field is always present: null in json and empty in csv when unknown; lists are json arrays and "
        + "space-separated in csv; times are ISO 8601 in UTC, dates YYYY-MM-DD."
}
