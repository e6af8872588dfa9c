import PMDocument
import PMWorkspace

/// `pm template list` and `pm template show`.
public struct TemplateListing: Sendable {
    public var catalog: TemplateCatalog
    /// The template `pm new` uses without --template.
    public var defaultTemplate: TemplateReference?

    public init(catalog: TemplateCatalog, defaultTemplate: TemplateReference?) {
        self.catalog = catalog
        self.defaultTemplate = defaultTemplate
    }

    struct Record: Encodable {
        var template: String
        var name: String
        var version: Int
        var origin: String
        @NullWhenMissing var path: String?
        var questions: Int
        var isDefault: Bool
        var description: String

        enum CodingKeys: String, CodingKey {
            case template, name, version, origin, path, questions
            case isDefault = "default"
            case description
        }

    }

    func record(_ template: Template) -> Record {
        let path: String? = if case .team(let path) = template.origin { path } else { nil }
        return Record(
            template: template.reference.description, name: template.name, version: template.version,
            origin: path == nil ? "built-in" : "team", path: path, questions: template.questions.count,
            isDefault: template.reference == defaultTemplate, description: template.description)
    }

    public func write(json: Bool, style: TerminalStyle, to output: inout some TextOutputStream) {
        let records = catalog.templates.map(record)
        if json {
            JSONOutput.write(records, to: &output)
            return
        }
        let rows: [[TextTable.Cell]] = records.map { record in
            [
                TextTable.Cell(record.template, emphasis: record.isDefault ? .strong : nil),
                TextTable.Cell(record.path.map { "team (\($0))" } ?? "built-in"),
                TextTable.Cell(String(record.questions)), TextTable.Cell(record.isDefault ? "default" : ""),
                TextTable.Cell(record.description),
            ]
        }
        TextTable(
            headers: ["TEMPLATE", "ORIGIN", "QUESTIONS", "DEFAULT", "DESCRIPTION"],
            groups: [.init(title: nil, rows: rows)],
            shrinkOrder: [(4, 20)]
        ).write(to: &output, style: style)
    }

    struct QuestionRecord: Encodable {
        var key: String
        var heading: String
        var aliases: [String]
        var placeholder: String
    }

    struct DetailRecord: Encodable {
        var template: Record
        var questions: [QuestionRecord]
    }

    public func writeDetail(
        _ template: Template, json: Bool, style: TerminalStyle, to output: inout some TextOutputStream
    ) {
        let summary = record(template)
        if json {
            JSONOutput.write(
                DetailRecord(
                    template: summary,
                    questions: template.questions.map {
                        QuestionRecord(
                            key: $0.key, heading: $0.heading, aliases: $0.aliases, placeholder: $0.placeholderMarkdown)
                    }), to: &output)
            return
        }
        output.write(
            "\(summary.template) "
                + "(\(summary.path.map { "team: \($0)" } ?? "built-in")\(summary.isDefault ? ", default" : ""))\n"
        )
        if !summary.description.isEmpty { output.write("\(summary.description)\n") }
        output.write("\n")
        let rows: [[TextTable.Cell]] = template.questions.map {
            [TextTable.Cell($0.key), TextTable.Cell($0.heading), TextTable.Cell($0.aliases.joined(separator: " · "))]
        }
        TextTable(
            headers: ["KEY", "HEADING", "ALIASES"], groups: [.init(title: nil, rows: rows)],
            shrinkOrder: [(2, 20), (1, 30)]
        )
        .write(to: &output, style: style)
    }
}
