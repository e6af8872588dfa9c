import Foundation
import Yams

/// What `pm new` knows about an incident when it scaffolds the postmortem.
public struct NewPostmortem: Sendable {
    public var title: String
    public var date: CalendarDate
    public var severity: String?
    public var status: Status = .draft
    public var template: Template
    public var started: Timestamp?
    public var detected: Timestamp?
    public var acknowledged: Timestamp?
    public var resolved: Timestamp?
    public var detection: String?
    public var responders: [String] = []
    public var facilitator: String?
    public var services: [String] = []
    public var tags: [String] = []

    public init(title: String, date: CalendarDate, template: Template) {
        self.title = title
        self.date = date
        self.template = template
    }
}

/// Writes new postmortem files from a template, never overwriting one.
public enum Scaffolder {
    /// The file's text: front matter filled in, then the title and the template's questions.
    public static func render(_ new: NewPostmortem, severities: [String]) -> String {
        var lines = ["---"]
        func add(_ key: String, _ value: String?) {
            if let value { lines.append("\(key): \(value)") }
        }
        add("title", scalar(new.title))
        add("date", new.date.description)
        if let severity = new.severity {
            add("severity", scalar(severity))
        } else {
            lines.append("severity:  # \(severities.joined(separator: " | "))")
        }
        add("status", new.status.rawValue)
        add("template", new.template.reference.description)
        add("started", new.started?.description)
        add("detected", new.detected?.description)
        add("acknowledged", new.acknowledged?.description)
        add("resolved", new.resolved?.description)
        add("detection", new.detection.map(scalar))
        add("responders", flowList(new.responders))
        add("facilitator", new.facilitator.map(scalar))
        add("services", flowList(new.services))
        add("tags", flowList(new.tags))
        lines.append("---")
        return lines.joined(separator: "\n") + "\n\n# \(new.title)\n\n" + new.template.scaffold
    }

    /// Creates `DATE-SLUG.md` in `directory` (or `DATE-SLUG-2.md`, `-3` … when taken) with exclusive
    /// creation, so concurrent runs never overwrite each other; returns the path written.
    public static func create(_ new: NewPostmortem, in directory: PostmortemsDirectory) throws(PMError) -> String {
        let contents = Array(render(new, severities: directory.config.severities).utf8)
        let stem = "\(new.date)-\(Slug.make(new.title))"
        var attempt = 1
        while true {
            let name = attempt == 1 ? "\(stem).md" : "\(stem)-\(attempt).md"
            let path = (directory.path as NSString).appendingPathComponent(name)
            do {
                try FileCreation.create(at: path, contents: contents)
                return path
            } catch is FileCreation.AlreadyExists {
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
        serialize(Node(value))
    }

    /// `[a, b]`, or nil for an empty list (the key is then left out).
    static func flowList(_ values: [String]) -> String? {
        guard !values.isEmpty else { return nil }
        return serialize(Node(values.map { Node($0) }, Tag(.seq), .flow))
    }

    private static func serialize(_ node: Node) -> String {
        do {
            return try Yams.serialize(node: node, width: -1, allowUnicode: true).trimmingCharacters(in: .newlines)
        } catch {
            preconditionFailure("a string always serializes as YAML: \(error)")
        }
    }
}
