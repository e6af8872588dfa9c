import Foundation

/// Reads a postmortem written elsewhere (no `template:` in its front matter) the way a careful person
/// would: its title under a placeholder heading, its sections at whatever heading level it uses and by
/// what their headings mean, its fields written as labels, its date as written (or inferred from the
/// timeline), and its action items in lists, tables and task items wherever they stand.
struct ForeignReader {
    let tree: MarkdownTree
    let source: SourceText
    /// File lines before cmark's line 1.
    let lineOffset: Int
    /// Byte offset of cmark's line 1, column 1 in the file.
    let bodyStart: Int
    let id: String
    let path: String
    let frontMatter: FrontMatter
    let classifier: HeadingClassifier

    /// What the reading found.
    struct Reading {
        /// The heading node that is the title, when a heading is.
        var titleNode: Int?
        var title: String?
        var titleSource: FieldSource?
        /// The heading nodes that start sections, and what each means.
        var sectionHeadings: [Int] = []
        var meanings: [Int: HeadingMeaning] = [:]
        var severity: String?
        var date: CalendarDate?
        var dateSource: FieldSource?
        /// A blog post's front-matter `date:`, when it is the day of publishing rather than of the incident.
        var publishedDate: CalendarDate?
        var impact: String?
        var impactSource: FieldSource?
        var rootCause: String?
        var rootCauseSource: FieldSource?
        var actions: [ActionItem] = []
        var problems: [ReadingProblem] = []
        /// Findings on what was read (a pm `due:` token that is not a date).
        var diagnostics: [Diagnostic] = []
    }

    /// A heading of the outline: a real heading, or a paragraph that acts as one (`**Impact**`,
    /// `Follow-ups:` over a list).
    struct Entry {
        var node: Int
        /// Position of the node among the document's top-level blocks.
        var position: Int
        /// 1–6 for headings; 7 for a paragraph acting as a heading (below every real heading).
        var level: Int
        var text: String
        var meaning: HeadingMeaning
        /// The top-level positions the entry heads (up to the next entry of its level or above).
        var content: Range<Int> = 0..<0
        var line: Int
    }

    private let topLevel: [Int]
    private let tables: [Int: PipeTable]
    private let labels: [TextLabel]
    /// How the document writes numeric dates: day first (`25/12/2022`), month first, or not known.
    private let dayFirst: Bool?

    init(
        tree: MarkdownTree, source: SourceText, lineOffset: Int, bodyStart: Int, id: String, path: String,
        frontMatter: FrontMatter, classifier: HeadingClassifier
    ) {
        self.tree = tree
        self.source = source
        self.lineOffset = lineOffset
        self.bodyStart = bodyStart
        self.id = id
        self.path = path
        self.frontMatter = frontMatter
        self.classifier = classifier
        topLevel = tree.nodes.isEmpty ? [] : tree.children(of: 0)
        var tables: [Int: PipeTable] = [:]
        for index in tree.nodes.indices where tree.nodes[index].kind == .paragraph {
            if let table = PipeTable.find(inParagraph: index, of: tree, source: source, lineOffset: lineOffset) {
                tables[index] = table
            }
        }
        self.tables = tables
        labels =
            (LabelReader(tree: tree, lineOffset: lineOffset, tables: tables).labels()
            + Self.outlineLabels(in: tree, lineOffset: lineOffset, classifier: classifier)).map { label in
                var keyed = label
                keyed.key = Self.labelKey(label.name, classifier: classifier)
                return keyed
            }
        dayFirst = Self.dayFirst(tree: tree, labels: labels)
    }

    /// Fields written as an outline: a list item of a few words naming a section (`Impact`, `Action items`)
    /// over a nested list that holds its value.
    static func outlineLabels(in tree: MarkdownTree, lineOffset: Int, classifier: HeadingClassifier) -> [TextLabel] {
        var labels: [TextLabel] = []
        for item in tree.nodes.indices where tree.nodes[item].kind == .item {
            let children = tree.children(of: item)
            guard let paragraph = children.first, tree.nodes[paragraph].kind == .paragraph,
                children.dropFirst().contains(where: { tree.nodes[$0].kind == .list })
            else { continue }
            let name = tree.plainText(of: paragraph)
            guard name.split(separator: " ").count <= 4, !name.contains(":"), TaskCheckbox.parse(name) == nil,
                classifier.meaning(of: name).strength >= .strong
            else { continue }
            labels.append(
                TextLabel(
                    name: name,
                    value: tree.plainText(in: tree.nodes[paragraph].subtreeEnd..<tree.nodes[item].subtreeEnd),
                    line: tree.nodes[paragraph].start.line + lineOffset, source: .label, item: item))
        }
        return labels
    }

