import PMDocument

/// The lines of a file that opt out of lint rules, from markers in HTML comments:
/// `<!-- pm-lint-disable-line RULE… -->` (that line) and `<!-- pm-lint-disable-next-line RULE… -->`
/// (the line after), each for the listed rules or, with none listed, for every rule.
public struct RuleMask: Sendable, Equatable {
    /// The marker that opts a line out of lint rules, inside an HTML comment.
    public static let lineMarker = "pm-lint-disable-line"
    /// The marker that opts the next line out of lint rules, inside an HTML comment.
    public static let nextLineMarker = "pm-lint-disable-next-line"

    /// Line → the rule ids it opts out of; an empty set means every rule.
    public private(set) var lines: [Int: Set<RuleID>] = [:]

    public init() {}

    /// The mask the markers in `comments` set.
    public init(comments: [HTMLComment]) {
        for comment in comments { record(comment.html, line: comment.line) }
    }

    /// Whether `finding` is on a line that opts out of its rule.
    public func silences(_ finding: Diagnostic) -> Bool {
        guard let line = finding.line, let rules = lines[line] else { return false }
        return rules.isEmpty || rules.contains(finding.rule)
    }

    private mutating func record(_ html: String, line: Int) {
        for (marker, target) in [(Self.nextLineMarker, line + 1), (Self.lineMarker, line)] {
            guard let range = html.range(of: marker) else { continue }
            let arguments = html[range.upperBound...].components(separatedBy: "-->")[0]
            let rules = Set(
                arguments.split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline }).map {
                    RuleID(rawValue: String($0))
                })
            // An empty set means every rule, and wins over a list.
            lines[target] = rules.isEmpty || lines[target] == [] ? [] : rules.union(lines[target] ?? [])
            return
        }
    }
}
