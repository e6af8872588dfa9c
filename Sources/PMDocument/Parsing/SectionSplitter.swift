/// Splits a parsed Markdown body into its title heading and its sections.
///
/// A section starts at a top-level heading of level 2, or of level 1 after the title; headings
/// nested in lists or block quotes, and deeper headings, belong to the section around them. A section
/// runs to the line before the next section's heading (trailing blank lines left out), so every line of
/// the file belongs somewhere, even lines cmark makes no node for (link reference definitions).
struct SectionSplitter {
    /// A section before keys and answers are worked out.
    struct RawSection {
        var heading: String
        var level: Int
        /// Indices of the section's top-level content nodes (the heading excluded).
        var contentNodes: [Int]
        var startLine: Int
        /// The heading's last line (a setext heading spans its text lines and the underline).
        var headingEndLine: Int
        var endLine: Int
    }

    var title: String?
    var sections: [RawSection] = []

    /// - Parameters:
    ///   - lineOffset: how many file lines come before the body (front matter), added to cmark's lines.
    ///   - isTitle: whether the text of the first level-1 heading is the document's title (rather than a
    ///     section written at level 1).
    init(tree: MarkdownTree, source: SourceText, lineOffset: Int, isTitle: (String) -> Bool = { _ in true }) {
        guard !tree.nodes.isEmpty else { return }
        let topLevel = tree.children(of: 0)
        for (position, index) in topLevel.enumerated() {
            let node = tree.nodes[index]
            let startLine = node.start.line + lineOffset
            // cmark ends a setext heading at column 0 of the line after it, or even at the end of the next
            // line; the heading ends, at the latest, on the line before the next block.
            let nextStart =
                position + 1 < topLevel.count
                ? tree.nodes[topLevel[position + 1]].start.line + lineOffset : source.lineCount + 1
            let reportedEnd = node.end.line + lineOffset - (node.end.column == 0 ? 1 : 0)
            let headingEnd = max(startLine, min(reportedEnd, nextStart - 1))
            if node.kind == .heading, node.headingLevel <= 2 {
                let text = tree.plainText(of: index)
                if node.headingLevel == 1, title == nil, sections.isEmpty, isTitle(text) {
                    title = text
                    continue
                }
                sections.append(
                    RawSection(
                        heading: text, level: node.headingLevel, contentNodes: [], startLine: startLine,
                        headingEndLine: headingEnd, endLine: startLine))
                continue
            }
            if !sections.isEmpty { sections[sections.count - 1].contentNodes.append(index) }
        }
        finishSections(source: source)
    }

    /// The sections of a postmortem written elsewhere: they start at the given headings (at whatever level
    /// the file uses), and `titleNode`, when set, is the title.
    init(tree: MarkdownTree, source: SourceText, lineOffset: Int, titleNode: Int?, sectionHeadings: Set<Int>) {
        guard !tree.nodes.isEmpty else { return }
        let topLevel = tree.children(of: 0)
        for (position, index) in topLevel.enumerated() {
            let node = tree.nodes[index]
            if index == titleNode {
                title = tree.plainText(of: index)
                continue
            }
            guard sectionHeadings.contains(index) else {
                if !sections.isEmpty { sections[sections.count - 1].contentNodes.append(index) }
                continue
            }
            let startLine = node.start.line + lineOffset
            let nextStart =
                position + 1 < topLevel.count
                ? tree.nodes[topLevel[position + 1]].start.line + lineOffset : source.lineCount + 1
            let reportedEnd = node.end.line + lineOffset - (node.end.column == 0 ? 1 : 0)
            sections.append(
                RawSection(
                    heading: tree.plainText(of: index), level: node.headingLevel, contentNodes: [],
                    startLine: startLine, headingEndLine: max(startLine, min(reportedEnd, nextStart - 1)),
                    endLine: startLine))
        }
        finishSections(source: source)
    }

    /// Each section runs to the line before the next one's heading, trailing blank lines left out.
    private mutating func finishSections(source: SourceText) {
        for index in sections.indices {
            var end = index + 1 < sections.count ? sections[index + 1].startLine - 1 : source.lineCount
            while end > sections[index].headingEndLine,
                source.content(ofLine: end).allSatisfy({ $0 == 0x20 || $0 == 0x09 })
            { end -= 1 }
            sections[index].endLine = end
        }
    }
}
