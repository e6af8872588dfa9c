/// A compact binary form of a parsed postmortem, for the loader's summary cache: what an outline parse
/// gives, without the parts that depend on where the file is and what it is called (its id, paths and
/// the incident id in each action), which `Postmortem(summary:…)` stamps back.
///
/// Every field of `Postmortem` is written; `SummaryCodingTests` round-trips every fixture and fails when a
/// new field is not. Decoding checks every length and tag and throws on anything out of place, so damaged
/// bytes are never trusted (the cache also checks a checksum before decoding anything).
extension Postmortem {
    /// Why a summary could not be decoded.
    public struct SummaryDecodingError: Error, Sendable {}

    /// Whether `summary()` keeps everything: the diagnostics name the file by `path` and the actions
    /// belong to `id` (always so for a parse; a postmortem changed afterwards may differ).
    public var isSummarizable: Bool {
        diagnostics.allSatisfy { $0.path == path } && actions.allSatisfy { $0.incidentID == id }
    }

    /// The postmortem's bytes without its id and paths (see `isSummarizable`).
    public func summary() -> [UInt8] {
        var writer = BinaryWriter()
        writer.frontMatter(frontMatter)
        writer.optionalString(headingTitle)
        writer.count(sections.count)
        for section in sections { writer.section(section) }
        writer.count(actions.count)
        for action in actions { writer.action(action) }
        writer.count(diagnostics.count)
        for diagnostic in diagnostics { writer.diagnostic(diagnostic) }
        writer.word(sourceHash)
        writer.optionalDate(statedDate)
        writer.stringMap(sources.mapValues(\.rawValue))
        writer.optionalString(impact)
        writer.optionalString(rootCause)
        writer.count(readingProblems.count)
        for problem in readingProblems { writer.readingProblem(problem) }
        return writer.bytes
    }

    /// The postmortem `summary()` wrote, named `id` and found at `path` (shown) and `filePath` (read).
    public init(summary: some Collection<UInt8>, id: String, path: String, filePath: String)
        throws(SummaryDecodingError)
    {
        let decoded: Postmortem? = summary.withContiguousStorageIfAvailable { buffer in
            var reader = BinaryReader(UnsafeRawBufferPointer(buffer))
            return try? reader.postmortem(id: id, path: path, filePath: filePath)
        }.flatMap { $0 }
        guard let decoded else { throw SummaryDecodingError() }
        self = decoded
    }
}

