import Foundation
import PMDocument
import Yams

/// Writes new postmortem files from a template, never overwriting one.
public enum Scaffolder {
    /// The file's text: `frontMatter` (which must have a title and a date) in the order of
    /// `FrontMatter.fields`, a draft of `template` unless it says otherwise, then the title and the template's
    /// questions. A missing severity is left empty with the scale in a comment.
    public static func render(_ frontMatter: FrontMatter, template: Template, severities: [String]) -> String {
        guard let title = frontMatter.title, frontMatter.date != nil else {
            preconditionFailure("a new postmortem always has a title and a date")
        }
        var front = frontMatter
        front.status = front.status ?? .draft
        front.template = front.template ?? template.reference
        var lines = ["---"]
        for field in FrontMatter.fields {
            if let value = yaml(field, in: front) {
                lines.append("\(field.key): \(value)")
            } else if case .orBlankWithScale = field.scaffold {
                lines.append("\(field.key):  # \(severities.joined(separator: " | "))")
            }
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n# \(MarkdownText.escape(title))\n\n" + template.scaffold
    }

    /// The field's value as YAML, or nil when it has none (and for what is not a key).
    static func yaml(_ field: FrontMatterField, in front: FrontMatter) -> String? {
        switch field.kind {
        case .text(let property), .word(let property, _, _): return front[keyPath: property].map { scalar($0) }
        case .list(let property, _): return flowList(front[keyPath: property])
        case .timestamp(let property): return front[keyPath: property]?.description
        case .date(let property): return front[keyPath: property]?.description
        case .status(let property): return front[keyPath: property]?.rawValue
        case .template(let property): return front[keyPath: property]?.description
        case .duration: return nil
        }
    }

    /// Creates `DATE-SLUG.md` in `directory` (or `DATE-SLUG-2.md`, `-3` … when taken) with exclusive
    /// creation, so concurrent runs never overwrite each other; returns the path written. Action items the
    /// template holds get permanent ids.
    public static func create(_ frontMatter: FrontMatter, template: Template, in directory: PostmortemsDirectory)
        throws(PMError) -> String
    {
        let rendered = Array(render(frontMatter, template: template, severities: directory.config.severities).utf8)
        // Should an item not read back the same with its id, it is written without one (lint then says so).
        let parser = directory.parser
        let contents =
            (try? ActionIDWriter.verifiedIDs(
                into: rendered, postmortem: parser.parse(rendered, path: "", id: ""), parser: parser
            ).bytes) ?? rendered
        let stem = "\(frontMatter.date?.description ?? "")-\(Slug.make(frontMatter.title ?? ""))"
        // Ids must be unique across sub-folders too; exclusive creation guards the folder written to.
        let takenIDs = Set(
            try directory.postmortemFiles().map {
                (($0 as NSString).lastPathComponent as NSString).deletingPathExtension
            })
        var attempt = 1
        while true {
            let id = attempt == 1 ? stem : "\(stem)-\(attempt)"
            if takenIDs.contains(id) {
                attempt += 1
                continue
            }
            let path = (directory.path as NSString).appendingPathComponent(id + ".md")
            do {
                try FileWriter.create(at: path, contents: contents)
                return path
            } catch is FileWriter.AlreadyExists {
                attempt += 1
            } catch let error as PMError {
                throw error
            } catch {
                throw .cannotCreate(path: path, reason: "\(error)")
            }
        }
    }

    /// A YAML scalar that reads back as the string `value`, written as typed: plain when YAML reads it
    /// back as that very string, else single-quoted (`'` doubled), else (control characters) double-quoted
    /// with only those escaped. Every other character, emoji and accents included, is written as itself
    /// (libyaml's emitter would write `\U0001F525` for an emoji).
    static func scalar(_ value: String, inFlow: Bool = false) -> String {
        if readsBack(value, as: value, inFlow: inFlow) { return value }
        let single = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        if readsBack(single, as: value, inFlow: inFlow) { return single }
        var double = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": double += "\\\\"
            case "\"": double += "\\\""
            case "\n": double += "\\n"
            case "\t": double += "\\t"
            case "\r": double += "\\r"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0xFEFF:
                double += String(format: "\\u%04X", scalar.value)
            default: double.unicodeScalars.append(scalar)
            }
        }
        return double + "\""
    }

    /// Whether `written`, as a value (or, `inFlow`, as the one item of a `[…]` list), reads back as the string
    /// `value`.
    private static func readsBack(_ written: String, as value: String, inFlow: Bool) -> Bool {
        guard !written.isEmpty, !written.contains(where: \.isNewline),
            let root = try? YAMLNodes.compose("k: " + (inFlow ? "[\(written)]" : written)),
            let mapping = root.mapping, mapping.count == 1, var node = mapping.first?.value
        else { return false }
        if inFlow {
            guard let items = node.sequence, items.count == 1, let item = items.first else { return false }
            node = item
        }
        return node.scalar?.string == value && YAMLNodes.scalarType(FrontValue(node)) == .str
    }

    /// `[a, b]`, or nil for an empty list (the key is then left out).
    static func flowList(_ values: [String]) -> String? {
        guard !values.isEmpty else { return nil }
        return "[" + values.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    }
}
