import Foundation

/// Reads action items in the shapes postmortems written elsewhere give them: task items, numbered and
/// plain lists (group labels like `Short-term:` or `### Done` over them), and pipe tables, each with the
/// owner, due date, ticket and done-marker people write around it (see ``ActionAnnotations``).
struct ForeignActionReader {
    let tree: MarkdownTree
    let source: SourceText
    let lineOffset: Int
    let bodyStart: Int
    let tables: [Int: PipeTable]
    let dayFirst: Bool?
    let signer: String?
    let classifier: HeadingClassifier
    let path: String
    /// The incident's date, which settles the year of a due date written without one (`by 21/03`).
    var incidentDate: CalendarDate?
    /// Findings on items read (an id comment that is not valid), collected as items are read.
    let findings = Findings()

    /// A collector the reader's non-mutating reads append to.
    final class Findings: @unchecked Sendable {
        var diagnostics: [Diagnostic] = []
    }

    /// Blocks that hold actions: a section's content, or the nested lists of a label.
    struct Region {
        var title: String
        var line: Int
        var blocks: [Int]

        init(entry: ForeignReader.Entry, blocks: [Int]) {
            title = entry.text
            line = entry.line
            self.blocks = blocks
        }

        init(title: String, line: Int, blocks: [Int]) {
            self.title = title
            self.line = line
            self.blocks = blocks
        }

        func hasContent(in tree: MarkdownTree) -> Bool {
            tree.hasText(in: blocks)
        }
    }

    // MARK: regions

    /// The action items of a region, in document order.
    mutating func read(_ region: Region) -> [ActionItem] {
        // A region with task items lists its actions as task items; other list items are their details.
        let hasTasks = region.blocks.contains { block in
            (block..<tree.nodes[block].subtreeEnd).contains { tree.nodes[$0].kind == .item && checkbox(of: $0) != nil }
        }
        var items: [ActionItem] = []
        var group: Bool?
        for block in region.blocks {
            let node = tree.nodes[block]
            switch node.kind {
            case .heading:
                group = Self.groupState(tree.plainText(of: block))
            case .paragraph:
                if let table = tables[block] {
                    items += tableItems(table, group: group)
                } else if Self.isGroupLabel(block, in: tree) {
                    group = Self.groupState(tree.plainText(of: block))
                }
            case .list:
                items += hasTasks ? taskItems(under: block) : listItems(block, group: group)
            case .blockQuote:
                items += hasTasks ? taskItems(under: block) : []
            default:
                break
            }
        }
        return items.isEmpty ? leadItems(region) : items
    }

    /// Actions written as paragraphs that each lead with a bold name (`**Faster rollback.** We are keeping …`),
    /// as blog posts write them: the bold words are the action; the sentences after it may say it is done.
    func leadItems(_ region: Region) -> [ActionItem] {
        region.blocks.compactMap { block -> ActionItem? in
            guard tree.nodes[block].kind == .paragraph, tables[block] == nil,
                let lead = tree.children(of: block).first, tree.nodes[lead].kind == .strong
            else { return nil }
            var text = tree.plainText(of: lead).trimmed
            while let last = text.last, ".:".contains(last) { text.removeLast() }
            let rest = tree.plainText(in: tree.nodes[lead].subtreeEnd..<tree.nodes[block].subtreeEnd).lowercased()
            guard !text.isEmpty, text.split(separator: " ").count <= 12, !rest.isEmpty else { return nil }
            let isDone = Self.donePhrases.contains { rest.contains($0) }
            var item = ActionItem(
                incidentID: "", position: 0, isDone: isDone, text: text, owners: [], due: nil, dueText: nil,
                kind: nil, ticket: nil, line: tree.nodes[block].start.line + lineOffset, checkboxOffset: nil, depth: 0)
            identify(&item, marks: Self.idMarks(under: lead, in: tree))
            item.idOffset = idOffset(paragraph: block)
            if isDone { item.closedSource = .unknown }
            return item
        }
    }