    func read() -> Reading {
        var reading = Reading()
        guard !tree.nodes.isEmpty else { return reading }
        var entries = outline()
        readTitle(&entries, into: &reading)
        readSections(entries, into: &reading)
        for entry in entries { reading.meanings[entry.node] = entry.meaning }
        readSeverity(into: &reading)
        readDate(entries, into: &reading)
        readImpactAndCause(entries, into: &reading)
        readActions(entries, into: &reading)
        return reading
    }

    // MARK: outline

    /// Every heading and heading-like paragraph at the top level, with what it means and what it heads.
    func outline() -> [Entry] {
        var entries: [Entry] = []
        for (position, index) in topLevel.enumerated() {
            let node = tree.nodes[index]
            if node.kind == .heading {
                let text = tree.plainText(of: index)
                entries.append(
                    Entry(
                        node: index, position: position, level: node.headingLevel, text: text,
                        meaning: classifier.meaning(of: text), line: node.start.line + lineOffset))
            } else if node.kind == .paragraph, tables[index] == nil, let text = pseudoHeading(at: position) {
                entries.append(
                    Entry(
                        node: index, position: position, level: 7, text: text, meaning: classifier.meaning(of: text),
                        line: node.start.line + lineOffset))
            }
        }
        for index in entries.indices {
            var end = topLevel.count
            for later in entries[(index + 1)...] where later.level <= entries[index].level {
                end = later.position
                break
            }
            entries[index].content = (entries[index].position + 1)..<max(entries[index].position + 1, end)
        }
        return entries
    }

