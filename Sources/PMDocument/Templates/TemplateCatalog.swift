import Foundation

/// Every template pm knows, and the heading-to-key index the parser reads sections with.
public struct TemplateCatalog: Sendable {
    /// Templates sorted by name, then version.
    public private(set) var templates: [Template]
    /// Normalised heading or alias → stable key, over every template.
    private var keysByHeading: [String: String] = [:]
    /// Each template heading and alias exactly as written → its key: most headings are written exactly so,
    /// and this skips normalising them.
    private var keysByExactHeading: [String: String] = [:]
    /// Stable key → normalised placeholder texts that do not count as an answer.
    private var placeholdersByKey: [String: Set<String>] = [:]
    /// Headings claimed by two different keys (a template mistake worth reporting).
    public private(set) var conflicts: [String] = []
    /// `fingerprint` as text: catalogs that read headings alike share it.
    public private(set) var identity = ""

    /// - Parameter templates: later templates replace earlier ones with the same `name@version`
    ///   (so a team's template overrides a built-in one).
    public init(templates: [Template]) {
        var byReference: [TemplateReference: Template] = [:]
        for template in templates { byReference[template.reference] = template }
        self.templates = byReference.values.sorted { ($0.name, $0.version) < ($1.name, $1.version) }
        // A team's wording wins over the built-in alias sets; a clash within either group is a conflict.
        var claimedByTeam: Set<String> = []
        let teamFirst =
            self.templates.filter { $0.origin != .builtIn } + self.templates.filter { $0.origin == .builtIn }
        for template in teamFirst {
            for question in template.questions {
                for heading in [question.heading] + question.aliases {
                    let normalized = HeadingKey.normalize(heading)
                    if let existing = keysByHeading[normalized], existing != question.key {
                        if !(template.origin == .builtIn && claimedByTeam.contains(normalized)) {
                            conflicts.append(
                                "\"\(heading)\" means `\(existing)` in one template and `\(question.key)` in "
                                    + "\(template.reference)"
                            )
                        }
                        continue
                    }
                    keysByHeading[normalized] = question.key
                    if template.origin != .builtIn { claimedByTeam.insert(normalized) }
                }
                let placeholder = Self.normalizeText(question.placeholderText)
                if !placeholder.isEmpty { placeholdersByKey[question.key, default: []].insert(placeholder) }
            }
        }
        for template in self.templates {
            for question in template.questions {
                for heading in [question.heading] + question.aliases {
                    keysByExactHeading[heading] = keysByHeading[HeadingKey.normalize(heading)]
                }
            }
        }
        identity = String(fingerprint, radix: 16)
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

    /// A fingerprint of everything the parser reads from the catalog (each heading's key and each key's
    /// placeholders), so a summary parsed with one catalog is never reused with another.
    public var fingerprint: UInt64 {
        var hash = ContentHash.of("catalog")
        for (heading, key) in keysByHeading.sorted(by: { $0.key < $1.key }) {
            hash = ContentHash.of(heading + "\u{0}" + key + "\u{1}", seed: hash)
        }
        for (key, placeholders) in placeholdersByKey.sorted(by: { $0.key < $1.key }) {
            hash = ContentHash.of(
                key + "\u{0}" + placeholders.sorted().joined(separator: "\u{0}") + "\u{1}", seed: hash)
        }
        return hash
    }

    /// The template family `pm new` uses when neither the command line nor pm.yml names one.
    public static let defaultFamily = "six-questions"

    /// The newest version of the default family.
    public var defaultTemplate: Template {
        guard let template = template(TemplateReference(name: Self.defaultFamily, version: nil)) else {
            preconditionFailure("pm ships the \(Self.defaultFamily) templates")
        }
        return template
    }

    /// The stable key a heading means in any known template, or nil.
    public func key(forHeading heading: String) -> String? {
        keysByExactHeading[heading] ?? keysByHeading[HeadingKey.normalize(heading)]
    }

    /// Whether a template's placeholder for `key` shows text (so telling an answer from it needs the text).
    public func hasVisiblePlaceholder(key: String?) -> Bool {
        key.map { placeholdersByKey[$0] != nil } ?? false
    }

    /// Whether `text` (trimmed plain text) is only a template's placeholder for `key` (so the section is unanswered).
    public func isPlaceholder(_ text: String, key: String?) -> Bool {
        if text.isEmpty { return true }
        // Most templates' placeholders are HTML comments, which leave no text: nothing to compare.
        guard let key, let placeholders = placeholdersByKey[key] else { return false }
        return placeholders.contains(Self.normalizeText(text))
    }

    /// The template a reference names; a reference without a version means the newest version.
    public func template(_ reference: TemplateReference) -> Template? {
        let named = templates.filter { $0.name == reference.name }
        guard let version = reference.version else { return named.last }
        return named.first { $0.version == version }
    }

    /// Runs of whitespace as one space, ends trimmed.
    private static func normalizeText(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
