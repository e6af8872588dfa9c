import PMDocument

/// `unknown-key`: every front-matter key is one pm reads, with a "did you mean" for a near miss or for
/// another tool's name of a pm key (`start_time` → `started`).
public struct UnknownKey: LintCheck {
    public var rules: [LintRule] {
        [LintRule(id: .unknownKey, defaultSeverity: .warning, summary: "every front-matter key is one pm knows")]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        let front = context.frontMatter
        guard !front.extra.isEmpty else { return }
        if !context.isPMFormat {
            // A postmortem written elsewhere: one finding naming every key, with pm's name where it has one.
            let keys = front.extra.map { entry -> String in
                guard let known = Self.suggestion(for: entry.key) else { return "`\(entry.key)`" }
                let read = front.keysReadFromOtherNames[known] == entry.key ? "read as" : "pm's key is"
                return "`\(entry.key)` (\(read) `\(known)`)"
            }
            findings.append(
                context.finding(
                    .unknownKey, line: front.keyLines[front.extra[0].key],
                    "front-matter keys pm does not know: \(keys.joined(separator: ", ")); rename those pm has a key "
                        + "for, the others are kept as they are", severity: .warning))
            return
        }
        for entry in front.extra {
            let hint = Self.suggestion(for: entry.key).map { "; did you mean `\($0)`?" } ?? ""
            findings.append(
                context.finding(
                    .unknownKey, line: front.keyLines[entry.key],
                    "unknown front-matter key `\(entry.key)`\(hint)", severity: .warning))
        }
    }

    /// The pm key `key` is another name for (`start_time` → `started`), or one within two edits of it.
    static func suggestion(for key: String) -> String? {
        if let field = FrontMatter.field(forOtherName: key) { return field.key }
        let known = FrontMatter.knownKeys.min { EditDistance.between($0, key) < EditDistance.between($1, key) }
        return known.flatMap { EditDistance.between($0, key) <= 2 ? $0 : nil }
    }
}
