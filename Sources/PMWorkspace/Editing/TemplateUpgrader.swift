import Foundation
import PMDocument

/// Why `pm template upgrade` refused; the file is unchanged.
public enum UpgradeError: Error, UserFacingError, Sendable, Equatable {
    case alreadyOn(path: String, template: String)
    case wordsLost(path: String, words: [String])
    /// The file is written elsewhere, and in pm's format pm would no longer read some of what it reads now.
    case readingLost(path: String, what: [String])

    public var errorDescription: String? {
        switch self {
        case .alreadyOn(let path, let template):
            return "\(path) already uses \(template); nothing to do"
        case .wordsLost(let path, let words):
            return
                "\(path): the upgrade would lose words (\(words.prefix(5).joined(separator: ", "))); nothing was "
                + "written, please report this"
        case .readingLost(let path, let what):
            return
                "\(path): once in pm's format, pm would no longer read \(what.joined(separator: ", ")) (pm's format "
                + "reads the front matter and task items `- [ ]` under the action items' heading); nothing was "
                + "written. Move those into the front matter and task items first, then upgrade again"
        }
    }
}

/// Moves a postmortem onto another template version without losing a word.
///
/// Sections the target knows come first, in the target's order, under the target's headings, with
/// their content as written; questions new in the target are added with its placeholder; sections the
/// target does not know follow, as written and in their order. In the front matter only the
/// `template:` value changes.
public struct TemplateUpgrader: Sendable {
    /// What an upgrade did, for the summary line.
    public struct Outcome: Sendable, Equatable {
        /// The template the postmortem used before.
        public var from: TemplateReference?
        public var bytes: [UInt8]
        public var renamed: [String]
        public var added: [String]
        public var keptAfter: [String]
        /// How many action items got a permanent id.
        public var idsWritten = 0
    }

    public var target: Template

    public init(target: Template) {
        self.target = target
    }

    /// Upgrades the file of `postmortem` in place (atomically), or only computes the result when `write` is
    /// false; action items without a permanent id get one.
    /// - Returns: the original bytes and the outcome.
    public func apply(to postmortem: Postmortem, parser: PostmortemParser, write: Bool) throws -> (
        original: [UInt8], outcome: Outcome
    ) {
        // Held from reading the file to renaming the new version over it, so no other edit comes between.
        let lock = try write ? FileLock.acquire(postmortem.filePath, displayPath: postmortem.path) : nil
        defer { lock?.release() }
        let (bytes, current) = try EditableFile.read(postmortem, parser: parser)
        var outcome = try upgrade(bytes, postmortem: current)
        let upgraded = parser.parse(outcome.bytes, path: current.path, id: current.id)
        let lost = Self.lostReadings(from: current, to: upgraded)
        if !lost.isEmpty { throw UpgradeError.readingLost(path: current.path, what: lost) }
        let (withIDs, _, tokens) = try ActionIDWriter.verifiedIDs(
            into: outcome.bytes, postmortem: upgraded, parser: parser)
        outcome.bytes = withIDs
        outcome.idsWritten = tokens.count
        if let lock { try FileWriter.replace(postmortem.filePath, expected: bytes, with: outcome.bytes, holding: lock) }
        return (bytes, outcome)
    }

    /// What pm reads from `before` but not from `after`, the same words in pm's format: a file written
    /// elsewhere can have its date in a `Date:` label, its actions in a table, its times under other tools'
    /// keys, none of which pm's format reads.
    static func lostReadings(from before: Postmortem, to after: Postmortem) -> [String] {
        var lost: [String] = []
        if after.actions.count < before.actions.count {
            lost.append(Plural.count(before.actions.count - after.actions.count, "action item"))
        }
        if before.date != nil, after.date == nil { lost.append("the date") }
        let fields: [(String, (FrontMatter) -> Bool)] = [
            ("the severity", { $0.severity != nil }), ("the start time", { $0.started != nil }),
            ("the detection time", { $0.detected != nil }), ("the resolution time", { $0.resolved != nil }),
            ("the facilitator", { $0.facilitator != nil }),
        ]
        for (name, isSet) in fields where isSet(before.frontMatter) && !isSet(after.frontMatter) {
            lost.append(name)
        }
        if before.impact != nil, after.impact == nil { lost.append("the impact") }
        if before.rootCause != nil, after.rootCause == nil { lost.append("the root cause") }
        return lost
    }

