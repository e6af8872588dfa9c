import Foundation
import Yams

/// Finds the YAML block between leading `---` lines and decodes it into a `FrontMatter`.
public enum FrontMatterParser {
    /// Where the front matter and the body lie in a file.
    public struct Layout: Sendable {
        /// Byte offset where the text starts (3 after a UTF-8 byte-order mark).
        public var contentStart: Int
        /// The YAML lines, when the file has a front-matter block (`nil` when it has none).
        public var yamlLines: ClosedRange<Int>?
        /// Whether a block was opened with `---` but never closed.
        public var isUnterminated: Bool
        /// The YAML text (possibly empty).
        public var yaml: String
        /// Byte offset where the Markdown body starts.
        public var bodyStart: Int
        /// The 1-based file line on which the body starts.
        public var bodyFirstLine: Int
    }

    /// Splits `source` into front matter and body.
    public static func layout(of source: SourceText) -> Layout {
        let bytes = source.bytes
        let contentStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let noFrontMatter = Layout(
            contentStart: contentStart, yamlLines: nil, isUnterminated: false, yaml: "", bodyStart: contentStart,
            bodyFirstLine: 1)
        guard isFence(source.content(ofLine: 1).dropFirst(contentStart), allowDots: false) else { return noFrontMatter }
        var line = 2
        while line <= source.lineCount {
            if isFence(source.content(ofLine: line), allowDots: true) {
                return Layout(
                    contentStart: contentStart, yamlLines: 2...max(2, line - 1), isUnterminated: false,
                    yaml: line > 2 ? source.text(lines: 2, line - 1) : "",
                    bodyStart: source.offset(ofLine: line + 1), bodyFirstLine: line + 1)
            }
            line += 1
        }
        var unterminated = noFrontMatter
        unterminated.isUnterminated = true
        return unterminated
    }

