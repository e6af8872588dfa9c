import Foundation
import PMDocument
import Yams

/// Writes new postmortem files from a template, never overwriting one.
public enum Scaffolder {
    /// The file's text: `frontMatter` (which must have a title and a date) in pm's key order, then the
    /// title and the template's questions. A missing severity is left empty with the scale in a comment.
    public static func render(_ frontMatter: FrontMatter, template: Template, severities: [String]) -> String {
        guard let title = frontMatter.title, let date = frontMatter.date else {
            preconditionFailure("a new postmortem always has a title and a date")
        }
        var lines = ["---"]
        for key in FrontMatter.knownKeys {
            let value: String?
            switch key {
            case "title": value = scalar(title)
            case "date": value = date.description
            case "severity":
                guard let severity = frontMatter.severity else {
                    lines.append("severity:  # \(severities.joined(separator: " | "))")
                    continue
                }
                value = scalar(severity)
            case "status": value = (frontMatter.status ?? .draft).rawValue
            case "template": value = (frontMatter.template ?? template.reference).description
            case "started": value = frontMatter.started?.description
            case "detected": value = frontMatter.detected?.description
            case "acknowledged": value = frontMatter.acknowledged?.description
            case "resolved": value = frontMatter.resolved?.description
            case "detection": value = frontMatter.detection.map { scalar($0) }
            case "responders": value = flowList(frontMatter.responders)
            case "facilitator": value = frontMatter.facilitator.map { scalar($0) }
            case "services": value = flowList(frontMatter.services)
            case "tags": value = flowList(frontMatter.tags)
            default: preconditionFailure("FrontMatter.knownKeys has a key the scaffolder does not write: \(key)")
            }
            if let value { lines.append("\(key): \(value)") }
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n# \(MarkdownText.escape(title))\n\n" + template.scaffold
    }

    /// Creates `DATE-SLUG.md` in `directory` (or `DATE-SLUG-2.md`, `-3` … when taken) with exclusive
    /// creation, so concurrent runs never overwrite each other; returns the path written.
    public static func create(_ frontMatter: FrontMatter, template: Template, in directory: PostmortemsDirectory)
        throws(PMError) -> String
    {
        let contents = Array(render(frontMatter, template: template, severities: directory.config.severities).utf8)
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

    /// Whether `written`, as a value (or, `inFlow`, as the one item of a `[…]` list), reads back as the string `value`.
    private static func readsBack(_ written: String, as value: String, inFlow: Bool) -> Bool {
        guard !written.isEmpty, !written.contains(where: \.isNewline),
            let root = try? YAMLNodes.compose("k: " + (inFlow ? "[\(written)]" : written)),
            let mapping = root.mapping, mapping.count == 1, var node = mapping.first?.value
        else { return false }
        if inFlow {
            guard let items = node.sequence, items.count == 1, let item = items.first else { return false }
            node = item
        }
        return node.scalar?.string == value && YAMLNodes.scalarType(node) == .str
    }

    /// `[a, b]`, or nil for an empty list (the key is then left out).
    static func flowList(_ values: [String]) -> String? {
        guard !values.isEmpty else { return nil }
        return "[" + values.map { scalar($0, inFlow: true) }.joined(separator: ", ") + "]"
    }
}
