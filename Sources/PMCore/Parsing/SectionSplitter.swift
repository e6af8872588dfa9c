/// Splits a parsed Markdown body into its title heading and its sections.
///
/// A section starts at a top-level heading of level 2, or of level 1 after the title; headings
/// nested in lists or block quotes, and deeper headings, belong to the section around them.
struct SectionSplitter {
    /// A section before keys and answers are worked out.
    struct RawSection {
        var heading: String
        var level: Int
        /// Indices of the section's top-level content nodes (the heading excluded).
        var contentNodes: [Int]
        var startLine: Int
        var endLine: Int
        var markdown: String
    }

    var title: String?
    var titleLine: Int?
    var sections: [RawSection] = []
    /// Top-level nodes before the first section (after the title).
    var preamble: [Int] = []

    /// - Parameters:
    ///   - lineOffset: how many file lines come before the body (front matter), added to cmark's lines.
    init(tree: MarkdownTree, source: SourceText, lineOffset: Int) {
        guard !tree.nodes.isEmpty else { return }
        var openSection: RawSection?
        var lastContentLine = 0
        func close() {
            guard var section = openSection else { return }
            section.endLine = max(section.startLine, lastContentLine)
            section.markdown = source.text(lines: section.startLine, section.endLine)
            sections.append(section)
            openSection = nil
        }
        for index in tree.children(of: 0) {
            let node = tree.nodes[index]
            let startLine = node.start.line + lineOffset
            let endLine = max(startLine, node.end.line + lineOffset)
            if node.kind == .heading, node.headingLevel <= 2 {
                if node.headingLevel == 1, title == nil, openSection == nil, sections.isEmpty {
                    title = tree.plainText(of: index)
                    titleLine = startLine
                    continue
                }
                close()
                openSection = RawSection(heading: tree.plainText(of: index), level: node.headingLevel, contentNodes: [],
                                         startLine: startLine, endLine: startLine, markdown: "")
                lastContentLine = endLine
                continue
            }
            if openSection != nil {
                openSection?.contentNodes.append(index)
                lastContentLine = max(lastContentLine, lastLine(of: node, tree: tree, index: index, lineOffset: lineOffset))
            } else {
                preamble.append(index)
            }
        }
        close()
    }

    /// The last line a node really uses: cmark ends some blocks (lists) on the blank line after them.
    private func lastLine(of node: MarkdownNode, tree: MarkdownTree, index: Int, lineOffset: Int) -> Int {
        var last = node.start.line
        for descendant in index..<node.subtreeEnd where tree.nodes[descendant].isBlock {
            let block = tree.nodes[descendant]
            switch block.kind {
            case .list, .item, .blockQuote, .document:
                last = max(last, block.start.line)
            default:
                last = max(last, block.end.line)
            }
        }
        return last + lineOffset
    }
}
