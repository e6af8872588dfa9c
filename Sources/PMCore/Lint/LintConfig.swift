import Yams

/// The `lint:` part of `pm.yml`.
public struct LintConfig: Sendable {
    /// Rule id → level, overriding the rule's default.
    public var levels: [String: LintLevel] = [:]
    /// The action kinds `#kind` may name.
    public var kinds: [String] = LintConfig.defaultKinds
    /// Labels of built-in blameless phrases to stop flagging.
    public var removedPhrases: Set<String> = []
    /// Phrases the team adds.
    public var addedPhrases: [BlamelessLanguage.Phrase] = []

    public static let defaultKinds = ["prevent", "detect", "mitigate", "process", "runbook"]

    public init() {}

    /// Reads the `lint:` mapping; `path` and lines are named in errors.
    static func parse(_ node: Node, path: String) throws(PMError) -> LintConfig {
        func fail(_ node: Node?, _ problem: String) -> PMError {
            .invalidConfig(path: path, line: node?.mark?.line, problem: problem)
        }
        var config = LintConfig()
        guard let mapping = node.mapping else { throw fail(node, "`lint:` must be a mapping with rules:, kinds: or blameless:") }
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string {
            case "rules":
                guard let rules = value.mapping else { throw fail(value, "`lint.rules:` must map rule ids to error, warning or off") }
                for (ruleNode, levelNode) in rules {
                    let id = ruleNode.scalar?.string ?? ""
                    guard LintRule.named(id) != nil else {
                        throw fail(ruleNode, "`\(id)` is not a lint rule; the rules are \(LintRule.all.map(\.id).joined(separator: ", "))")
                    }
                    guard let level = levelNode.scalar.flatMap({ LintLevel(rawValue: $0.string.lowercased()) }) else {
                        throw fail(levelNode, "`lint.rules.\(id)` must be error, warning or off")
                    }
                    config.levels[id] = level
                }
            case "kinds":
                guard let kinds = value.sequence?.compactMap({ $0.scalar?.string.lowercased() }), !kinds.isEmpty else {
                    throw fail(value, "`lint.kinds:` must be a list of words, like [prevent, detect, mitigate, process, runbook]")
                }
                config.kinds = kinds
            case "blameless":
                guard let blameless = value.mapping else { throw fail(value, "`lint.blameless:` must be a mapping with add: or remove:") }
                if let remove = blameless["remove"] {
                    guard let labels = remove.sequence?.compactMap({ $0.scalar?.string }) else {
                        throw fail(remove, "`lint.blameless.remove:` must be a list of phrase labels (see `pm lint --list-phrases`)")
                    }
                    let known = Set(BlamelessLanguage.builtInPhrases.map { $0.label.lowercased() })
                    if let unknown = labels.first(where: { !known.contains($0.lowercased()) }) {
                        throw fail(remove, "`\(unknown)` is not a built-in phrase label (see `pm lint --list-phrases`)")
                    }
                    config.removedPhrases = Set(labels)
                }
                if let add = blameless["add"] {
                    guard let entries = add.sequence else { throw fail(add, "`lint.blameless.add:` must be a list of phrases") }
                    for entry in entries {
                        config.addedPhrases.append(try phrase(entry, fail: fail))
                    }
                }
            default:
                throw fail(keyNode, "unknown key `lint.\(keyNode.scalar?.string ?? "")`; use rules:, kinds: or blameless:")
            }
        }
        return config
    }

    /// A team phrase: plain words (`- rockstar`), or `{phrase: …, suggestion: …}`, or `{pattern: REGEX, suggestion: …}`.
    private static func phrase(_ node: Node, fail: (Node?, String) -> PMError) throws(PMError) -> BlamelessLanguage.Phrase {
        let defaultSuggestion = "describe what in the system allowed it, not who"
        if let words = node.scalar?.string, !words.isEmpty {
            return BlamelessLanguage.Phrase(words: words, suggestion: defaultSuggestion)
        }
        guard let mapping = node.mapping else { throw fail(node, "each added phrase is words, or a mapping with phrase: or pattern:") }
        let suggestion = mapping["suggestion"]?.scalar?.string ?? defaultSuggestion
        if let words = mapping["phrase"]?.scalar?.string, !words.isEmpty {
            return BlamelessLanguage.Phrase(words: words, suggestion: suggestion)
        }
        if let pattern = mapping["pattern"]?.scalar?.string, !pattern.isEmpty {
            return BlamelessLanguage.Phrase(label: mapping["label"]?.scalar?.string ?? pattern, pattern: pattern, suggestion: suggestion)
        }
        throw fail(node, "an added phrase needs phrase: (words) or pattern: (a regular expression)")
    }
}