    /// The upgraded file, or an error when the postmortem already uses the target or a word would be lost.
    public func upgrade(_ bytes: [UInt8], postmortem: Postmortem) throws(UpgradeError) -> Outcome {
        if postmortem.frontMatter.template == target.reference {
            throw .alreadyOn(path: postmortem.path, template: target.reference.description)
        }
        let source = SourceText(bytes: bytes)
        let newline = String(decoding: EditableFile.lineEnding(of: bytes), as: UTF8.self)
        let layout = FrontMatterParser.layout(of: source)
        func lines(_ first: Int, _ last: Int) -> [String] {
            guard first <= last else { return [] }
            return (first...last).map { String(decoding: source.content(ofLine: $0), as: UTF8.self) }
        }

        // Front matter: only the template: line changes (or one is added before the closing ---).
        var head: [String]
        if let yamlLines = layout.yamlLines, !layout.isUnterminated {
            head = lines(1, layout.bodyFirstLine - 1)
            if let line = postmortem.frontMatter.keyLines["template"], yamlLines.contains(line) {
                head[line - 1] = Self.replacingValue(of: head[line - 1], with: target.reference.description)
            } else {
                head.insert("template: \(target.reference)", at: head.count - 1)
            }
        } else {
            head = ["---", "template: \(target.reference)", "---", ""]
        }

        // Body: the preamble (title and anything before the first section), then the sections.
        let sections = postmortem.sections
        let preambleEnd = (sections.first?.startLine ?? source.lineCount + 1) - 1
        var preamble = lines(layout.yamlLines == nil || layout.isUnterminated ? 1 : layout.bodyFirstLine, preambleEnd)
        if layout.yamlLines == nil || layout.isUnterminated, layout.contentStart > 0, !preamble.isEmpty {
            preamble[0] = String(preamble[0].unicodeScalars.dropFirst())  // the BOM moves to the new first line
            head[0] = "\u{FEFF}" + head[0]
        }
        while preamble.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { preamble.removeLast() }

        var blocks: [[String]] = []
        var used = Set<Int>()
        var outcome = Outcome(from: postmortem.frontMatter.template, bytes: [], renamed: [], added: [], keptAfter: [])
        for question in target.questions {
            let matching = sections.indices.filter { sections[$0].key == question.key && !used.contains($0) }
            guard let first = matching.first else {
                let placeholder = question.placeholderMarkdown
                blocks.append(
                    ["## \(question.heading)"]
                        + (placeholder.isEmpty ? [] : [""] + placeholder.components(separatedBy: "\n")))
                outcome.added.append(question.heading)
                continue
            }
            for index in matching {
                used.insert(index)
                var block = sectionLines(sections[index], source: source)
                if index == first {
                    let section = sections[index]
                    let headingLines = section.headingEndLine - section.startLine + 1
                    if section.heading != question.heading {
                        outcome.renamed.append("\(section.heading) → \(question.heading)")
                    }
                    block.replaceSubrange(
                        0..<headingLines,
                        with: [Self.renamedHeading(Array(block[0..<headingLines]), to: question.heading)])
                }
                blocks.append(block)
            }
        }
        for index in sections.indices where !used.contains(index) {
            blocks.append(sectionLines(sections[index], source: source))
            outcome.keptAfter.append(sections[index].heading)
        }

        var text = head.joined(separator: newline)
        if !text.isEmpty { text += newline }
        let body = ([preamble] + blocks).filter { !$0.isEmpty }.map { $0.joined(separator: newline) }
        text += body.joined(separator: newline + newline) + newline

        let lost = Self.lostWords(from: Self.contentWords(of: postmortem, source: source), in: text)
        guard lost.isEmpty else { throw .wordsLost(path: postmortem.path, words: lost) }
        outcome.bytes = Array(text.utf8)
        return outcome
    }

