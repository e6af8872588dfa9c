/// Every template pm knows, and the heading-to-key index the parser reads sections with.
public struct TemplateCatalog: Sendable {
    /// Templates sorted by name, then version.
    public private(set) var templates: [Template]
    /// Normalised heading or alias → stable key, over every template.
    private var keysByHeading: [String: String] = [:]
    /// Stable key → normalised placeholder texts that do not count as an answer.
    private var placeholdersByKey: [String: Set<String>] = [:]
    /// Headings claimed by two different keys (a template mistake worth reporting).
    public private(set) var conflicts: [String] = []

    public init(templates: [Template]) {
        self.templates = templates.sorted { ($0.name, $0.version) < ($1.name, $1.version) }
        for template in self.templates {
            for question in template.questions {
                for heading in [question.heading] + question.aliases {
                    let normalized = HeadingKey.normalize(heading)
                    if let existing = keysByHeading[normalized], existing != question.key {
                        conflicts.append("\"\(heading)\" means `\(existing)` in one template and `\(question.key)` in \(template.reference)")
                        continue
                    }
                    keysByHeading[normalized] = question.key
                }
                let placeholder = Self.normalizeText(question.placeholderText)
                if !placeholder.isEmpty { placeholdersByKey[question.key, default: []].insert(placeholder) }
            }
        }
    }

    /// The templates compiled into pm from the repository's `Templates/` folder.
    public static let builtIn: TemplateCatalog = {
        let templates = EmbeddedResources.files
            .filter { !$0.key.contains("/") && $0.key.hasSuffix(".md") }
            .sorted { $0.key < $1.key }
            .map { path, text in
                do {
                    return try TemplateParser.parse(text, path: "Templates/\(path)", origin: .builtIn)
                } catch {
                    preconditionFailure("built-in template \(path) is malformed: \(error.localizedDescription)")
                }
            }
        return TemplateCatalog(templates: templates)
    }()

    /// The stable key a heading means in any known template, or nil.
    public func key(forHeading heading: String) -> String? {
        keysByHeading[HeadingKey.normalize(heading)]
    }

    /// Whether `text` is only a template's placeholder for `key` (so the section is unanswered).
    public func isPlaceholder(_ text: String, key: String?) -> Bool {
        let normalized = Self.normalizeText(text)
        if normalized.isEmpty { return true }
        guard let key else { return false }
        return placeholdersByKey[key]?.contains(normalized) ?? false
    }

    /// The template a reference names; a reference without a version means the newest version.
    public func template(_ reference: TemplateReference) -> Template? {
        let named = templates.filter { $0.name == reference.name }
        guard let version = reference.version else { return named.last }
        return named.first { $0.version == version }
    }

    /// The newest version of the newest-named template family: the fallback default.
    public var newest: Template? {
        templates.max { ($0.version, $0.name) < ($1.version, $1.name) }
    }

    private static func normalizeText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
