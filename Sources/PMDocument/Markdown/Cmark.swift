import CCmark

/// The one place pm talks to libcmark's C API.
///
/// Every cmark node, iterator and rendered buffer allocated here is freed before the function
/// returns; callers only ever see Swift values.
public enum Cmark {
    /// Parses CommonMark bytes into a flattened Swift syntax tree with source positions.
    public static func parse(_ bytes: some Collection<UInt8>) -> MarkdownTree {
        let document = parseDocument(bytes)
        defer { cmark_node_free(document) }
        return copyTree(document)
    }

    /// Parses CommonMark bytes into the lean tree reports need: every top-level block, with the whole subtree
    /// of each heading and of each block in a section whose heading `expand(text, level)` asks for (a
    /// top-level heading of level 1 or 2 starts a section); every other top-level block is *collapsed*, a
    /// single node that only says whether it holds text (`MarkdownNode.isCollapsed`). Nothing is copied
    /// out of cmark for the blocks nobody reads.
    public static func parseOutline(_ bytes: some Collection<UInt8>, expand: (_ text: String, _ level: Int) -> Bool)
        -> MarkdownTree
    {
        let document = parseDocument(bytes)
        defer { cmark_node_free(document) }
        var nodes: [MarkdownNode] = [node(document, depth: 0, index: 0)]
        var expanding = false
        var child = cmark_node_first_child(document)
        while let block = child {
            child = cmark_node_next(block)
            let type = cmark_node_get_type(block)
            if type == CMARK_NODE_HEADING {
                let start = nodes.count
                copySubtree(block, depth: 1, into: &nodes)
                let level = Int(cmark_node_get_heading_level(block))
                if level <= 2 { expanding = expand(MarkdownTree(nodes: nodes).plainText(of: start), level) }
            } else if expanding {
                copySubtree(block, depth: 1, into: &nodes)
            } else {
                var collapsed = node(block, depth: 1, index: nodes.count)
                collapsed.isCollapsed = true
                collapsed.collapsedHasText = hasText(block)
                nodes.append(collapsed)
            }
        }
        nodes[0].subtreeEnd = nodes.count
        return MarkdownTree(nodes: nodes)
    }

