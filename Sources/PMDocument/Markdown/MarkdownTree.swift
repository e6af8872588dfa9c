import Foundation

/// A position in a source text: 1-based line and 1-based byte column, as cmark reports them.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One node of a Markdown syntax tree, copied out of cmark into plain Swift values.
public struct MarkdownNode: Sendable {
    /// The kinds of CommonMark node pm distinguishes.
    public enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image, custom
    }

    public var kind: Kind
    /// Nesting depth; the document is 0.
    public var depth: Int
    /// Index one past this node's last descendant in `MarkdownTree.nodes`.
    public var subtreeEnd: Int
    /// The text of text, code, code block and HTML nodes; empty otherwise.
    public var literal: String
    /// The destination of links and images; empty otherwise.
    public var destination: String
    /// The level of a heading (1–6); 0 otherwise.
    public var headingLevel: Int
    public var start: SourcePosition
    public var end: SourcePosition
    /// A top-level block of a lean tree (`Cmark.parseOutline`) whose subtree was not copied: it has no
    /// children here, and `collapsedHasText` says whether it holds text.
    public var isCollapsed = false
    /// For a collapsed block: whether its subtree holds text (see `MarkdownTree.hasText`).
    public var collapsedHasText = false
}

/// A Markdown syntax tree, flattened in document (pre-)order.
///
/// The subtree of node `i` is `nodes[i..<nodes[i].subtreeEnd]`, so walks need no recursion and a
/// deeply nested document cannot exhaust the stack.
public struct MarkdownTree: Sendable {
    public var nodes: [MarkdownNode]

    public init(nodes: [MarkdownNode]) {
        self.nodes = nodes
    }

    /// Indices of the direct children of node `index`.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        while child < nodes[index].subtreeEnd {
            result.append(child)
            child = nodes[child].subtreeEnd
        }
        return result
    }

    /// The plain text of the subtree at `index`: text and code without markup, HTML left out,
    /// blocks separated by newlines.
    public func plainText(of index: Int) -> String {
        plainText(in: index..<nodes[index].subtreeEnd)
    }

    /// Whether any of the subtrees at `indices` holds text (not only whitespace or HTML): whether
    /// `plainText` of them would be non-empty, without building it.
    public func hasText(in indices: [Int]) -> Bool {
        for top in indices {
            if nodes[top].isCollapsed {
                if nodes[top].collapsedHasText { return true }
                continue
            }
            for index in top..<nodes[top].subtreeEnd {
                switch nodes[index].kind {
                case .text, .code, .codeBlock:
                    if nodes[index].literal.utf8.contains(where: { $0 > 0x20 }) { return true }
                default:
                    continue
                }
            }
        }
        return false
    }

    /// The plain text of a run of nodes (see `plainText(of:)`).
    public func plainText(in range: Range<Int>) -> String {
        var text = ""
        var lastBlockDepth = -1
        for index in range {
            let node = nodes[index]
            switch node.kind {
            case .text, .code:
                text += node.literal
            case .codeBlock:
                separateBlock(&text)
                text += node.literal.hasSuffix("\n") ? String(node.literal.dropLast()) : node.literal
            case .softBreak:
                text += " "
            case .lineBreak:
                text += "\n"
            case .paragraph, .heading, .item, .thematicBreak:
                if lastBlockDepth >= 0 { separateBlock(&text) }
                lastBlockDepth = node.depth
            default:
                break
            }
        }
        return text.trimmed
    }

    private func separateBlock(_ text: inout String) {
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
    }
}
