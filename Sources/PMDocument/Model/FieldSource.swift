/// Where pm read a field of a postmortem: what `pm show --format json` reports beside each value, so a
/// reader can tell a stated date from one inferred from the timeline.
public enum FieldSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The YAML front matter (or another tool's name for the key, `start_time` for `started`).
    case frontMatter = "front matter"
    /// A heading: the title heading, a section (`## Impact`), or a heading holding the value (`## Date: …`).
    case heading
    /// A label in the text: `**Severity:** high`, `- impact: …`, a row of a key/value table.
    case label
    /// The file name (`2021-07-11-db-failover.md`, `06-nov-2022-db.md`).
    case fileName = "file name"
    /// A sentence of the opening text (`On Monday, May 3rd, 2021, the registry …`).
    case text
    /// Worked out rather than stated: the first dated entry of the timeline.
    case inferred
}

/// What pm noticed while reading a postmortem written elsewhere that a person should fix or confirm;
/// `pm lint` reports them.
public struct ReadingProblem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Nothing in the file or its name gives the incident's date.
        case noDate
        /// A section reads as the actions, but no item could be read from it.
        case unreadActions(heading: String)
        /// A heading looks like the root cause, but its wording was not recognised.
        case unrecognisedCause(heading: String)
    }

    public var kind: Kind
    /// The 1-based line it concerns.
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }
}
