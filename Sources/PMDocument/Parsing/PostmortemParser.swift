/// Reads one postmortem file into the model: front matter through Yams, the body through cmark.
///
/// Never throws: whatever cannot be read becomes a diagnostic naming the file and line, and the
/// rest of the model holds what could be read.
public struct PostmortemParser: Sendable {
    public var catalog: TemplateCatalog
    /// Read outlines with the lean tree (`Cmark.parseOutline`), copying out of cmark only the headings and
    /// the sections whose content the outline reads; false copies the whole tree (to compare the two).
    public var readsLean = true

    public init(catalog: TemplateCatalog = .builtIn) {
        self.catalog = catalog
    }

    /// Parses the bytes of the file at `path` (shown in diagnostics) into a postmortem named `id`, with
    /// each section's text.
    public func parse(_ bytes: [UInt8], path: String, id: String) -> Postmortem {
        read(bytes, path: path, id: id, for: .detail).postmortem
    }

    /// Parses the bytes of the file at `path` into what `request` asks for, and nothing more.
    /// - Parameter sourceHash: `ContentHash.ofFile(bytes)`, when the caller has it already.
    public func read(
        _ bytes: [UInt8], path: String, id: String, for request: ParseRequest, sourceHash: UInt64? = nil
    ) -> ParsedDocument {
        let keepsSectionText = request.sectionText
        var diagnostics: [Diagnostic] = []
        var frontMatter = FrontMatter()

        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            diagnostics.append(
                Diagnostic(
                    .error, path: path, line: 1, rule: .read,
                    "the file is UTF-16; save it as UTF-8 so pm (and git hosts) can read it"))
            var postmortem = Postmortem(
                id: id, path: path, frontMatter: frontMatter, headingTitle: nil, sections: [], actions: [],
                diagnostics: diagnostics)
            postmortem.sourceHash = sourceHash ?? ContentHash.ofFile(bytes)
            return ParsedDocument(postmortem: postmortem)
        }

        let source = SourceText(bytes: bytes)
        if let nul = bytes.firstIndex(of: 0) {
            diagnostics.append(
                Diagnostic(
                    .warning, path: path, line: source.line(containing: nul), rule: .encoding,
                    "the file contains NUL bytes, which pm reads as U+FFFD; a binary file saved as .md?"))
        }
        if let invalid = source.firstInvalidUTF8Offset() {
            let line = source.line(containing: invalid)
            diagnostics.append(
                Diagnostic(
                    .warning, path: path, line: line, column: invalid - source.offset(ofLine: line) + 1,
                    rule: .encoding,
                    "the file is not valid UTF-8 (byte \(invalid)); pm reads the bad bytes as U+FFFD, save the file "
                        + "as UTF-8"
                ))
        }

        let layout = FrontMatterParser.layout(of: source)
        if layout.isUnterminated {
            diagnostics.append(
                Diagnostic(
                    .error, path: path, line: 1, rule: .frontMatter,
                    "the front matter opened with --- on line 1 is never closed; add a --- line after the last key"))
        } else if let yamlLines = layout.yamlLines {
            let (decoded, problems) = FrontMatterParser.decode(layout.yaml, firstLine: yamlLines.lowerBound, path: path)
            frontMatter = decoded
            diagnostics += problems
        }

