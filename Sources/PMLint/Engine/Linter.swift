import Foundation
import PMDocument
import PMWorkspace

/// `pm lint`: checks postmortems for structure, answers, owners and dates, and blameless language.
public struct Linter: Sendable {
    public var config: Config
    public var catalog: TemplateCatalog
    public var today: CalendarDate
    public var now: Timestamp
    public var language: BlamelessLanguage

    /// - Throws: `PMError.invalidConfig` when a team phrase is not a valid regular expression.
    public init(config: Config, catalog: TemplateCatalog = .builtIn, today: CalendarDate, now: Date, configPath: String)
        throws(PMError)
    {
        self.config = config
        self.catalog = catalog
        self.today = today
        self.now = Timestamp(now)
        let known = Set(BlamelessLanguage.builtInPhrases.map { $0.label.lowercased() })
        if let unknown = config.lint.removedPhrases.sorted().first(where: { !known.contains($0.lowercased()) }) {
            throw .invalidConfig(
                path: configPath, line: config.lint.removedPhrasesLine,
                problem: "`\(unknown)` is not a built-in phrase label (see `pm lint --list-phrases`)")
        }
        let added = config.lint.addedPhrases.map { spec in
            switch spec.form {
            case .words(let words): BlamelessLanguage.Phrase(words: words, suggestion: spec.suggestion)
            case .pattern(let pattern, let label):
                BlamelessLanguage.Phrase(label: label, pattern: pattern, suggestion: spec.suggestion)
            }
        }
        do {
            language = try BlamelessLanguage(removing: config.lint.removedPhrases, adding: added)
        } catch {
            throw .invalidConfig(
                path: configPath, line: nil,
                problem:
                    "a phrase in lint.blameless.add is not a valid regular expression: \(error.localizedDescription)")
        }
    }

    /// The findings for every file, in file order: each file is read, parsed and checked on its own
    /// (several at a time), and only its findings are kept, so memory does not grow with the corpus.
    public func lint(files: [String], displayBase: String) -> [Diagnostic] {
        let loader = PostmortemLoader(parser: PostmortemParser(catalog: catalog), displayBase: displayBase)
        let (set, findings) = loader.load(
            files, request: { _, _ in .lint },
            each: { document, _, _ in
                // Only what finding duplicate ids needs is kept past this file.
                var kept = document.postmortem
                kept.diagnostics = []
                kept.sections = []
                return (kept, lint(document))
            })
        // Read failures and ids used twice, which only the whole set shows.
        var byPath = Dictionary(grouping: applyingLevels(to: set.diagnostics), by: \.path)
        var result: [Diagnostic] = []
        var kept = set.postmortems.makeIterator()
        for fileFindings in findings {
            if let fileFindings, let postmortem = kept.next() {
                result += fileFindings + (byPath.removeValue(forKey: postmortem.path) ?? [])
            }
        }
        // Files that could not be read, in file order.
        for path in files.map({ DisplayPath.of($0, relativeTo: displayBase) }) {
            result += byPath.removeValue(forKey: path) ?? []
        }
        return result
    }

