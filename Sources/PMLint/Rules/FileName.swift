import Foundation
import PMDocument

/// `file-name` and `file-date`: the file is named `YYYY-MM-DD-slug.md`, and that date is the front matter's.
public struct FileName: LintCheck {
    public var rules: [LintRule] {
        [
            LintRule(id: .fileName, defaultSeverity: .warning, summary: "the file is named YYYY-MM-DD-slug.md"),
            LintRule(id: .fileDate, defaultSeverity: .error, summary: "the file name's date is the front-matter date"),
        ]
    }

    public func check(_ context: LintContext, into findings: inout [Diagnostic]) {
        let postmortem = context.postmortem
        let name = (postmortem.path as NSString).lastPathComponent
        if let date = CalendarDate(postmortem.id.prefix(10)), Self.isConventional(name) {
            if let written = postmortem.frontMatter.date, written != date {
                findings.append(
                    context.finding(
                        .fileDate, line: 1,
                        "the file name says \(date) but `date:` says \(written); rename the file or fix the date"))
            }
        } else if context.isPMFormat {
            findings.append(
                context.finding(
                    .fileName, line: 1,
                    "the file name is not YYYY-MM-DD-slug.md (lower-case a-z, 0-9 and -); `pm new` names files that "
                        + "way", severity: .warning))
        }
    }

    /// `YYYY-MM-DD-slug.md`, the slug lower-case letters, digits and single hyphens.
    static func isConventional(_ name: String) -> Bool {
        guard name.hasSuffix(".md"), name.count > 14, CalendarDate(name.prefix(10)) != nil else { return false }
        let rest = name.dropFirst(10).dropLast(3)
        guard rest.first == "-" else { return false }
        let slug = rest.dropFirst()
        return !slug.isEmpty && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--")
            && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
