import Yams

/// A YAML node as the front-matter decoder reads it: from pm's flat reader, or converted from Yams.
/// Lines are 1-based within the YAML text, as Yams's marks count them.
public indirect enum FrontValue: Sendable, Equatable {
    /// A scalar; `isPlain` when written without quotes or a block indicator (only plain scalars have a type).
    case scalar(String, isPlain: Bool, line: Int?)
    case sequence([FrontValue], line: Int?)
    case mapping([FrontPair], line: Int?)
    /// An alias (`*name`), which pm does not follow.
    case alias(line: Int?)

    /// One entry of a mapping, in the order written.
    public struct FrontPair: Sendable, Equatable {
        public var key: FrontValue
        public var value: FrontValue
        /// The key as text: a scalar's text, else how Yams describes the node.
        public var keyText: String

        public init(key: FrontValue, value: FrontValue, keyText: String) {
            self.key = key
            self.value = value
            self.keyText = keyText
        }
    }

    /// The node Yams composed.
    public init(_ node: Node) {
        let line = node.mark?.line
        switch node {
        case .scalar(let scalar): self = .scalar(scalar.string, isPlain: scalar.style == .plain, line: line)
        case .sequence(let sequence): self = .sequence(sequence.map(FrontValue.init), line: line)
        case .mapping(let mapping):
            self = .mapping(
                mapping.map {
                    FrontPair(
                        key: FrontValue($0.key), value: FrontValue($0.value),
                        keyText: $0.key.scalar?.string ?? "\($0.key)")
                }, line: line)
        case .alias: self = .alias(line: line)
        }
    }

    /// The line the node starts on.
    public var line: Int? {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line), .alias(let line): return line
        }
    }

    /// The text of a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _, _) = self { return text }
        return nil
    }

    /// The items of a sequence.
    public var items: [FrontValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }
}

/// A reader for the front matter nearly every postmortem has: `key: value` lines with plain scalars,
/// flow lists (`[sam, jo]`) and block lists (`- sam`), comments and blank lines. It gives what Yams would
/// compose for the same text, or nil for anything else (quotes, block scalars, nesting, anchors, tags,
/// continuation lines, tabs, duplicate keys, characters YAML treats specially), which Yams then reads:
/// Yams stays the authority, this is its fast path.
public enum FlatYAML {
    /// The mapping the text holds (nil for one Yams must read); `.some(nil)` for text with no node (only
    /// blank lines and comments), as Yams composes it.
    public static func read(_ yaml: String) -> FrontValue?? {
        var yaml = yaml
        return yaml.withUTF8 { read(Array($0)) }
    }

