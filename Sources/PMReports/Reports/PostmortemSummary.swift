import Foundation
import PMDocument
import PMWorkspace

/// `pm show`: one incident's metadata, durations, impact and root cause, and its actions.
public struct PostmortemSummary: Sendable {
    public var postmortem: Postmortem
    public var today: CalendarDate

    public init(_ postmortem: Postmortem, today: CalendarDate) {
        self.postmortem = postmortem
        self.today = today
    }

    public func write(json: Bool, style: TerminalStyle, to output: inout some TextOutputStream) {
        if json {
            JSONOutput.write(PostmortemDetailRecord(postmortem, today: today), to: &output)
            return
        }
        let front = postmortem.frontMatter
        func bold(_ text: String) -> String { style.apply(.strong, to: text) }
        output.write(bold(postmortem.title) + "\n")
        output.write("\(postmortem.id)  (\(postmortem.path))\n\n")

        var fields: [(String, String)] = [
            ("Date", postmortem.date?.description ?? ""),
            ("Severity", front.severity ?? ""),
            ("Status", front.status?.rawValue ?? ""),
            ("Template", front.template?.description ?? ""),
            ("Started", front.started?.description ?? ""),
            ("Detected", front.detected?.description ?? ""),
            ("Acknowledged", front.acknowledged?.description ?? ""),
            ("Resolved", front.resolved?.description ?? ""),
            ("Time to detect", front.timeToDetect?.description ?? ""),
            ("Time to resolve", front.timeToResolve?.description ?? ""),
            ("Duration", front.duration?.description ?? ""),
            ("Detection", front.detection ?? ""),
            ("Responders", front.responders.joined(separator: ", ")),
            ("Facilitator", front.facilitator ?? ""),
            ("Services", front.services.joined(separator: ", ")),
            ("Tags", front.tags.joined(separator: ", ")),
            ("Aliases", front.aliases.joined(separator: ", ")),
        ]
        fields += front.extra.map { ($0.key, $0.value.displayText) }
        let labelWidth = fields.map(\.0.count).max() ?? 0
        for (label, value) in fields where !value.isEmpty {
            output.write("  \(label.padding(toLength: labelWidth, withPad: " ", startingAt: 0))  \(value)\n")
        }

        for (key, title) in [("summary", "Summary"), ("impact", "Impact"), ("root-cause", "Root cause")] {
            guard let section = postmortem.section(key) else { continue }
            output.write("\n" + bold(title) + "\n")
            let text = section.isAnswered ? section.text : "(not answered yet)"
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
            let due = ActionReport.dueDescription(record)
            if !due.isEmpty { details.append("due \(due)") }
            if let kind = action.kind { details.append("#\(kind)") }
            if let ticket = action.ticket { details.append(ticket) }
            let indent = String(repeating: "  ", count: action.depth)
            let line =
                "  \(indent)[\(action.isDone ? "x" : " ")] \(action.id)  \(action.text)"
                + (details.isEmpty ? "" : "  (\(details.joined(separator: ", ")))")
            output.write(style.apply(record.daysOverdue != nil ? .alert : nil, to: line) + "\n")
        }
    }
}