        // An unterminated block is read as body so that none of the file's content disappears.
        let body = source.bytes[layout.bodyStart...]
        let lineOffset = layout.bodyFirstLine - 1
        // A first `#` heading is the title, unless the front matter names another title and the heading
        // is a question's (a postmortem written with level-1 sections).
        let isTitle = { [catalog] (text: String) -> Bool in
            guard let title = frontMatter.title else { return true }
            return HeadingKey.normalize(text) == HeadingKey.normalize(title) || catalog.key(forHeading: text) == nil
        }
        // Sections and their action items come from the tree, before the HTML is rendered (which needs them).
        let context = StructureContext(
            source: source, layout: layout, lineOffset: lineOffset, id: id, path: path,
            keepsSectionText: keepsSectionText, textKeys: request.sectionTextKeys, isTitle: isTitle,
            frontMatter: frontMatter)
        let structure = StructureBox()
        var bodyHTML: String?
        var actionHTML: [String] = []
        let tree: MarkdownTree
        if let decorator = request.html {
            (tree, bodyHTML, actionHTML) = Cmark.parseAndRender(
                Array(body), isTitle: isTitle, decorator: decorator,
                actions: { tree in
                    structure.value = readStructure(tree, context)
                    return structure.value.markup
                })
        } else if readsLean, request.readsLean, frontMatter.date != nil, frontMatter.isPMFormat {
            // Only the actions, the sections whose placeholder shows and those whose text is asked for are read
            // below a heading (a `Date:` line, read from any paragraph, is looked for only when the front matter
            // has no date).
            let textKeys = request.sectionText ? request.sectionTextKeys ?? [] : []
            tree = Cmark.parseOutline(body) { [catalog] text, _ in
                let key = catalog.key(forHeading: text)
                return key == "actions" || catalog.hasVisiblePlaceholder(key: key) || key.map(textKeys.contains) == true
            }
            structure.value = readStructure(tree, context)
        } else {
            tree = Cmark.parse(body)
            structure.value = readStructure(tree, context)
        }
        let (sections, actions, headingTitle) = (
            structure.value.sections, structure.value.actions, structure.value.headingTitle
        )
        diagnostics += structure.value.problems
        if !source.bytes[layout.bodyStart...].contains(where: { $0 > 0x20 }), !layout.isUnterminated {
            diagnostics.append(
                Diagnostic(
                    .warning, path: path, line: layout.yamlLines == nil ? nil : layout.bodyFirstLine, rule: .empty,
                    layout.yamlLines == nil
                        ? "the file is empty; write the postmortem (pm new scaffolds one) or delete the file"
                        : "the file has front matter but nothing below it; add the postmortem's sections"))
        }
        var postmortem = Postmortem(
            id: id, path: path, frontMatter: frontMatter, headingTitle: headingTitle, sections: sections,
            actions: actions, diagnostics: diagnostics)
        postmortem.sourceHash = sourceHash ?? ContentHash.ofFile(bytes)
        if let foreign = structure.value.foreign {
            Self.apply(foreign, to: &postmortem)
        } else {
            if frontMatter.date == nil {
                postmortem.statedDate = Self.statedDate(in: tree)
            }
            for (key, field) in [("impact", \Postmortem.impact), ("root-cause", \Postmortem.rootCause)] {
                if let section = postmortem.section(key), section.isAnswered, !section.text.isEmpty {
                    postmortem[keyPath: field] = section.text
                    postmortem.sources[key] = .heading
                }
            }
        }
        var document = ParsedDocument(postmortem: postmortem, html: bodyHTML)
        document.actionHTML = actionHTML
        if request.prose {
            (document.prose, document.comments) = Self.prose(of: tree, lineOffset: lineOffset)
        }
        return document
    }

    /// What the structure of a body is read with.
    private struct StructureContext {
        let source: SourceText
        let layout: FrontMatterParser.Layout
        let lineOffset: Int
        let id: String
        let path: String
        let keepsSectionText: Bool
        /// The only sections whose text is kept, when not all.
        let textKeys: Set<String>?
        let isTitle: (String) -> Bool
        let frontMatter: FrontMatter
    }

    /// A body's sections, action items (and where they are in the tree), and title heading.
    private struct Structure {
        var sections: [Section] = []
        var actions: [ActionItem] = []
        var problems: [Diagnostic] = []
        var markup: [ActionMarkup] = []
        var headingTitle: String?
        /// What reading a postmortem written elsewhere found (nil for pm's own format).
        var foreign: ForeignReader.Reading?
    }

    private final class StructureBox {
        var value = Structure()
    }

    private func readStructure(_ tree: MarkdownTree, _ context: StructureContext) -> Structure {
        var result = Structure()
        let source = context.source
        // A postmortem written elsewhere is read by meaning: its title, sections at its own heading level,
        // labels, dates and actions in other shapes. Its items stay in the body's HTML (no markup).
        let foreign =
            context.frontMatter.isPMFormat
            ? nil
            : ForeignReader(
                tree: tree, source: source, lineOffset: context.lineOffset, bodyStart: context.layout.bodyStart,
                id: context.id, path: context.path, frontMatter: context.frontMatter,
                classifier: HeadingClassifier(catalog: catalog)
            ).read()
        result.foreign = foreign
        let split =
            foreign.map {
                SectionSplitter(
                    tree: tree, source: source, lineOffset: context.lineOffset, titleNode: $0.titleNode,
                    sectionHeadings: Set($0.sectionHeadings))
            } ?? SectionSplitter(tree: tree, source: source, lineOffset: context.lineOffset, isTitle: context.isTitle)
        result.headingTitle = split.title
        let sectionKeys: [String: String] = Dictionary(
            (foreign?.sectionHeadings ?? []).compactMap { node -> (String, String)? in
                guard let meaning = foreign?.meanings[node], let key = meaning.key, meaning.strength >= .medium else {
                    return nil
                }
                return (tree.plainText(of: node), key)
            }, uniquingKeysWith: { first, _ in first })
        if let foreign {
            result.actions = foreign.actions
            result.problems += foreign.diagnostics
        }
        let actionReader = ActionItemReader(
            tree: tree, source: source, bodyStart: context.layout.bodyStart, lineOffset: context.lineOffset,
            incidentID: context.id, path: context.path)
        let layout = context.layout
        for raw in split.sections {
            let key = foreign == nil ? catalog.key(forHeading: raw.heading) : sectionKeys[raw.heading]
            // The plain text is needed to tell an answer from a visible placeholder, or to be kept.
            let keepsText = context.keepsSectionText && (context.textKeys.map { key.map($0.contains) ?? false } ?? true)
            let needsText = keepsText || catalog.hasVisiblePlaceholder(key: key)
            let text =
                needsText
                ? raw.contentNodes.map { tree.plainText(of: $0) }.filter { !$0.isEmpty }.joined(separator: "\n") : ""
            let isAnswered = needsText ? !catalog.isPlaceholder(text, key: key) : tree.hasText(in: raw.contentNodes)
            result.sections.append(
                Section(
                    heading: raw.heading, level: raw.level, key: key,
                    text: keepsText ? text : "", isAnswered: isAnswered,
                    startLine: raw.startLine, headingEndLine: raw.headingEndLine, endLine: raw.endLine,
                    trailingBullet: trailingBullet(raw.contentNodes.last, tree: tree, source: source, layout: layout)))
            if key == "actions", foreign == nil {
                let read = actionReader.read(nodes: raw.contentNodes, firstPosition: result.actions.count + 1)
                result.actions += read.items
                result.problems += read.problems
                result.markup += read.markup
            }
        }
        result.problems += ActionItemReader.settleIDs(&result.actions, path: context.path)
        return result
    }

    /// What the reading of a postmortem written elsewhere found, onto the model: the title and severity
    /// when the front matter has none, the date, impact, root cause, and where each was read.
    static func apply(_ reading: ForeignReader.Reading, to postmortem: inout Postmortem) {
        var front = postmortem.frontMatter
        // Another tool's `summary:` names the incident only when no heading does.
        if front.keysReadFromOtherNames["title"] == "summary",
            reading.titleSource == .heading || reading.titleSource == .label
        {
            front.title = nil
            front.keysReadFromOtherNames["title"] = nil
        }
        if front.title == nil, let title = reading.title {
            postmortem.headingTitle = title
            postmortem.sources["title"] = reading.titleSource ?? .heading
        }
        if reading.publishedDate != nil {
            // A blog post's `date:` is the day it was published; the incident's day was read elsewhere.
            front.date = nil
        }
        if front.severity == nil, let severity = reading.severity {
            front.severity = severity
            postmortem.sources["severity"] = .label
        }
        postmortem.frontMatter = front
        if let date = reading.date {
            postmortem.statedDate = date
            postmortem.sources["date"] = reading.dateSource
        }
        postmortem.impact = reading.impact
        postmortem.sources["impact"] = reading.impactSource
        postmortem.rootCause = reading.rootCause
        postmortem.sources["root-cause"] = reading.rootCauseSource
        postmortem.readingProblems = reading.problems
    }

    /// The date of the first `Date: …` line in a paragraph (`**Date:** 2023-03-03`, `Date: March 3, 2023`).
    static func statedDate(in tree: MarkdownTree) -> CalendarDate? {
        for index in tree.nodes.indices where tree.nodes[index].kind == .paragraph {
            var line = ""
            var lines: [String] = []
            for inline in index + 1..<tree.nodes[index].subtreeEnd {
                switch tree.nodes[inline].kind {
                case .text, .code: line += tree.nodes[inline].literal
                case .softBreak, .lineBreak:
                    lines.append(line)
                    line = ""
                default: break
                }
            }
            lines.append(line)
            for line in lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                // "Date:", "Incident date:", "Date of incident:": a short label with the word "date".
                guard let colon = trimmed.firstIndex(of: ":") else { continue }
                let label = trimmed[..<colon].lowercased().split(whereSeparator: { !$0.isLetter })
                guard label.contains("date"), label.count <= 3 else { continue }
                if let date = CalendarDate(
                    writtenOut: trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                {
                    return date
                }
            }
        }
        return nil
    }

    /// Paragraphs and headings as text runs, and the HTML comments (where lint's opt-out markers live).
    static func prose(of tree: MarkdownTree, lineOffset: Int) -> ([ProseBlock], [HTMLComment]) {
        var blocks: [ProseBlock] = []
        var comments: [HTMLComment] = []
        var index = 0
        while index < tree.nodes.count {
            let node = tree.nodes[index]
            switch node.kind {
            case .paragraph, .heading:
                var runs: [ProseBlock.Run] = []
                var autolinkEnd = 0  // text inside an autolink (<https://…>) is a URL, not prose
                for inline in index + 1..<node.subtreeEnd {
                    let child = tree.nodes[inline]
                    let line = child.start.line + lineOffset
                    if child.kind == .link,
                        tree.plainText(of: inline) == child.destination
                            || "mailto:" + tree.plainText(of: inline) == child.destination
                    {
                        autolinkEnd = child.subtreeEnd
                    }
                    switch child.kind {
                    case .text:
                        runs.append(
                            .init(
                                text: child.literal, line: line, column: child.start.column,
                                isCode: inline < autolinkEnd))
                    case .code:
                        runs.append(.init(text: child.literal, line: line, column: child.start.column, isCode: true))
                    case .softBreak, .lineBreak:
                        runs.append(.init(text: "\n", line: line, column: child.start.column, isCode: false))
                    case .htmlInline: comments.append(HTMLComment(html: child.literal, line: line))
                    default: break
                    }
                }
                blocks.append(ProseBlock(runs: runs, line: node.start.line + lineOffset))
                index = node.subtreeEnd
            case .htmlBlock:
                comments.append(HTMLComment(html: node.literal, line: node.start.line + lineOffset))
                index += 1
            default:
                index += 1
            }
        }
        return (blocks, comments)
    }

    /// The bullet character of `node` when it is a bullet list starting at the beginning of a line.
    private func trailingBullet(_ node: Int?, tree: MarkdownTree, source: SourceText, layout: FrontMatterParser.Layout)
        -> Character?
    {
        guard let node, tree.nodes[node].kind == .list, tree.nodes[node].start.column == 1 else { return nil }
        let line = tree.nodes[node].start.line
        let offset = line == 1 ? layout.bodyStart : source.offset(ofLine: line + layout.bodyFirstLine - 1)
        guard offset < source.bytes.count else { return nil }
        switch source.bytes[offset] {
        case UInt8(ascii: "-"): return "-"
        case UInt8(ascii: "*"): return "*"
        case UInt8(ascii: "+"): return "+"
        default: return nil
        }
    }
}