    /// Whether the subtree at `root` has a text, code or code block node with more than whitespace: what
    /// `MarkdownTree.hasText` says of it, without copying anything.
    private static func hasText(_ root: OpaquePointer) -> Bool {
        guard let iterator = cmark_iter_new(root) else {
            preconditionFailure("cmark_iter_new returned NULL (out of memory)")
        }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return false }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK,
                var literal = cmark_node_get_literal(node)
            else { continue }
            while literal.pointee != 0 {
                if UInt8(bitPattern: literal.pointee) > 0x20 { return true }
                literal += 1
            }
        }
    }

    /// Parses CommonMark once into a Swift tree and into HTML (cmark's safe mode), with the decorator's
    /// fixed markup added through custom nodes: in place of each task item's checkbox, and at the start
    /// of each heading. The document's title heading (a first `#` heading for which `isTitle` holds) is
    /// left out of the HTML: the page shows the title itself.
    ///
    /// `actions` is given the tree before anything is rendered and says where the action items are. When
    /// the decorator has an `actionsPlaceholder`, those items leave the body: each is rendered on its own
    /// (without its checkbox and trailing tokens, and without the action items nested in it) into
    /// `actionHTML`, in the order given, and the first top-level list they emptied becomes the placeholder.
    public static func parseAndRender(
        _ bytes: [UInt8], isTitle: (String) -> Bool,
        decorator: any HTMLDecorator,
        actions: (MarkdownTree) -> [ActionMarkup] = { _ in [] }
    ) -> (tree: MarkdownTree, html: String, actionHTML: [String]) {
        let document = parseDocument(bytes)
        defer { cmark_node_free(document) }
        let tree = copyTree(document)
        let found = actions(tree)
        let markups = decorator.actionsPlaceholder == nil ? [] : found
        let itemNodes = nodes(at: Set(markups.map(\.item)), in: document)
        let topLevel = tree.children(of: 0)
        var titleNode: Int?
        if let first = topLevel.first(where: { tree.nodes[$0].kind == .heading && tree.nodes[$0].headingLevel <= 2 }),
            tree.nodes[first].headingLevel == 1, isTitle(tree.plainText(of: first))
        {
            titleNode = first
            var child = cmark_node_first_child(document)
            for _ in 0..<topLevel.firstIndex(of: first)! { child = child.flatMap(cmark_node_next) }
            if let child {
                cmark_node_unlink(child)
                cmark_node_free(child)
            }
        }
        var actionHTML: [String] = []
        if let placeholder = decorator.actionsPlaceholder, !markups.isEmpty {
            actionHTML = extractActions(markups, nodes: itemNodes, from: document, placeholder: placeholder)
        }
        let insideActions = markups.map { $0.item..<tree.nodes[$0.item].subtreeEnd }
        let headings = tree.nodes.indices.filter { index in
            tree.nodes[index].kind == .heading && index != titleNode
                && !insideActions.contains { $0.contains(index) }
        }
        var prefixes = decorator.headingPrefixes(for: headings.map { tree.plainText(of: $0) })[...]
        let source = SourceText(bytes: bytes)

        guard let iterator = cmark_iter_new(document) else {
            preconditionFailure("cmark_iter_new returned NULL (out of memory)")
        }
        defer { cmark_iter_free(iterator) }
        // Paragraphs that are pipe tables, with the table each holds; replaced once the walk is done.
        var tables: [(paragraph: OpaquePointer, table: PipeTable)] = []
        var entered = 0  // index in `tree` of the node just entered (both walks are in pre-order)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                // The title heading is no longer in cmark's tree.
                if entered == titleNode, let titleNode { entered = tree.nodes[titleNode].subtreeEnd }
                if type == CMARK_NODE_PARAGRAPH, entered < tree.nodes.count,
                    let table = PipeTable.find(inParagraph: entered, of: tree, source: source, lineOffset: 0)
                {
                    tables.append((node, table))
                }
                entered += 1
                continue
            }
            // The tree may only change under a node once the iterator has left it.
            guard event == CMARK_EVENT_EXIT else { continue }
            if type == CMARK_NODE_HEADING, let prefix = prefixes.popFirst() {
                prepend(prefix, to: node)
            } else if type == CMARK_NODE_ITEM {
                decorateTaskItem(node, source: source, decorator: decorator)
            }
        }
        for (paragraph, table) in tables {
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else {
                preconditionFailure("cmark_node_new returned NULL (out of memory)")
            }
            cmark_node_set_on_enter(block, html(of: table))
            if cmark_node_insert_before(paragraph, block) == 1 {
                cmark_node_unlink(paragraph)
                cmark_node_free(paragraph)
            } else {
                cmark_node_free(block)
            }
        }
        guard let rendered = cmark_render_html(document, CMARK_OPT_SAFE) else {
            preconditionFailure("cmark_render_html returned NULL (out of memory)")
        }
        defer { free(rendered) }
        return (tree, String(cString: rendered), actionHTML)
    }

    /// The cmark nodes at the given pre-order indices of the tree `copyTree` made of `document`.
    private static func nodes(at indices: Set<Int>, in document: OpaquePointer) -> [Int: OpaquePointer] {
        guard !indices.isEmpty, let iterator = cmark_iter_new(document) else { return [:] }
        defer { cmark_iter_free(iterator) }
        var found: [Int: OpaquePointer] = [:]
        var index = 0
        while found.count < indices.count {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event != CMARK_EVENT_EXIT, let node = cmark_iter_get_node(iterator) else { continue }
            if indices.contains(index) { found[index] = node }
            index += 1
        }
        return found
    }

    /// Takes the action items out of the document, each rendered on its own (see `parseAndRender`).
    private static func extractActions(
        _ markups: [ActionMarkup], nodes: [Int: OpaquePointer], from document: OpaquePointer, placeholder: String
    ) -> [String] {
        var html = Array(repeating: "", count: markups.count)
        var emptied: [OpaquePointer] = []  // top-level lists left without items, last first
        // Last first: an item nested in another is rendered and taken out before the one around it.
        for (position, markup) in markups.enumerated().reversed() {
            guard let item = nodes[markup.item] else { continue }
            let list = cmark_node_parent(item)
            cmark_node_unlink(item)
            if let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
                if markup.hasCheckbox, let text = cmark_node_first_child(paragraph),
                    cmark_node_get_type(text) == CMARK_NODE_TEXT
                {
                    let literal = string(cmark_node_get_literal(text))
                    if let checkbox = TaskCheckbox.parse(literal) {
                        cmark_node_set_literal(text, String(literal.dropFirst(checkbox.length + 1)))
                    }
                }
                dropTrailing(markup.tokenBytes, of: paragraph)
            }
            html[position] = renderContent(of: item)
            cmark_node_free(item)
            guard let list, cmark_node_first_child(list) == nil else { continue }
            if cmark_node_parent(list) == document {
                emptied.append(list)
            } else {
                cmark_node_unlink(list)
                cmark_node_free(list)
            }
        }
        for (position, list) in emptied.reversed().enumerated() {
            if position == 0, let marker = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) {
                cmark_node_set_on_enter(marker, placeholder)
                if cmark_node_replace(list, marker) == 1 {
                    cmark_node_free(list)
                    continue
                }
                cmark_node_free(marker)
            }
            cmark_node_unlink(list)
            cmark_node_free(list)
        }
        return html
    }

    /// Removes `count` bytes of plain text (as `ActionItemReader` counts them) from the end of a paragraph.
    private static func dropTrailing(_ count: Int, of paragraph: OpaquePointer) {
        var remaining = count
        var node = cmark_node_last_child(paragraph)
        while let current = node {
            let previous = cmark_node_previous(current)
            let type = cmark_node_get_type(current)
            var length = 0
            switch type {
            case CMARK_NODE_HTML_INLINE: length = 0
            case CMARK_NODE_TEXT: length = string(cmark_node_get_literal(current)).utf8.count
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: length = 1
            case CMARK_NODE_LINK: length = string(cmark_node_get_url(current)).utf8.count
            default: return
            }
            guard remaining > 0 || type == CMARK_NODE_HTML_INLINE else { return }
            if type == CMARK_NODE_TEXT, length > remaining {
                let literal = Array(string(cmark_node_get_literal(current)).utf8)
                cmark_node_set_literal(current, String(decoding: literal[..<(length - remaining)], as: UTF8.self))
                return
            }
            remaining -= length
            cmark_node_unlink(current)
            cmark_node_free(current)
            node = previous
        }
    }

    /// A node's children as HTML (safe mode); one paragraph is given without its `<p>`.
    private static func renderContent(of node: OpaquePointer) -> String {
        guard let holder = cmark_node_new(CMARK_NODE_DOCUMENT) else {
            preconditionFailure("cmark_node_new returned NULL (out of memory)")
        }
        defer { cmark_node_free(holder) }
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(holder, child)
        }
        guard let rendered = cmark_render_html(holder, CMARK_OPT_SAFE) else {
            preconditionFailure("cmark_render_html returned NULL (out of memory)")
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }

    /// A pipe table as HTML: pm's fixed table markup around each cell's Markdown rendered by cmark in its
    /// safe mode (so cell text is escaped like all text), a `<br>` in a cell kept as a line break.
    static func html(of table: PipeTable) -> String {
        var html = ""
        if !table.leadingLines.isEmpty {
            html += renderFragment(table.leadingLines.joined(separator: "\n"), inline: false)
        }
        func cell(_ tag: String, _ markdown: String, _ alignment: PipeTable.Alignment?) -> String {
            let align =
                switch alignment {
                case .left?: " align=\"left\""
                case .center?: " align=\"center\""
                case .right?: " align=\"right\""
                case nil: ""
                }
            let parts = PipeTable.CellContent.replacingBreaks(in: markdown, with: "\u{0}").split(
                separator: "\u{0}", omittingEmptySubsequences: false)
            let content = parts.map { renderFragment(String($0), inline: true) }.joined(separator: "<br />")
            return "<\(tag)\(align)>\(content)</\(tag)>\n"
        }
        html += "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n"
        for (index, header) in table.header.cells.enumerated() {
            html += cell("th", header, table.alignments[index])
        }
        html += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            html += "<tbody>\n"
            for row in table.rows {
                html += "<tr>\n"
                for (index, text) in row.cells.enumerated() { html += cell("td", text, table.alignments[index]) }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table></div>\n"
    }

    /// Markdown rendered by cmark in its safe mode; `inline` drops the paragraph around a single line.
    private static func renderFragment(_ markdown: String, inline: Bool) -> String {
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        let utf8 = Array(markdown.utf8CString)
        guard
            let rendered = utf8.withUnsafeBufferPointer({ buffer in
                cmark_markdown_to_html(buffer.baseAddress, buffer.count - 1, options)
            })
        else {
            preconditionFailure("cmark_markdown_to_html returned NULL (out of memory)")
        }
        defer { free(rendered) }
        var html = String(cString: rendered)
        if inline {
            if html.hasPrefix("<p>") { html.removeFirst(3) }
            if html.hasSuffix("</p>\n") { html.removeLast(5) }
            while html.hasSuffix("\n") { html.removeLast() }
        }
        return html
    }

    /// Replaces a task item's `[ ]` or `[x]` with the decorator's checkbox.
    private static func decorateTaskItem(_ item: OpaquePointer, source: SourceText, decorator: any HTMLDecorator) {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT
        else { return }
        let literal = string(cmark_node_get_literal(text))
        guard let checkbox = TaskCheckbox.parse(literal) else { return }
        let line = Int(cmark_node_get_start_line(paragraph))
        let column = Int(cmark_node_get_start_column(paragraph))
        guard TaskCheckbox.isAt(source.offset(ofLine: line) + column - 1, in: source.bytes) else { return }
        cmark_node_set_literal(text, String(literal.dropFirst(checkbox.length + 1)))
        prepend(decorator.checkbox(isDone: checkbox.isDone), to: paragraph)
    }

    /// Puts the decorator's fixed `html` (never user text) before the first child of `node`.
    private static func prepend(_ html: String, to node: OpaquePointer) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else {
            preconditionFailure("cmark_node_new returned NULL (out of memory)")
        }
        cmark_node_set_on_enter(custom, html)
        guard cmark_node_prepend_child(node, custom) == 1 else {
            cmark_node_free(custom)
            return
        }
    }

    private static func withContiguousBytes<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) -> R)
        -> R
    {
        if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes(body)
    }

    /// cmark's document for the bytes; the caller frees it.
    private static func parseDocument(_ bytes: some Collection<UInt8>) -> OpaquePointer {
        withContiguousBytes(bytes) { buffer in
            let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
            guard
                let root = base.map({ cmark_parse_document($0, buffer.count, options) })
                    ?? cmark_parse_document("", 0, options)
            else {
                preconditionFailure("cmark_parse_document returned NULL (out of memory)")
            }
            return root
        }
    }

    /// One cmark node as a Swift node at `depth`, its subtree not yet copied (it ends after itself).
    private static func node(_ node: OpaquePointer, depth: Int, index: Int) -> MarkdownNode {
        let type = cmark_node_get_type(node)
        return MarkdownNode(
            kind: kind(of: type),
            depth: depth,
            subtreeEnd: index + 1,
            literal: string(cmark_node_get_literal(node)),
            destination: string(cmark_node_get_url(node)),
            headingLevel: type == CMARK_NODE_HEADING ? Int(cmark_node_get_heading_level(node)) : 0,
            start: SourcePosition(
                line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
            end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
        )
    }

    /// Copies the tree under `root` into pre-order Swift nodes with an iterator, not recursion.
    private static func copyTree(_ root: OpaquePointer) -> MarkdownTree {
        var nodes: [MarkdownNode] = []
        copySubtree(root, depth: 0, into: &nodes)
        return MarkdownTree(nodes: nodes)
    }

    /// Appends the subtree under `root`, whose depth is `depth`, to `nodes` in pre-order.
    private static func copySubtree(_ root: OpaquePointer, depth: Int, into nodes: inout [MarkdownNode]) {
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
            nodes.append(Self.node(node, depth: depth + open.count, index: index))
            // cmark reports ENTER and EXIT for containers but only ENTER for leaves.
            if isContainer { open.append(index) }
        }
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
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
