import Foundation
import PMDocument
import PMWorkspace

/// `pm show`: one incident's metadata, durations, impact and root cause, and its actions.
public struct PostmortemSummary: Sendable {
    public var postmortem: Postmortem
    public var today: CalendarDate
    /// pm.yml's ticket links, for `ticket_url` in JSON.
    public var tickets: TicketLinks
    /// The incidents like this one (`RelatedIncidents`).
    public var related: [RelatedIncidents.Match]

    public init(
        _ postmortem: Postmortem, today: CalendarDate, tickets: TicketLinks = TicketLinks(),
        related: [RelatedIncidents.Match] = []
    ) {
        self.postmortem = postmortem
        self.today = today
        self.tickets = tickets
        self.related = related
    }

    public func write(json: Bool, style: TerminalStyle, to output: inout some TextOutputStream) {
        if json {
            JSONOutput.write(
                PostmortemDetailRecord(postmortem, today: today, tickets: tickets, related: related), to: &output)
            return
        }
        let front = postmortem.frontMatter
        func bold(_ text: String) -> String { style.apply(.strong, to: text) }
        output.write(bold(postmortem.title) + "\n")
        output.write("\(postmortem.id)  (\(postmortem.path))\n\n")

        var fields = FrontMatter.fields.filter { $0.placement.contains(.summary) }.map { field in
            var value = field.value(in: postmortem).displayText ?? ""
            // A date pm worked out rather than read says so.
            if field.key == "date", !value.isEmpty, postmortem.dateSource == .inferred {
                value += " (inferred from the timeline)"
            }
            return (field.label, value)
        }
        fields += front.extra.map { ($0.key, $0.value.displayText) }
        let labelWidth = fields.map(\.0.count).max() ?? 0
        for (label, value) in fields where !value.isEmpty {
            output.write("  \(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0))  \(value)\n")
        }

        for (key, title) in [("summary", "Summary"), ("impact", "Impact"), ("root-cause", "Root cause")] {
            // A postmortem written elsewhere may state its impact and root cause in a label.
            let stated =
                postmortem.isPMFormat
                ? nil : key == "impact" ? postmortem.impact : key == "root-cause" ? postmortem.rootCause : nil
            guard let section = postmortem.section(key) else {
                guard let stated else { continue }
                output.write("\n" + bold(title) + "\n")
                for line in stated.split(separator: "\n", omittingEmptySubsequences: false) {
                    output.write(line.isEmpty ? "\n" : "  \(line)\n")
                }
                continue
            }
            output.write("\n" + bold(title) + "\n")
            let text = section.isAnswered ? stated ?? section.text : "(not answered yet)"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                output.write(line.isEmpty ? "\n" : "  \(line)\n")
            }
        }

        let unanswered = postmortem.sections.filter { $0.key != nil && !$0.isAnswered }.map(\.heading)
        if !unanswered.isEmpty {
            output.write("\n" + bold("Unanswered") + "\n")
            for heading in unanswered { output.write("  \(heading)\n") }
        }

        let open = postmortem.actions.filter { !$0.isDone }.count
        output.write("\n" + bold("Actions (\(open) open, \(postmortem.actions.count - open) done)") + "\n")
        if postmortem.actions.isEmpty { output.write("  none\n") }
        for action in postmortem.actions {
            let record = ActionRecord(action: action, in: postmortem, today: today)
            var details: [String] = []
            if !action.owners.isEmpty { details.append(action.owners.map { "@\($0)" }.joined(separator: " ")) }
            if let due = DueWording(record).clause { details.append(due) }
            if let kind = action.kind { details.append("#\(kind)") }
            if let ticket = action.ticket { details.append(ticket) }
            let indent = String(repeating: "  ", count: action.depth)
            let line =
                "  \(indent)[\(action.isDone ? "x" : " ")] \(action.id)  \(action.text)"
                + (details.isEmpty ? "" : "  (\(details.joined(separator: ", ")))")
            output.write(style.apply(record.daysOverdue != nil ? .alert : nil, to: line) + "\n")
        }

        output.write("\n" + bold("Incidents like this one") + "\n")
        if related.isEmpty { output.write("  none yet\n") }
        RelatedReport.writeLines(related, to: &output)
    }
}
