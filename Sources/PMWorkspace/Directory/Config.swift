import PMDocument
import Yams

/// A team's settings, from `pm.yml` in the postmortems directory.
public struct Config: Sendable {
    /// The template `pm new` uses when none is named; nil means the newest built-in.
    public var defaultTemplate: TemplateReference?
    /// Severities from most to least severe.
    public var severities: [String]
    /// What `pm lint` checks and how loudly.
    public var lint = LintConfig()
    /// Where ticket keys link to (`tickets:`).
    public var tickets = TicketLinks()
    /// Where the site `pm render` builds is published (`site_url:`), for links to incident pages.
    public var siteURL: String?
    /// The review policies `pm lint` enforces; none unless pm.yml has a `policies:` section.
    public var policies = PolicyConfig()

    public static let fileName = "pm.yml"
    public static let defaultSeverities = ["critical", "high", "medium", "low"]

    public init(defaultTemplate: TemplateReference? = nil, severities: [String] = Config.defaultSeverities) {
        self.defaultTemplate = defaultTemplate
        self.severities = severities
    }

    /// Rank of a severity for sorting: 0 for the most severe; unknown severities after known ones.
    public func rank(ofSeverity severity: String?) -> Int {
        guard let severity else { return severities.count + 1 }
        return severities.firstIndex(of: severity) ?? severities.count
    }

    /// The config file `pm init` writes.
    public static func initialText(template: TemplateReference) -> String {
        let builtIn = TemplateCatalog.builtIn.templates.map(\.reference.description).joined(separator: ", ")
        return """
            # pm configuration: `pm init --help` says what can go here.
            # The template `pm new` uses unless --template names another; `pm template list` shows them.
            # Built in: \(builtIn).
            template: \(template)
            # Severity levels, most severe first. critical: worth waking someone at 3 a.m.
            severities: [\(defaultSeverities.joined(separator: ", "))]

            """
    }

    /// Parses a config file's text; `path` is named in errors.
    public static func parse(_ text: String, path: String) throws(PMError) -> Config {
        let root: Node?
        do {
            root = try YAMLNodes.compose(text)
        } catch let error as YamlError {
            let (line, problem) = YAMLNodes.describe(error)
            throw .invalidConfig(path: path, line: line, problem: "not valid YAML: \(problem)")
        } catch {
            throw .invalidConfig(path: path, line: nil, problem: "not valid YAML: \(error)")
        }
        var config = Config()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw .invalidConfig(
                path: path, line: root.mark?.line,
                problem: "the config must be `key: value` lines (template:, severities:)")
        }
        var policies: Node?
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            switch keyNode.scalar?.string {
            case "template":
                guard let text = value.scalar?.string, let reference = TemplateReference(text) else {
                    throw .invalidConfig(
                        path: path, line: line, problem: "`template:` must be NAME@VERSION, like six-questions@2")
                }
                config.defaultTemplate = reference
            case "severities":
                guard let list = value.sequence?.compactMap({ $0.scalar?.string.lowercased() }), !list.isEmpty,
                    list.count == value.sequence?.count
                else {
                    throw .invalidConfig(
                        path: path, line: line,
                        problem: "`severities:` must be a list, most severe first, like [critical, high, medium, low]")
                }
                config.severities = list
            case "lint":
                config.lint = try LintConfig.parse(value, path: path)
            case "tickets":
                config.tickets = try TicketLinks.parse(value, path: path)
            case "site_url":
                guard let text = value.scalar?.string, !text.contains(where: \.isWhitespace), !text.isEmpty else {
                    throw .invalidConfig(
                        path: path, line: line,
                        problem: "`site_url:` must be the address of the published site, like https://pm.example.com/")
                }
                config.siteURL = text
            case "policies":
                // Read last: its severities are checked against `severities:`, wherever that is written.
                policies = value
            default:
                // Keys for later features (render, stats) are read by those features.
                continue
            }
        }
        if let policies {
            config.policies = try PolicyConfig.parse(policies, severities: config.severities, path: path)
        }
        return config
    }
}