    /// `---` (or `...` closing a block), with nothing but trailing spaces after it.
    private static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }

    /// How the YAML of a front-matter block is read.
    public enum Reader: Sendable {
        /// pm's flat reader (`FlatYAML`) when it can, else Yams: the default.
        case flatFirst
        /// Yams always (to compare the two).
        case yams
    }

    /// Decodes the YAML of a front-matter block whose first line is file line `firstLine`.
    public static func decode(_ yaml: String, firstLine: Int, path: String, reader: Reader = .flatFirst)
        -> (FrontMatter, [Diagnostic])
    {
        var frontMatter = FrontMatter()
        frontMatter.isPresent = true
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int?, _ message: String) {
            diagnostics.append(Diagnostic(.error, path: path, line: line, rule: .frontMatter, message))
        }
        let fileLine = { (line: Int?) -> Int? in line.map { $0 + firstLine - 1 } }

        let root: FrontValue?
        if reader == .flatFirst, let flat = FlatYAML.read(yaml) {
            root = flat
        } else {
            do {
                root = try YAMLNodes.compose(yaml).map(FrontValue.init)
            } catch let yamlError as YamlError {
                var (line, problem) = YAMLNodes.describe(yamlError)
                if case .duplicatedKeysInMapping(let duplicates, _) = yamlError, let key = duplicates.sorted().first,
                    let second = secondTopLevelLine(of: key, in: yaml)
                {
                    line = second
                }
                let advice = line.flatMap { quotingHint(forLine: $0, of: yaml) } ?? "fix the YAML between the --- lines"
                diagnostics.append(
                    Diagnostic(
                        .error, path: path, line: line.map { $0 + firstLine - 1 } ?? firstLine, rule: .yaml,
                        "the front matter is not valid YAML: \(problem); \(advice)"))
                // Whether the file is in pm's format does not wait for the YAML to be fixed: a `template:` line
                // says so.
                frontMatter.namesTemplate = topLevelLine(of: "template", in: yaml, occurrence: 1) != nil
                return (frontMatter, diagnostics)
            } catch let other {
                error(firstLine, "the front matter could not be read as YAML: \(other)")
                return (frontMatter, diagnostics)
            }
        }
        guard let root else { return (frontMatter, diagnostics) }
        guard case .mapping(let mapping, _) = root else {
            let shape = root.items != nil ? "a list" : "a single value"
            error(
                fileLine(root.line) ?? firstLine,
                "the front matter is \(shape); write it as `key: value` lines (title:, date:, severity: …)")
            return (frontMatter, diagnostics)
        }

        // Front matter another tool wrote (no `template:`) is read leniently: its values as that tool writes
        // them, and its names for pm's fields.
        let isForeign = !mapping.contains { $0.key.scalarText == "template" }
        var aliased: [(field: FrontMatterField, key: String, value: FrontValue, line: Int?)] = []
        for pair in mapping {
            let value = pair.value
            guard let key = pair.key.scalarText else {
                error(fileLine(pair.key.line), "front-matter keys must be plain words")
                continue
            }
            let line = fileLine(pair.key.line)
            frontMatter.keyLines[key] = line
            guard let field = FrontMatter.field(forKey: key) else {
                frontMatter.extra.append(YAMLValue.KeyValue(key: key, value: YAMLNodes.yamlValue(value)))
                if isForeign, let field = FrontMatter.field(forOtherName: key), !YAMLNodes.isNull(value) {
                    aliased.append((field, key, value, line))
                }
                continue
            }
            if YAMLNodes.isNull(value) { continue }
            var reader = ValueReader(
                key: key, value: value, line: line, firstLine: firstLine, path: path, isLenient: isForeign)
            reader.read(field.kind, into: &frontMatter)
            diagnostics += reader.diagnostics
        }
        for (field, key, value, line) in aliased
        where frontMatter.keyLines[field.key] == nil && frontMatter.keysReadFromOtherNames[field.key] == nil {
            var reader = ValueReader(
                key: key, value: value, line: line, firstLine: firstLine, path: path, isLenient: true)
            reader.read(field.kind, into: &frontMatter)
            if field.value(in: frontMatter).displayText != nil { frontMatter.keysReadFromOtherNames[field.key] = key }
        }
        for (earlier, later) in frontMatter.misorderedTimes {
            diagnostics.append(
                Diagnostic(
                    .warning, path: path, line: frontMatter.keyLines[later.key], rule: .timeOrder,
                    "`\(later.key)` (\(later.time)) is before `\(earlier.key)` (\(earlier.time)); the times must run "
                        + FrontMatter.timeOrder
                ))
        }
        return (frontMatter, diagnostics)
    }

    /// What to do about the most common YAML mistake on line `line` (1-based) of `yaml`: a plain value that
    /// holds `: `, or starts with a character YAML reserves (`@`, `` ` ``, `%`), which must be quoted.
    static func quotingHint(forLine line: Int, of yaml: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1].trimmingCharacters(in: .whitespaces)
        guard let colon = text.range(of: ": "), !text.hasPrefix("#") else { return nil }
        let key = text[..<colon.lowerBound]
        let value = text[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" "), let first = value.first, !"\"'[{|>".contains(first) else { return nil }
        let quoted =
            value.contains("\"")
            ? "'" + value.replacingOccurrences(of: "'", with: "''") + "'" : "\"" + value + "\""
        if value.contains(": ") { return "a value that holds `: ` must be quoted, like \(key): \(quoted)" }
        if "@`%".contains(first) { return "a value that starts with `\(first)` must be quoted, like \(key): \(quoted)" }
        return nil
    }

    /// The 1-based line where a top-level `key:` is written for the second time (Yams points at the mapping).
    static func secondTopLevelLine(of key: String, in yaml: String) -> Int? {
        topLevelLine(of: key, in: yaml, occurrence: 2)
    }

    /// The 1-based line where a top-level `key:` is written for the `occurrence`th time.
    static func topLevelLine(of key: String, in yaml: String, occurrence: Int) -> Int? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.hasPrefix(key) ? line.dropFirst(key.count).drop(while: { $0 == " " }) : ""
            guard trimmed.hasPrefix(":") else { continue }
            seen += 1
            if seen == occurrence { return index + 1 }
        }
        return nil
    }
}

/// Reads one key's YAML value into its field, with a diagnostic on the key's line for a value that does not fit.
private struct ValueReader {
    let key: String
    let value: FrontValue
    let line: Int?
    let firstLine: Int
    let path: String
    /// Whether values are read the way other tools write them (a postmortem written elsewhere): a date
    /// with a time, a number for a severity, a status pm does not use; what still does not fit is left
    /// out without a diagnostic.
    var isLenient = false
    var diagnostics: [Diagnostic] = []

