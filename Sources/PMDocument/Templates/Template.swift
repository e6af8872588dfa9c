import Foundation

/// A versioned postmortem template: its questions, each with a stable key, and the Markdown scaffold.
public struct Template: Sendable, Hashable {
    /// One question of a template.
    public struct Question: Sendable, Hashable {
        /// The stable key that survives rewording (`impact`, `root-cause`, `actions` …).
        public var key: String
        /// The heading as this version words it.
        public var heading: String
        /// Other wordings that mean the same question.
        public var aliases: [String]
        /// The template's own text under the heading (guidance, usually an HTML comment).
        public var placeholderMarkdown: String
        /// The plain text of the placeholder (what remains visible); empty for a comment.
        public var placeholderText: String

        public init(
            key: String, heading: String, aliases: [String], placeholderMarkdown: String, placeholderText: String
        ) {
            self.key = key
            self.heading = heading
            self.aliases = aliases
            self.placeholderMarkdown = placeholderMarkdown
            self.placeholderText = placeholderText
        }
    }

    /// Where a template comes from.
    public enum Origin: Sendable, Hashable {
        case builtIn
        case team(path: String)
    }

    public var name: String
    public var version: Int
    public var description: String
    public var questions: [Question]
    public var origin: Origin

    public init(name: String, version: Int, description: String, questions: [Question], origin: Origin) {
        self.name = name
        self.version = version
        self.description = description
        self.questions = questions
        self.origin = origin
    }

    /// `name@version`.
    public var reference: TemplateReference { TemplateReference(name: name, version: version) }

    /// The Markdown of the sections a new postmortem starts with: each heading and its placeholder.
    public var scaffold: String {
        questions.map { question in
            let placeholder = question.placeholderMarkdown.trimmingCharacters(in: .whitespacesAndNewlines)
            return placeholder.isEmpty ? "## \(question.heading)\n" : "## \(question.heading)\n\n\(placeholder)\n"
        }.joined(separator: "\n")
    }
}
