import PMDocument

/// `required-field`: the front matter is there, with a title, a date, a severity and a status.
public struct RequiredField: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [LintRule(id: .requiredField, defaultSeverity: .error, summary: "title, date, severity and status are present")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        guard context.isPMFormat else { return }  // pm's format only
        let front = context.frontMatter
        guard front.isPresent else {
            findings.append(
                context.finding(
                    .requiredField, line: 1,
                    "no front matter; start the file with a --- block holding title:, date:, severity: and status:"))
            return
        }
        let present: [String: Bool] = [
            "title": front.title != nil, "date": front.date != nil,
            "severity": front.severity != nil, "status": front.status != nil,
        ]
        for key in ["title", "date", "severity", "status"] where present[key] == false {
            // A value the parser could not read was already reported on its line.
            if let line = front.keyLines[key], context.reportedLines.contains(line) { continue }
            let hint =
                key == "severity"
                ? " (one of \(context.config.severities.joined(separator: ", ")))"
                : key == "status" ? " (draft, in-review or published)" : ""
            findings.append(
                context.finding(
                    .requiredField, line: front.keyLines[key] ?? 1,
                    "`\(key):` is missing or empty; add it to the front matter\(hint)"))
        }
    }
}
