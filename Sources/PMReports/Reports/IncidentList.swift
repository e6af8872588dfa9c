import PMDocument
import PMWorkspace

/// `pm list`: the incidents, newest first.
public struct IncidentList: Sendable {
    public var records: [IncidentRecord]
    public var config: Config
    /// Incident id → the shortest prefix that names it on the command line, for narrow tables.
    public var shortIDs: [String: String]

    public init(_ set: PostmortemSet, filter: IncidentFilter, config: Config, today: CalendarDate) {
        self.config = config
        self.shortIDs = set.shortestUniquePrefixes()
        // Sorted by index, each date worked out once: the postmortems themselves are neither copied nor moved.
        let postmortems = set.postmortems
        let dates = postmortems.map(\.date)
        let order = postmortems.indices.filter { filter.matches(postmortems[$0]) }.sorted { a, b in
            if dates[a] != dates[b] {
                return (dates[a] ?? CalendarDate(daysSinceEpoch: 0)) > (dates[b] ?? CalendarDate(daysSinceEpoch: 0))
            }
            return postmortems[a].id > postmortems[b].id
        }
        records = order.map { IncidentRecord(postmortems[$0], today: today) }
    }

    public func write(_ format: ReportFormat, style: TerminalStyle, to output: inout some TextOutputStream) {
        switch format {
        case .json: JSONOutput.write(records, to: &output)
        case .csv:
            CSV.write(
                header: IncidentRecord.columns(withToday: true).map(\.name), rows: records.map(\.csvRow), to: &output)
        case .markdown: writeMarkdown(to: &output)
        case .table: writeTable(style: style, to: &output)
        }
    }

    func severityEmphasis(_ severity: String?) -> Emphasis? {
        switch config.rank(ofSeverity: severity) {
        case 0: return .strongAlert
        case 1: return .caution
        default: return nil
        }
    }

    private func writeTable(style: TerminalStyle, to output: inout some TextOutputStream) {
        guard !records.isEmpty else {
            output.write("No postmortems.\n")
            return
        }
        let rows: [[TextTable.Cell]] = records.map { record in
            let postmortem = record.postmortem
            let front = postmortem.frontMatter
            return [
                TextTable.Cell(postmortem.date?.description ?? ""),
                TextTable.Cell(front.severity ?? "", emphasis: severityEmphasis(front.severity)),
                TextTable.Cell(front.status?.rawValue ?? ""),
                TextTable.Cell(
                    "\(record.openActions)/\(postmortem.actions.count)",
                    emphasis: record.overdueActions > 0 ? .alert : nil),
                TextTable.Cell(front.timeToDetect?.description ?? ""),
                TextTable.Cell(front.timeToResolve?.description ?? ""),
                TextTable.Cell(shortIDs[postmortem.id] ?? postmortem.id),
                TextTable.Cell(postmortem.title),
            ]
        }
        let headers = ["DATE", "SEVERITY", "STATUS", "OPEN", "TTD", "TTR", "ID", "TITLE"]
        TextTable(
            headers: headers, groups: [TextTable.Group(title: nil, rows: rows)],
            shrinkOrder: [(7, 20), (2, 6), (1, 6), (7, 10)]
        )
        .write(to: &output, style: style)
    }

    private func writeMarkdown(to output: inout some TextOutputStream) {
        output.write("**Postmortems** (\(records.count))\n\n")
        for record in records {
            let postmortem = record.postmortem
            let front = postmortem.frontMatter
            var details = [postmortem.date?.description, front.severity, front.status?.rawValue].compactMap { $0 }
            details.append(
                "\(record.openActions) of \(Plural.count(postmortem.actions.count, "action")) open")
            output.write(
                "- **\(MarkdownText.escape(postmortem.title))** — \(details.joined(separator: " · ")) · "
                    + "`\(postmortem.id)`\n"
            )
        }
    }
}
