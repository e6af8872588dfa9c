import PMDocument
import Yams

/// Where ticket keys link to: `pm.yml`'s `tickets:` maps a project key to its tracker's URL pattern,
/// `{}` standing for the ticket (`tickets: {PAY: "https://jira.example.com/browse/{}"}`).
public struct TicketLinks: Sendable, Equatable {
    /// Project key (`PAY`) → URL pattern with `{}`.
    public var patterns: [String: String]

    public init(_ patterns: [String: String] = [:]) {
        self.patterns = patterns
    }

    /// The URL of a ticket: a URL ticket is its own link; `PAY-812` takes its project's pattern; nil
    /// when pm.yml names no pattern for its project.
    public func url(for ticket: String) -> String? {
        let lower = ticket.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") { return ticket }
        guard let dash = ticket.firstIndex(of: "-"), let pattern = patterns[String(ticket[..<dash])] else {
            return nil
        }
        return pattern.replacingOccurrences(of: "{}", with: ticket)
    }

    /// A fingerprint of the patterns, for pages that change when they do.
    public var fingerprint: String {
        patterns.keys.sorted().map { "\($0)=\(patterns[$0]!)" }.joined(separator: "\u{0}")
    }

    /// Reads the `tickets:` mapping; `path` and lines are named in errors.
    static func parse(_ node: Node, path: String) throws(PMError) -> TicketLinks {
        let shape =
            "`tickets:` maps a project key to its tracker's URL with {} for the ticket, like "
            + "tickets: {PAY: \"https://jira.example.com/browse/{}\"}"
        guard let mapping = node.mapping else {
            throw .invalidConfig(path: path, line: node.mark?.line, problem: shape)
        }
        var patterns: [String: String] = [:]
        for (key, value) in mapping {
            guard let project = key.scalar?.string, ActionTokens.isTicket(project + "-1"),
                let pattern = value.scalar?.string
            else {
                throw .invalidConfig(path: path, line: key.mark?.line, problem: shape)
            }
            let lower = pattern.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), pattern.contains("{}") else {
                throw .invalidConfig(
                    path: path, line: value.mark?.line,
                    problem: "the ticket URL of \(project) must be an http(s) URL with {} where the ticket goes, "
                        + "like https://jira.example.com/browse/{}")
            }
            patterns[project] = pattern
        }
        return TicketLinks(patterns)
    }
}