    mutating func read(_ kind: FrontMatterField.Kind, into frontMatter: inout FrontMatter) {
        switch kind {
        case .text(let property):
            frontMatter[keyPath: property] = text("text")
        case .word(let property, let expected, let normalization):
            frontMatter[keyPath: property] = word(expected).map(normalization.apply)
        case .list(let property, let normalization):
            frontMatter[keyPath: property] = list().map(normalization.apply)
        case .timestamp(let property):
            frontMatter[keyPath: property] = parsed(
                "an ISO 8601 time like 2019-02-14T10:02:00Z", isLenient ? Self.lenientTimestamp : Timestamp.init,
                invalid: "is not an ISO 8601 time; write it like 2019-02-14T10:02:00Z or 2019-02-14 10:02")
        case .date(let property):
            frontMatter[keyPath: property] = parsed(
                "a date like 2019-02-14",
                isLenient ? { CalendarDate($0) ?? CalendarDate($0.prefix(10)) } : CalendarDate.init,
                invalid: "is not a date; write it as YYYY-MM-DD, like 2019-02-14")
        case .status(let property):
            frontMatter[keyPath: property] = parsed(
                "draft, in-review or published",
                isLenient ? Self.otherToolsStatus : { Status(rawValue: $0.lowercased()) },
                invalid: "is not a status; use draft, in-review or published")
        case .template(let property):
            frontMatter[keyPath: property] = parsed(
                "a template like six-questions@2", TemplateReference.init,
                invalid: "is not a template reference; write NAME@VERSION, like six-questions@2")
        case .duration:
            break
        }
    }

    /// A time as other tools write it: ISO 8601, or with a zone as `+0000` (Jekyll).
    static func lenientTimestamp(_ text: String) -> Timestamp? {
        if let time = Timestamp(text) { return time }
        var words = text.split(separator: " ").map(String.init)
        if words.count == 3, let zone = words.last, zone.count == 5, zone.first == "+" || zone.first == "-" {
            words[2] = String(zone.prefix(3)) + ":" + zone.suffix(2)
            return Timestamp(words[0] + "T" + words[1] + words[2])
        }
        return nil
    }

    /// The status pm uses for another tool's word (`closed`, `final`: published), if any.
    static func otherToolsStatus(_ text: String) -> Status? {
        let word = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let status = Status(rawValue: word) { return status }
        switch word {
        case "final", "closed", "complete", "completed", "approved", "resolved", "reviewed", "done": return .published
        case "in review", "review", "under review", "in_review", "reviewing": return .inReview
        case "wip", "in progress", "work in progress", "draft (wip)": return .draft
        default: return nil
        }
    }

    private mutating func error(_ line: Int?, _ message: String) {
        if isLenient { return }
        diagnostics.append(Diagnostic(.error, path: path, line: line, rule: .frontMatter, message))
    }

    /// The value as trimmed text; a list or a mapping is an error.
    private mutating func text(_ what: String) -> String? {
        guard let scalar = value.scalarText else {
            error(line, "`\(key)` must be \(what), not a \(value.items != nil ? "list" : "mapping")")
            return nil
        }
        return scalar.trimmed
    }

    /// Text that YAML does not read as a number or a boolean.
    private mutating func word(_ what: String) -> String? {
        guard let string = text(what) else { return nil }
        let type = YAMLNodes.scalarType(value)
        if isLenient, type == .int || type == .float { return string }
        if type == .int || type == .float || type == .bool {
            error(line, "`\(key)` must be \(what), not `\(string)`")
            return nil
        }
        return string
    }

    /// A YAML list of names, or names separated by commas; empty names are dropped.
    private mutating func list() -> [String] {
        if let sequence = value.items {
            var names: [String] = []
            for item in sequence {
                guard let scalar = item.scalarText else {
                    error(
                        item.line.map { $0 + firstLine - 1 } ?? line, "`\(key)` must be a list of names, like [sam, jo]"
                    )
                    continue
                }
                names.append(scalar.trimmed)
            }
            return names.filter { !$0.isEmpty }
        }
        guard let string = text("a list of names, like [sam, jo]") else { return [] }
        return string.split(separator: ",").map(\.trimmed).filter { !$0.isEmpty }
    }

    /// Text that `parse` reads; else an error that says the value `invalid`.
    private mutating func parsed<Value>(_ what: String, _ parse: (String) -> Value?, invalid: String) -> Value? {
        guard let string = text(what) else { return nil }
        guard let parsedValue = parse(string) else {
            error(line, "`\(key): \(string)` \(invalid)")
            return nil
        }
        return parsedValue
    }
}
