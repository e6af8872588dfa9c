import CCmark

/// The one place pm talks to libcmark's C API.
///
/// Every cmark node, iterator and rendered buffer allocated here is freed before the function
/// returns; callers only ever see Swift values.
public enum Cmark {
    /// Parses CommonMark bytes into a flattened Swift syntax tree with source positions.
    public static func parse(_ bytes: some Collection<UInt8>) -> MarkdownTree {
        let document: OpaquePointer = withContiguousBytes(bytes) { buffer in
            let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
            guard let root = base.map({ cmark_parse_document($0, buffer.count, options) }) ?? cmark_parse_document("", 0, options) else {
                preconditionFailure("cmark_parse_document returned NULL (out of memory)")
            }
            return root
        }
        defer { cmark_node_free(document) }
        return copyTree(document)
    }

    /// Renders CommonMark to HTML in cmark's safe mode: raw HTML is omitted and
    /// `javascript:`, `vbscript:`, `file:` and `data:` (other than images) links are neutralised.
    public static func renderHTML(_ markdown: String) -> String {
        var source = markdown
        return source.withUTF8 { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
            guard let root = base.map({ cmark_parse_document($0, buffer.count, CMARK_OPT_VALIDATE_UTF8) })
                ?? cmark_parse_document("", 0, CMARK_OPT_VALIDATE_UTF8) else {
                preconditionFailure("cmark_parse_document returned NULL (out of memory)")
            }
            defer { cmark_node_free(root) }
            guard let rendered = cmark_render_html(root, CMARK_OPT_SAFE) else {
                preconditionFailure("cmark_render_html returned NULL (out of memory)")
            }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    private static func withContiguousBytes<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes(body)
    }

    /// Copies the tree under `root` into pre-order Swift nodes with an iterator, not recursion.
    private static func copyTree(_ root: OpaquePointer) -> MarkdownTree {
        var nodes: [MarkdownNode] = []
        var open: [Int] = []  // indices of entered, not yet exited nodes
        guard let iterator = cmark_iter_new(root) else {
            preconditionFailure("cmark_iter_new returned NULL (out of memory)")
        }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let isContainer = isContainerType(type)
            if event == CMARK_EVENT_EXIT {
                if let index = open.popLast() { nodes[index].subtreeEnd = nodes.count }
                continue
            }
            let index = nodes.count
            nodes.append(MarkdownNode(
                kind: kind(of: type),
                depth: open.count,
                subtreeEnd: index + 1,
                literal: string(cmark_node_get_literal(node)),
                destination: string(cmark_node_get_url(node)),
                headingLevel: type == CMARK_NODE_HEADING ? Int(cmark_node_get_heading_level(node)) : 0,
                start: SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
                end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
            ))
            // cmark reports ENTER and EXIT for containers but only ENTER for leaves.
            if isContainer { open.append(index) }
        }
        return MarkdownTree(nodes: nodes)
    }

    private static func isContainerType(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH,
             CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
             CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            return true
        default:
            return false
        }
    }

    private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .custom
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