    /// What a sentence says of work that is finished.
    static let donePhrases = [
        "already live", "already in place", "is now live", "now live", "already done", "has been deployed",
        "have been deployed", "has shipped", "have shipped", "is complete", "was completed", "is in place",
        "already rolled out", "has been rolled out", "this change is live", "we have added", "we have changed",
        "we have modified", "we have fixed", "we have moved", "we have removed", "(done)", "(completed)",
    ]

    /// Whether a paragraph is a group label inside a region (`**Short term**`, `Done:`).
    static func isGroupLabel(_ paragraph: Int, in tree: MarkdownTree) -> Bool {
        let text = tree.plainText(of: paragraph)
        guard text.split(separator: " ").count <= 6 else { return false }
        let isBold = tree.children(of: paragraph).allSatisfy {
            [.strong, .emphasis].contains(tree.nodes[$0].kind)
                || (tree.nodes[$0].kind == .text && tree.nodes[$0].literal.allSatisfy { $0 == " " || $0 == ":" })
        }
        return isBold || text.hasSuffix(":")
    }

    /// What a group's heading says of its items: done (`Done`, `Immediate (Completed)`), open
    /// (`In progress`, `Planned`, `Long-term`), or nothing.
    static func groupState(_ text: String) -> Bool? {
        let words = Set(Words.split(text))
        if !words.isDisjoint(with: [
            "done", "completed", "complete", "finished", "shipped", "closed", "resolved", "fixed",
        ]) {
            return words.contains("not") ? false : true
        }
        if !words.isDisjoint(with: [
            "progress", "planned", "open", "todo", "pending", "next", "future", "backlog", "upcoming", "remaining",
            "outstanding", "proposed", "started", "long", "short", "medium", "term",
        ]) {
            return false
        }
        return nil
    }

    /// Plain list items: each top-level item is an action (its sub-items are details), unless it is a
    /// group label over a nested list (`Short-term:`, `**Detection**`), whose items are then the actions.
    mutating func listItems(_ list: Int, group: Bool?) -> [ActionItem] {
        var items: [ActionItem] = []
        for item in tree.children(of: list) where tree.nodes[item].kind == .item {
            let children = tree.children(of: item)
            guard let paragraph = children.first, tree.nodes[paragraph].kind == .paragraph else {
                for nested in children where tree.nodes[nested].kind == .list {
                    items += listItems(nested, group: group)
                }
                continue
            }
            let nestedLists = children.filter { tree.nodes[$0].kind == .list }
            if !nestedLists.isEmpty, isGroupItem(paragraph) {
                let state = Self.groupState(tree.plainText(of: paragraph)) ?? group
                for nested in nestedLists { items += listItems(nested, group: state) }
                continue
            }
            guard var action = action(item: item, paragraph: paragraph, group: group) else { continue }
            // Details under the item: `- Owner: @alice`, `- Due: 2023-01-01`, `- Status: Done`.
            for nested in nestedLists {
                for detail in tree.children(of: nested) where tree.nodes[detail].kind == .item {
                    let text = tree.plainText(of: detail)
                    if ActionAnnotations.applyDetail(text, to: &action, dayFirst: dayFirst), action.isDone {
                        action.closedSource = action.closedSource ?? .unknown
                    }
                }
            }
            if !action.isDone {
                action.closed = nil
                action.closedSource = nil
            }
            items.append(action)
        }
        return items
    }

    /// Whether a list item's own text only names the group its nested items form.
    private func isGroupItem(_ paragraph: Int) -> Bool {
        var text = tree.plainText(of: paragraph)
        guard text.split(separator: " ").count <= 6 else { return false }
        if text.hasSuffix(":") || Self.isGroupLabel(paragraph, in: tree) { return true }
        while text.hasSuffix(":") { text.removeLast() }
        // `Short-term`, `Done`, `Detection`: a few words naming a state or a kind of work, not an instruction.
        guard text.split(separator: " ").count <= 3, !ImperativeVerbs.startsWithOne(text), !text.contains("@") else {
            return false
        }
        return Self.groupState(text) != nil || classifier.meaning(of: text).key != nil
    }