    private static func read(_ bytes: [UInt8]) -> FrontValue?? {
        guard let lines = lines(of: bytes) else { return nil }
        var pairs: [FrontValue.FrontPair] = []
        var keys: Set<ArraySlice<UInt8>> = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            if isBlankOrComment(line) { continue }
            // `key:` then the end of the line, or spaces and a value.
            guard let first = line.first, isKeyStart(first), let colon = line.firstIndex(of: UInt8(ascii: ":")),
                line[line.startIndex..<colon].allSatisfy(isKeyByte)
            else { return nil }
            let key = line[line.startIndex..<colon]
            // Yams reports duplicates, and keys longer than libyaml's limit for a simple key.
            guard key.count < 1000, keys.insert(key).inserted else { return nil }
            var rest = line[(colon + 1)...]
            guard rest.isEmpty || rest.first == space else { return nil }
            rest = stripComment(rest)
            let keyText = String(decoding: key, as: UTF8.self)
            let keyNode = FrontValue.scalar(keyText, isPlain: true, line: number)
            let value: FrontValue
            if rest.isEmpty {
                // A block list may follow, at any indentation of its own; otherwise the value is null.
                var items: [FrontValue] = []
                var indentation: Int?
                while index < lines.count {
                    let next = lines[index]
                    if isBlankOrComment(next) {
                        index += 1
                        continue
                    }
                    let indent = next.prefix { $0 == space }.count
                    let body = next.dropFirst(indent)
                    guard body.first == UInt8(ascii: "-"), body.count == 1 || body.dropFirst().first == space else {
                        break
                    }
                    guard indentation == nil || indentation == indent else { return nil }
                    indentation = indent
                    let text = stripComment(body.dropFirst())
                    if text.isEmpty {
                        items.append(.scalar("", isPlain: true, line: index + 1))
                    } else {
                        guard let scalar = plainScalar(text, inFlow: false) else { return nil }
                        items.append(.scalar(scalar, isPlain: true, line: index + 1))
                    }
                    index += 1
                }
                value =
                    items.isEmpty
                    ? .scalar("", isPlain: true, line: number) : .sequence(items, line: items.first?.line ?? number)
            } else if rest.first == UInt8(ascii: "[") {
                guard rest.last == UInt8(ascii: "]") else { return nil }
                let inside = trim(rest.dropFirst().dropLast())
                var items: [FrontValue] = []
                if !inside.isEmpty {
                    for part in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                        guard let scalar = plainScalar(trim(part), inFlow: true) else { return nil }
                        items.append(.scalar(scalar, isPlain: true, line: number))
                    }
                }
                value = .sequence(items, line: number)
            } else {
                guard let scalar = plainScalar(rest, inFlow: false) else { return nil }
                value = .scalar(scalar, isPlain: true, line: number)
            }
            // What follows a value is the next key, at the start of a line (not a continuation or a stray item).
            if index < lines.count, let next = lines[index...].first(where: { !isBlankOrComment($0) }),
                next.first == space || next.first == UInt8(ascii: "-")
            {
                return nil
            }
            pairs.append(FrontValue.FrontPair(key: keyNode, value: value, keyText: keyText))
        }
        guard let first = pairs.first else { return .some(nil) }
        return .some(.mapping(pairs, line: first.key.line))
    }

    private static let space = UInt8(ascii: " ")

    /// The lines without their endings; nil when the text has a character YAML reads otherwise than as
    /// itself here (tabs, other line breaks, control and non-printable characters, a byte-order mark).
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
                lines.append(bytes[start..<end])
                start = index + 1
            } else if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return nil }
            } else if byte < 0x20 || byte == 0x7F {
                return nil
            } else if byte >= 0x80 {
                // U+0080–U+009F (C1 controls, NEL), U+2028/U+2029 (line breaks), U+FEFF, U+FFFE, U+FFFF.
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                if byte == 0xC2 && next < 0xA0 { return nil }
                if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return nil }
                if byte == 0xEF && ((next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE)) { return nil }
            }
            index += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    private static func isBlankOrComment(_ line: ArraySlice<UInt8>) -> Bool {
        let content = line.drop { $0 == space }
        return content.isEmpty || content.first == UInt8(ascii: "#")
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    private static func trim(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = text
        while text.first == space { text.removeFirst() }
        while text.last == space { text.removeLast() }
        return text
    }

    /// The text before a comment (` #` or a `#` at the start), trimmed.
    private static func stripComment(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var previous = space
        for index in text.indices {
            if text[index] == UInt8(ascii: "#"), previous == space { return trim(text[text.startIndex..<index]) }
            previous = text[index]
        }
        return trim(text)
    }

    /// The text of a plain scalar written as `text` (trimmed, comment removed), or nil when YAML would
    /// read it otherwise: starting with an indicator, or holding `: ` or, in a flow list, flow indicators
    /// or any colon.
    private static func plainScalar(_ text: ArraySlice<UInt8>, inFlow: Bool) -> String? {
        guard let first = text.first, !Array("-?:,[]{}#&*!|>'\"%@`".utf8).contains(first) else { return nil }
        var previous: UInt8 = 0
        for byte in text {
            if previous == UInt8(ascii: ":") && byte == space { return nil }
            if byte == UInt8(ascii: "#") && previous == space { return nil }
            if inFlow && Array(",[]{}:".utf8).contains(byte) { return nil }
            previous = byte
        }
        guard previous != UInt8(ascii: ":") else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}