    /// The text of a top-level paragraph that acts as a heading: only bold or emphasised text (`**Impact**`,
    /// `**What went well**`), or a short line ending with a colon over a list (`Follow-ups:`).
    func pseudoHeading(at position: Int) -> String? {
        let index = topLevel[position]
        let node = tree.nodes[index]
        // Only emphasis (and spaces or colons between), or a last text ending with a colon.
        var onlyEmphasis = true
        var hasEmphasis = false
        var endsWithColon = false
        for child in tree.children(of: index) {
            let inline = tree.nodes[child]
            switch inline.kind {
            case .strong, .emphasis:
                hasEmphasis = true
                endsWithColon = false
            case .text:
                let isFiller = inline.literal.utf8.allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: ":") }
                if !isFiller { onlyEmphasis = false }
                endsWithColon = inline.literal.utf8.last == UInt8(ascii: ":")
            case .softBreak, .lineBreak:
                return nil
            default:
                onlyEmphasis = false
                endsWithColon = false
            }
        }
        guard (onlyEmphasis && hasEmphasis) || endsWithColon else { return nil }
        var text = tree.plainText(of: index)
        let words = text.split(separator: " ").count
        if onlyEmphasis, hasEmphasis, words <= 12,
            !LabelReader.segments(of: text).contains(where: { !$0.value.isEmpty })
        {
            while text.hasSuffix(":") { text.removeLast() }
            return text
        }
        // `Follow-ups:` over a list, or a label leading into one (`**Remediation:** … we will:`)
        guard text.hasSuffix(":"), position + 1 < topLevel.count, tree.nodes[topLevel[position + 1]].kind == .list,
            node.kind == .paragraph
        else { return nil }
        if words <= 6, !text.contains("\n") {
            text.removeLast()
            return text
        }
        if let label = LabelReader.segments(of: text).first, text.hasPrefix(label.name) {
            return label.name
        }
        return nil
    }

    // MARK: title and sections

    /// Generic words a placeholder heading is made of (`# Postmortem`, `# ISSUE NAME`, `# [Incident title]`).
    static let placeholderWords: Set<String> = [
        "postmortem", "post", "mortem", "incident", "incidents", "report", "review", "example", "template", "issue",
        "name", "title", "major", "rca", "pir", "analysis", "retrospective", "retro", "summary", "document",
        "untitled", "your", "here", "the", "a", "an", "of", "for", "blameless", "outage", "problem", "root",
        "cause", "after", "action", "postincident", "pm", "writeup", "write", "up", "draft", "new", "short",
        "descriptive", "insert", "date", "service", "system",
    ]

    /// Whether a heading is made of generic words only, besides identifiers (`Incident Report INC-2024-0117`).
    static func isPlaceholder(_ heading: String) -> Bool {
        let written = heading.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { !isIdentifier($0) }
        let words = Words.joiningCompounds(Words.split(written.joined(separator: " ")))
        return !words.isEmpty && words.allSatisfy { placeholderWords.contains($0) }
    }

    /// An identifier written in a heading: a number or capitals with digits (`INC-2024-0117`, `#465`, `PIR7`).
    static func isIdentifier(_ word: Substring) -> Bool {
        let bytes = word.utf8.drop { "()[]:,.#".utf8.contains($0) }.reversed().drop { "()[]:,.#".utf8.contains($0) }
        return bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
            && bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Whether a heading can be a title: not a template's question, not a label (`Date: …`), not a
    /// placeholder; a short heading that means a section (`Impact`, `What we'll do`) is not one, but a long
    /// statement may hold a section's word (`Internal DNS resolution failures in eu-west-1`).
    private func isTitleLike(_ entry: Entry) -> Bool {
        guard !LabelReader.isValueHeading(entry.text), !isPlaceholder(entry),
            !LabelReader.segments(of: entry.text).contains(where: { labelKey($0.name) != nil })
        else { return false }
        if entry.meaning.key == nil || entry.meaning.strength < .medium { return true }
        let isQuestion = entry.text.trimmed.hasSuffix("?")
        return entry.meaning.strength < .template && !isQuestion && Words(entry.text).raw.count >= 5
    }

    func readTitle(_ entries: inout [Entry], into reading: inout Reading) {
        let headings = entries.filter { $0.level <= 6 }
        var titleEntry: Entry?
        var placeholder: Entry?
        if let first = headings.first {
            let isSectionLike = first.meaning.strength >= .strong && first.meaning.key != nil
            if isPlaceholder(first) {
                // A placeholder gives way to a more specific heading right after it, or to the front matter's
                // title or an `Incident:` label; otherwise it is the title all the same.
                placeholder = first
                if headings.count > 1, isTitleLike(headings[1]) { titleEntry = headings[1] }
            } else if first.level == 1 {
                // A first `#` heading is the title, unless it is a question of a file written with level-1
                // sections, or the front matter names the title.
                let levelOneSections = headings.count > 1 && headings[1].level == 1
                if !(isSectionLike && (levelOneSections || frontMatter.title != nil)) { titleEntry = first }
            } else if isTitleLike(first) {
                // A first heading of another level that no question knows (`## Checkout got really slow`).
                titleEntry = first
            }
        }
        // A first paragraph in bold (a Slack write-up): the title, when no heading is one.
        var boldTitle: Entry?
        if titleEntry == nil, placeholder == nil, let first = entries.first, first.level == 7, first.position == 0,
            isTitleLike(first), first.text.split(separator: " ").count >= 3
        {
            boldTitle = first
        }
        // A label naming the title (`Title:`, `## 1. Title` over it), or a label of generic words opening the
        // document (`**Incident Postmortem: Email campaign sent twice**`).
        let firstLine = tree.nodes[topLevel.first ?? 0].start.line + lineOffset
        let labelTitle = labels.first { label in
            let words = Words.split(label.name).drop { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
            return words.count <= 4
                && (Self.titleLabels.contains(Array(words))
                    || (label.line == firstLine && label.key == nil && Self.isPlaceholder(label.name)))
                && label.value.split(separator: " ").count >= 3
        }?.value

        if frontMatter.title != nil && frontMatter.keysReadFromOtherNames["title"] == nil {
            reading.titleSource = .frontMatter
        } else if let heading = titleEntry {
            reading.title = heading.text
            reading.titleSource = .heading
        } else if frontMatter.title != nil {
            reading.titleSource = .frontMatter
        } else if let labelTitle {
            reading.title = labelTitle
            reading.titleSource = .label
        } else if let heading = placeholder ?? boldTitle {
            reading.title = heading.text
            reading.titleSource = .heading
        }
        if titleEntry == nil, let placeholder, reading.title == placeholder.text || frontMatter.title != nil {
            titleEntry = placeholder
        }
        if let titleEntry { reading.titleNode = titleEntry.node }
        // The title and a placeholder heading head no section.
        let excluded = Set([titleEntry?.node, placeholder?.node, boldTitle?.node].compactMap { $0 })
        entries.removeAll { excluded.contains($0.node) }
    }

    /// Whether a heading is a template's placeholder for the title (`# Postmortem`, `# ISSUE NAME`): generic
    /// words only, and not a question of a template.
    private func isPlaceholder(_ entry: Entry) -> Bool {
        entry.meaning.strength < .template && Self.isPlaceholder(entry.text)
    }

    static let titleLabels: Set<[String]> = [
        ["incident"], ["incident", "title"], ["title"], ["incident", "name"], ["subject"], ["incident", "summary"],
    ]

    /// Sections start at the `#` and `##` headings below the title, as in pm's format, or, in a file whose
    /// headings are all deeper (`###` under one `#`), at the shallowest level it uses.
    func readSections(_ entries: [Entry], into reading: inout Reading) {
        let headings = entries.filter { $0.level <= 6 }
        guard let level = headings.map(\.level).min() else { return }
        reading.sectionHeadings = headings.filter { $0.level <= max(2, level) }.map(\.node)
    }

    // MARK: fields

    /// Labels whose name means `key` (the classifier's key, or `date`, `severity`).
    private func labelKey(_ name: String) -> String? {
        Self.labelKey(name, classifier: classifier)
    }

    static func labelKey(_ name: String, classifier: HeadingClassifier) -> String? {
        let words = Words.split(Words.withoutParentheticals(name))
        let set = Set(words)
        if !set.isDisjoint(with: ["severity", "sev", "priority"]) || words == ["impact", "level"] {
            return "severity"
        }
        if !set.isDisjoint(with: Self.dateTraps) { return nil }
        if !set.isDisjoint(with: ["date", "when", "day", "occurred", "occurrence"]) { return "date" }
        // `Start`, `Incident start time (UTC)`, `Began`
        if !set.isDisjoint(with: ["start", "started", "began", "begin", "beginning"]), words.count <= 4 {
            return "started"
        }
        return classifier.meaning(of: name).key
    }

    /// Words that make a dated label something other than the incident's day.
    static let dateTraps: Set<String> = [
        "created", "posted", "published", "updated", "modified", "reviewed", "review", "written", "approved",
        "found", "report", "document", "due", "target", "end", "ended", "closed", "resolved", "last", "revised",
        "printed", "next", "meeting", "detected", "discovered", "deadline", "prepared",
    ]

    func readSeverity(into reading: inout Reading) {
        guard frontMatter.severity == nil else { return }
        let candidates = labels.filter { $0.key == "severity" }
        let preferred =
            candidates.first { !Words.split($0.name).contains("priority") } ?? candidates.first
        guard var value = preferred?.value else { return }
        value = value.trimmed
        while let last = value.last, ".,;".contains(last) { value.removeLast() }
        guard !value.isEmpty, value.count <= 40 else { return }
        reading.severity = value.lowercased()
    }

    /// Whether the document writes numeric dates day first (`25/12/2022`) or month first (`12/25/2022`).
    static func dayFirst(tree: MarkdownTree, labels: [TextLabel]) -> Bool? {
        // Only text with a slash or a dot between digits can hold a numeric date.
        let isNumericDateLike = { (text: String) -> Bool in
            var previousIsDigit = false
            var separatorAfterDigit = false
            for byte in text.utf8 {
                let isDigit = byte >= 0x30 && byte <= 0x39
                if isDigit && separatorAfterDigit { return true }
                separatorAfterDigit = previousIsDigit && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "."))
                previousIsDigit = isDigit
            }
            return false
        }
        for text in labels.map(\.value) + tree.nodes.lazy.filter({ $0.kind == .text }).map(\.literal)
        where isNumericDateLike(text) {
            for found in DateScanner.dates(in: text) {
                if let dayFirst = found.dayFirst { return dayFirst }
            }
        }
        return nil
    }

    /// Keys of a static site generator's front matter (Jekyll, Hugo), whose `date:` is the day of publishing.
    static let publishingKeys: Set<String> = [
        "layout", "draft", "permalink", "categories", "slug", "excerpt", "published", "weight", "comments",
        "feature_image", "cover", "image", "toc", "url",
    ]

    func readDate(_ entries: [Entry], into reading: inout Reading) {
        let nameDate = Self.date(inName: id)
        if let published = frontMatter.date, frontMatter.started == nil,
            frontMatter.extra.contains(where: { Self.publishingKeys.contains($0.key.lowercased()) })
        {
            // A blog post's `date:` is when it was published: a day in the file name, or a month and day the
            // opening text names (`On August 2`), up to 30 days before it is the incident's.
            let named = nameDate.flatMap { $0 <= published ? $0 : nil }
            let opening = openingMonthDays(entries).compactMap { day -> CalendarDate? in
                for year in [published.year, published.year - 1] {
                    if let date = CalendarDate(year: year, month: day.month, day: day.day), date <= published,
                        date.days(until: published) <= 30
                    {
                        return date
                    }
                }
                return nil
            }.first
            if let date = named ?? opening, date != published {
                reading.date = date
                reading.dateSource = named != nil ? .fileName : .text
                reading.publishedDate = published
            }
            return
        }
        if frontMatter.date != nil || frontMatter.started != nil { return }
        // Another tool's front matter that names only a later moment (`reported_at`, `resolved_at`).
        if let moment = frontMatter.detected ?? frontMatter.acknowledged ?? frontMatter.resolved {
            reading.date = moment.calendarDate
            reading.dateSource = .frontMatter
            return
        }
        // The days the file name and the timeline name, which settle an ambiguous `03/04/2023`: worked out only
        // for such a date (scanning the timeline is the costliest part of reading a date).
        var knownHints: [DateScanner.MonthDay]?
        func hints(for found: DateScanner.Found) -> [DateScanner.MonthDay] {
            guard found.isAmbiguous else { return [] }
            if let knownHints { return knownHints }
            let hints =
                (nameDate.map { [DateScanner.MonthDay(month: $0.month, day: $0.day)] } ?? [])
                + timelineMonthDays(entries)
            knownHints = hints
            return hints
        }
        // Labels and headings that state the date (`Date:`, `Incident date:`, `When:`, `## Date: …`).
        for key in ["date", "started"] {
            for label in labels where label.key == key {
                for found in DateScanner.dates(in: label.value) {
                    if let date = DateScanner.settle(found, dayFirst: dayFirst, matching: hints(for: found)) {
                        reading.date = date
                        reading.dateSource = label.source
                        return
                    }
                }
            }
        }
        // A heading that is only a date (`## Mar 14, 2024` over a status page's updates), outside the timeline.
        let timelines = entries.filter { $0.meaning.key == "timeline" }.map { $0.position..<$0.content.upperBound }
        for entry in entries where entry.level <= 6 && !timelines.contains(where: { $0.contains(entry.position) }) {
            guard Self.isDateOnly(entry.text), let found = DateScanner.dates(in: entry.text).first,
                let date = DateScanner.settle(found, dayFirst: dayFirst, matching: hints(for: found))
            else { continue }
            reading.date = date
            reading.dateSource = .heading
            return
        }
        // The title (`Service outage on 2025-05-20`).
        if let title = reading.title ?? frontMatter.title,
            let date = DateScanner.firstDate(in: title, dayFirst: dayFirst)
        {
            reading.date = date
            reading.dateSource = reading.titleSource == .frontMatter ? .frontMatter : .heading
            return
        }
        if let nameDate {
            reading.date = nameDate
            reading.dateSource = .fileName
            return
        }
        // The opening text and the summary: the first full date not written as the day of publishing.
        if let date = openingDate(entries, dayFirst: dayFirst) {
            reading.date = date
            reading.dateSource = .text
            return
        }
        if let date = timelineDate(entries, dayFirst: dayFirst) {
            reading.date = date
            reading.dateSource = .inferred
            return
        }
        let firstLine = tree.nodes.first.map { max(1, $0.start.line + lineOffset) } ?? 1
        reading.problems.append(ReadingProblem(.noDate, line: firstLine))
    }

    /// Whether a heading is a date and nothing else (`Mar 14, 2024`, `Tuesday 5 March 2024`), with no time of day.
    static func isDateOnly(_ text: String) -> Bool {
        guard !text.contains(":"), DateScanner.mayHoldDate(text) else { return false }
        return Words.split(text).allSatisfy { word in
            word.allSatisfy(\.isNumber) || DateScanner.monthNumber(word) != nil || DateScanner.weekdays.contains(word)
                || ["st", "nd", "rd", "th", "of"].contains(word)
        }
    }

    /// A date in the file name: `2021-07-11-db`, `06-nov-2022-db-outage`, `incident 20210711`.
    static func date(inName name: String) -> CalendarDate? {
        if let date = Postmortem.date(inName: name) { return date }
        let spaced = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        for found in DateScanner.dates(in: spaced) where !found.isAmbiguous { return found.date }
        return nil
    }

    /// Top-level positions of the sections that are the timeline.
    private func timelineBlocks(_ entries: [Entry]) -> [Int] {
        entries.filter { $0.meaning.key == "timeline" && $0.level <= 6 }.flatMap { Array($0.content) }
    }

    /// The days the timeline names, with or without a year (`Mon 3 Apr 08:05`, `2023-04-03 08:05`).
    private func timelineMonthDays(_ entries: [Entry]) -> [DateScanner.MonthDay] {
        timelineBlocks(entries).flatMap { position -> [DateScanner.MonthDay] in
            let text = tree.plainText(of: topLevel[position])
            return DateScanner.monthDays(in: text)
                + DateScanner.dates(in: text).filter { !$0.isAmbiguous }.map {
                    DateScanner.MonthDay(month: $0.date.month, day: $0.date.day)
                }
        }
    }

    /// The first full date in the timeline (list items, table cells, its sub-headings).
    private func timelineDate(_ entries: [Entry], dayFirst: Bool?) -> CalendarDate? {
        for position in timelineBlocks(entries) {
            let index = topLevel[position]
            let text: String
            if let table = tables[index] {
                text = table.rows.flatMap(\.cells).joined(separator: " ; ")
            } else {
                text = tree.plainText(of: index)
            }
            if let date = DateScanner.firstDate(in: text, dayFirst: dayFirst) { return date }
        }
        return nil
    }

    /// Words that make the date after them the day a document was written, not the incident's.
    static let publishingWords: Set<String> = [
        "posted", "published", "created", "updated", "reviewed", "written", "found", "approved", "modified",
        "edited", "revised", "last",
    ]

    /// The paragraphs of the opening text and of the summary (or what happened), in order.
    private func openingParagraphs(_ entries: [Entry]) -> [Int] {
        let firstSection = entries.first(where: { $0.level <= 6 })?.position ?? topLevel.count
        var positions = Array(0..<firstSection)
        for entry in entries where ["summary", "what-happened"].contains(entry.meaning.key ?? "") {
            positions += Array(entry.content)
        }
        return positions.flatMap { position -> [Int] in
            let top = topLevel[position]
            return (top..<tree.nodes[top].subtreeEnd).filter { tree.nodes[$0].kind == .paragraph && tables[$0] == nil }
        }
    }

    /// The months and days the opening text names without a year (`On August 2`).
    private func openingMonthDays(_ entries: [Entry]) -> [DateScanner.MonthDay] {
        openingParagraphs(entries).flatMap { DateScanner.monthDays(in: tree.plainText(of: $0)) }
    }

    /// The first full date of the opening paragraphs and the summary (or what happened), skipping
    /// publishing dates.
    private func openingDate(_ entries: [Entry], dayFirst: Bool?) -> CalendarDate? {
        for index in openingParagraphs(entries) {
            let text = tree.plainText(of: index)
            guard DateScanner.mayHoldDate(text) else { continue }
            let bytes = Array(text.utf8)
            for found in DateScanner.dates(in: text) {
                guard let date = DateScanner.settle(found, dayFirst: dayFirst) else { continue }
                // The words just before the date, in the same sentence (`·` is 0xC2 0xB7 in UTF-8).
                var start = found.offset
                var words = 0
                while start > 0, words < 8 {
                    start -= 1
                    let byte = bytes[start]
                    if ".!?\n|".utf8.contains(byte) || (byte == 0xB7 && start > 0 && bytes[start - 1] == 0xC2) {
                        start += 1
                        break
                    }
                    if byte == UInt8(ascii: " ") { words += 1 }
                }
                let before = Set(Words.split(String(decoding: bytes[start..<found.offset], as: UTF8.self)))
                if before.isDisjoint(with: Self.publishingWords) { return date }
            }
        }
        return nil
    }

    // MARK: impact and root cause

    func readImpactAndCause(_ entries: [Entry], into reading: inout Reading) {
        (reading.impact, reading.impactSource) = field("impact", entries)
        (reading.rootCause, reading.rootCauseSource) = field("root-cause", entries)
        if reading.rootCause == nil {
            // A heading that looks like a cause, but that no rule placed.
            let hint = entries.first { entry in
                let words = Set(Words(entry.text).stems)
                return entry.meaning.key != "root-cause" && entry.meaning.strength < .template
                    && !words.isDisjoint(with: Self.causeHints)
            }
            if let hint {
                reading.problems.append(ReadingProblem(.unrecognisedCause(heading: hint.text), line: hint.line))
            }
        }
    }

    /// Stems of words that hint at a root cause in a heading no rule placed (`Factors`, `Underlying issues`).
    static let causeHints = Set(
        Words.stems(of: "cause why reason fault analysis factor contributing underlying because explanation"))

    /// The text of the best section meaning `key` (answered), else of the first label meaning it.
    private func field(_ key: String, _ entries: [Entry]) -> (String?, FieldSource?) {
        // An entry inside another that means the same (`Contributing factors:` under `Root cause analysis`)
        // is part of it.
        let meaning = entries.filter { $0.meaning.key == key }
        let outermost = meaning.filter { entry in
            !meaning.contains { $0.node != entry.node && $0.content.contains(entry.position) }
        }
        let candidates = outermost.sorted {
            ($0.meaning.strength, $0.level <= 6 ? 1 : 0) > ($1.meaning.strength, $1.level <= 6 ? 1 : 0)
        }
        for entry in candidates {
            let text = text(of: entry)
            if !text.isEmpty { return (text, .heading) }
        }
        let fromLabels = labels.filter { $0.key == key && !$0.value.isEmpty }
        let best = fromLabels.max {
            classifier.meaning(of: $0.name).strength < classifier.meaning(of: $1.name).strength
        }
        if let best { return (best.value, best.source) }
        // A heading that names it second (`Root cause and resolution`).
        for entry in entries where entry.meaning.otherKeys.contains(key) {
            let text = text(of: entry)
            if !text.isEmpty { return (text, .heading) }
        }
        return (nil, nil)
    }

    /// The plain text an entry heads, tables as their cells, without HTML comments.
    private func text(of entry: Entry) -> String {
        var parts: [String] = []
        for position in entry.content {
            let index = topLevel[position]
            if let table = tables[index] {
                parts.append(
                    ([table.header] + table.rows).map { row in
                        row.cells.map { PipeTable.CellContent($0).text }.joined(separator: " | ")
                    }.joined(separator: "\n"))
            } else if tree.nodes[index].kind == .htmlBlock {
                // An export's HTML (`<p>The new certificate …</p>`): its text, tags and comments left out.
                let text = Self.text(ofHTML: tree.nodes[index].literal)
                if !text.isEmpty { parts.append(text) }
            } else {
                let text = tree.plainText(of: index)
                if !text.isEmpty { parts.append(text) }
            }
        }
        return parts.joined(separator: "\n")
    }

    /// The text of a block of HTML: comments and tags dropped, common entities decoded, whitespace as one space.
    static func text(ofHTML html: String) -> String {
        var text = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            rest = rest[open...]
            let close =
                rest.hasPrefix("<!--")
                ? rest.range(of: "-->")?.upperBound
                : rest.firstIndex(of: ">").map {
                    rest.index(after: $0)
                }
            guard let close else {
                rest = ""
                break
            }
            // A tag that ends a block or a line separates words.
            text += " "
            rest = rest[close...]
        }
        text += rest
        for (entity, character) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"),
            ("&amp;", "&"),
        ] where text.contains(entity) {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: actions

    func readActions(_ entries: [Entry], into reading: inout Reading) {
        var reader = ForeignActionReader(
            tree: tree, source: source, lineOffset: lineOffset, bodyStart: bodyStart, tables: tables,
            dayFirst: dayFirst, signer: signer(), classifier: classifier, path: path,
            incidentDate: reading.date ?? frontMatter.date ?? frontMatter.started?.calendarDate)
        var regions: [ForeignActionReader.Region] = []
        var covered: [Range<Int>] = []  // top-level positions already read as actions
        var coveredItems: [Range<Int>] = []  // list items (node ranges) already read as actions
        func isCovered(_ position: Int) -> Bool { covered.contains { $0.contains(position) } }

        // Sections and sub-sections whose heading means the actions.
        for entry in entries where entry.meaning.means("actions") && !isCovered(entry.position) {
            regions.append(.init(entry: entry, blocks: entry.content.map { topLevel[$0] }))
            covered.append(entry.position..<entry.content.upperBound)
        }
        // Labels over a nested list (`- AIs:`, `- **Follow-up actions:**`).
        for label in labels where label.item != nil && label.key == "actions" {
            guard let item = label.item else { continue }
            let nested = tree.children(of: item).filter { tree.nodes[$0].kind == .list }
            regions.append(.init(title: label.name, line: label.line, blocks: nested))
            coveredItems.append(item..<tree.nodes[item].subtreeEnd)
        }
        // Without any, the sections that hold actions in some postmortems: prevention, a remediation plan,
        // lessons written as work to do.
        if regions.isEmpty {
            for entry in entries where !isCovered(entry.position) {
                guard let key = entry.meaning.key, ["prevention", "lessons", "resolution"].contains(key) else {
                    continue
                }
                let blocks = entry.content.map { topLevel[$0] }
                let plan = reader.looksLikePlan(blocks, entries: entries.filter { entry.content.contains($0.position) })
                if key == "prevention" ? reader.holdsItems(blocks) : plan {
                    regions.append(.init(entry: entry, blocks: blocks))
                    covered.append(entry.position..<entry.content.upperBound)
                }
            }
        }
        var items: [ActionItem] = []
        for region in regions {
            let found = reader.read(region)
            if found.isEmpty, region.hasContent(in: tree), !reader.saysNone(region) {
                reading.problems.append(
                    ReadingProblem(.unreadActions(heading: region.title), line: region.line))
            }
            items += found
        }
        // Task items anywhere else, unless in a checklist of the template (or asking a question of it), and
        // tables that name their action and owner, status or due columns, outside the timeline.
        let checklists = entries.filter { Self.isChecklist($0.text) }.map { $0.position..<$0.content.upperBound }
        let timelines = entries.filter { $0.meaning.key == "timeline" }.map { $0.position..<$0.content.upperBound }
        for (position, index) in topLevel.enumerated()
        where !isCovered(position) && !checklists.contains(where: { $0.contains(position) }) {
            if let table = tables[index], !timelines.contains(where: { $0.contains(position) }) {
                items += reader.tableItems(table, group: nil, inActions: false)
            }
            items += reader.taskItems(under: index, excluding: coveredItems).filter { !$0.text.hasSuffix("?") }
        }
        items.sort { $0.line < $1.line }
        for index in items.indices {
            items[index].incidentID = id
            items[index].position = index + 1
        }
        reading.actions = items
        reading.diagnostics += reader.findings.diagnostics
        for item in items where item.due == nil {
            guard let dueText = item.dueText else { continue }
            reading.diagnostics.append(
                Diagnostic(
                    .warning, path: path, line: item.line, rule: .actionDueInvalid,
                    "`due:\(dueText)` is not a date; write it as due:YYYY-MM-DD"))
        }
    }

    /// Whether a heading heads a checklist for the document itself (`Postmortem checklist`, `Before you
    /// publish`), whose task items are no actions.
    static func isChecklist(_ heading: String) -> Bool {
        let words = Set(Words.split(heading))
        return !words.isDisjoint(with: ["checklist", "template", "instructions", "publish", "publishing", "signoff"])
            || words.isSuperset(of: ["sign", "off"]) || words.isSuperset(of: ["how", "use"])
            || words.isSuperset(of: ["steps", "close"]) || words.isSuperset(of: ["before", "closing"])
    }

    /// The name a closing `— Mateo` (or an `Author:` label) gives the write-up.
    private func signer() -> String? {
        if let last = topLevel.last, tree.nodes[last].kind == .paragraph {
            // The name is a few words at the very end: only the end of the paragraph is searched.
            let text = String(tree.plainText(of: last).suffix(48))
            for dash in ["— ", "– ", "-- ", "~ "] {
                guard let range = text.range(of: dash, options: .backwards) else { continue }
                let name = text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
                if (1...3).contains(name.split(separator: " ").count), name.first?.isUppercase == true,
                    name.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." })
                {
                    return name
                }
            }
        }
        let author = labels.first {
            ["author", "written by", "authors"].contains(Words.split($0.name).joined(separator: " "))
        }
        return author?.value.split(separator: ",").first.map { String($0).trimmed }
    }
}