    /// Every task item (`- [ ]`, `- [x]`) under `node`, nested ones included (with their depth among task
    /// items).
    func taskItems(under node: Int, excluding excluded: [Range<Int>] = []) -> [ActionItem] {
        var items: [ActionItem] = []
        var open: [Int] = []  // subtree ends of enclosing task items
        for index in node..<tree.nodes[node].subtreeEnd where tree.nodes[index].kind == .item {
            while let end = open.last, end <= index { open.removeLast() }
            if excluded.contains(where: { $0.contains(index) }) { continue }
            guard checkbox(of: index) != nil, let paragraph = tree.children(of: index).first else { continue }
            if var action = action(item: index, paragraph: paragraph, group: nil) {
                action.depth = open.count
                items.append(action)
                open.append(tree.nodes[index].subtreeEnd)
            }
        }
        return items
    }

    // MARK: items

    /// The checkbox of a task item, and the file offset of the character between its brackets.
    func checkbox(of item: Int) -> (isDone: Bool, length: Int, offset: Int?)? {
        guard let paragraph = tree.children(of: item).first, tree.nodes[paragraph].kind == .paragraph else {
            return nil
        }
        let first = paragraph + 1
        guard first < tree.nodes[paragraph].subtreeEnd, tree.nodes[first].kind == .text,
            let box = TaskCheckbox.parse(tree.nodes[first].literal)
        else { return nil }
        let start = tree.nodes[paragraph].start
        let lineStart = start.line == 1 ? bodyStart : source.offset(ofLine: start.line + lineOffset)
        let bracket = lineStart + start.column - 1
        guard TaskCheckbox.isAt(bracket, in: source.bytes) else { return nil }
        return (box.isDone, box.length, bracket + 1)
    }

    /// One action from a list item's first paragraph; nil for an empty item or one saying "None".
    /// The due date annotations give, its year settled by the incident's date when written without one.
    func due(_ annotations: ActionAnnotations) -> CalendarDate? {
        annotations.due ?? annotations.dueWithoutYear.flatMap { dayWithoutYear(in: $0) }
    }

    /// A day written without a year (`Apr 30`, `21/03`), on or after the incident's date.
    func dayWithoutYear(in text: String) -> CalendarDate? {
        incidentDate.flatMap { DateScanner.dayWithoutYear(in: text, dayFirst: dayFirst, onOrAfter: $0) }
    }

    func action(item: Int, paragraph: Int, group: Bool?) -> ActionItem? {
        var pieces = ActionAnnotations.pieces(of: paragraph, in: tree)
        let box = checkbox(of: item)
        if let box, case .text(let first)? = pieces.first {
            pieces[0] = .text(String(first.dropFirst(box.length)))
        }
        if box == nil, Self.isFieldLine(tree.plainText(of: paragraph)) { return nil }
        let annotations = ActionAnnotations.read(pieces, dayFirst: dayFirst, signer: signer)
        guard Self.isAction(annotations.text) else { return nil }
        let isDone = box.map(\.isDone) ?? annotations.isDone ?? group ?? false
        var item = ActionItem(
            incidentID: "", position: 0, isDone: isDone, text: annotations.text, owners: annotations.owners,
            due: due(annotations), dueText: annotations.dueText, kind: annotations.kind, ticket: annotations.ticket,
            line: tree.nodes[paragraph].start.line + lineOffset, checkboxOffset: box?.offset, depth: 0)
        identify(&item, marks: Self.idMarks(under: paragraph, in: tree))
        item.idOffset = idOffset(paragraph: paragraph)
        item.closedText = annotations.closedText
        if isDone {
            item.closed = annotations.closed
            item.closedSource = annotations.closed == nil ? .unknown : .token
        }
        return item
    }

    // MARK: ids

    /// What the id comments (`<!-- id:… -->`) under a node say.
    static func idMarks(under node: Int, in tree: MarkdownTree) -> [ActionID.Mark] {
        (node..<tree.nodes[node].subtreeEnd).compactMap { index in
            tree.nodes[index].kind == .htmlInline ? ActionID.mark(inComment: tree.nodes[index].literal) : nil
        }
    }

    /// The item's token, as for pm's format (see ``ActionItemReader/identify(_:marks:path:)``).
    func identify(_ item: inout ActionItem, marks: [ActionID.Mark]) {
        if let problem = ActionItemReader.identify(&item, marks: marks, path: path) {
            findings.diagnostics.append(problem)
        }
    }

