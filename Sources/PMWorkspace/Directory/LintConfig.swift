import PMDocument
import Yams

/// The `lint:` part of `pm.yml`.
public struct LintConfig: Sendable {
    /// Rule id → level, overriding the rule's default.
    public var levels: [RuleID: LintLevel] = [:]
    /// The action kinds `#kind` may name.
    public var kinds: [String] = LintConfig.defaultKinds
    /// Labels of built-in blameless phrases to stop flagging (checked against the built-in phrases by
    /// the linter, which knows them).
    public var removedPhrases: Set<String> = []
    /// The line of `lint.blameless.remove:` in pm.yml, for errors about it.
    public var removedPhrasesLine: Int?
    /// Phrases the team adds.
    public var addedPhrases: [PhraseSpec] = []
    /// The team's people (`lint.blameless.people`: names or @handles), read as people in every postmortem
    /// besides each file's responders, facilitator, action owners and @mentions.
    public var people: [String] = []

    /// A phrase a team adds to the blameless check, as written in pm.yml.
    public struct PhraseSpec: Sendable, Equatable {
        public enum Form: Sendable, Equatable {
            /// Plain words, matched as whole words in any case.
            case words(String)
            /// A regular expression, matched in any case.
            case pattern(String, label: String)
        }

        public var form: Form
        public var suggestion: String

        public init(_ form: Form, suggestion: String) {
            self.form = form
            self.suggestion = suggestion
        }
    }

    public static let defaultKinds = ["prevent", "detect", "mitigate", "process", "runbook"]

    public init() {}

    /// Reads the `lint:` mapping; `path` and lines are named in errors.
    static func parse(_ node: Node, path: String) throws(PMError) -> LintConfig {
        func fail(_ node: Node?, _ problem: String) -> PMError {
            .invalidConfig(path: path, line: node?.mark?.line, problem: problem)
        }
        var config = LintConfig()
        guard let mapping = node.mapping else {
            throw fail(node, "`lint:` must be a mapping with rules:, kinds: or blameless:")
        }
        for (keyNode, value) in mapping {
            switch keyNode.scalar?.string {
            case "rules":
                guard let rules = value.mapping else {
                    throw fail(value, "`lint.rules:` must map rule ids to error, warning or off")
                }
                for (ruleNode, levelNode) in rules {
                    let id = ruleNode.scalar?.string ?? ""
                    if RuleID.retired.contains(RuleID(rawValue: id)) { continue }
                    guard RuleID.all.contains(RuleID(rawValue: id)) else {
                        throw fail(
                            ruleNode,
                            "`\(id)` is not a lint rule; the rules are "
                                + "\(RuleID.all.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    guard let level = levelNode.scalar.flatMap({ LintLevel(rawValue: $0.string.lowercased()) }) else {
                        throw fail(levelNode, "`lint.rules.\(id)` must be error, warning or off")
                    }
                    config.levels[RuleID(rawValue: id)] = level
                }
            case "kinds":
                guard let kinds = value.sequence?.compactMap({ $0.scalar?.string.lowercased() }), !kinds.isEmpty else {
                    throw fail(
                        value,
                        "`lint.kinds:` must be a list of words, like [prevent, detect, mitigate, process, runbook]")
                }
                config.kinds = kinds
            case "blameless":
                guard let blameless = value.mapping else {
                    throw fail(value, "`lint.blameless:` must be a mapping with add:, remove: or people:")
                }
                for key in blameless.keys where !["add", "remove", "people"].contains(key.scalar?.string ?? "") {
                    throw fail(
                        key, "unknown key `lint.blameless.\(key.scalar?.string ?? "")`; use add:, remove: or people:")
                }
                if let people = blameless["people"] {
                    guard let names = people.sequence?.compactMap({ $0.scalar?.string }),
                        names.count == people.sequence?.count
                    else {
                        throw fail(people, "`lint.blameless.people:` must be a list of names or @handles")
                    }
                    config.people = names
                }
                if let remove = blameless["remove"] {
                    guard let labels = remove.sequence?.compactMap({ $0.scalar?.string }) else {
                        throw fail(
                            remove,
                            "`lint.blameless.remove:` must be a list of phrase labels (see `pm lint --list-phrases`)")
                    }
                    config.removedPhrases = Set(labels)
                    config.removedPhrasesLine = remove.mark?.line
                }
                if let add = blameless["add"] {
                    guard let entries = add.sequence else {
                        throw fail(add, "`lint.blameless.add:` must be a list of phrases")
                    }
                    for entry in entries {
                        config.addedPhrases.append(try phrase(entry, fail: fail))
                    }
                }
            default:
                throw fail(
                    keyNode, "unknown key `lint.\(keyNode.scalar?.string ?? "")`; use rules:, kinds: or blameless:")
            }
        }
        return config
    }

    /// A team phrase: plain words (`- rockstar`), or `{phrase: …, suggestion: …}`, or
    /// `{pattern: REGEX, suggestion: …}`.
    private static func phrase(_ node: Node, fail: (Node?, String) -> PMError) throws(PMError) -> PhraseSpec {
        let defaultSuggestion = "describe what in the system allowed it, not who"
        if let words = node.scalar?.string, !words.isEmpty {
            return PhraseSpec(.words(words), suggestion: defaultSuggestion)
        }
        guard let mapping = node.mapping else {
            throw fail(node, "each added phrase is words, or a mapping with phrase: or pattern:")
        }
        let suggestion = mapping["suggestion"]?.scalar?.string ?? defaultSuggestion
        if let words = mapping["phrase"]?.scalar?.string, !words.isEmpty {
            return PhraseSpec(.words(words), suggestion: suggestion)
        }
        if let pattern = mapping["pattern"]?.scalar?.string, !pattern.isEmpty {
            return PhraseSpec(
                .pattern(pattern, label: mapping["label"]?.scalar?.string ?? pattern), suggestion: suggestion)
        }
        throw fail(node, "an added phrase needs phrase: (words) or pattern: (a regular expression)")
    }
}

/// How loudly a lint rule speaks, as set in `pm.yml` (`lint.rules.RULE: error|warning|off`).
public enum LintLevel: String, Sendable, CaseIterable {
    case error, warning, off
}