/// Appends values to a byte buffer: unsigned LEB128 for counts and lines, zigzag for signed numbers,
/// strings as a length and their UTF-8.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Room for `capacity` bytes without growing.
    public mutating func reserve(_ capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Empties the buffer, keeping its room.
    public mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// A non-negative count or line (a negative value is written as 0).
    public mutating func count(_ value: Int) { varint(UInt64(max(0, value))) }

    public mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func signed(_ value: Int) {
        let wide = Int64(value)
        varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    /// Eight bytes, little-endian.
    public mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func raw(_ value: some Collection<UInt8>) {
        bytes.append(contentsOf: value)
    }

}

extension BinaryWriter {
    fileprivate mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    fileprivate mutating func optionalSigned(_ value: Int?) {
        bool(value != nil)
        if let value { signed(value) }
    }

    fileprivate mutating func optionalDate(_ value: CalendarDate?) {
        bool(value != nil)
        if let value { date(value) }
    }

    fileprivate mutating func optionalTimestamp(_ value: Timestamp?) {
        bool(value != nil)
        if let value {
            word(value.secondsSinceEpoch.bitPattern)
            bool(value.hasTime)
        }
    }

    fileprivate mutating func date(_ value: CalendarDate) {
        signed(value.daysSinceEpoch)
    }

    fileprivate mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    /// A dictionary of strings, sorted by key (so equal dictionaries give equal bytes).
    fileprivate mutating func stringMap(_ values: [String: String]) {
        let sorted = values.sorted { $0.key < $1.key }
        count(sorted.count)
        for (key, value) in sorted {
            string(key)
            string(value)
        }
    }

    fileprivate mutating func readingProblem(_ problem: ReadingProblem) {
        switch problem.kind {
        case .noDate: byte(0)
        case .unreadActions(let heading):
            byte(1)
            string(heading)
        case .unrecognisedCause(let heading):
            byte(2)
            string(heading)
        }
        signed(problem.line)
    }

    fileprivate mutating func frontMatter(_ front: FrontMatter) {
        optionalString(front.title)
        optionalDate(front.date)
        optionalString(front.severity)
        optionalString(front.status?.rawValue)
        optionalString(front.template?.name)
        optionalSigned(front.template?.version)
        optionalTimestamp(front.started)
        optionalTimestamp(front.detected)
        optionalTimestamp(front.acknowledged)
        optionalTimestamp(front.resolved)
        optionalString(front.detection)
        strings(front.responders)
        optionalString(front.facilitator)
        strings(front.services)
        strings(front.tags)
        strings(front.aliases)
        count(front.extra.count)
        for entry in front.extra {
            string(entry.key)
            yaml(entry.value)
        }
        let lines = front.keyLines.sorted { $0.key < $1.key }
        count(lines.count)
        for (key, line) in lines {
            string(key)
            signed(line)
        }
        bool(front.isPresent)
        stringMap(front.keysReadFromOtherNames)
        bool(front.namesTemplate)
    }

    fileprivate mutating func yaml(_ value: YAMLValue) {
        switch value {
        case .null: byte(0)
        case .bool(let flag):
            byte(1)
            bool(flag)
        case .int(let number):
            byte(2)
            signed(number)
        case .double(let number):
            byte(3)
            word(number.bitPattern)
        case .string(let text):
            byte(4)
            string(text)
        case .list(let values):
            byte(5)
            count(values.count)
            for value in values { yaml(value) }
        case .mapping(let entries):
            byte(6)
            count(entries.count)
            for entry in entries {
                string(entry.key)
                yaml(entry.value)
            }
        }
    }

    fileprivate mutating func section(_ section: Section) {
        string(section.heading)
        signed(section.level)
        optionalString(section.key)
        string(section.text)
        bool(section.isAnswered)
        signed(section.startLine)
        signed(section.headingEndLine)
        signed(section.endLine)
        optionalString(section.trailingBullet.map(String.init))
    }

    fileprivate mutating func action(_ action: ActionItem) {
        string(action.token)
        bool(action.hasIDComment)
        signed(action.idOffset)
        signed(action.position)
        bool(action.isDone)
        string(action.text)
        strings(action.owners)
        optionalDate(action.due)
        optionalString(action.dueText)
        optionalString(action.kind)
        optionalString(action.ticket)
        signed(action.line)
        optionalSigned(action.checkboxOffset)
        signed(action.depth)
        optionalString(action.closedText)
        optionalDate(action.closed)
        optionalString(action.closedSource?.rawValue)
        string(action.markdown)
    }

    fileprivate mutating func diagnostic(_ diagnostic: Diagnostic) {
        string(diagnostic.severity.rawValue)
        optionalSigned(diagnostic.line)
        optionalSigned(diagnostic.column)
        string(diagnostic.message)
        string(diagnostic.rule.rawValue)
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against the bytes left; any mismatch throws.
public struct BinaryReader {
    public struct Malformed: Error, Sendable {
        public init() {}
    }

    private let buffer: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    public var isAtEnd: Bool { offset == buffer.count }

    public mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < buffer.count else { throw Malformed() }
        defer { offset += 1 }
        return buffer[offset]
    }

    public mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    public mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count, which cannot be larger than the bytes left (every element takes at least one byte).
    public mutating func count() throws(Malformed) -> Int {
        let value = try varint()
        guard value <= UInt64(buffer.count - offset) else { throw Malformed() }
        return Int(value)
    }

    public mutating func signed() throws(Malformed) -> Int {
        let raw = try varint()
        let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        return Int(value)
    }

    public mutating func word() throws(Malformed) -> UInt64 {
        guard buffer.count - offset >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + 8]))
        }
        offset += 8
        return UInt64(littleEndian: value)
    }

    public mutating func bytes(_ length: Int) throws(Malformed) -> UnsafeRawBufferPointer {
        guard length >= 0, buffer.count - offset >= length else { throw Malformed() }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length])
    }

    public mutating func string() throws(Malformed) -> String {
        let length = try count()
        return String(decoding: try bytes(length), as: UTF8.self)
    }

    fileprivate mutating func optionalString() throws(Malformed) -> String? {
        try bool() ? try string() : nil
    }

    fileprivate mutating func optionalSigned() throws(Malformed) -> Int? {
        try bool() ? try signed() : nil
    }

    fileprivate mutating func date() throws(Malformed) -> CalendarDate {
        let days = try signed()
        // Only the days a CalendarDate can hold (years 1–9999) come back.
        guard (-719_162...2_932_896).contains(days) else { throw Malformed() }
        return CalendarDate(daysSinceEpoch: days)
    }

    fileprivate mutating func optionalDate() throws(Malformed) -> CalendarDate? {
        try bool() ? try date() : nil
    }

    fileprivate mutating func optionalTimestamp() throws(Malformed) -> Timestamp? {
        guard try bool() else { return nil }
        let seconds = Double(bitPattern: try word())
        // Only moments a parsed time can be (years 1–9999), so nothing downstream meets NaN or infinity.
        guard seconds.isFinite, abs(seconds) < 3e11 else { throw Malformed() }
        return Timestamp(secondsSinceEpoch: seconds, hasTime: try bool())
    }

    fileprivate mutating func stringMap() throws(Malformed) -> [String: String] {
        var values: [String: String] = [:]
        for _ in 0..<(try count()) {
            let key = try string()
            values[key] = try string()
        }
        return values
    }

    fileprivate mutating func readingProblem() throws(Malformed) -> ReadingProblem {
        let kind: ReadingProblem.Kind
        switch try byte() {
        case 0: kind = .noDate
        case 1: kind = .unreadActions(heading: try string())
        case 2: kind = .unrecognisedCause(heading: try string())
        default: throw Malformed()
        }
        return ReadingProblem(kind, line: try signed())
    }

    fileprivate mutating func strings() throws(Malformed) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    fileprivate mutating func frontMatter() throws(Malformed) -> FrontMatter {
        var front = FrontMatter()
        front.title = try optionalString()
        front.date = try optionalDate()
        front.severity = try optionalString()
        if let status = try optionalString() {
            guard let parsed = Status(rawValue: status) else { throw Malformed() }
            front.status = parsed
        }
        let templateName = try optionalString()
        let templateVersion = try optionalSigned()
        front.template = templateName.map { TemplateReference(name: $0, version: templateVersion) }
        front.started = try optionalTimestamp()
        front.detected = try optionalTimestamp()
        front.acknowledged = try optionalTimestamp()
        front.resolved = try optionalTimestamp()
        front.detection = try optionalString()
        front.responders = try strings()
        front.facilitator = try optionalString()
        front.services = try strings()
        front.tags = try strings()
        front.aliases = try strings()
        let extras = try count()
        for _ in 0..<extras {
            let key = try string()
            front.extra.append(YAMLValue.KeyValue(key: key, value: try yaml(depth: 0)))
        }
        let lines = try count()
        for _ in 0..<lines {
            let key = try string()
            front.keyLines[key] = try signed()
        }
        front.isPresent = try bool()
        front.keysReadFromOtherNames = try stringMap()
        front.namesTemplate = try bool()
        return front
    }

    private mutating func yaml(depth: Int) throws(Malformed) -> YAMLValue {
        guard depth < 256 else { throw Malformed() }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try signed())
        case 3: return .double(Double(bitPattern: try word()))
        case 4: return .string(try string())
        case 5:
            let count = try count()
            var values: [YAMLValue] = []
            for _ in 0..<count { values.append(try yaml(depth: depth + 1)) }
            return .list(values)
        case 6:
            let count = try count()
            var entries: [YAMLValue.KeyValue] = []
            for _ in 0..<count {
                let key = try string()
                entries.append(YAMLValue.KeyValue(key: key, value: try yaml(depth: depth + 1)))
            }
            return .mapping(entries)
        default: throw Malformed()
        }
    }

    fileprivate mutating func section() throws(Malformed) -> Section {
        let heading = try string()
        let level = try signed()
        let key = try optionalString()
        let text = try string()
        let isAnswered = try bool()
        let startLine = try signed()
        let headingEndLine = try signed()
        let endLine = try signed()
        let bullet = try optionalString()
        guard bullet.map({ $0.count == 1 }) ?? true else { throw Malformed() }
        return Section(
            heading: heading, level: level, key: key, text: text, isAnswered: isAnswered, startLine: startLine,
            headingEndLine: headingEndLine, endLine: endLine, trailingBullet: bullet?.first)
    }

    fileprivate mutating func action(incidentID: String) throws(Malformed) -> ActionItem {
        let token = try string()
        let hasIDComment = try bool()
        let idOffset = try signed()
        let position = try signed()
        let isDone = try bool()
        let text = try string()
        let owners = try strings()
        let due = try optionalDate()
        let dueText = try optionalString()
        let kind = try optionalString()
        let ticket = try optionalString()
        let line = try signed()
        let checkboxOffset = try optionalSigned()
        let depth = try signed()
        var action = ActionItem(
            incidentID: incidentID, token: token, position: position, isDone: isDone, text: text, owners: owners,
            due: due, dueText: dueText, kind: kind, ticket: ticket, line: line, checkboxOffset: checkboxOffset,
            depth: depth, hasIDComment: hasIDComment, idOffset: idOffset)
        action.closedText = try optionalString()
        action.closed = try optionalDate()
        if let source = try optionalString() {
            guard let parsed = ClosingSource(rawValue: source) else { throw Malformed() }
            action.closedSource = parsed
        }
        action.markdown = try string()
        return action
    }

    fileprivate mutating func diagnostic(path: String) throws(Malformed) -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Malformed() }
        let line = try optionalSigned()
        let column = try optionalSigned()
        let message = try string()
        let rule = RuleID(rawValue: try string())
        return Diagnostic(severity, path: path, line: line, column: column, rule: rule, message)
    }

    fileprivate mutating func postmortem(id: String, path: String, filePath: String) throws(Malformed) -> Postmortem {
        let front = try frontMatter()
        let headingTitle = try optionalString()
        var sections: [Section] = []
        sections.reserveCapacity(try peekCount())
        for _ in 0..<(try count()) { sections.append(try section()) }
        var actions: [ActionItem] = []
        actions.reserveCapacity(try peekCount())
        for _ in 0..<(try count()) { actions.append(try action(incidentID: id)) }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<(try count()) { diagnostics.append(try diagnostic(path: path)) }
        var postmortem = Postmortem(
            id: id, path: path, frontMatter: front, headingTitle: headingTitle, sections: sections, actions: actions,
            diagnostics: diagnostics)
        postmortem.filePath = filePath
        postmortem.sourceHash = try word()
        postmortem.statedDate = try optionalDate()
        for (key, source) in try stringMap() {
            guard let parsed = FieldSource(rawValue: source) else { throw Malformed() }
            postmortem.sources[key] = parsed
        }
        postmortem.impact = try optionalString()
        postmortem.rootCause = try optionalString()
        for _ in 0..<(try count()) { postmortem.readingProblems.append(try readingProblem()) }
        guard isAtEnd else { throw Malformed() }
        return postmortem
    }

    /// The count at the reading position, without moving past it.
    private mutating func peekCount() throws(Malformed) -> Int {
        let start = offset
        defer { offset = start }
        return try count()
    }
}