    /// The file offset just after the paragraph's last non-blank byte: where an id comment goes.
    private func idOffset(paragraph: Int) -> Int {
        ActionItemReader(
            tree: tree, source: source, bodyStart: bodyStart, lineOffset: lineOffset, incidentID: "", path: path
        ).idOffset(paragraph: paragraph)
    }

    /// Whether a list item states a field of the incident (`**Date:** …`, `- sev: 2`) rather than an action.
    static func isFieldLine(_ text: String) -> Bool {
        guard let first = LabelReader.segments(of: text).first, text.hasPrefix(first.name) || !text.first!.isLetter
        else { return false }
        let words = Words.split(first.name)
        return fieldLabels.contains(words.joined(separator: " ")) || words.contains("date")
            || words.contains("severity")
    }

    static let fieldLabels: Set<String> = [
        "date", "when", "severity", "sev", "priority", "impact", "duration", "status", "detection", "cause",
        "root cause", "who", "author", "authors", "trigger", "resolution", "fix", "summary", "team", "services",
        "affected services", "incident", "lead", "incident lead", "commander", "incident commander", "ic",
        "time to resolve", "time to detect", "started", "resolved", "detected", "ended", "reporter",
    ]

    /// Whether an item's text is an action rather than nothing (`None`, `N/A`, `-`).
    static func isAction(_ text: String) -> Bool {
        if text.utf8.count > 24 { return true }
        let words = Words.split(text)
        guard !words.isEmpty else { return false }
        return !(words.count <= 2 && ["none", "na", "n", "nothing", "tbd", "todo"].contains(words[0]))
    }

    // MARK: tables

    /// What a column of an action table holds, from its header.
    enum Column: Equatable { case text, owner, due, status, ticket, kind, ignored, unknown }

    static func column(_ header: String) -> Column {
        let words = Words.split(header)
        let phrase = words.joined(separator: " ")
        guard !words.isEmpty else { return .unknown }
        if [
            "#", "no", "id", "ref", "nr", "number", "num", "priority", "prio", "p", "severity", "effort", "size",
            "estimate", "points", "notes", "comments", "comment", "note",
        ].contains(phrase) || words == ["ref"] {
            return .ignored
        }
        let set = Set(words)
        if !set.isDisjoint(with: [
            "owner", "owners", "assignee", "assignees", "assigned", "responsible", "who", "dri", "lead", "accountable",
        ]) {
            return .owner
        }
        if !set.isDisjoint(with: ["status", "state", "progress", "done", "complete", "completed", "resolution"]) {
            return .status
        }
        if !set.isDisjoint(with: ["due", "target", "deadline", "eta", "date", "when", "by"]) { return .due }
        if !set.isDisjoint(with: [
            "ticket", "tickets", "issue", "issues", "link", "links", "jira", "bug", "bugs", "pr",
            "url", "tracking", "tracker", "reference", "github", "linear", "card", "key",
        ]) {
            return .ticket
        }
        if !set.isDisjoint(with: ["type", "kind", "category"]) { return .kind }
        if !set.isDisjoint(with: [
            "action", "actions", "task", "tasks", "description", "item", "items", "what", "title", "summary",
            "followup", "remediation", "recommendation", "recommendations", "measure", "measures", "fix", "todo",
            "step", "steps", "activity", "improvement", "work",
        ]) || words.contains("follow") {
            return .text
        }
        return .unknown
    }

    /// Whether a table lists actions: it has an action column, or an owner, status or due column beside text.
    static func isActionTable(_ table: PipeTable, inActions: Bool) -> Bool {
        let headers = table.header.cells.map { PipeTable.CellContent($0).text }
        // A table of times is a timeline (`| Time | Action | Who |`).
        if !inActions, headers.contains(where: { !Set(Words.split($0)).isDisjoint(with: ["time", "timestamp"]) }) {
            return false
        }
        let columns = headers.map(column)
        let hasText = columns.contains(.text)
        let hasWork = columns.contains(.owner) || columns.contains(.status) || columns.contains(.due)
        if inActions { return hasText || hasWork }
        return hasText && hasWork
    }