    /// The findings for one parsed file (read with `ParseRequest.lint`), in line order, with the
    /// configured levels applied and lines that opt out left out.
    public func lint(_ document: ParsedDocument) -> [Diagnostic] {
        let postmortem = document.postmortem
        let mask = RuleMask(comments: document.comments)
        var findings = postmortem.diagnostics
        // A file pm could not read as text, or with nothing in it, gets that one finding (and front-matter ones).
        let unreadable = postmortem.diagnostics.contains { $0.rule == .read }
        let bodyless = postmortem.diagnostics.contains { $0.rule == .empty }
        if unreadable || (bodyless && !postmortem.frontMatter.isPresent) {
            return applyingLevels(to: findings, mask: mask)
        }
        func add(
            _ rule: RuleID, _ line: Int?, column: Int? = nil, _ message: String, severity: Diagnostic.Severity = .error
        ) {
            findings.append(
                Diagnostic(severity, path: postmortem.path, line: line, column: column, rule: rule, message))
        }
        let front = postmortem.frontMatter
        let statusSeverity: Diagnostic.Severity = front.status == nil || front.status == .draft ? .warning : .error
        let reported = Set(postmortem.diagnostics.compactMap { $0.line })

        // Front matter.
        if !front.isPresent {
            add(
                .requiredField, 1,
                "no front matter; start the file with a --- block holding title:, date:, severity: and status:")
        } else {
            let present: [String: Bool] = [
                "title": front.title != nil, "date": front.date != nil,
                "severity": front.severity != nil, "status": front.status != nil,
            ]
            for key in ["title", "date", "severity", "status"] where present[key] == false {
                // A value the parser could not read was already reported on its line.
                if let line = front.keyLines[key], reported.contains(line) { continue }
                let hint =
                    key == "severity"
                    ? " (one of \(config.severities.joined(separator: ", ")))"
                    : key == "status" ? " (draft, in-review or published)" : ""
                add(
                    .requiredField, front.keyLines[key] ?? 1,
                    "`\(key):` is missing or empty; add it to the front matter\(hint)")
            }
        }
        if let severity = front.severity, !config.severities.contains(severity) {
            add(
                .severityScale, front.keyLines["severity"],
                "`severity: \(severity)` is not on the scale; use one of \(config.severities.joined(separator: ", ")) "
                    + "(pm.yml severities:)"
            )
        }
        for entry in front.extra {
            let known = FrontMatter.knownKeys.min { Self.distance($0, entry.key) < Self.distance($1, entry.key) }
            let hint = known.map { Self.distance($0, entry.key) <= 2 ? "; did you mean `\($0)`?" : "" } ?? ""
            add(
                .unknownKey, front.keyLines[entry.key], "unknown front-matter key `\(entry.key)`\(hint)",
                severity: .warning)
        }
        for (key, time) in [
            ("started", front.started), ("detected", front.detected), ("acknowledged", front.acknowledged),
            ("resolved", front.resolved),
        ] {
            if let time, time > now { add(.futureTime, front.keyLines[key], "`\(key): \(time)` is in the future") }
        }
        if let date = front.date, date > today {
            add(.futureTime, front.keyLines["date"], "`date: \(date)` is in the future")
        }

        // File name.
        let name = (postmortem.path as NSString).lastPathComponent
        if let date = CalendarDate(postmortem.id.prefix(10)), Self.isConventionalName(name) {
            if let written = front.date, written != date {
                add(
                    .fileDate, 1,
                    "the file name says \(date) but `date:` says \(written); rename the file or fix the date")
            }
        } else {
            add(
                .fileName, 1,
                "the file name is not YYYY-MM-DD-slug.md (lower-case a-z, 0-9 and -); `pm new` names files that way",
                severity: .warning)
        }

        // Sections.
        let reference = front.template ?? config.defaultTemplate ?? catalog.defaultTemplate.reference
        if bodyless {
            // Nothing to check below the front matter; the "empty" finding says so.
        } else if let template = catalog.template(reference) {
            for question in template.questions {
                guard let section = postmortem.section(question.key) else {
                    add(
                        .missingSection, postmortem.sections.last.map { $0.endLine } ?? 1,
                        "the question \"\(question.heading)\" of \(template.reference) is missing; add a `## "
                            + "\(question.heading)` section",
                        severity: statusSeverity)
                    continue
                }
                if !section.isAnswered {
                    add(
                        .unanswered, section.startLine, "\"\(section.heading)\" is not answered yet",
                        severity: statusSeverity)
                }
            }
        } else {
            add(
                .unknownTemplate, front.keyLines["template"] ?? 1,
                "no template named \(reference); use one of "
                    + "\(catalog.templates.map(\.reference.description).joined(separator: ", "))"
            )
        }

        // Actions.
        if front.status == .published, postmortem.actions.isEmpty {
            add(
                .noActions, postmortem.section("actions")?.startLine ?? 1,
                "a published postmortem has no action items; every postmortem results in actions (- [ ] what @owner "
                    + "due:YYYY-MM-DD)"
            )
        }
        for action in postmortem.actions {
            if let kind = action.kind, !config.lint.kinds.contains(kind) {
                add(
                    .actionKind, action.line,
                    "`#\(kind)` is not a known kind; use one of "
                        + "\(config.lint.kinds.map { "#\($0)" }.joined(separator: ", ")) (pm.yml lint.kinds:)",
                    severity: .warning)
            }
            guard !action.isDone else { continue }
            if action.owners.isEmpty {
                add(
                    .actionOwner, action.line, "open action \(action.id) has no owner; add @name at the end of the item"
                )
            }
            if action.dueText == nil {
                add(
                    .actionDue, action.line,
                    "open action \(action.id) has no due date; add due:YYYY-MM-DD at the end of the item")
            }
        }

        // Prose: pipe tables and blameless language.
        for block in document.prose {
            lintTable(block, add: { add(.pipeTable, $0, $1, severity: .warning) })
            for (line, column, match) in blamelessMatches(in: block) {
                add(
                    .blameless, line, column: column, "blaming language: \"\(match.quote)\"; \(match.suggestion)",
                    severity: .warning)
            }
        }

        return applyingLevels(to: findings, mask: mask)
            .sorted { ($0.line ?? 0, $0.column ?? 0, $0.rule) < ($1.line ?? 0, $1.column ?? 0, $1.rule) }
    }

