import Foundation
import Yams

/// A template file that cannot be used; the message names the file and line and what to fix.
public struct TemplateError: Error, UserFacingError, Sendable, Equatable {
    public var path: String
    public var line: Int?
    public var problem: String

    public init(path: String, line: Int?, problem: String) {
        self.path = path
        self.line = line
        self.problem = problem
    }

    public var errorDescription: String? {
        "\(path)\(line.map { ":\($0)" } ?? ""): template error: \(problem)"
    }
}

/// Reads a template file: YAML front matter (name, version, description, questions with key,
/// heading and aliases) followed by one `##` section per question, in order, holding its placeholder.
public enum TemplateParser {
    public static func parse(_ text: String, path: String, origin: Template.Origin) throws -> Template {
        let source = SourceText(bytes: Array(text.utf8))
        let layout = FrontMatterParser.layout(of: source)
        guard let yamlLines = layout.yamlLines else {
            throw TemplateError(
                path: path, line: 1,
                problem: "a template starts with a --- front-matter block declaring name, version and questions")
        }
        func fail(_ line: Int?, _ problem: String) -> TemplateError {
            TemplateError(path: path, line: line, problem: problem)
        }
        let fileLine = { (node: Node?) -> Int? in node?.mark.map { $0.line + yamlLines.lowerBound - 1 } }

        let root: Node?
        do {
            root = try YAMLNodes.compose(layout.yaml)
        } catch let error as YamlError {
            let (line, problem) = YAMLNodes.describe(error)
            throw fail(line.map { $0 + yamlLines.lowerBound - 1 }, "invalid YAML: \(problem)")
        }
        guard let mapping = root?.mapping else {
            throw fail(yamlLines.lowerBound, "the front matter must be a mapping with name, version and questions")
        }
        guard let name = mapping["name"]?.scalar?.string, TemplateReference(name)?.version == nil,
            TemplateReference(name) != nil
        else {
            throw fail(
                fileLine(mapping["name"]) ?? yamlLines.lowerBound,
                "`name:` is missing or not a plain name (letters, digits, -)")
        }
        guard let versionNode = mapping["version"], let version = Int(versionNode.scalar?.string ?? ""), version > 0
        else {
            throw fail(
                fileLine(mapping["version"]) ?? yamlLines.lowerBound,
                "`version:` is missing or not a positive whole number")
        }
        let description = mapping["description"]?.scalar?.string ?? ""
        guard let questionNodes = mapping["questions"]?.sequence, !questionNodes.isEmpty else {
            throw fail(
                fileLine(mapping["questions"]) ?? yamlLines.lowerBound,
                "`questions:` must list the template's questions, each with key and heading")
        }

        var declared: [(key: String, heading: String, aliases: [String], line: Int?)] = []
        for node in questionNodes {
            let line = fileLine(node)
            guard let question = node.mapping,
                let key = question["key"]?.scalar?.string, !key.isEmpty,
                let heading = question["heading"]?.scalar?.string, !heading.isEmpty
            else {
                throw fail(line, "each question needs `key:` and `heading:`")
            }
            let aliases: [String]
            if let aliasNode = question["aliases"] {
                guard let list = aliasNode.sequence?.compactMap({ $0.scalar?.string }) else {
                    throw fail(fileLine(aliasNode), "`aliases:` of `\(key)` must be a list of headings")
                }
                aliases = list
            } else {
                aliases = []
            }
            if declared.contains(where: { $0.key == key }) { throw fail(line, "the key `\(key)` is declared twice") }
            declared.append((key, heading, aliases, line))
        }

        let body = Array(source.bytes[layout.bodyStart...])
        let tree = Cmark.parse(body)
        let split = SectionSplitter(tree: tree, source: source, lineOffset: layout.bodyFirstLine - 1)
        let bodyHeadings = split.sections.map(\.heading)
        guard bodyHeadings.map(HeadingKey.normalize) == declared.map({ HeadingKey.normalize($0.heading) }) else {
            let line = split.sections.first.map(\.startLine) ?? layout.bodyFirstLine
            throw fail(
                line,
                "the body's ## headings (\(bodyHeadings.joined(separator: " | "))) must be the declared questions' "
                    + "headings, in the same order"
            )
        }
        let questions = zip(declared, split.sections).map { declared, section in
            // The lines under the heading, with "\n" line ends whatever the file used.
            let placeholderLines = source.text(lines: section.headingEndLine + 1, section.endLine)
                .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            return Template.Question(
                key: declared.key, heading: declared.heading, aliases: declared.aliases,
                placeholderMarkdown: placeholderLines.joined(separator: "\n").trimmingCharacters(
                    in: .whitespacesAndNewlines),
                placeholderText: section.contentNodes.map { tree.plainText(of: $0) }.joined(separator: "\n")
            )
        }
        return Template(name: name, version: version, description: description, questions: questions, origin: origin)
    }
}

extension TemplateError {
    public var isUsageMistake: Bool { false }
}