    /// One action per row of an action table: the action column (else the first column of prose) is the
    /// text; owner, due, status, ticket and type columns are read.
    func tableItems(_ table: PipeTable, group: Bool?, inActions: Bool = true) -> [ActionItem] {
        guard Self.isActionTable(table, inActions: inActions) else { return [] }
        let headers = table.header.cells.map { PipeTable.CellContent($0).text }
        var columns = headers.map(Self.column)
        let cells = table.rows.map { $0.cells.map(PipeTable.CellContent.init) }
        if !columns.contains(.text) {
            // The first column of prose (most cells with three words or more); a column named like tickets
            // (`Issue`) that holds prose rather than tickets is one too.
            let prose = columns.indices.first { column in
                (columns[column] == .unknown
                    || (columns[column] == .ticket && !cells.contains { Self.ticket(in: $0[column]) != nil }))
                    && cells.filter { $0[column].text.split(separator: " ").count >= 3 }.count * 2
                        >= max(1, cells.count)
            }
            guard let prose else { return [] }
            columns[prose] = .text
        }
        guard let textColumn = columns.firstIndex(of: .text) else { return [] }
        var items: [ActionItem] = []
        for (rowIndex, row) in cells.enumerated() {
            let annotations = ActionAnnotations.read(
                ActionAnnotations.pieces(of: 0, inCell: row[textColumn].tree), dayFirst: dayFirst, signer: signer)
            guard Self.isAction(annotations.text) else { continue }
            var item = ActionItem(
                incidentID: "", position: 0, isDone: annotations.isDone ?? group ?? false, text: annotations.text,
                owners: annotations.owners, due: due(annotations), dueText: nil, kind: annotations.kind,
                ticket: annotations.ticket, line: table.rows[rowIndex].line, checkboxOffset: nil, depth: 0)
            identify(&item, marks: Self.idMarks(under: 0, in: row[textColumn].tree))
            let ends = table.rows[rowIndex].cellEnds
            if textColumn < ends.count { item.idOffset = ends[textColumn] }
            var statusSeen = false
            for (column, kind) in columns.enumerated() where column != textColumn {
                let cell = row[column]
                let value = cell.text.trimmed
                guard !value.isEmpty else { continue }
                switch kind {
                case .owner:
                    let owners = Self.owners(in: value)
                    if !owners.isEmpty { item.owners = owners }
                case .due:
                    if let due = DateScanner.firstDate(in: value, dayFirst: dayFirst) ?? dayWithoutYear(in: value) {
                        item.due = due
                    }
                case .status:
                    statusSeen = true
                    item.isDone = ActionAnnotations.status(of: value) ?? false
                case .ticket:
                    if let ticket = Self.ticket(in: cell, numbers: true) { item.ticket = ticket }
                    if !statusSeen, let done = Self.doneMarker(in: cell) { item.isDone = done }
                case .kind:
                    if value.split(separator: " ").count == 1 { item.kind = value.lowercased() }
                case .unknown, .ignored, .text:
                    if !statusSeen, let done = Self.doneMarker(in: cell) { item.isDone = done }
                }
            }
            if item.isDone { item.closedSource = .unknown }
            items.append(item)
        }
        return items
    }

