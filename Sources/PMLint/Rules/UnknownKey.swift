import PMDocument

/// `unknown-key`: every front-matter key is one pm reads, with a "did you mean" for a near miss.
public struct UnknownKey: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .unknownKey, defaultSeverity: .warning, summary: "every front-matter key is one pm knows")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        for entry in context.frontMatter.extra {
            let known = FrontMatter.knownKeys.min { Self.distance($0, entry.key) < Self.distance($1, entry.key) }
            let hint = known.map { Self.distance($0, entry.key) <= 2 ? "; did you mean `\($0)`?" : "" } ?? ""
            findings.append(
                context.finding(
                    .unknownKey, line: context.frontMatter.keyLines[entry.key],
                    "unknown front-matter key `\(entry.key)`\(hint)", severity: .warning))
        }
    }

    /// Edit distance, for "did you mean" hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