    /// The lines of a section, heading included, without trailing blank lines.
    private func sectionLines(_ section: Section, source: SourceText) -> [String] {
        var lines = (section.startLine...section.endLine).map {
            String(decoding: source.content(ofLine: $0), as: UTF8.self)
        }
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines
    }

    /// `## NEW WORDING`, keeping what the old heading held besides words: HTML anchors (`<a id="…"></a>`,
    /// which in-page links point at) and, when the heading was a link, its destination.
    static func renamedHeading(_ lines: [String], to heading: String) -> String {
        let tree = Cmark.parse(Array(lines.joined(separator: "\n").utf8))
        guard let node = tree.nodes.firstIndex(where: { $0.kind == .heading }) else { return "## \(heading)" }
        let inlines = (node + 1)..<tree.nodes[node].subtreeEnd
        let anchors = inlines.filter { tree.nodes[$0].kind == .htmlInline }.map { tree.nodes[$0].literal }.joined()
        let links = inlines.filter { tree.nodes[$0].kind == .link }
        let words = MarkdownText.escape(heading)
        if links.count == 1, let link = links.first, tree.plainText(of: link) == tree.plainText(of: node) {
            return "## \(anchors)[\(words)](\(tree.nodes[link].destination))"
        }
        return "## \(anchors)\(words)"
    }

    /// `key: value  # comment` with the value replaced, the key, spacing and comment kept.
    static func replacingValue(of line: String, with value: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        let afterColon = line[line.index(after: colon)...]
        let spacing = afterColon.prefix { $0 == " " || $0 == "\t" }
        let rest = afterColon.dropFirst(spacing.count)
        // A comment starts at a `#` after whitespace; the whitespace before it is kept as written.
        var comment = ""
        if let hash = rest.indices.first(where: {
            rest[$0] == "#" && $0 > rest.startIndex && rest[rest.index(before: $0)].isWhitespace
        }) {
            var start = hash
            while start > rest.startIndex, rest[rest.index(before: start)].isWhitespace {
                start = rest.index(before: start)
            }
            comment = String(rest[start...])
        }
        return String(line[...colon]) + (spacing.isEmpty ? " " : String(spacing)) + value + comment
    }

    /// Every word of the body outside the headings the upgrade rewords (those it renames).
    private static func contentWords(of postmortem: Postmortem, source: SourceText) -> [String] {
        var headingLines = Set<Int>()
        for section in postmortem.sections where section.key != nil {
            headingLines.formUnion(section.startLine...section.headingEndLine)
        }
        let firstBodyLine = FrontMatterParser.layout(of: source).bodyFirstLine
        var words: [String] = []
        for line in firstBodyLine..<(source.lineCount + 1) where !headingLines.contains(line) {
            words += String(decoding: source.content(ofLine: line), as: UTF8.self).replacingOccurrences(
                of: "\u{FEFF}", with: ""
            )
            .split(whereSeparator: \.isWhitespace).map(String.init)
        }
        return words
    }

    /// Words of `words` that `text` no longer holds as often (a multiset difference).
    static func lostWords(from words: [String], in text: String) -> [String] {
        var counts: [String: Int] = [:]
        for word in text.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isWhitespace) {
            counts[String(word), default: 0] += 1
        }
        var lost: [String] = []
        for word in words {
            if let count = counts[word], count > 0 { counts[word] = count - 1 } else { lost.append(word) }
        }
        return lost
    }
}

extension UpgradeError {
    public var isUsageMistake: Bool { false }
}