    /// Owners in a cell: `@nadia.r`, `Diego Ruiz`, `Facilities (Paul Brandt)`, `Jo, Amir`.
    static func owners(in text: String) -> [String] {
        var names: [String] = []
        for part in text.replacingOccurrences(of: "(", with: ",").replacingOccurrences(of: ")", with: ",")
            .replacingOccurrences(of: " & ", with: ",").replacingOccurrences(of: " + ", with: ",")
            .replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: "/", with: ",")
            .split(separator: ",")
        {
            var name = part.trimmed
            if name.hasPrefix("@") { name.removeFirst() }
            if !name.isEmpty, !["tbd", "n/a", "-", "—", "?", "none"].contains(name.lowercased()) { names.append(name) }
        }
        return names
    }

    /// A ticket in a cell: a link's URL, or a key (`AUTH-1201 **FIXED**`), `#123` or a URL in its text.
    ///
    /// - Parameter numbers: whether a bare number of four digits or more is a ticket (`Bug 5554823` in a
    ///   column of bugs).
    static func ticket(in cell: PipeTable.CellContent, numbers: Bool = false) -> String? {
        if let link = cell.links.first, ActionAnnotations.isURLText(link.destination) { return link.destination }
        for word in cell.text.split(separator: " ") {
            let word = String(word).trimmingCharacters(in: CharacterSet(charactersIn: ".,;()[]"))
            if ActionTokens.isTicket(word)
                || (word.hasPrefix("#") && word.dropFirst().allSatisfy { $0.isNumber } && word.count > 1)
                || ActionAnnotations.isURLText(word)
                || (numbers && word.count >= 4 && word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 })
            {
                return word
            }
        }
        return nil
    }

    /// A done word set apart in a cell (`**FIXED**`, `Done`, `✅`), outside a status column.
    static func doneMarker(in cell: PipeTable.CellContent) -> Bool? {
        if cell.text.contains("✅") { return true }
        let tree = cell.tree
        for index in tree.nodes.indices where tree.nodes[index].kind == .strong {
            if ActionAnnotations.status(of: tree.plainText(of: index)) == true { return true }
        }
        let words = Words.split(cell.text)
        if words.count == 1, ActionAnnotations.doneWords.contains(words[0]) { return true }
        return nil
    }

    // MARK: telling actions from other lists

    /// Whether blocks read as work to do: sub-headings of a plan (`Immediate (Completed)`, `Short-term`,
    /// `Long-term`), or list items most of which start with an instruction or name an owner.
    func looksLikePlan(_ blocks: [Int], entries: [ForeignReader.Entry]) -> Bool {
        if entries.contains(where: { Self.groupState($0.text) != nil }) { return true }
        var total = 0
        var actions = 0
        for block in blocks where tree.nodes[block].kind == .list {
            for item in tree.children(of: block) {
                guard let paragraph = tree.children(of: item).first, tree.nodes[paragraph].kind == .paragraph else {
                    continue
                }
                total += 1
                let annotations = ActionAnnotations.read(
                    ActionAnnotations.pieces(of: paragraph, in: tree), dayFirst: dayFirst, signer: signer)
                let words = Words.split(annotations.text)
                if ImperativeVerbs.startsWithOne(annotations.text) || !annotations.owners.isEmpty
                    || annotations.ticket != nil || words.contains("will")
                {
                    actions += 1
                }
            }
        }
        for block in blocks where tables[block] != nil {
            if let table = tables[block], Self.isActionTable(table, inActions: false) { return true }
        }
        return total > 0 && actions * 2 > total
    }

    /// Whether blocks hold a list or an action table.
    func holdsItems(_ blocks: [Int]) -> Bool {
        blocks.contains { block in
            tree.nodes[block].kind == .list || tables[block].map { Self.isActionTable($0, inActions: true) } == true
        }
    }

    /// Whether a region says there is nothing to do (`None — …`, `N/A`, `No action items`).
    func saysNone(_ region: Region) -> Bool {
        let text = tree.plainText(
            in: (region.blocks.first ?? 0)..<(region.blocks.last.map { tree.nodes[$0].subtreeEnd } ?? 0))
        let words = Words.split(text)
        guard let first = words.first else { return true }
        return ["none", "na", "nothing", "no", "n"].contains(first)
    }
}

extension ActionAnnotations {
    /// The pieces of a table cell's text (its first paragraph).
    static func pieces(of _: Int, inCell tree: MarkdownTree) -> [Piece] {
        guard let paragraph = tree.nodes.indices.first(where: { tree.nodes[$0].kind == .paragraph }) else { return [] }
        var pieces: [Piece] = []
        for index in tree.nodes.indices where tree.nodes[index].kind == .paragraph {
            if !pieces.isEmpty { pieces.append(.text(" ")) }
            pieces += Self.pieces(of: index, in: tree)
        }
        _ = paragraph
        return pieces
    }

    static func isURLText(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("https://") && text.count > 8) || (lower.hasPrefix("http://") && text.count > 7)
    }
}
