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
        case .text(let property), .word(let property, _, _): return front[keyPath: property].map(scalar)
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

    /// A YAML scalar, quoted by Yams only when it needs to be.
    static func scalar(_ value: String) -> String {
        serialize(stringNode(value))
    }

    /// A node that reads back as the string `value`: quoted when YAML would resolve it to null, a
    /// boolean, a number or a timestamp (`~`, `yes`, `3`, `2019-02-14`).
    static func stringNode(_ value: String) -> Node {
        let plain = Node(value)
        guard YAMLNodes.tagName(plain) != .str else { return plain }
        return Node(value, Tag(.str), .singleQuoted)
    }

    /// `[a, b]`, or nil for an empty list (the key is then left out).
    static func flowList(_ values: [String]) -> String? {
        guard !values.isEmpty else { return nil }
        return serialize(Node(values.map(stringNode), Tag(.seq), .flow))
    }

    private static func serialize(_ node: Node) -> String {
        do {
            return try Yams.serialize(node: node, width: -1, allowUnicode: true).trimmingCharacters(in: .newlines)
        } catch {
            preconditionFailure("a string always serializes as YAML: \(error)")
        }
    }
}
