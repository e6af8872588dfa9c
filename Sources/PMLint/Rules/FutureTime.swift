import PMDocument

/// `future-time`: no incident time is after now, and the date is not after today.
public struct FutureTime: LintCheck {
    public var readsFrontMatter: Bool { true }

    public var rules: [LintRule] {
        [LintRule(id: .futureTime, defaultSeverity: .error, summary: "no date or time is in the future")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        let front = context.frontMatter
        for (key, time) in [
            ("started", front.started), ("detected", front.detected), ("acknowledged", front.acknowledged),
            ("resolved", front.resolved),
        ] {
            if let time, time > context.now {
                findings.append(
                    context.finding(.futureTime, line: front.keyLines[key], "`\(key): \(time)` is in the future"))
            }
        }
        if let date = front.date, date > context.today {
            findings.append(
                context.finding(.futureTime, line: front.keyLines["date"], "`date: \(date)` is in the future"))
        }
    }
}