    /// `findings` with the configured (or default) severity of each rule, without those switched off
    /// or on a line that opts out of their rule.
    public func applyingLevels(to findings: [Diagnostic], mask: RuleMask = RuleMask()) -> [Diagnostic] {
        findings.compactMap { finding in
            var finding = finding
            if mask.silences(finding) { return nil }
            switch config.lint.levels[finding.rule] {
            case .off?: return nil
            case .error?: finding.severity = .error
            case .warning?: finding.severity = .warning
            case nil: if let fixed = LintRule.named(finding.rule)?.defaultSeverity { finding.severity = fixed }
            }
            return finding
        }
    }

    /// A paragraph whose lines form a pipe table: a header row with `|` and a delimiter row (`|---|:--:|`).
    private func lintTable(_ block: ProseBlock, add: (Int, String) -> Void) {
        var lines: [String] = [""]
        for run in block.runs {
            if run.text == "\n" {
                lines.append("")
            } else {
                lines[lines.count - 1] += run.isCode ? "`\(run.text)`" : run.text
            }
        }
        for (index, line) in lines.enumerated().dropFirst()
        where Self.isDelimiterRow(line) && lines[index - 1].utf8.contains(UInt8(ascii: "|")) {
            add(
                block.line + index - 1,
                "a pipe table; CommonMark shows it as plain text. Use a list (pm's templates do), or indent it as a "
                    + "code block"
            )
            return
        }
    }

    /// Works on bytes: this runs on every line of prose, and Foundation's string search both costs and,
    /// as fuzzing found, can read past a buffer on odd input.
    static func isDelimiterRow(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        guard bytes.contains(UInt8(ascii: "|")) else { return false }
        let cells = bytes.split(separator: UInt8(ascii: "|")).map { $0.filter { $0 != 0x20 && $0 != 0x09 } }.filter {
            !$0.isEmpty
        }
        return !cells.isEmpty
            && cells.allSatisfy { cell in
                let core = cell.drop { $0 == UInt8(ascii: ":") }.reversed().drop { $0 == UInt8(ascii: ":") }
                return !core.isEmpty && core.allSatisfy { $0 == UInt8(ascii: "-") }
            }
    }

    /// Blaming phrases in a block's prose, never inside code spans, with their line and column.
    private func blamelessMatches(in block: ProseBlock) -> [(Int, Int, BlamelessLanguage.Match)] {
        var text = ""
        var starts: [(offset: Int, run: ProseBlock.Run)] = []
        for run in block.runs {
            starts.append((text.utf16.count, run))
            // A code span becomes an inert mark, so no phrase is found in it or across it.
            text += run.isCode ? " \u{FFFC} " : run.text
        }
        return language.matches(in: text).compactMap { match in
            guard let start = starts.last(where: { $0.offset <= match.offset }) else { return nil }
            let runText = start.run.text.utf16
            let within = runText.index(runText.startIndex, offsetBy: min(match.offset - start.offset, runText.count))
            let column = start.run.column + String(start.run.text[..<within]).utf8.count
            return (start.run.line, column, match)
        }
    }

    /// `YYYY-MM-DD-slug.md`, the slug lower-case letters, digits and single hyphens.
    static func isConventionalName(_ name: String) -> Bool {
        guard name.hasSuffix(".md"), name.count > 14, CalendarDate(name.prefix(10)) != nil else { return false }
        let rest = name.dropFirst(10).dropLast(3)
        guard rest.first == "-" else { return false }
        let slug = rest.dropFirst()
        return !slug.isEmpty && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--")
            && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
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
